"""Writes of the wording check in the workflow: check an object, apply a suggestion, override, block submission.

Every owning app calls ``check_object`` from its save and submit services (never from a view) and
``require_clear`` inside its submit transition: a severe open finding blocks the submission until it
is fixed or the organisation's leader keeps it with a reason — as the privacy check blocks
publication (``records.services.findings``).
"""
from __future__ import annotations

from contextvars import ContextVar

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.permissions import Action, require
from gongkai.wording import services as wording
from gongkai.wording.engine import Finding

from . import registry
from .selectors import current_text, of as _of
from .models import HeldText, WordingFinding
from .states import FindingStatus, Kind, Severity
from .workflow import FINDING_WORKFLOW

CONTEXT = 8  # characters before a finding that tell two occurrences of the same text apart
MAX_REASON = 500
LIVE = (FindingStatus.OPEN, FindingStatus.OVERRIDDEN)
# The finding whose suggestion is being applied: its own transition marks it fixed, not the re-check.
_applying: ContextVar[frozenset] = ContextVar("proofing_applying", default=frozenset())


def check_object(obj, fields: dict[str, str], *, organisation, on_date=None, actor, trusted: bool = False,
                 hold: bool = False) -> list[WordingFinding]:
    """Check `fields` (name → the text as stored) of `obj`; store the findings; return the open ones.

    A re-check keeps a finding (and its override) while the same text still stands at a place
    (positions follow the edits around it); an open finding no longer found is fixed (one audit
    row, by `actor`); an overridden one no longer found is dropped. Fields not named are left
    alone. `hold=True` keeps the texts as ``HeldText`` (objects written only on submission).
    ``trusted`` skips the permission check (the owning service checked, or a system step).
    """
    if not trusted:
        require(actor, Action.PROOFING_FIX, organisation)
    texts = {name: str(value or "") for name, value in fields.items()}
    found = wording.check_fields(texts, organisation=organisation, on_date=on_date)
    where = _of(obj)
    with transaction.atomic():
        for name, text in texts.items():
            if hold:
                HeldText.objects.update_or_create(**where, field=name, defaults={"text": text})
            _reconcile(where, organisation, name, text, found.get(name, []), actor)
    return list(WordingFinding.objects.filter(**where, status=FindingStatus.OPEN))


def _reconcile(where: dict, organisation, name: str, text: str, found: list[Finding], actor) -> None:
    unmatched = list(WordingFinding.objects.filter(**where, field=name, status__in=LIVE)
                     .exclude(pk__in=_applying.get()))
    for new in found:
        context = text[max(0, new.start - CONTEXT):new.start]
        same = [f for f in unmatched if f.rule == new.rule and f.text == new.text]
        match = next((f for f in same if f.context == context), None) or min(
            same, key=lambda f: abs(f.start - new.start), default=None)
        values = {"start": new.start, "end": new.end, "context": context, "kind": _known(new.kind, Kind),
                  "severity": _known(new.severity, Severity, Severity.SEVERE), "suggestion": new.suggestion or "",
                  "explanation": new.explanation or ""}
        if match is None:
            WordingFinding.objects.create(**where, organisation=organisation, field=name, text=new.text,
                                          rule=new.rule, **values)
            continue
        unmatched.remove(match)
        if any(getattr(match, k) != v for k, v in values.items()):
            WordingFinding.objects.filter(pk=match.pk).update(**values)
    for gone in unmatched:
        if gone.status == FindingStatus.OPEN:
            FINDING_WORKFLOW.run("resolve", gone, actor=actor, trusted=True, apply=_stamp(actor),
                                 reason=_("修改后不再出现。"))
        else:
            gone.delete()


def _known(value: str, choices, default=None) -> str:
    """The engine's value when it is one we know; else `default` (or the value as is)."""
    return value if value in choices.values or default is None else default


def _stamp(actor):
    def apply(locked):
        locked.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.resolved_at = clock.now()
    return apply


