"""Consulting a third party (第三十二条): the letter, its receipt, the opinion; the clock pauses meanwhile.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

from .. import deadlines
from ..models import DisclosureRequest
from ..states import LetterKind
from .common import _issue, _not_future, _run, _today


def foi_request_consult(*, request: DisclosureRequest, actor, third_party: str, sent_on: dt.date | None = None,
                        received_on: dt.date | None = None, note: str = "") -> DisclosureRequest:
    """Consult a third party in writing (第三十二条); the clock pauses from the sending date.

    The third party has 15 working days from its *receipt* of the letter; `received_on` may be
    given now or recorded later (foi_request_third_party_received).
    """
    day = sent_on or _today()
    facts = {"third_party": third_party.strip(), "sent_on": day.isoformat()}

    def apply(req):
        _not_future(day, _("征求意见书发出日期"))
        if not third_party.strip():
            raise ValidationFailed(_("请填写被征求意见的第三方或机关。"))
        last_end = max([req.received_on] + [dt.date.fromisoformat(p["end"]) for p in req.pauses if p.get("end")])
        if day < last_end:
            raise ValidationFailed(_("日期无效。"), problems=[_("发出日期不能早于收到申请之日或上一次恢复计时之日。")])
        if received_on is not None:
            _check_receipt(day, received_on)
        reply_due = deadlines.third_party_reply_due(received_on or day)
        facts["reply_due"] = reply_due.isoformat()
        req.pauses = list(req.pauses) + [{
            "kind": "third_party", "start": day.isoformat(), "end": None,
            "received": received_on.isoformat() if received_on else None, "reply_due": reply_due.isoformat(),
            "party": third_party.strip()[:200], "note": note.strip()[:300]}]
        letter = _issue(req, LetterKind.CONSULTATION, party=third_party.strip()[:200],
                        subject=(req.document_title or req.description)[:300])
        req.pauses[-1]["letter"] = letter.number

    return _run("consult", request, actor=actor, apply=apply, reason=note, extra=facts)


def _check_receipt(sent: dt.date, received: dt.date) -> None:
    _not_future(received, _("第三方收到征求意见书日期"))
    if received < sent:
        raise ValidationFailed(_("日期无效。"), problems=[_("第三方收到日期不能早于征求意见书发出日期。")])


def foi_request_third_party_received(*, request: DisclosureRequest, actor, received_on: dt.date) -> DisclosureRequest:
    """Record the day the third party received the consultation letter; its 15 working days run from it."""
    def apply(req):
        pause = req.pauses[-1]
        _check_receipt(dt.date.fromisoformat(pause["start"]), received_on)
        pauses = list(req.pauses)
        pauses[-1] = dict(pause, received=received_on.isoformat(),
                          reply_due=deadlines.third_party_reply_due(received_on).isoformat())
        req.pauses = pauses

    return _run("third_party_received", request, actor=actor, apply=apply,
                extra={"received_on": received_on.isoformat()})


def foi_request_third_party_replied(*, request: DisclosureRequest, actor, replied_on: dt.date | None = None,
                                    opinion: str = "", objected: bool = False) -> DisclosureRequest:
    """Record the third party's opinion (or that its 15 working days ran out); the clock resumes.

    `objected`: the third party does not agree to disclosure. Disclosing over its objection later
    (public interest, 第三十二条) then requires the written notice to it (see foi_request_answer).
    """
    day = replied_on or _today()

    def apply(req):
        _not_future(day, _("意见收回日期"))
        pause = req.pauses[-1]
        if day < dt.date.fromisoformat(pause["start"]):
            raise ValidationFailed(_("日期无效。"), problems=[_("收回日期不能早于征求意见书发出日期。")])
        pauses = list(req.pauses)
        pauses[-1] = dict(pause, end=day.isoformat(), opinion=opinion.strip()[:1000], objected=bool(objected))
        req.pauses = pauses

    return _run("third_party_replied", request, actor=actor, apply=apply, reason=opinion,
                extra={"objected": bool(objected)})
