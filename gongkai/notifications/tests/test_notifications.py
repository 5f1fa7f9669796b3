"""Applicant e-mails on receipt, correction, extension, consultation and reply; staff digests;
sent after commit, recorded in the outbox, retried on failure, never sent twice."""
import datetime as dt
import io

import pytest
from django.core import mail
from django.db import transaction

from gongkai.core import clock
from gongkai.foi import services
from gongkai.foi.tests.factories import pin, submitted, synthetic_id
from gongkai.notifications import sms
from gongkai.notifications.models import OutboxMessage, Status
from gongkai.notifications.services import RETRY_DELAYS, _claim, notification_deliver
from gongkai.notifications.triggers import staff_digests

D = dt.date


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.pin(None)


@pytest.fixture
def zz(tree):
    return tree[0]["sx-jc-zz"]


@pytest.fixture
def office(tree):
    return tree[1]["zz_office"]


@pytest.fixture
def leader(tree):
    return tree[1]["zz_leader"]


def kinds():
    return list(OutboxMessage.objects.order_by("id").values_list("kind", "status"))


def test_receipt_email_is_sent_after_commit_and_recorded(zz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        req, _secret = submitted(zz, day=D(2026, 3, 2))
        assert mail.outbox == []  # nothing leaves before the commit
    assert kinds() == []  # nor is anything queued: the notices of a transaction follow its commit
    with django_capture_on_commit_callbacks(execute=True) as sending:
        for callback in callbacks:
            callback()
    assert len(sending) == 1  # one delivery for the one notice of the transaction
    assert kinds() == [("receipt", Status.SENT)]
    [message] = mail.outbox
    assert message.to == ["applicant@example.invalid"]
    assert req.tracking_number in message.subject and req.tracking_number in message.body
    assert "2026-03-02" in message.body and req.organisation.name in message.body


def test_no_address_no_email(zz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(zz, day=D(2026, 3, 2), email="")
    assert OutboxMessage.objects.count() == 0 and mail.outbox == []


def test_a_rolled_back_submission_sends_nothing(zz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                submitted(zz, day=D(2026, 3, 2))
                raise RuntimeError("roll back")
    assert OutboxMessage.objects.count() == 0 and mail.outbox == []


def test_correction_consultation_extension_and_reply_each_send_one_email(zz, office, tree,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req, _ = submitted(zz, day=D(2026, 3, 2))
        pin(D(2026, 3, 3))
        req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")
    assert [k for k, _s in kinds()] == ["receipt", "correction"]
    assert "补正" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        req2, _ = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(2))
        pin(D(2026, 3, 5))
        req2 = services.foi_request_consult(request=req2, actor=office, third_party="某单位", sent_on=D(2026, 3, 5))
        pin(D(2026, 3, 10))
        req2 = services.foi_request_third_party_replied(request=req2, actor=office, replied_on=D(2026, 3, 10))
        pin(D(2026, 3, 20))
        # The office requests the extension; it takes effect (and notifies) when the office head approves.
        req2 = services.foi_request_request_extension(request=req2, actor=office, working_days=10,
                                                      reason="需要检索档案")
        req2 = services.foi_request_approve_extension(request=req2, actor=tree[1]["zz_office_head"])
        req2 = services.foi_request_answer(request=req2, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert [k for k, _s in kinds()] == ["receipt", "correction", "receipt", "consultation", "extension", "reply"]
    assert all(s == Status.SENT for _k, s in kinds())
    assert req2.due_date.isoformat() in mail.outbox[-2].body  # the extended deadline
    assert len(mail.outbox) == 6


class Broken(Exception):
    pass


def test_a_failed_send_is_retried_later_and_finally_given_up(zz, monkeypatch, django_capture_on_commit_callbacks):
    from gongkai.notifications import services as notification_services

    def fail(message):
        raise Broken("SMTP server refused")

    monkeypatch.setattr(notification_services, "_send", fail)
    pin(D(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        submitted(zz)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert "SMTP server refused" in message.last_error
    assert message.next_attempt_at == clock.now() + RETRY_DELAYS[0]
    assert notification_deliver() == {"sent": 0, "retry": 0, "failed": 0}  # not due yet
    for delay in RETRY_DELAYS[1:]:
        clock.pin(OutboxMessage.objects.get().next_attempt_at)
        notification_deliver()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, len(RETRY_DELAYS))
    clock.pin(message.next_attempt_at)
    assert notification_deliver()["failed"] == 1
    message.refresh_from_db()
    assert message.status == Status.FAILED

    monkeypatch.undo()
    clock.pin(message.next_attempt_at + dt.timedelta(days=1))
    assert notification_deliver()["sent"] == 0  # a failed message stays failed (visible in the admin)


def test_a_transient_failure_then_success(zz, monkeypatch, django_capture_on_commit_callbacks):
    from gongkai.notifications import services as notification_services

    real = notification_services._send
    calls = []

    def flaky(message):
        calls.append(message.pk)
        if len(calls) == 1:
            raise Broken("timeout")
        real(message)

    monkeypatch.setattr(notification_services, "_send", flaky)
    pin(D(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        submitted(zz)
    assert mail.outbox == []
    clock.pin(clock.now() + RETRY_DELAYS[0])
    assert notification_deliver()["sent"] == 1
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1
    assert notification_deliver()["sent"] == 0  # sent once only


def test_only_one_process_claims_a_message(zz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted(zz, day=D(2026, 3, 2))
    for callback in callbacks:  # queue the notice; its own delivery waits for a commit that never comes here
        callback()
    message = OutboxMessage.objects.get()
    now = clock.now()
    assert _claim(message.pk, now) is True
    assert _claim(message.pk, now) is False
    # A sender that died: its lease expires and the message is taken up again.
    assert _claim(message.pk, now + dt.timedelta(hours=1)) is True


def test_sms_through_a_configured_gateway_only(zz, settings, django_capture_on_commit_callbacks):
    sms.LocmemBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submitted(zz, day=D(2026, 3, 2))
    assert not OutboxMessage.objects.filter(channel="sms").exists()  # NullBackend: SMS off
    settings.GONGKAI_SMS_BACKEND = "gongkai.notifications.sms.LocmemBackend"
    with django_capture_on_commit_callbacks(execute=True):
        req, _ = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(2))
    row = OutboxMessage.objects.get(channel="sms")
    assert row.status == Status.SENT and row.recipient == req.phone
    [text] = sms.LocmemBackend.outbox
    assert text.to == req.phone and req.tracking_number in text.text


def test_office_staff_get_the_daily_digest_once(zz, tree, django_capture_on_commit_callbacks):
    users = tree[1]
    office = users["zz_office"]
    office.email = "office@example.invalid"
    office.save()
    users["zz_leader"].email = "leader@example.invalid"
    users["zz_leader"].save()
    submitted(zz, day=D(2026, 3, 2))
    mail.outbox.clear()
    OutboxMessage.objects.all().delete()
    pin(D(2026, 3, 30))  # the answer is due today
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_digests(io.StringIO(), day=D(2026, 3, 30)) == 1
    [message] = mail.outbox
    assert message.to == ["office@example.invalid"]  # the office role, not the leader
    assert zz.name in message.subject and "2026-03-30" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_digests(io.StringIO(), day=D(2026, 3, 30)) == 0
    assert len(mail.outbox) == 1


def test_the_outbox_and_the_jobs_are_readable_in_the_admin(zz, client, django_capture_on_commit_callbacks):
    from gongkai.organisations.models import User
    from gongkai.ops.models import ScheduledJob

    with django_capture_on_commit_callbacks(execute=True):
        submitted(zz, day=D(2026, 3, 2))
    ScheduledJob.objects.create(name="notifications_deliver", next_run_at=clock.now())
    client.force_login(User.objects.create_superuser("admin-test", "admin@example.invalid", "x-test-password-1"))
    outbox = client.get("/admin/notifications/outboxmessage/")
    assert outbox.status_code == 200 and "applicant@example.invalid" in outbox.content.decode()
    message = OutboxMessage.objects.get()
    assert client.get(f"/admin/notifications/outboxmessage/{message.pk}/change/").status_code == 200
    assert client.get("/admin/notifications/outboxmessage/add/").status_code == 403
    assert client.get("/admin/ops/scheduledjob/").status_code == 200


def test_an_sms_backend_must_implement_send_messages():
    from gongkai.notifications.sms import BaseSmsBackend

    class Incomplete(BaseSmsBackend):
        pass

    with pytest.raises(TypeError):
        Incomplete()
