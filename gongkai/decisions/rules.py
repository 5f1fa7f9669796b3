"""The 双公示 period and the documents it rests on, in words (shown on the pages and in the evaluation).

- Seed 003 附件2 (《安徽省安全生产监督管理局全面推进政务公开实施细则》附件2, 行政权力运行 column): 审批结果
  "对审批结果进行双公示" (行政审批办); 行政处罚结果 "每季度不少于1次更新 本级行政处罚进行双公示"
  (政策法规处, 各执法处室). The seed gives no period of its own.
- The period, 7 working days from the decision: 《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干
  意见》（国办发〔2015〕51号）（十八）"除法律法规另有规定外，应将行政许可、行政处罚等信息自作出行政决定之日起
  7个工作日内上网公开" (read as quoted on a government credit site, credit.shiyan.gov.cn — V-2nd); the
  2018 State Council opinion on the 行政执法公示制度 repeats "行政许可、行政处罚的执法决定信息要在执法决定作出
  之日起7个工作日内公开" (news report of its release — V-2nd; its 文号 not read, so not cited).
- Counting: the day of the decision is not counted (民法典第二百零一条, FACTS §9); the working-day engine
  (``gongkai.workdays``) skips weekends and statutory holidays and counts 调休 make-up days.
- 公示期限: how long a penalty stays on line changed over the years (发改办财金〔2019〕527号, then the NDRC's
  repair rules) and differs by field, so it is entered per decision by the office, never computed here.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongkai.workdays import calendar, engine

PUBLICATION_WORKING_DAYS = 7

ANHUI = "《安徽省安全生产监督管理局全面推进政务公开实施细则》"
STATE_COUNCIL_2015_51 = "《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号）"
RULE_TEXT = _("行政许可、行政处罚决定自作出决定之日起7个工作日内公示")
SOURCE_TEXT = (f"{STATE_COUNCIL_2015_51}（十八）：“应将行政许可、行政处罚等信息自作出行政决定之日起7个工作日内上网公开”；"
               f"{ANHUI}附件2“审批结果”“行政处罚结果”：“对审批结果进行双公示”“本级行政处罚进行双公示”")


def publication_deadline(decided_on: dt.date) -> engine.Deadline:
    """Return the explained date by which a decision taken on `decided_on` must be published."""
    return calendar.deadline(decided_on, PUBLICATION_WORKING_DAYS, rule=str(RULE_TEXT),
                             start_label=str(_("作出决定之日")))


def working_days_late(due_on: dt.date, published_on: dt.date) -> int:
    """Return how many working days after its due date a decision was published (0 when on time)."""
    if published_on <= due_on:
        return 0
    return calendar.working_days_between(due_on, published_on)
