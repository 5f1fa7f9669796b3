"""Writes of the wording rules and leaders' tenures: each checks permission once, validates, writes
in one transaction, records one typed audit event and raises the rule-set version.

These are lists, not state machines: audited service writes (no workflow kernel)."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.core.privacy import normalise
from gongkai.core.validators import clean_text
from gongkai.organisations.models import Level
from gongkai.organisations.permissions import Action, require

from . import formats, shipped
from .models import Leader, RuleSwitch, Tenure, WordingRule
from .services import bump_version, chain_of
from .states import RuleKind, Severity, WordingEvent

EDITABLE_LEVELS = {Level.PROVINCE, Level.CITY, Level.COUNTY}
RULE_FIELDS = ("kind", "term", "suggestion", "severity", "source", "explanation", "valid_from", "valid_to", "active")


def require_edit(actor, organisation) -> None:
    """The one permission check of every write here."""
    require(actor, Action.WORDING_EDIT, organisation)
    if organisation.level not in EDITABLE_LEVELS:
        raise PermissionDenied(_("表述规则由省、市、县三级维护，本级沿用上级的规则。"))


def _date(value, label, problems):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(_("%(label)s格式应为 YYYY-MM-DD。") % {"label": label})
        return None


def _str(value, label, limit, problems, *, required=False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    value = clean_text(value)
    if required and not normalise(value)[0].strip():
        problems.append(_("请填写%(label)s。") % {"label": label})
    if len(value) > limit:
        problems.append(_("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": limit})
    return value


def clean_rule(data: dict) -> dict:
    """Validate one rule's fields; raise ValidationFailed listing every problem."""
    problems: list[str] = []
    out = {
        "kind": str(data.get("kind") or ""),
        "severity": str(data.get("severity") or Severity.MAJOR),
        "term": _str(data.get("term"), _("用语"), 100, problems, required=True),
        "suggestion": _str(data.get("suggestion"), _("建议改为"), 100, problems),
        "source": _str(data.get("source"), _("依据"), 200, problems),
        "explanation": _str(data.get("explanation"), _("说明"), 300, problems),
        "valid_from": _date(data.get("valid_from"), _("起始日期"), problems),
        "valid_to": _date(data.get("valid_to"), _("截止日期"), problems),
        "active": bool(data.get("active", True)),
    }
    if out["kind"] not in RuleKind.values:
        problems.append(_("请选择规则类别。"))
    if out["severity"] not in Severity.values:
        problems.append(_("请选择严重程度。"))
    if out["valid_from"] and out["valid_to"] and out["valid_from"] > out["valid_to"]:
        problems.append(_("起始日期不能晚于截止日期。"))
    if out["term"] and out["term"] == out["suggestion"]:
        problems.append(_("建议改为的内容与用语相同。"))
    if problems:
        raise ValidationFailed(_("表述规则填写有误。"), problems=problems)
    return out


def _snapshot(rule: WordingRule) -> dict:
    return {f: (getattr(rule, f).isoformat() if isinstance(getattr(rule, f), dt.date) else getattr(rule, f))
            for f in RULE_FIELDS}


def _duplicate(organisation, kind, term, exclude=None) -> bool:
    qs = WordingRule.objects.filter(organisation=organisation, kind=kind, term=term)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


def add_rule(*, actor, organisation, data: dict) -> WordingRule:
    require_edit(actor, organisation)
    fields = clean_rule(data)
    with transaction.atomic():
        if _duplicate(organisation, fields["kind"], fields["term"]):
            raise ValidationFailed(_("本机构已有这条用语。"), problems=[_("同一类别的用语不能重复添加，请修改原有规则。")])
        rule = WordingRule.objects.create(organisation=organisation, **fields)
        audit.record(WordingEvent.RULE_ADDED, actor=actor, target=rule, organisation=organisation,
                     after=_snapshot(rule))
        bump_version()
    return rule


def update_rule(*, actor, rule: WordingRule, data: dict) -> WordingRule:
    require_edit(actor, rule.organisation)
    fields = clean_rule({**_snapshot(rule), **data})
    with transaction.atomic():
        locked = WordingRule.objects.select_for_update().get(pk=rule.pk)
        if _duplicate(locked.organisation, fields["kind"], fields["term"], exclude=locked):
            raise ValidationFailed(_("本机构已有这条用语。"), problems=[_("同一类别的用语不能重复添加，请修改原有规则。")])
        before = _snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(WordingEvent.RULE_CHANGED, actor=actor, target=locked, organisation=locked.organisation,
                     before=before, after=_snapshot(locked))
        bump_version()
    return locked


