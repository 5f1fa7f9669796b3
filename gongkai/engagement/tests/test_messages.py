"""Messages: working-day deadlines with explanations, complex suggestions, publication with consent,
the year's statistics, and turning a 信访/投诉 disclosure request into a message in one step."""
import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import selectors, services
from gongkai.engagement.models import Message
from gongkai.engagement.states import MessageKind, MessageStatus

from . import factories as f

# Friday 2026-09-25; the National Day holiday runs 1–8 October 2026.
FRIDAY = f.at(2026, 9, 25, 10)


@pytest.mark.parametrize("kind,days", [
    (MessageKind.SUGGESTION, 7), (MessageKind.CONSULTATION, 15), (MessageKind.COMPLAINT, 15),
    (MessageKind.REPORT, 15)])
def test_deadline_by_kind_in_working_days(zz, kind, days):
    from gongkai.workdays import calendar

    f.pin(FRIDAY)
    m = f.message(zz, kind=kind)
    assert m.due_date == calendar.add_working_days(dt.date(2026, 9, 25), days)
    assert m.due_date > dt.date(2026, 9, 25) + dt.timedelta(days=days)  # weekends and the holiday are skipped
    text = services.message_deadline(m).text
    assert "跳过法定节假日" in text and "收到留言之日" in text


def test_a_complex_suggestion_gets_15_working_days_with_a_reason(zz, office):
    from gongkai.workdays import calendar

    f.pin(FRIDAY)
    m = f.message(zz, kind=MessageKind.SUGGESTION)
    with pytest.raises(ValidationFailed):
        services.message_mark_complex(message=m, actor=office, reason="")
    services.message_mark_complex(message=m, actor=office, reason="需会同多个股室研究")
    m.refresh_from_db()
    assert m.complex and m.due_date == calendar.add_working_days(dt.date(2026, 9, 25), 15)
    with pytest.raises(InvalidTransition):
        services.message_mark_complex(message=m, actor=office, reason="再次延长")


@pytest.mark.parametrize("days_after_due,allowed", [(0, True), (1, False), (10, False)])
def test_the_longer_limit_is_chosen_only_before_the_short_one_has_passed(zz, office, days_after_due, allowed):
    """Seed 003 五(三): 7 working days, 情况复杂的可延长至15个工作日. Marked complex after the 7th working day,
    the suggestion stays late: no move to 15 working days, no audit row, the due date kept."""
    f.pin(FRIDAY)
    m = f.message(zz, kind=MessageKind.SUGGESTION)
    short_due = m.due_date
    f.pin(f.at(short_due.year, short_due.month, short_due.day, 16) + dt.timedelta(days=days_after_due))
    count = AuditEvent.objects.count()
    if allowed:  # on the last day of the short limit the longer one may still be chosen
        services.message_mark_complex(message=m, actor=office, reason="需会同多个股室研究")
        assert Message.objects.get(pk=m.pk).due_date > short_due
        return
    with pytest.raises(InvalidTransition, match="反馈期限已过"):
        services.message_mark_complex(message=m, actor=office, reason="需会同多个股室研究")
    m.refresh_from_db()
    assert (m.complex, m.due_date, AuditEvent.objects.count()) == (False, short_due, count)
    assert m in selectors.dashboard(office)["messages_due"] and m.due_date < f.clock.today()


def test_only_suggestions_may_be_marked_complex(zz, office):
    f.pin(FRIDAY)
    m = f.message(zz, kind=MessageKind.COMPLAINT)
    with pytest.raises(InvalidTransition):
        services.message_mark_complex(message=m, actor=office, reason="复杂")


@pytest.mark.parametrize("kw,problem", [
    ({"phone": "12345"}, "请填写11位手机号码或带区号的固定电话（如 0356-1234567）。"),
    ({"subject": ""}, "标题不能为空。"),
    ({"body": "x" * (services.MAX_MESSAGE + 1)}, "留言内容不能超过5000字。"),
])
def test_bad_message_input_writes_nothing(zz, kw, problem):
    f.pin(FRIDAY)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        f.message(zz, **kw)
    assert problem in exc.value.problems
    assert not Message.objects.exists() and AuditEvent.objects.count() == count


def test_unknown_kind_is_refused(zz):
    with pytest.raises(ValidationFailed):
        f.message(zz, kind="spam")


def test_numbers_and_query_codes(zz):
    f.pin(FRIDAY)
    m1, m2 = f.message(zz), f.message(zz)
    # Upper case like the requests' tracking numbers (issue 21 item 11).
    assert (m1.number, m2.number) == ("SX-JC-ZZ-LY-2026-00001", "SX-JC-ZZ-LY-2026-00002")
    m, secret = services.message_submit(organisation=zz, kind=MessageKind.COMPLAINT, name="某人",
                                        phone="13800000000", subject="投诉", body="内容")
    assert services.message_check_secret(m, secret) and not services.message_check_secret(m, "WRONG")


