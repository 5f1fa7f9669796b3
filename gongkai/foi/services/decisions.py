"""The answer: one outcome per request, the reply letter, attachments and the 第三十二条 notice.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.core import files as file_checks

from ..constants import REASON_REQUIRED, Delivery, InfoForm, Outcome, find_reason
from ..models import DisclosureRequest, RequestAttachment
from ..states import LetterKind
from . import wording
from .common import MAX_ATTACHMENT_BYTES, _issue, _run, _today, deadlines_text


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes = field(repr=False)


def validate_outcome(outcome: str, reason: str) -> None:
    """Raise ValidationFailed unless (outcome, reason) is one row of the annual-report table.

    部分公开 needs the ground of the withheld part: one of the eight 不予公开 reasons or a 无法提供
    reason (constants.PARTIAL_GROUNDS), cited with its article in the reply letter.
    """
    if outcome not in Outcome.values:
        raise ValidationFailed(_("请选择办理结果。"))
    if outcome in REASON_REQUIRED and not reason:
        if outcome == Outcome.PARTIAL:
            raise ValidationFailed(_("部分公开须写明不予提供部分的理由（不予公开或无法提供的情形之一）。"))
        raise ValidationFailed(_("“%(o)s”须选择具体情形。") % {"o": Outcome(outcome).label})
    if reason and find_reason(outcome, reason) is None:
        raise ValidationFailed(_("具体情形与办理结果不一致。"))


# Words that point elsewhere instead of giving the information, and the wording every reply shares.
_BOILERPLATE = re.compile(r"经审查|经研究|经检索|予以公开|决定公开|可以公开|详见|请见|参见|见附件|附件|见链接|链接|答复如下|如下|现将|提供给您|[\s\W_]")
# A disclosed reply with neither a file nor a link must itself state the information.
MIN_INFORMATION_CHARS = 10


def delivery_problems(req, outcome: str, reply_text: str, reply_link: str, attachments) -> list[str]:
    """Why a reply does not deliver what it promises (issue 21 item 6), or [].

    A reply that refers to an attachment (附件) must have one. 予以公开 must deliver the
    information: a file, a link to where it is published, or the text itself — unless the applicant
    asked for paper copies by post or to collect, which the office hands over outside the system.
    """
    problems = []
    if "附件" in reply_text and not attachments:
        problems.append(_("答复内容提到附件，但没有上传附件：请上传附件，或修改答复内容。"))
    if outcome == Outcome.DISCLOSED and not attachments and not reply_link.strip():
        paper = req.info_form == InfoForm.PAPER and req.delivery in (Delivery.MAIL, Delivery.COLLECT)
        if not paper and len(_BOILERPLATE.sub("", reply_text)) < MIN_INFORMATION_CHARS:
            problems.append(_("予以公开须向申请人提供所申请的信息：请上传附件、填写已公开信息的链接，"
                              "或在答复内容中写明所公开的信息。"))
    return problems


def _third_party_objection(req) -> dict | None:
    """Return the last consultation in which the third party objected, or None."""
    objected = [p for p in req.pauses if p.get("kind") == "third_party" and p.get("objected")]
    return objected[-1] if objected else None


def foi_request_answer(*, request: DisclosureRequest, actor, outcome: str, reason: str = "", reply_text: str,
                       reply_link: str = "", referred_to: str = "", attachments: list[Attachment] | None = None,
                       suggest_proactive: bool = False, catalog_item=None,
                       public_interest: str = "") -> DisclosureRequest:
    """Answer and close the request with exactly one outcome; issue the reply letter (告知书).

    Disclosing (予以公开/部分公开) information a consulted third party objected to requires the
    public-interest reason (第三十二条); the written notice to the third party is then issued too.
    """
    attachments = attachments or []
    facts = {"attachments": [a.name for a in attachments]}
    detected: dict[str, str] = {}
    wording.check_letter(request, "answer", reply_text, actor)

    def apply(req):
        validate_outcome(outcome, reason)
        problems = []
        if outcome == Outcome.OTHER and reason in ("uncorrected", "unpaid"):
            problems.append(_("逾期不补正、逾期未缴费请使用相应的办理步骤，由系统核对期限。"))
        if outcome == Outcome.NOT_PROCESSED and reason == "excessive" and not req.reasons_asked_on:
            problems.append(_("“无正当理由大量反复申请”须先要求申请人说明理由（第三十五条）。"))
        if outcome == Outcome.UNAVAILABLE and reason == "still_unclear" and not req.corrected_on:
            problems.append(_("“补正后申请内容仍不明确”只适用于已经补正的申请。"))
        if not reply_text.strip():
            problems.append(_("请填写答复内容。"))
        problems.extend(delivery_problems(req, outcome, reply_text, reply_link, attachments))
        for a in attachments:
            if len(a.data) > MAX_ATTACHMENT_BYTES:
                problems.append(_("附件“%(name)s”超过10MB。") % {"name": a.name})
                continue
            # Checked like a record attachment (type by content, not by the client's claim) and
            # stored with the detected type, which is what the download is served with.
            try:
                detected[a.name] = file_checks.CONTENT_TYPES[file_checks.validate(a.name, a.data)]
            except ValidationFailed as exc:
                problems.extend(f"{a.name}：{p}" for p in (exc.problems or [exc.message]))
        if suggest_proactive and outcome != Outcome.DISCLOSED:
            problems.append(_("只有予以公开的信息才建议转为主动公开。"))
        if catalog_item is not None and catalog_item.version.catalog.organisation_id != req.organisation_id:
            problems.append(_("只能关联本机关目录中的事项。"))
        objection = _third_party_objection(req) if outcome in (Outcome.DISCLOSED, Outcome.PARTIAL) else None
        if objection and not public_interest.strip():
            problems.append(_("第三方不同意公开。决定公开的，须写明不公开可能对公共利益造成重大影响的理由（第三十二条）。"))
        if problems:
            raise ValidationFailed(_("无法办结。"), problems=problems)
        wording.require_clear(req, "answer")  # a severe wording finding in the reply blocks the letter
        today = _today()
        req.outcome, req.reason = outcome, reason
        req.reply_text, req.reply_link, req.referred_to = reply_text.strip(), reply_link.strip(), referred_to.strip()
        req.closed_on, req.closed_by = today, actor
        req.suggest_proactive = bool(suggest_proactive)
        req.proactive_catalog_item = catalog_item
        now = clock.now()
        for a in attachments:
            RequestAttachment.objects.create(request=req, name=a.name[:200], content_type=detected[a.name],
                                             size=len(a.data), data=a.data, created_at=now)
        facts["late"] = req.answered_late
        _issue(req, LetterKind.REPLY)
        if objection:
            _issue(req, LetterKind.THIRD_PARTY_NOTICE, party=objection.get("party", ""),
                   sent=deadlines_text(dt.date.fromisoformat(objection["start"])),
                   # The notice describes the information to be disclosed (第三十二条), not the reply.
                   subject=(req.document_title or req.description)[:300],
                   content=(req.document_title or req.description)[:500],
                   public_interest=public_interest.strip())

    return _run("answer", request, actor=actor, apply=apply, reason=reply_text, extra=facts)
