"""Intake: online submission and registration by the office (第二十九条、第三十一条)."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import DisclosureRequest

from .factories import application, pin, submitted, synthetic_id

D = dt.date


def test_online_submission_is_received_the_same_day_with_a_20_working_day_deadline(zz):
    req, secret = submitted(zz, day=D(2026, 3, 2))
    assert req.status == "received"
    assert req.received_on == D(2026, 3, 2)
    assert req.tracking_number == "SX-JC-ZZ-2026-00001"
    assert req.due_date == D(2026, 3, 30)  # 20 working days, counting from 3 March
    assert "第三十三条" in req.deadline["explanation"]["text"]
    assert "第三十一条第（三）项" in req.receipt_basis
    assert services.check_secret(req, secret) and not services.check_secret(req, "WRONG")
    assert secret not in req.secret_digest
    event = AuditEvent.objects.get(action="foi_request.submitted")
    assert event.target_id == str(req.pk) and event.actor is None


def test_tracking_numbers_count_per_organisation_and_year(tree):
    orgs, _ = tree
    a, _s = submitted(orgs["sx-jc-zz"], day=D(2026, 3, 2))
    b, _s = submitted(orgs["sx-jc-zz"], day=D(2026, 3, 2), id_number=synthetic_id(2))
    c, _s = submitted(orgs["sx-jc-yc"], day=D(2026, 3, 2))
    assert [a.tracking_number, b.tracking_number, c.tracking_number] == [
        "SX-JC-ZZ-2026-00001", "SX-JC-ZZ-2026-00002", "SX-JC-YC-2026-00001"]


def test_invalid_application_lists_every_problem(zz):
    pin(D(2026, 3, 2))
    with pytest.raises(ValidationFailed) as exc:
        services.foi_request_submit(organisation=zz, application=application(
            id_number="140525199001010011", phone="123", description=" ", delivery="mail"))
    problems = " ".join(exc.value.problems)
    assert "校验位" in problems and "手机号码" in problems and "描述" in problems and "通信地址" in problems
    assert not DisclosureRequest.objects.exists()


def test_legal_person_needs_a_contact_person(zz):
    pin(D(2026, 3, 2))
    with pytest.raises(ValidationFailed) as exc:
        services.foi_request_submit(organisation=zz, application=application(
            applicant_type="commercial", applicant_name="测试商贸有限公司", id_document_type="credit_code",
            id_number="91140525MA0K000000"))
    assert any("联系人" in p for p in exc.value.problems)


@pytest.mark.parametrize("channel, arrived, confirmed, received", [
    ("in_person", D(2026, 3, 4), None, D(2026, 3, 4)),
    ("post", D(2026, 3, 4), None, D(2026, 3, 4)),
    ("letter", D(2026, 3, 4), D(2026, 3, 5), D(2026, 3, 5)),
    ("fax", D(2026, 3, 4), D(2026, 3, 6), D(2026, 3, 6)),
    ("email", D(2026, 3, 4), D(2026, 3, 4), D(2026, 3, 4)),
])
def test_registration_fixes_the_date_of_receipt_by_channel(zz, office, channel, arrived, confirmed, received):
    pin(D(2026, 3, 9))
    req, _secret = services.foi_request_register(organisation=zz, application=application(), actor=office,
                                                 channel=channel, arrived_on=arrived, confirmed_on=confirmed)
    assert req.received_on == received
    assert "第三十一条" in req.receipt_basis
    assert req.registered_by == office
    assert AuditEvent.objects.filter(action="foi_request.registered", target_id=str(req.pk)).exists()


def test_letter_without_confirmation_date_is_refused(zz, office):
    pin(D(2026, 3, 9))
    with pytest.raises(ValidationFailed) as exc:
        services.foi_request_register(organisation=zz, application=application(), actor=office,
                                      channel="letter", arrived_on=D(2026, 3, 4))
    assert "双方确认" in exc.value.problems[0] or "确认" in exc.value.problems[0]


def test_only_the_office_registers(zz, tree):
    pin(D(2026, 3, 9))
    for name in ("zz_drafter", "zz_leader", "jc_supervisor", "yc_office"):
        with pytest.raises(PermissionDenied):
            services.foi_request_register(organisation=zz, application=application(), actor=tree[1][name],
                                          channel="in_person", arrived_on=D(2026, 3, 9))


def test_duplicate_of_an_earlier_request_is_detected(zz, office):
    first, _s = submitted(zz, day=D(2026, 3, 2), description="2025年度本县安全生产事故统计数据")
    pin(D(2026, 3, 9))
    second, _s = services.foi_request_register(
        organisation=zz, application=application(description="2025年度本县安全生产事故统计数据。"), actor=office,
        channel="in_person", arrived_on=D(2026, 3, 9))
    other, _s = submitted(zz, day=D(2026, 3, 9), description="2024年度森林防火经费使用情况")
    stranger, _s = submitted(zz, day=D(2026, 3, 9), id_number=synthetic_id(9),
                             description="2025年度本县安全生产事故统计数据")
    assert second.duplicate_of == first
    assert other.duplicate_of is None
    assert stranger.duplicate_of is None