def inherited_keys(organisation) -> set[str]:
    """Keys an organisation may switch: shipped rules, format rules and its ancestors' own rules."""
    ancestors = chain_of(organisation)[:-1]
    keys = {r.key for r in shipped.rules()} | set(formats.shipped())
    keys |= {f"db:{pk}" for pk in WordingRule.objects.filter(organisation__in=ancestors).values_list("pk", flat=True)}
    return keys


def switch_rule(*, actor, organisation, rule_key: str, enabled: bool, reason: str = "") -> RuleSwitch:
    """Turn an inherited rule off in `organisation` and below it (or back on)."""
    require_edit(actor, organisation)
    rule_key = str(rule_key or "")
    if rule_key not in inherited_keys(organisation):
        raise ValidationFailed(_("找不到这条继承的规则。"))
    reason = clean_text(str(reason or ""))[:200]
    if not enabled and not reason:
        raise ValidationFailed(_("停用继承的规则须说明理由。"))
    with transaction.atomic():
        switch, _created = RuleSwitch.objects.select_for_update().get_or_create(
            organisation=organisation, rule_key=rule_key, defaults={"enabled": bool(enabled), "reason": reason})
        before = {"rule_key": rule_key, "enabled": None if _created else switch.enabled}
        switch.enabled, switch.reason = bool(enabled), reason
        switch.save()
        audit.record(WordingEvent.RULE_SWITCHED, actor=actor, target=switch, organisation=organisation,
                     before=before, after={"rule_key": rule_key, "enabled": switch.enabled}, reason=reason)
        bump_version()
    return switch


# --- leaders and tenures --------------------------------------------------------------------------
def _clean_tenure(data: dict) -> dict:
    problems: list[str] = []
    out = {
        "name": _str(data.get("name"), _("姓名"), 40, problems, required=True),
        "post": _str(data.get("post"), _("职务"), 40, problems, required=True),
        "start": _date(data.get("start"), _("任职起始"), problems),
        "end": _date(data.get("end"), _("任职截止"), problems),
    }
    if len(normalise(out["name"])[0]) < 2 and not problems:
        problems.append(_("姓名至少两个字。"))
    if out["start"] and out["end"] and out["start"] > out["end"]:
        problems.append(_("任职起始不能晚于任职截止。"))
    if problems:
        raise ValidationFailed(_("任职记录填写有误。"), problems=problems)
    return out


def _tenure_snapshot(tenure: Tenure) -> dict:
    return {"name": tenure.leader.name, "post": tenure.post,
            "start": tenure.start.isoformat() if tenure.start else None,
            "end": tenure.end.isoformat() if tenure.end else None}


def add_tenure(*, actor, organisation, data: dict) -> Tenure:
    """Record that a person holds (or held) a post; the person is found or created by name."""
    require_edit(actor, organisation)
    fields = _clean_tenure(data)
    with transaction.atomic():
        leader, _created = Leader.objects.get_or_create(organisation=organisation, name=fields["name"])
        tenure = Tenure.objects.create(leader=leader, post=fields["post"], start=fields["start"], end=fields["end"])
        audit.record(WordingEvent.LEADER_ADDED, actor=actor, target=tenure, organisation=organisation,
                     after=_tenure_snapshot(tenure))
        bump_version()
    return tenure


def update_tenure(*, actor, tenure: Tenure, data: dict) -> Tenure:
    organisation = tenure.leader.organisation
    require_edit(actor, organisation)
    fields = _clean_tenure({**_tenure_snapshot(tenure), **data})
    with transaction.atomic():
        locked = Tenure.objects.select_for_update().select_related("leader").get(pk=tenure.pk)
        before = _tenure_snapshot(locked)
        if fields["name"] != locked.leader.name:
            locked.leader, _created = Leader.objects.get_or_create(organisation=organisation, name=fields["name"])
        locked.post, locked.start, locked.end = fields["post"], fields["start"], fields["end"]
        locked.save()
        audit.record(WordingEvent.LEADER_CHANGED, actor=actor, target=locked, organisation=organisation,
                     before=before, after=_tenure_snapshot(locked))
        bump_version()
    return locked