def test_publication_needs_the_senders_consent(zz, office):
    f.pin(FRIDAY)
    m = f.message(zz, consent_publish=False)
    services.message_answer(message=m, actor=office, answer="答复")
    with pytest.raises(InvalidTransition, match="未同意公开"):
        services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    assert not selectors.published_messages().exists()


def test_statistics_for_the_annual_report(zz, office):
    f.pin(f.at(2026, 3, 2, 9))  # Monday
    a = f.message(zz)
    b = f.message(zz)
    f.message(zz)  # not answered yet
    f.pin(f.at(2026, 3, 5, 9))  # Thursday: 3 working days later
    services.message_answer(message=a, actor=office, answer="答复")
    f.pin(f.at(2026, 3, 9, 9))  # next Monday: 5 working days later
    services.message_answer(message=b, actor=office, answer="答复")
    stats = selectors.message_statistics(zz, 2026)
    assert (stats.received, stats.answered, stats.average_working_days) == (3, 2, 4.0)
    assert selectors.message_count(zz, 2025) == 0 and selectors.message_average_working_days(zz, 2025) is None


@pytest.fixture
def foi_request(zz):
    from gongkai.foi.services import Application, foi_request_submit
    from gongkai.foi.tests.factories import synthetic_id

    f.pin(FRIDAY)
    app = Application(applicant_type="natural", applicant_name="测试申请人", id_document_type="id_card",
                      id_number=synthetic_id(), phone="13800000000", description="投诉某企业违规生产，要求查处",
                      info_form="electronic", delivery="online")
    return foi_request_submit(organisation=zz, application=app)[0]


def test_a_petition_request_becomes_a_message_in_one_step(foi_request, office):
    from gongkai.core import audit
    from gongkai.foi.models import DisclosureRequest

    m = services.message_from_request(request=foi_request, actor=office, reply_text="属于投诉，转为留言办理。")
    req = DisclosureRequest.objects.get(pk=foi_request.pk)
    assert (req.outcome, req.reason) == ("not_processed", "petition")
    assert m.source_request == req and m.kind == MessageKind.COMPLAINT and m.body == req.description
    assert m.status == MessageStatus.RECEIVED
    assert audit.readable_history(m)[0]["what"] == "由政府信息公开申请转为留言办理"
    assert len(audit.readable_history(req)) >= 2  # the request keeps its own history
    with pytest.raises(InvalidTransition, match="该申请已转为留言"):  # said plainly, before the closed request refuses
        services.message_from_request(request=req, actor=office, reply_text="再次")


def test_only_the_office_turns_a_request_into_a_message(foi_request, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.message_from_request(request=foi_request, actor=users["zz_drafter"], reply_text="x")
    assert not Message.objects.exists()


def test_the_foi_case_page_offers_the_conversion_and_the_page_does_it(foi_request, users):
    from django.test import Client

    office = Client()
    office.force_login(users["zz_office"])
    detail = f"/office/requests/{foi_request.pk}/"
    assert "不予处理并转为留言办理" in office.get(detail).content.decode()
    drafter = Client()
    drafter.force_login(users["zz_drafter"])
    assert "不予处理并转为留言办理" not in drafter.get(detail).content.decode()
    url = f"/office/engagement/requests/{foi_request.pk}/to-message/"
    assert drafter.post(url, {"kind": "complaint", "reply_text": "x"}).status_code == 403
    response = office.post(url, {"kind": "complaint", "reply_text": "属于投诉，转为留言办理。"})
    m = Message.objects.get()
    assert response.status_code == 302 and response.url == f"/office/engagement/messages/{m.pk}/"
    page = office.get(response.url).content.decode()
    assert "原申请的办理记录" in page and foi_request.tracking_number in page
    assert "不予处理并转为留言办理" not in office.get(detail).content.decode()


def test_old_lower_case_numbers_are_upper_cased_and_still_resolve(zz, office, client):
    """Numbers issued before issue 21 item 11 were lower case; migration 0003 upper-cases them and a link
    or receipt with the old spelling (or full-width characters) still finds the message."""
    import importlib

    from django.apps import apps as django_apps

    f.pin(FRIDAY)
    m = f.message(zz, consent_publish=True)
    Message.objects.filter(pk=m.pk).update(number="sx-jc-zz-LY-2026-00001")
    migration = importlib.import_module("gongkai.engagement.migrations.0003_message_numbers_upper_case")
    migration.upper_case(django_apps, None)
    m.refresh_from_db()
    assert m.number == "SX-JC-ZZ-LY-2026-00001"
    services.message_answer(message=m, actor=office, answer="答复")
    services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    for spelling in ("sx-jc-zz-LY-2026-00001", "SX-JC-ZZ-LY-2026-00001", "ｓｘ-jc-zz-ly-2026-00001"):
        assert client.get(f"/participation/messages/{spelling}/").status_code == 200, spelling
        assert client.get(f"/api/engagement/messages/{spelling}").status_code == 200, spelling
    # The next number continues the sequence in upper case.
    assert f.message(zz).number == "SX-JC-ZZ-LY-2026-00002"
