"""The wording check of the office's letter texts (issue 23 item 2): the reply (答复告知书) and the
correction notice (补正告知书) are refused while a severe finding is open; the text is held and shown
in place; one click applies the suggestion; the leader may keep it with a reason."""
import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.proofing import selectors as proofing_selectors
from gongkai.proofing import services as proofing
from gongkai.proofing.models import HeldText, WordingFinding
from gongkai.proofing.tests import fakes

from .factories import pin, submitted

D = dt.date
BAD = f"经检索，该信息由原{fakes.SEVERE}制作，现已移交。"
FIXED = BAD.replace(fakes.SEVERE, fakes.SEVERE_FIX)


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    return fakes.use(monkeypatch)


@pytest.fixture
def req(zz):
    req = submitted(zz, day=D(2026, 3, 2))[0]
    pin(D(2026, 3, 10))
    return req


def _findings(obj, **kw):
    return WordingFinding.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **kw)


def _answer(req, actor, text):
    return services.foi_request_answer(request=req, actor=actor, outcome="withheld", reason="process", reply_text=text)


def test_reply_severe_finding_blocks_the_letter_with_a_clear_message(req, office):
    with pytest.raises(ValidationFailed) as exc:
        _answer(req, office, BAD)
    assert "措辞检查发现 1 处严重问题" in exc.value.message and "答复内容" in exc.value.problems[0]
    req.refresh_from_db()
    assert req.is_open and not req.letters.exists()
    assert proofing_selectors.held_text(req, "reply_text") == BAD


def test_reply_apply_fixes_the_held_text_and_the_letter_is_issued(req, office):
    with pytest.raises(ValidationFailed):
        _answer(req, office, BAD)
    (finding,) = _findings(req)
    proofing.apply_finding(finding, office)
    assert proofing_selectors.held_text(req, "reply_text") == FIXED
    assert AuditEvent.objects.filter(action="proofing.applied").count() == 1
    closed = _answer(req, office, FIXED)
    assert closed.status == "closed" and closed.reply_text == FIXED and closed.letters.exists()
    assert not HeldText.objects.filter(object_id=req.pk).exists()


def test_reply_leader_override_lets_the_letter_go(req, office, leader):
    with pytest.raises(ValidationFailed):
        _answer(req, office, BAD)
    (finding,) = _findings(req)
    proofing.override(finding, leader, "原机构名称为信息制作时的名称。")
    assert AuditEvent.objects.filter(action="proofing.overridden").count() == 1
    assert _answer(req, office, BAD).status == "closed"


def test_reply_non_leader_cannot_override(req, office, tree):
    with pytest.raises(ValidationFailed):
        _answer(req, office, BAD)
    (finding,) = _findings(req)
    users = tree[1]
    for user in (office, users["zz_drafter"], users["yc_leader"]):
        with pytest.raises(PermissionDenied):
            proofing.override(finding, user, "理由")
    assert not AuditEvent.objects.filter(action="proofing.overridden").exists()


def test_reply_minor_finding_does_not_block(req, office):
    assert _answer(req, office, f"{fakes.MINOR}目前，该信息不存在。").status == "closed"
    assert _findings(req, severity="minor").count() == 1


def test_correction_notice_is_checked_too(req, office, leader):
    with pytest.raises(ValidationFailed):
        services.foi_request_ask_correction(request=req, actor=office, items=f"请写明{fakes.SEVERE}文件的名称。")
    (finding,) = _findings(req, field="correction_items")
    proofing.apply_finding(finding, office)
    fixed = proofing_selectors.held_text(req, "correction_items")
    assert fakes.SEVERE_FIX in fixed
    assert services.foi_request_ask_correction(request=req, actor=office, items=fixed).correction_items == fixed


def test_a_drafter_or_another_office_writes_nothing(req, tree):
    users = tree[1]
    for user in (users["zz_drafter"], users["yc_office"]):
        with pytest.raises(PermissionDenied):
            _answer(req, user, BAD)
    assert not WordingFinding.objects.exists() and not HeldText.objects.exists()
