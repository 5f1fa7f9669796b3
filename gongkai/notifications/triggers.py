"""What causes a notification: disclosure-request events (applicants) and the daily digest (staff).

Applicant notices hang on the audit event every state change writes (``core.AuditEvent``), read
through the one side-effect path (``core.effects``): once the change has committed, the outbox
rows of that transaction's notices are written (idempotent per audit event) and sent. A change
that rolls back queues nothing. This covers the receipt (request creation, which is not a
transition) and every kernel transition alike, without code in the request services. (A process
that dies between the commit and the outbox write loses that notice: the applicant still finds the
answer under "查询", and the staff digest lists the case.)
"""
from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.foi.states import FoiEvent
from gongkai.ops import scheduler

from .models import Channel

# audit event (the foi app's typed events) → notice kind
APPLICANT_EVENTS = {
    FoiEvent.SUBMITTED.value: "receipt",
    FoiEvent.REGISTERED.value: "receipt",
    FoiEvent.CORRECTION_REQUESTED.value: "correction",
    FoiEvent.EXTENDED.value: "extension",
    FoiEvent.CONSULTATION_STARTED.value: "consultation",
    FoiEvent.ANSWERED.value: "reply",
}


def _applicant_text(kind: str, req) -> tuple[str, str]:
    org = req.organisation.name
    number = req.tracking_number
    due = req.due_date.isoformat() if getattr(req, "due_date", None) else ""
    subjects = {
        "receipt": _("政府信息公开申请已收到（%(number)s）"),
        "correction": _("政府信息公开申请补正通知（%(number)s）"),
        "extension": _("政府信息公开申请延期答复告知（%(number)s）"),
        "consultation": _("政府信息公开申请征求第三方意见告知（%(number)s）"),
        "reply": _("政府信息公开申请已答复（%(number)s）"),
    }
    bodies = {
        "receipt": _("%(org)s已于%(received)s收到您的政府信息公开申请，申请编号%(number)s。答复期限为%(due)s。"),
        "correction": _("%(org)s需要您补正政府信息公开申请（申请编号%(number)s），补正内容请凭申请编号和查询码在平台查询；答复期限自收到补正之日起重新计算。"),
        "extension": _("%(org)s依法延长了您的政府信息公开申请（申请编号%(number)s）的答复期限，延长后的答复期限为%(due)s。"),
        "consultation": _("您的政府信息公开申请（申请编号%(number)s）涉及第三方，%(org)s正在征求第三方意见，所需时间不计入答复期限。"),
        "reply": _("%(org)s已对您的政府信息公开申请（申请编号%(number)s）作出答复，请凭申请编号和查询码在平台查看答复书。"),
    }
    values = {"org": org, "number": number, "due": due,
              "received": req.received_on.isoformat() if getattr(req, "received_on", None) else ""}
    body = bodies[kind] % values
    site = getattr(settings, "GONGKAI_SITE_URL", "")
    if site:
        body += "\n" + _("查询地址：%(url)s") % {"url": site.rstrip("/") + "/requests/track/"}
    body += "\n\n" + _("（本邮件由系统自动发送，请勿直接回复。）")
    return subjects[kind] % values, body


def _on_commit(batch) -> None:
    """After-commit subscriber (core.effects): queue and send the applicant notices of one transaction."""
    for event in batch.events:
        kind = APPLICANT_EVENTS.get(event.action)
        if kind is not None and event.target_type == "foi.disclosurerequest":
            _notify_applicant(kind, event)


def _notify_applicant(kind: str, event) -> None:
    from gongkai.foi.models import DisclosureRequest

    from .services import notification_queue

    req = DisclosureRequest.objects.select_related("organisation").filter(pk=event.target_id).first()
    if req is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _applicant_text(kind, req)
    if req.email:
        notification_queue(channel=Channel.EMAIL, kind=kind, recipient=req.email, subject=subject, body=body,
                           dedupe_key=f"audit:{event.pk}:email", target=req)
    if getattr(req, "phone", ""):
        notification_queue(channel=Channel.SMS, kind=kind, recipient=req.phone, subject="", body=subject,
                           dedupe_key=f"audit:{event.pk}:sms", target=req)


def staff_digests(out, day: dt.date | None = None) -> int:
    """Record today's reminder digests (foi_reminders) and e-mail each to its organisation's office staff."""
    from django.core.management import call_command

    from gongkai.core import clock
    from gongkai.foi.models import ReminderDigest
    from gongkai.organisations.models import Role, User

    from .services import notification_queue

    day = day or clock.today()
    call_command("foi_reminders", date=day.isoformat(), stdout=out)
    queued = 0
    for digest in ReminderDigest.objects.filter(day=day).select_related("organisation"):
        staff = User.objects.filter(is_active=True, roles__organisation=digest.organisation,
                                    roles__role=Role.OFFICE).exclude(email="").distinct()
        for user in staff:
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("依申请公开每日提醒：%(org)s（%(day)s）") % {"org": digest.organisation.name, "day": day.isoformat()}
            if notification_queue(channel=Channel.EMAIL, kind="digest", recipient=user.email, subject=subject,
                                  body=digest.text, dedupe_key=f"digest:{digest.pk}:{user.pk}", target=digest):
                queued += 1
    out.write(f"digest e-mails queued: {queued}\n")
    return queued


def deliver_job(out: io.StringIO) -> None:
    from .services import notification_deliver

    out.write(f"{notification_deliver()}\n")


def connect() -> None:
    from gongkai.core import effects

    effects.subscribe(_on_commit)
    scheduler.register(scheduler.Job("notifications_deliver", deliver_job, every=dt.timedelta(minutes=1),
                                     lease=dt.timedelta(minutes=15), description="send and retry the outbox"))
    scheduler.register(scheduler.Job("foi_daily_digest", staff_digests, daily_at=dt.time(7, 30),
                                     description="foi_reminders + e-mail to office staff"))
