"""Reads of the wording app (inside the app: querysets are fine; other apps use services.check_*)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from gongkai.organisations.permissions import Action, organisations_where

from . import formats, shipped
from .models import RuleSwitch, Tenure, WordingRule
from .services import chain_of


@dataclass(frozen=True)
class InheritedRow:
    key: str
    kind: str
    term: str
    suggestion: str
    severity: str
    source: str
    explanation: str
    owner: str          # who keeps it: "" for the shipped national rules, else the ancestor's name
    valid_to: object
    enabled: bool
    switched_here: bool
    reason: str


def visible_organisations(user):
    return organisations_where(user, Action.WORDING_VIEW).order_by("path")


def own_rules(organisation, query: str = ""):
    qs = WordingRule.objects.filter(organisation=organisation)
    if query:
        qs = qs.filter(Q(term__icontains=query) | Q(suggestion__icontains=query) | Q(source__icontains=query))
    return qs.order_by("kind", "term")


def inherited_rules(organisation, query: str = "") -> list[InheritedRow]:
    """Every rule the organisation inherits (shipped, format, ancestors'), with its switch state here."""
    chain = chain_of(organisation)
    depth = {org.pk: i for i, org in enumerate(chain)}
    state: dict[str, tuple[int, RuleSwitch]] = {}
    for switch in RuleSwitch.objects.filter(organisation__in=chain):
        d = depth[switch.organisation_id]
        if switch.rule_key not in state or state[switch.rule_key][0] < d:
            state[switch.rule_key] = (d, switch)
    rows = []

    def add(key, kind, term, suggestion, severity, source, explanation, owner, valid_to=None):
        if query and query not in term and query not in suggestion and query not in source:
            return
        d, switch = state.get(key, (None, None))
        rows.append(InheritedRow(key, kind, term, suggestion, severity, source, explanation, owner, valid_to,
                                 enabled=switch.enabled if switch else True,
                                 switched_here=switch is not None and d == len(chain) - 1,
                                 reason=switch.reason if switch else ""))

    for rule in shipped.rules():
        add(rule.key, rule.kind, rule.term, rule.suggestion, rule.severity, rule.source, rule.explanation, "",
            rule.valid_to)
    for rule in formats.shipped().values():
        add(rule.key, "format", rule.label, "", rule.severity, rule.source, rule.explanation, "")
    for rule in WordingRule.objects.filter(organisation__in=chain[:-1], active=True).select_related("organisation"):
        add(rule.key, rule.kind, rule.term, rule.suggestion, rule.severity, rule.source, rule.explanation,
            rule.organisation.name, rule.valid_to)
    return rows


def tenures(organisation, *, inherited: bool = False):
    orgs = chain_of(organisation)[:-1] if inherited else [organisation]
    return (Tenure.objects.filter(leader__organisation__in=orgs).select_related("leader__organisation")
            .order_by("leader__organisation__path", "leader__name", "-start"))
