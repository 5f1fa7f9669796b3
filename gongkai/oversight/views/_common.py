"""Helpers of the oversight pages: run one service call and show its outcome as messages.

A service that refuses the actor raises ``PermissionDenied``, which Django turns into the 403 page;
views never check write permissions themselves (they ask ``can``/``may`` only to decide what to show)."""
from __future__ import annotations

from django.contrib import messages

from gongkai.core.errors import DomainError


def fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def do(request, fn, ok: str):
    """Run one service call; show its outcome as a message. Returns what it returned, or None on failure."""
    try:
        result = fn()
    except DomainError as exc:
        fail(request, exc)
        return None
    messages.success(request, ok)
    return result if result is not None else True


def form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else str(e))


def to_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
