"""The wording check's API for the other apps: check a text or a form's fields, apply a suggestion.

``organisation=None`` checks against the shipped national rules only; an organisation adds its own
rules and every ancestor's, and the switches of the organisation and its ancestors (the deepest
switch of a rule wins, so a county may turn off a rule its province added). The compiled matcher
of each organisation is cached in the process under the rule-set version
(``RuleSetVersion``), which every rule, switch or tenure change raises (``bump_version``).
"""
from __future__ import annotations

import datetime as dt
import threading
import uuid

from django.db.models import F
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed

from . import leaders, shipped
from .engine import Finding, Rule, RuleSet, Tenure as TenureEntry
from .models import RuleSetVersion, RuleSwitch, Tenure, WordingRule

_cache: dict[object, tuple[str, RuleSet]] = {}
_lock = threading.Lock()


def current_version() -> str:
    row = RuleSetVersion.objects.filter(pk=1).values_list("version", "token").first()
    return f"{row[0]}:{row[1]}" if row else ""


def bump_version() -> None:
    """Raise the rule-set version (inside the writer's transaction): every process rebuilds."""
    token = uuid.uuid4().hex
    if not RuleSetVersion.objects.filter(pk=1).update(version=F("version") + 1, token=token):
        RuleSetVersion.objects.get_or_create(pk=1, defaults={"version": 1, "token": token})


def chain_of(organisation) -> list:
    """The organisation's ancestors and itself, root first."""
    return [*organisation.ancestors(), organisation]


def db_rule(row: WordingRule) -> Rule:
    return Rule(key=row.key, kind=row.kind, term=row.term, suggestion=row.suggestion, severity=row.severity,
                valid_from=row.valid_from, valid_to=row.valid_to, explanation=row.explanation,
                source=f"{row.source}（{row.organisation.name}）" if row.source else row.organisation.name)


def disabled_keys(chain) -> set[str]:
    depth = {org.pk: i for i, org in enumerate(chain)}
    state: dict[str, tuple[int, bool]] = {}
    for switch in RuleSwitch.objects.filter(organisation__in=chain):
        d = depth[switch.organisation_id]
        if switch.rule_key not in state or state[switch.rule_key][0] < d:
            state[switch.rule_key] = (d, switch.enabled)
    return {key for key, (_d, enabled) in state.items() if not enabled}


def _build(organisation) -> RuleSet:
    posts = leaders.generic_posts()
    if organisation is None:
        return RuleSet(shipped.rules(), posts=posts)
    chain = chain_of(organisation)
    own = [db_rule(r) for r in WordingRule.objects.filter(organisation__in=chain, active=True)
           .select_related("organisation")]
    tenures = [TenureEntry(person=str(t.leader_id), name=t.leader.name, post=t.post, start=t.start, end=t.end,
                           organisation=t.leader.organisation.name)
               for t in Tenure.objects.filter(leader__organisation__in=chain).select_related("leader__organisation")]
    return RuleSet((*shipped.rules(), *own), tenures, disabled=disabled_keys(chain), posts=posts)


def ruleset_for(organisation=None) -> RuleSet:
    """Return the compiled matcher of `organisation` (cached per rule-set version)."""
    key = None if organisation is None else organisation.pk
    version = "" if organisation is None else current_version()
    cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        ruleset = _build(organisation)
        _cache[key] = (version, ruleset)
        return ruleset


def _day(on_date) -> dt.date:
    if on_date is None:
        return clock.today()
    if isinstance(on_date, dt.datetime):
        return on_date.date()
    if isinstance(on_date, dt.date):
        return on_date
    raise ValidationFailed(_("文档日期格式不正确。"))


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationFailed(_("只能检查文本内容。"))
    return value


def check_text(text: str, *, organisation=None, on_date: dt.date | None = None) -> list[Finding]:
    """Return the findings of one text, with offsets in `text` itself."""
    return ruleset_for(organisation).check(_text(text), _day(on_date))


def check_fields(fields: dict[str, str], *, organisation=None, on_date=None) -> dict[str, list[Finding]]:
    """Return the findings of each field of a form (one matcher, one date for all of them)."""
    if not isinstance(fields, dict):
        raise ValidationFailed(_("只能检查文本内容。"))
    ruleset, day = ruleset_for(organisation), _day(on_date)
    return {name: ruleset.check(_text(value), day) for name, value in fields.items()}


def apply_suggestion(text: str, finding: Finding) -> str:
    """Replace the finding's span by its suggestion, if the text there is still what was found."""
    text = _text(text)
    if not isinstance(finding, Finding) or not (0 <= finding.start <= finding.end <= len(text)):
        raise ValidationFailed(_("该问题已不在原文的这个位置，请重新检查。"))
    if text[finding.start:finding.end] != finding.text:
        raise ValidationFailed(_("原文已修改，该问题已不在原来的位置，请重新检查。"))
    if not finding.suggestion:
        raise ValidationFailed(_("该问题没有可直接替换的建议，请人工修改。"))
    return text[:finding.start] + finding.suggestion + text[finding.end:]
