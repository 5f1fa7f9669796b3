"""States of a disclosure request and the transitions between them.

Each transition is one service in services.py (`foi_request_<action>`); TRANSITIONS maps the
action to the states it may start from and the state it leads to (None: the state is kept).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
    THIRD_PARTY = "third_party", _("征求第三方意见中")
    CLOSED = "closed", _("已办结")


S = RequestStatus
OPEN_STATES = frozenset({S.RECEIVED, S.IN_PROGRESS, S.AWAITING_CORRECTION, S.THIRD_PARTY})
WORKABLE = frozenset({S.RECEIVED, S.IN_PROGRESS})

# action → (allowed from, resulting state or None to keep the current one)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "assign": (WORKABLE, S.IN_PROGRESS),
    "ask_correction": (WORKABLE, S.AWAITING_CORRECTION),
    "correct": (frozenset({S.AWAITING_CORRECTION}), S.IN_PROGRESS),
    "lapse": (frozenset({S.AWAITING_CORRECTION}), S.CLOSED),
    "consult": (WORKABLE, S.THIRD_PARTY),
    "third_party_replied": (frozenset({S.THIRD_PARTY}), S.IN_PROGRESS),
    "extend": (frozenset({S.RECEIVED, S.IN_PROGRESS, S.THIRD_PARTY}), None),
    "assess_fee": (WORKABLE, None),
    "fee_paid": (WORKABLE, None),
    "answer": (WORKABLE, S.CLOSED),
    "close_unpaid": (WORKABLE, S.CLOSED),
}

ACTION_LABELS = {
    "assign": _("分办"),
    "ask_correction": _("告知补正"),
    "correct": _("收到补正"),
    "lapse": _("逾期未补正，不再处理"),
    "consult": _("征求第三方意见"),
    "third_party_replied": _("第三方意见已收回"),
    "extend": _("延长答复期限"),
    "assess_fee": _("核算信息处理费"),
    "fee_paid": _("登记缴费"),
    "answer": _("答复办结"),
    "close_unpaid": _("逾期未缴费，不再处理"),
}

# The explicit state graph (derived from TRANSITIONS, kept for readers and tests).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    state: frozenset(
        (target or state) for sources, target in TRANSITIONS.values() if state in sources
    )
    for state in S
}


def allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]
