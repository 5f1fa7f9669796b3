"""The transition table of a wording finding, run by the workflow kernel (gongkai.core.workflow).

open → fixed: the suggestion was applied (``apply``) or a re-check no longer finds it (``resolve``,
run by the check itself for the editor who changed the text); open → overridden: the leader of
the organisation keeps the wording with a reason. Each writes exactly one audit row.
"""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import WordingFinding
from .states import FindingStatus, ProofingEvent

F = FindingStatus


def _has_suggestion(finding: WordingFinding) -> str | None:
    return None if finding.suggestion else _("该问题没有修改建议，请直接修改文本。")


audit.register_values("field", {}, label=gettext_lazy("字段"), model="proofing.wordingfinding")

FINDING_WORKFLOW = Workflow(
    WordingFinding,
    related=("organisation",),
    snapshot=lambda f: {"text": f.text, "field": f.field},
    transitions=(
        Transition("apply", sources={F.OPEN}, target=F.FIXED, permission=Action.PROOFING_FIX,
                   event=ProofingEvent.APPLIED, label=gettext_lazy("应用建议"), condition=_has_suggestion,
                   offer=False),
        Transition("resolve", sources={F.OPEN}, target=F.FIXED, permission=Action.PROOFING_FIX,
                   event=ProofingEvent.RESOLVED, label=gettext_lazy("修改后消除"), offer=False),
        Transition("override", sources={F.OPEN}, target=F.OVERRIDDEN, permission=Action.PROOFING_OVERRIDE,
                   event=ProofingEvent.OVERRIDDEN, label=gettext_lazy("说明理由保留"), offer=False),
    ),
)
