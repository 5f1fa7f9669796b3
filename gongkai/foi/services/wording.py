"""The wording check (gongkai.proofing) of the letters an office writes to an applicant.

The office's own words in the 答复告知书 (``reply_text``: the answer and the 不予处理 after unreasonable
reasons) and in the 补正告知书 (``correction_items``) are written only when the letter is issued, so
proofing holds them while a severe finding blocks the letter; the office applies a suggestion in
place, or the leader keeps the wording with a reason, and issues the letter again.
"""
from __future__ import annotations

from gongkai.proofing import services as proofing

from ..models import DisclosureRequest
from ..workflow import REQUEST_WORKFLOW

# transition → the field of its letter the office writes
LETTER_FIELDS = {"answer": "reply_text", "reject_reasons": "reply_text", "ask_correction": "correction_items"}


def check_letter(req: DisclosureRequest, transition: str, text: str, actor) -> None:
    """Check (and hold) the office's text of a letter about to be issued, in a transaction of its own, so the
    findings stay shown in place when the letter is refused. Skipped when the actor may not run the step
    (the kernel then refuses it, and nothing is written)."""
    if REQUEST_WORKFLOW.may(transition, req, actor):
        proofing.check_object(req, {LETTER_FIELDS[transition]: text.strip()}, organisation=req.organisation,
                              actor=actor, hold=True)


def require_clear(req: DisclosureRequest, transition: str) -> None:
    """Inside the issuing transition: refuse the letter while a severe finding of its text is open."""
    field = LETTER_FIELDS[transition]
    proofing.require_clear(req, fields=[field])
    proofing.release_held(req, fields=[field])
