"""Hooks that recompute stored deadlines when a year's holiday arrangement is entered.

Apps that store due dates register a callable at import time (e.g. in AppConfig.ready()):

    recompute.register(my_app_recompute)   # called as my_app_recompute(year, actor=actor)

`holiday_year_enter()` calls every hook inside its transaction after the new calendar is
visible; a hook recomputes the deadlines that touch `year`, audits its own changes and returns
the number of deadlines it changed (or None). An exception in a hook rolls the entry back.
"""
from collections.abc import Callable

Hook = Callable[..., int | None]

_hooks: list[Hook] = []


def register(hook: Hook) -> Hook:
    """Register `hook` (idempotent); returns it so it can be used as a decorator."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def unregister(hook: Hook) -> None:
    """Remove `hook` if registered."""
    if hook in _hooks:
        _hooks.remove(hook)


def run(year: int, *, actor) -> dict[str, int | None]:
    """Call every hook for `year`; return {hook name: its result}."""
    results: dict[str, int | None] = {}
    for hook in list(_hooks):
        name = f"{getattr(hook, '__module__', '')}.{getattr(hook, '__qualname__', repr(hook))}"
        results[name] = hook(year, actor=actor)
    return results
