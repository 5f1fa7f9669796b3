"""The minimum public comment period of a consultation, by what is consulted on (issue 21 item 4).

Sources (read at the source unless marked):
- 重大行政决策: 《重大行政决策程序暂行条例》（国务院令第713号）第十五条第一款 — "公开征求意见的期限一般
  不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。" (read in LawRefBook/Laws,
  行政法规/重大行政决策程序暂行条例(2019-04-20).md; the issue cites 第十四条, but the period is in 第十五条 —
  第十四条 names the ways of hearing the public.)
- 规章草案: 《规章制定程序条例》（2017年修订）第十五条第二款 — "向社会公布征求意见的期限一般不少于30日"
  (the same sentence in 第二十一条第二款 for the legal office's draft; read in LawRefBook/Laws,
  行政法规/规章制定程序条例(2017-12-22).md).
- 行政规范性文件: 《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）—
  public consultation "期限一般不少于7个工作日". Recalled, not read at the source here (FACTS.md has no
  entry for it), so the figure is a setting: ENGAGEMENT_MIN_CONSULTATION_PERIODS can override any row.

Reading of "不少于N日": the opening day is not counted (民法典第二百零一条, FACTS §9), so comments must still be
accepted on the N-th day (or the N-th working day, by the working-day calendar) after the opening day. Every
text says "一般": a shorter period is allowed with a reason that is published with the consultation.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.workdays import calendar

from .states import ConsultationKind as K

# kind -> (number, "days" | "working_days", source shown to staff)
DEFAULT_MINIMUMS = {
    K.MAJOR_DECISION: (30, "days", "《重大行政决策程序暂行条例》第十五条"),
    K.RULE: (30, "days", "《规章制定程序条例》第十五条"),
    K.NORMATIVE: (7, "working_days", "国办发〔2018〕37号"),
}


@dataclass(frozen=True)
class Minimum:
    count: int
    unit: str  # "days" or "working_days"
    source: str
    last_day: dt.date  # comments must still be accepted on this day

    @property
    def text(self) -> str:
        unit = _("日") if self.unit == "days" else _("个工作日")
        return _("%(source)s：征求意见期限一般不少于%(n)d%(unit)s（应至少持续到%(day)s）") % {
            "source": self.source, "n": self.count, "unit": unit, "day": self.last_day.strftime("%Y-%m-%d")}


def minimum(kind: str, opens_at: dt.datetime) -> Minimum:
    """Return the minimum period of a consultation of `kind` opening at `opens_at`."""
    count, unit, source = {**DEFAULT_MINIMUMS, **getattr(settings, "ENGAGEMENT_MIN_CONSULTATION_PERIODS", {})}[kind]
    first = timezone.localtime(opens_at).date()
    last = first + dt.timedelta(days=count) if unit == "days" else calendar.add_working_days(first, count)
    return Minimum(count, unit, source, last)


def last_day_open(closes_at: dt.datetime) -> dt.date:
    """The last day on which comments are accepted (closes_at itself is excluded, to the minute)."""
    return timezone.localtime(closes_at - dt.timedelta(minutes=1)).date()


def is_short(kind: str, opens_at: dt.datetime, closes_at: dt.datetime) -> bool:
    return last_day_open(closes_at) < minimum(kind, opens_at).last_day


def short_period_problem(kind: str, opens_at, closes_at, reason: str) -> str | None:
    """Return why the period is refused (too short and no reason given), or None."""
    if opens_at is None or closes_at is None or closes_at <= opens_at or not is_short(kind, opens_at, closes_at):
        return None
    if (reason or "").strip():
        return None
    return _("征求意见期限短于规定：%(rule)s。确需缩短的，请填写理由，理由将随征求意见一并公布。") % {
        "rule": minimum(kind, opens_at).text}
