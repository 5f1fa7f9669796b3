"""The transition table of a decision: 待公示 → 公示中 → 公示期满 / 已撤下 (with corrections while on line).

- ``publish``: the office puts the decision on the site; the publication date is stored, and the
  decision is late when it is after the due date (decision date + 7 working days, ``rules``).
- ``correct``: an audited change of a published decision's content (the national rule asks a decision
  that changes to be updated — "内容发生变化时，应当及时更新" in local 双公示 rules; the reason is kept).
- ``withdraw``: taken off the site before its term, with the reason (a decision revoked by
  行政复议/诉讼 or re-made, or published in error — the 2018 行政执法公示 opinion asks such decisions to be
  taken down at once).
- ``expire``: the 公示期限 entered for the decision has passed (the sweep ``decisions_expire`` runs it as a
  trusted system step; the office may too).
"""
from django.utils.translation import gettext_lazy as _

from gongkai.core import clock
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import Decision
from .states import DecisionEvent as E, DecisionStatus as S


def _term_over(decision) -> str | None:
    if decision.publicity_until is None:
        return str(_("该决定未设公示截止日期，不能按期满撤下。"))
    if decision.publicity_until >= clock.today():
        return str(_("公示期至%(d)s，尚未届满。") % {"d": decision.publicity_until.isoformat()})
    return None


def _snapshot(d) -> dict:
    return {"published_on": d.published_on.isoformat() if d.published_on else None}


DECISION_WORKFLOW = Workflow(Decision, snapshot=_snapshot, transitions=(
    Transition("edit", sources={S.DRAFT}, permission=Action.DECISION_EDIT, event=E.EDITED,
               label=_("修改"), offer=False),
    Transition("publish", sources={S.DRAFT}, target=S.PUBLISHED, permission=Action.DECISION_PUBLISH,
               event=E.PUBLISHED, label=_("公示")),
    Transition("correct", sources={S.PUBLISHED}, permission=Action.DECISION_PUBLISH, event=E.CORRECTED,
               label=_("更正"), offer=False),
    Transition("withdraw", sources={S.PUBLISHED}, target=S.WITHDRAWN, permission=Action.DECISION_PUBLISH,
               event=E.WITHDRAWN, label=_("撤下"), offer=False, style="danger"),
    Transition("expire", sources={S.PUBLISHED}, target=S.EXPIRED, permission=Action.DECISION_PUBLISH,
               event=E.EXPIRED, label=_("公示期满撤下"), condition=_term_over, style="secondary"),
))