def apply_finding(finding: WordingFinding, actor) -> WordingFinding:
    """Apply the finding's suggestion to its field in one step, through the owning app's edit path.

    The kernel locks the finding, checks it is open and the actor may fix wording here; the text is
    rewritten (and re-checked) by the owning app's edit service — or, for a text held until
    submission, here — and the finding is marked fixed: one audit row for it.
    """
    spec = registry.spec_for(finding.content_type.model_class())

    def apply(locked):
        obj = registry.object_of(locked.content_type, locked.object_id)
        if obj is None or not spec.editable(obj):
            raise InvalidTransition(_("该内容已提交或不能再修改，不能应用建议。"))
        try:
            new = wording.apply_suggestion(current_text(obj, locked.field), _engine_finding(locked))
        except ValidationFailed:
            raise ValidationFailed(_("原文已经改动，请刷新页面后重试。")) from None
        token = _applying.set(_applying.get() | {locked.pk})
        try:
            if spec.held:
                check_object(obj, {locked.field: new}, organisation=spec.organisation(obj), on_date=spec.on_date(obj),
                             actor=actor, trusted=True, hold=True)
            else:
                spec.write(obj, locked.field, new, actor)
        finally:
            _applying.reset(token)
        _stamp(actor)(locked)

    return FINDING_WORKFLOW.run("apply", finding, actor=actor, apply=apply,
                                extra={"suggestion": finding.suggestion, "rule": finding.rule,
                                       "object": f"{finding.content_type.app_label}.{finding.content_type.model}"
                                                 f"#{finding.object_id}"}).instance


def _engine_finding(f: WordingFinding) -> Finding:
    return Finding(start=f.start, end=f.end, text=f.text, kind=f.kind, severity=f.severity,
                   suggestion=f.suggestion, rule=f.rule, explanation=f.explanation)


def override(finding: WordingFinding, actor, reason: str) -> WordingFinding:
    """The leader of the organisation keeps the wording as it stands, with a reason (audited)."""
    reason = " ".join(str(reason or "").split())

    def apply(locked):
        if not reason:
            raise ValidationFailed(_("保留原措辞必须说明理由。"), problems=[_("保留原措辞必须说明理由。")])
        if len(reason) > MAX_REASON:
            raise ValidationFailed(_("理由过长。"), problems=[_("理由不能超过%(n)d字。") % {"n": MAX_REASON}])
        locked.override_reason = reason
        _stamp(actor)(locked)

    return FINDING_WORKFLOW.run("override", finding, actor=actor, apply=apply, reason=reason,
                                extra={"rule": finding.rule, "severity": finding.severity}).instance


def blocking_problems(*objs, fields=None) -> list[str]:
    """One line per severe open finding of `objs` (None ignored; only `fields` when given), in Chinese."""
    problems = []
    for obj in objs:
        if obj is None or obj.pk is None:
            continue
        labels = registry.spec_for(obj).labels
        severe = WordingFinding.objects.filter(**_of(obj), status=FindingStatus.OPEN, severity=Severity.SEVERE)
        for f in severe.filter(field__in=fields) if fields is not None else severe:
            line = _("%(field)s：“%(text)s”（%(kind)s）") % {
                "field": labels.get(f.field, f.field), "text": f.text, "kind": f.get_kind_display()}
            if f.suggestion:
                line += _("，建议改为“%(s)s”") % {"s": f.suggestion}
            problems.append(line + (_("。%(e)s") % {"e": f.explanation} if f.explanation else _("。")))
    return problems


def require_clear(*objs, fields=None) -> None:
    """Raise ``ValidationFailed`` listing the severe open findings of `objs` (of `fields` only, when given):
    submission waits until each is fixed (应用建议 or an edit) or kept by the leader with a reason."""
    problems = blocking_problems(*objs, fields=fields)
    if problems:
        raise ValidationFailed(
            _("措辞检查发现 %(n)d 处严重问题：请修改，或由本机关领导说明理由后保留，方可提交。") % {"n": len(problems)},
            problems=problems)


def release_held(obj, fields=None) -> None:
    """Forget the held texts of `obj` (of `fields` only, when given) once the submission that writes them
    has gone through."""
    held = HeldText.objects.filter(**_of(obj))
    (held.filter(field__in=fields) if fields is not None else held).delete()
