"""The outreach duties of an organisation for one year, with their due dates and the documents they rest on.

- a press conference each quarter (季度新闻发布会制度), due at the quarter's last day;
- the head (主要负责人) attends at least one press conference a year, due 31 December;
- the head publishes at least one signed article a year (署名文章), due 31 December;
- one open day a year (开放日), held during the provincial People's Congress session; the session's
  dates change every year, so the duty is due 31 December and the seed's window is shown beside it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ANHUI = "《安徽省安全生产监督管理局全面推进政务公开实施细则》"
CONFERENCE_BASIS = _("%(doc)s二：“坚持季度新闻发布会制度”") % {"doc": ANHUI}
HEAD_BASIS = _("%(doc)s二、附件1第11项：“局主要负责人每年出席不少于1次新闻发布会”") % {"doc": ANHUI}
ARTICLE_BASIS = _("%(doc)s附件1第11项：“发表不少于1次重大决策署名文章”") % {"doc": ANHUI}
OPEN_DAY_BASIS = _("%(doc)s五（三）、附件1第22项：“每年省人代会期间安排一次开放日活动”") % {"doc": ANHUI}
LIVE_BASIS = _("%(doc)s一（二）、附件1第4项：涉及公众利益、需要社会广泛知晓的会议“应采取网络和新媒体直播等形式向社会公开”") % {
    "doc": ANHUI}

DONE, MISSING, NOT_DUE = "done", "missing", "not_due"
STATE_LABELS = {DONE: _("已完成"), MISSING: _("逾期未完成"), NOT_DUE: _("未到期")}


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of the quarter: the quarter's press conference is due by then."""
    first_of_next = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass
class Duty:
    label: str
    due: dt.date
    required: int
    done: int
    basis: str
    items: list = field(default_factory=list)  # the conferences/articles/open days counted
    window: str = ""

    def state(self, today: dt.date) -> str:
        if self.done >= self.required:
            return DONE
        return MISSING if today > self.due else NOT_DUE

    def state_label(self, today: dt.date) -> str:
        return str(STATE_LABELS[self.state(today)])
