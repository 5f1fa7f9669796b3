"""A small, fixed wording engine for tests of the workflow (the real rules are gongkai.wording's data).

``use(monkeypatch)`` puts it in place of ``gongkai.wording.services`` for ``gongkai.proofing``.
"""
from __future__ import annotations

from types import SimpleNamespace

from gongkai.core.errors import ValidationFailed
from gongkai.wording.engine import Finding

SEVERE = "安全生产监督管理局"  # abolished in the 2018 reform: severe, with a suggestion
SEVERE_FIX = "应急管理局"
MINOR = "截止"  # 截至 is meant before a figure: minor
MINOR_FIX = "截至"
NO_SUGGESTION = "某某同志任局长"  # a severe finding without a suggestion (a leader's post)

RULES = (
    (SEVERE, "outdated_name", "severe", SEVERE_FIX, "test.outdated.ajj", "2018年机构改革后已更名为应急管理局。"),
    (MINOR, "format", "minor", MINOR_FIX, "test.format.jiezhi", "表示时间节点应使用“截至”。"),
    (NO_SUGGESTION, "leader", "severe", "", "test.leader", "任职信息与领导名录不符。"),
)


def check_text(text: str, *, organisation=None, on_date=None) -> list[Finding]:
    found = []
    for term, kind, severity, suggestion, rule, explanation in RULES:
        at = text.find(term)
        while at >= 0:
            found.append(Finding(at, at + len(term), term, kind, severity, suggestion, rule, explanation))
            at = text.find(term, at + len(term))
    return sorted(found, key=lambda f: (f.start, f.end))


def check_fields(fields: dict[str, str], *, organisation=None, on_date=None) -> dict[str, list[Finding]]:
    return {name: check_text(text or "", organisation=organisation, on_date=on_date) for name, text in fields.items()}


def apply_suggestion(text: str, finding: Finding) -> str:
    if text[finding.start:finding.end] != finding.text:
        raise ValidationFailed("原文已改动。")
    return text[:finding.start] + finding.suggestion + text[finding.end:]


def use(monkeypatch) -> SimpleNamespace:
    from gongkai.proofing import services

    fake = SimpleNamespace(check_fields=check_fields, check_text=check_text, apply_suggestion=apply_suggestion)
    monkeypatch.setattr(services, "wording", fake)
    return fake
