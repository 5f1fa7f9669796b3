"""The wording check in engagement (issue 23 item 2): consultations (checked on save, blocking
publication) and message answers (held while a severe finding blocks the answer)."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import services
from gongkai.engagement.states import ConsultationStatus, MessageStatus
from gongkai.proofing import selectors as proofing_selectors
from gongkai.proofing import services as proofing
from gongkai.proofing.models import HeldText, WordingFinding
from gongkai.proofing.tests import fakes

from . import factories as f

pytestmark = pytest.mark.django_db
BAD = f"原县{fakes.SEVERE}的职责划入本局。"


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    return fakes.use(monkeypatch)


def _findings(obj, **kw):
    return WordingFinding.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **kw)


@pytest.fixture
def draft(zz, office):
    f.pin(f.at(2026, 5, 20))
    return f.consultation(zz, office, publish=False, explanation=BAD)


# ---------------------------------------------------------------- consultations

def test_consultation_severe_finding_blocks_publication_with_a_clear_message(draft, office):
    (finding,) = _findings(draft)
    assert finding.field == "explanation"
    with pytest.raises(ValidationFailed) as exc:
        services.consultation_publish(consultation=draft, actor=office)
    assert "措辞检查发现 1 处严重问题" in exc.value.message and "起草说明" in exc.value.problems[0]
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.DRAFT


def test_consultation_apply_fixes_it_and_publication_passes(draft, office):
    (finding,) = _findings(draft)
    proofing.apply_finding(finding, office)
    draft.refresh_from_db()
    assert draft.explanation == BAD.replace(fakes.SEVERE, fakes.SEVERE_FIX)
    assert AuditEvent.objects.filter(action="proofing.applied").count() == 1
    assert services.consultation_publish(consultation=draft, actor=office).status == ConsultationStatus.CONSULTING


def test_consultation_leader_override_lets_it_pass(draft, office, leader):
    (finding,) = _findings(draft)
    proofing.override(finding, leader, "沿用原机构名称系历史表述。")
    assert AuditEvent.objects.filter(action="proofing.overridden").count() == 1
    assert services.consultation_publish(consultation=draft, actor=office).status == ConsultationStatus.CONSULTING


def test_consultation_non_leader_cannot_override(draft, office, users):
    (finding,) = _findings(draft)
    for user in (office, users["zz_drafter"], users["yc_leader"]):
        with pytest.raises(PermissionDenied):
            proofing.override(finding, user, "理由")
    assert not AuditEvent.objects.filter(action="proofing.overridden").exists()


def test_consultation_minor_finding_does_not_block(zz, office):
    f.pin(f.at(2026, 5, 20))
    c = f.consultation(zz, office, publish=False, draft_text=f"第一条 {fakes.MINOR}2025年底……")
    assert _findings(c, severity="minor").count() == 1
    assert services.consultation_publish(consultation=c, actor=office).status == ConsultationStatus.CONSULTING


def test_consultation_edit_rechecks(draft, office):
    data = {k: getattr(draft, k) for k in services.CONSULTATION_FIELDS} | {"explanation": "起草说明"}
    services.consultation_update(consultation=draft, actor=office, data=data)
    assert not _findings(draft, status="open").exists()
    assert _findings(draft, status="fixed").count() == 1


# ---------------------------------------------------------------- message answers

@pytest.fixture
def message(zz):
    f.pin(f.at(2026, 5, 20))
    return f.message(zz)


def test_answer_severe_finding_blocks_and_the_text_is_held(message, office):
    with pytest.raises(ValidationFailed) as exc:
        services.message_answer(message=message, actor=office, answer=BAD)
    assert "措辞检查发现 1 处严重问题" in exc.value.message and "答复内容" in exc.value.problems[0]
    message.refresh_from_db()
    assert message.status != MessageStatus.ANSWERED and message.answer == ""
    assert proofing_selectors.held_text(message, "answer") == BAD
    assert _findings(message, status="open").count() == 1


def test_answer_apply_fixes_the_held_text_and_the_answer_passes(message, office):
    with pytest.raises(ValidationFailed):
        services.message_answer(message=message, actor=office, answer=BAD)
    (finding,) = _findings(message)
    proofing.apply_finding(finding, office)
    fixed = BAD.replace(fakes.SEVERE, fakes.SEVERE_FIX)
    assert proofing_selectors.held_text(message, "answer") == fixed
    answered = services.message_answer(message=message, actor=office, answer=fixed)
    assert answered.status == MessageStatus.ANSWERED and answered.answer == fixed
    assert not HeldText.objects.exists()  # released once the answer went out


def test_answer_leader_override_lets_it_pass(message, office, leader):
    with pytest.raises(ValidationFailed):
        services.message_answer(message=message, actor=office, answer=BAD)
    (finding,) = _findings(message)
    proofing.override(finding, leader, "引用来信原文。")
    assert AuditEvent.objects.filter(action="proofing.overridden").count() == 1
    assert services.message_answer(message=message, actor=office, answer=BAD).status == MessageStatus.ANSWERED


def test_answer_non_leader_cannot_override(message, office, users):
    with pytest.raises(ValidationFailed):
        services.message_answer(message=message, actor=office, answer=BAD)
    (finding,) = _findings(message)
    for user in (office, users["yc_leader"]):
        with pytest.raises(PermissionDenied):
            proofing.override(finding, user, "理由")
    finding.refresh_from_db()
    assert finding.status == "open"


def test_answer_minor_finding_does_not_block(message, office):
    answered = services.message_answer(message=message, actor=office, answer=f"{fakes.MINOR}目前，材料如下。")
    assert answered.status == MessageStatus.ANSWERED
    assert _findings(message, severity="minor").count() == 1


def test_answer_by_another_organisation_writes_nothing(message, users):
    with pytest.raises(PermissionDenied):
        services.message_answer(message=message, actor=users["yc_office"], answer=BAD)
    assert not WordingFinding.objects.exists() and not HeldText.objects.exists()


def test_consultation_edit_form_shows_the_findings_in_place(client, draft, office):
    from django.urls import reverse

    client.force_login(office)
    page = client.get(reverse("engagement_office:consultation_edit", args=[draft.pk])).content.decode()
    assert f"<mark>{fakes.SEVERE}</mark>" in page and "应用建议" in page
