"""The wording check in the records workflow (issue 23 item 2): records and interpretations.

A severe finding blocks 报审 until it is fixed (应用建议 or an edit) or kept by the leader with a
reason; minor findings do not block. The engine is the fixed test engine (proofing.tests.fakes).
"""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.proofing import services as proofing
from gongkai.proofing.models import WordingFinding
from gongkai.proofing.tests import fakes
from gongkai.records import services
from gongkai.records.models import Interpretation
from gongkai.records.states import RecordStatus

from .factories import create_record, record_data

pytestmark = pytest.mark.django_db
BODY = f"根据省{fakes.SEVERE}部署，全县开展隐患排查。"


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    return fakes.use(monkeypatch)


def _findings(obj, **kw):
    from django.contrib.contenttypes.models import ContentType

    return WordingFinding.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **kw)


def _events(action):
    return AuditEvent.objects.filter(action=action).count()


def test_saving_stores_the_finding_at_its_place(w):
    record = create_record(w, body=BODY)
    (f,) = _findings(record)
    assert (f.field, f.text, f.severity, f.suggestion) == ("body", fakes.SEVERE, "severe", fakes.SEVERE_FIX)
    assert record.body[f.start:f.end] == fakes.SEVERE and f.status == "open"


def test_a_severe_finding_blocks_submission_with_a_clear_message(w):
    record = create_record(w, body=BODY)
    with pytest.raises(ValidationFailed) as exc:
        services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert "措辞检查发现 1 处严重问题" in exc.value.message
    assert fakes.SEVERE in exc.value.problems[0] and fakes.SEVERE_FIX in exc.value.problems[0]
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_applying_the_suggestion_fixes_it_and_submission_passes(w):
    record = create_record(w, body=BODY)
    (f,) = _findings(record)
    before = _events("proofing.applied")
    proofing.apply_finding(f, w.users["yc_drafter"])
    record.refresh_from_db()
    assert record.body == BODY.replace(fakes.SEVERE, fakes.SEVERE_FIX)
    f.refresh_from_db()
    assert f.status == "fixed" and f.resolved_by == w.users["yc_drafter"]
    assert _events("proofing.applied") == before + 1
    assert _events("proofing.resolved") == 0  # the applied finding is not "resolved" a second time
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status != RecordStatus.DRAFT


def test_a_leader_override_with_reason_lets_it_pass_and_writes_one_audit_row(w):
    record = create_record(w, body=BODY)
    (f,) = _findings(record)
    with pytest.raises(ValidationFailed):
        proofing.override(f, w.users["yc_leader"], "   ")
    proofing.override(f, w.users["yc_leader"], "引用2017年原文件名称，保持原貌。")
    assert AuditEvent.objects.filter(action="proofing.overridden").count() == 1
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status != RecordStatus.DRAFT


def test_a_non_leader_cannot_override(w):
    record = create_record(w, body=BODY)
    (f,) = _findings(record)
    for user in (w.users["yc_office"], w.users["yc_drafter"], w.users["zz_leader"]):
        with pytest.raises(PermissionDenied):
            proofing.override(f, user, "理由")
    f.refresh_from_db()
    assert f.status == "open" and _events("proofing.overridden") == 0


def test_minor_findings_do_not_block(w):
    record = create_record(w, body=f"{fakes.MINOR}2025年底，全县共排查隐患120处。")
    (f,) = _findings(record)
    assert f.severity == "minor"
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status != RecordStatus.DRAFT


def test_recheck_keeps_an_override_while_the_text_stands_and_drops_findings_that_disappeared(w):
    record = create_record(w, body=BODY)
    (f,) = _findings(record)
    proofing.override(f, w.users["yc_leader"], "历史名称")
    services.record_update(record=record, actor=w.users["yc_drafter"], data={"body": "前言。" + BODY})
    f.refresh_from_db()
    assert f.status == "overridden" and f.start == BODY.index(fakes.SEVERE) + 3
    services.record_update(record=record, actor=w.users["yc_drafter"], data={"body": "全县开展隐患排查。"})
    assert not _findings(record).exists()


def test_an_open_finding_edited_away_is_fixed_with_one_audit_row(w):
    record = create_record(w, body=BODY + fakes.SEVERE)
    assert _findings(record, status="open").count() == 2
    services.record_update(record=record, actor=w.users["yc_drafter"], data={"body": BODY})
    assert _findings(record, status="open").count() == 1
    assert _findings(record, status="fixed").count() == 1
    assert _events("proofing.resolved") == 1


def test_the_interpretation_is_checked_and_blocks_its_record(w):
    record = create_record(w, needs_interpretation=True)
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={
        "title": "政策解读", "form": "text", "interpreting_body": "阳城县应急管理局", "background": BODY})
    interpretation = Interpretation.objects.get(record=record)
    (f,) = _findings(interpretation)
    with pytest.raises(ValidationFailed) as exc:
        services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert "解读材料" in exc.value.problems[0]
    proofing.apply_finding(f, w.users["yc_drafter"])
    interpretation.refresh_from_db()
    assert fakes.SEVERE_FIX in interpretation.background and interpretation.title == "政策解读"
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status != RecordStatus.DRAFT


def test_a_suggestion_cannot_be_applied_once_the_record_is_submitted(w):
    record = create_record(w, body=f"{fakes.MINOR}目前")
    services.record_submit(record=record, actor=w.users["yc_drafter"])
    (f,) = _findings(record)
    with pytest.raises(Exception) as exc:
        proofing.apply_finding(f, w.users["yc_drafter"])
    assert "不能" in str(exc.value)
    record.refresh_from_db()
    assert record.body.startswith(fakes.MINOR)


def test_record_data_without_findings_submits_as_before(w):
    record = create_record(w, **record_data())
    assert not _findings(record).exists()
    services.record_submit(record=record, actor=w.users["yc_drafter"])
