"""The one workflow kernel: every state change in the product is a declared transition run here.

An app declares its transitions as data::

    RECORD_WORKFLOW = Workflow(
        Record,
        transitions=(
            Transition("submit", sources={DRAFT, RETURNED}, targets={ATTRIBUTE_REVIEW, SECRECY_REVIEW},
                       permission=Action.RECORD_DRAFT, event=RecordEvent.SUBMITTED, label=_("提交审查")),
            ...
        ),
    )

and its services validate their input, then call ``RECORD_WORKFLOW.run("submit", record, actor=...,
apply=...)``. The runner, in order:

1. locks the row (``select_for_update``) inside ``transaction.atomic``;
2. checks the transition is allowed from the current state (and its condition, if any) — else
   ``InvalidTransition``;
3. checks permission through the injected policy (``set_policy``; ``organisations`` installs its
   ``permissions.can``/``require`` at start-up) — else ``PermissionDenied``; trusted callers
   (imports, sweeps, the system itself) skip this step only through ``trusted=True``;
4. calls the app's ``apply(obj)`` (which may raise ``ValidationFailed`` and may return the target
   state when the transition has several), sets the state and saves;
5. writes one ``AuditEvent`` with the typed event, actor, before/after and reason;
6. queues side effects (files, rendered documents) with ``transaction.on_commit`` so nothing
   outside the database happens while the row lock is held, and nothing happens at all when the
   transaction rolls back. Cache invalidation and notices follow the audit event of step 5 through
   the one side-effect path (``core.effects``): once per committed transaction.

Views ask ``workflow.available_actions(obj, user)`` — computed from the same table — which
buttons to offer; no view re-implements a guard.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit
from .errors import InvalidTransition


@dataclass(frozen=True)
class Policy:
    """Who may run a transition: ``can(user, permission, organisation) -> bool`` and
    ``require(user, permission, organisation)`` (raises ``PermissionDenied``)."""

    can: Callable[[Any, Any, Any], bool]
    require: Callable[[Any, Any, Any], None]


_policy: Policy | None = None


def set_policy(*, can: Callable[[Any, Any, Any], bool], require: Callable[[Any, Any, Any], None]) -> Policy | None:
    """Install the permission policy (``organisations.apps.ready()`` does); return the previous one."""
    global _policy
    previous, _policy = _policy, Policy(can=can, require=require)
    return previous


def restore_policy(previous: Policy | None) -> None:
    """Put back a policy returned by ``set_policy()`` (tests)."""
    global _policy
    _policy = previous


def policy() -> Policy:
    """Return the installed policy; the kernel refuses to decide anything without one."""
    if _policy is None:
        raise RuntimeError("core.workflow has no permission policy: call core.workflow.set_policy() at start-up "
                           "(gongkai.organisations does so in its AppConfig.ready())")
    return _policy

# Functions called after commit for every transition (e.g. public page cache invalidation).
# Each is called as listener(transition, obj). Register in an AppConfig.ready().
_listeners: list[Callable[[Transition, models.Model], None]] = []


def subscribe(listener: Callable[[Transition, models.Model], None]) -> None:
    """Call `listener(transition, obj)` after the commit of every transition run by the kernel."""
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


class Step(NamedTuple):
    """What an ``apply`` function may return: the target it chose (or None) and a value to hand out.

    A plain state string (or None) is still accepted and means ``Step(target=that, result=None)``.
    """

    target: str | None = None
    result: Any = None


class Ran(NamedTuple):
    """What ``Workflow.run()`` returns: the locked, saved instance and what ``apply`` handed out."""

    instance: Any
    result: Any = None


@dataclass(frozen=True)
class Transition:
    """One declared state change.

    ``targets`` holds the states the transition may lead to; with one target it is applied as is,
    with several the ``apply`` function returns the one chosen. An empty ``targets`` keeps the
    state (an audited edit allowed only in ``sources``). ``condition`` is an extra guard on the
    object (e.g. "only one correction notice"): it returns ``None`` when the transition is
    possible, else the reason it is not, shown to the user.
    """

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    permission: Any  # a permission the policy understands (organisations.permissions.Action)
    event: audit.EventType
    label: str = ""
    condition: Callable[[Any], str | None] | None = None
    offer: bool = True  # False: never shown as a button (system steps, steps with their own form)
    style: str = ""  # a hint for the button ("danger", "secondary")

    def __init__(self, name, *, sources, permission, event, target=None, targets=None, label="",
                 condition=None, offer=True, style=""):
        if target is not None and targets is not None:
            raise TypeError("give target or targets, not both")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "targets", frozenset([target] if target is not None else (targets or ())))
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "event", event)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "condition", condition)
        object.__setattr__(self, "offer", offer)
        object.__setattr__(self, "style", style)

    @property
    def keeps_state(self) -> bool:
        return not self.targets

    def blocked_reason(self, obj, state: str) -> str | None:
        """Return why the transition is impossible for `obj` now, or None."""
        if state not in self.sources:
            return _("当前状态为“%(state)s”，不能执行“%(action)s”。") % {
                "state": _state_label(obj, state), "action": self.label or self.name}
        if self.condition is not None:
            return self.condition(obj)
        return None


def _state_label(obj, state: str) -> str:
    for f in obj._meta.fields:
        if f.choices and getattr(obj, f.attname, None) == state:
            return str(dict(f.flatchoices).get(state, state))
    return state


@dataclass
class Workflow:
    """The transition table of one model and the runner for it."""

    model: type[models.Model]
    transitions: Iterable[Transition]
    state_field: str = "status"
    organisation: Callable[[Any], Any] = field(default=lambda obj: obj.organisation)
    snapshot: Callable[[Any], dict] | None = None
    related: tuple[str, ...] = ()  # select_related() for the locked row

    def __post_init__(self):
        self.transitions = tuple(self.transitions)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate transition names in {self.model.__name__}: {names}")
        self._by_name = {t.name: t for t in self.transitions}
        field_choices = self.model._meta.get_field(self.state_field).choices or ()
        choices = {value for value, _label in field_choices}
        # History pages read this model's states in words.
        audit.register_values(self.state_field, dict(field_choices), model=self.model._meta.label_lower)
        for t in self.transitions:
            unknown = (t.sources | t.targets) - choices if choices else set()
            if unknown:
                raise ValueError(f"{self.model.__name__}.{t.name}: unknown states {sorted(unknown)}")

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def _snapshot(self, obj) -> dict:
        data = {self.state_field: self.state_of(obj)}
        if self.snapshot is not None:
            data.update(self.snapshot(obj))
        return data

    # -- reads ------------------------------------------------------------------------------

    def is_possible(self, name: str, obj) -> bool:
        """Return True when transition `name` may run on `obj` in its current state (ignoring who asks)."""
        return self[name].blocked_reason(obj, self.state_of(obj)) is None

    def may(self, name: str, obj, user) -> bool:
        """Return True when `user` may run transition `name` on `obj` now."""
        t = self[name]
        return t.blocked_reason(obj, self.state_of(obj)) is None and policy().can(
            user, t.permission, self.organisation(obj))

    def available_actions(self, obj, user, *, offered_only: bool = True) -> list[Transition]:
        """Return the transitions `user` may run on `obj` now, in declaration order."""
        org = self.organisation(obj)
        state = self.state_of(obj)
        can = policy().can
        return [
            t for t in self.transitions
            if (t.offer or not offered_only)
            and t.blocked_reason(obj, state) is None
            and can(user, t.permission, org)
        ]

    def available_names(self, obj, user) -> set[str]:
        """Return the names of every transition `user` may run on `obj` now (offered or not)."""
        return {t.name for t in self.available_actions(obj, user, offered_only=False)}

    # -- the runner -------------------------------------------------------------------------

    def run(
        self,
        name: str,
        obj,
        *,
        actor,
        trusted: bool = False,
        apply: Callable[[Any], str | None] | None = None,
        reason: str = "",
        extra: dict | None = None,
        after_commit: Iterable[Callable[[], None]] = (),
    ):
        """Run transition `name` on `obj`; return ``Ran(instance, result)``.

        `apply(locked)` makes the change and returns the target when the transition has several,
        or a ``Step(target, result)`` to also hand a value out (``Ran.result``); `extra` adds
        facts to the audit's "after"; `after_commit` callables run once
        the transaction has committed. `trusted=True` is the one way to skip the permission
        check: only for imports, sweeps and other system steps.
        """
        t = self[name]
        rules = policy()  # no policy installed: refuse loudly, even for a trusted caller
        with transaction.atomic():
            manager = self.model._default_manager
            if self.related:
                of = ("self",) if transaction.get_connection().features.has_select_for_update_of else ()
                qs = manager.select_for_update(of=of).select_related(*self.related)
            else:
                qs = manager.select_for_update()
            locked = qs.get(pk=obj.pk)
            state = self.state_of(locked)
            problem = t.blocked_reason(locked, state)
            if problem is not None:
                raise InvalidTransition(problem)
            if not trusted:
                rules.require(actor, t.permission, self.organisation(locked))
            before = self._snapshot(locked)
            outcome = apply(locked) if apply is not None else None
            if isinstance(outcome, Step):
                chosen, result = outcome.target, outcome.result
            else:
                chosen, result = outcome, None
            if t.keeps_state:
                if chosen not in (None, state):
                    raise InvalidTransition(f"{t.name} keeps the state; apply() returned {chosen!r}")
            else:
                target = chosen if chosen is not None else (next(iter(t.targets)) if len(t.targets) == 1 else None)
                if target not in t.targets:
                    raise InvalidTransition(f"{t.name}: target {target!r} not in {sorted(t.targets)}")
                setattr(locked, self.state_field, target)
            locked.save()
            after = self._snapshot(locked)
            if extra:
                after.update(extra)
            audit.record(t.event, actor=actor, organisation=self.organisation(locked), target=locked,
                         before=before, after=after, reason=reason)
            for effect in after_commit:
                transaction.on_commit(effect)
            for listener in tuple(_listeners):
                transaction.on_commit(lambda listener=listener: listener(t, locked))
        # Keep the caller's instance in step with what was saved.
        if obj is not locked:
            for f in self.model._meta.concrete_fields:
                setattr(obj, f.attname, getattr(locked, f.attname))
        return Ran(locked, result)
