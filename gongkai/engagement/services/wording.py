"""The wording check (gongkai.proofing) of consultations and message answers: on save and on submission.

A consultation is checked when created and edited and again before it is published (its
submission); a message answer is written only when it is sent, so its text is held by proofing
while a severe finding blocks it. A severe open finding blocks publication / the answer until it
is fixed or kept by the leader with a reason.
"""
from __future__ import annotations

from gongkai.proofing import services as proofing

from ..models import Consultation, Message
from ..states import ConsultationStatus, MessageStatus

CONSULTATION_CHECKED = ("title", "draft_text", "basis", "explanation")
ANSWERABLE = (MessageStatus.RECEIVED, MessageStatus.ASSIGNED)


def consultation_texts(c: Consultation) -> dict[str, str]:
    return {f: getattr(c, f) or "" for f in CONSULTATION_CHECKED}


def check_consultation(c: Consultation, actor, *, trusted: bool = True) -> None:
    proofing.check_object(c, consultation_texts(c), organisation=c.organisation, actor=actor, trusted=trusted)


def check_answer(message: Message, answer: str, actor) -> None:
    """Check (and hold) an answer about to be sent, in a transaction of its own: findings stay shown
    in place when the answer is then refused."""
    proofing.check_object(message, {"answer": answer}, organisation=message.organisation, actor=actor, hold=True)
