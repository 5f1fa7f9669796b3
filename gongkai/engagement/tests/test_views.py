"""Pages: the public intake (CSRF, human check, rate limit, size limit), public lists and 404s for
unpublished work of other organisations, the office pages driven by available_actions, and the API."""
import datetime as dt

import pytest
from django.test import Client

from gongkai.engagement import services
from gongkai.engagement.models import Comment, Message
from gongkai.engagement.states import Adoption, MessageKind

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


@pytest.fixture
def c(zz, office):
    f.pin(f.at(2026, 5, 20))
    c = f.consultation(zz, office)
    f.pin(NOW)
    return c


def _comment_post(client, c, **extra):
    page = client.get(f"/participation/consultations/{c.pk}/")
    data = {"kind": "citizen", "name": "测试公民", "phone": "13812345678", "body": "建议把奖励标准提高到十万元。"}
    data.update(f.solve(page.content.decode()))
    data.update(extra)
    return client.post(f"/participation/consultations/{c.pk}/", data)


def test_citizen_comments_on_an_open_consultation(c, client):
    response = _comment_post(client, c)
    assert response.status_code == 302
    assert Comment.objects.get().body == "建议把奖励标准提高到十万元。"
    assert "您的意见已提交" in client.get(response.url).content.decode()


def test_wrong_answer_writes_nothing(c, client):
    response = _comment_post(client, c, answer="99")
    assert response.status_code == 400 and "验证题答案不正确" in response.content.decode()
    assert not Comment.objects.exists()


def test_csrf_is_enforced(c):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/participation/consultations/{c.pk}/", {"kind": "citizen", "name": "某", "body": "x"})
    assert response.status_code == 403 and not Comment.objects.exists()


def test_rate_limit(c, client, settings):
    settings.FOI_RATE_LIMITS = {"submit": (1, 3600)}
    assert _comment_post(client, c).status_code == 302
    response = _comment_post(client, c)
    assert response.status_code == 429 and Comment.objects.count() == 1


def test_oversized_post_is_refused(c, client):
    response = _comment_post(client, c, body="长" * 40000)
    assert response.status_code == 413 and not Comment.objects.exists()


def test_closed_consultation_offers_no_form_and_refuses_posts(c, client):
    f.pin(f.at(2026, 6, 30, 17, 0))
    page = client.get(f"/participation/consultations/{c.pk}/").content.decode()
    assert "征求意见已截止" in page and 'name="body"' not in page


def test_draft_of_another_organisation_answers_404(zz, office, users):
    f.pin(NOW)
    draft = f.consultation(zz, office, publish=False)
    assert Client().get(f"/participation/consultations/{draft.pk}/").status_code == 404
    yc = Client()
    yc.force_login(users["yc_office"])
    assert yc.get(f"/office/engagement/consultations/{draft.pk}/").status_code == 404
    jc = Client()
    jc.force_login(users["jc_supervisor"])  # supervisors read their subtree
    assert jc.get(f"/office/engagement/consultations/{draft.pk}/").status_code == 200


def test_adoption_report_is_shown_with_masked_names(c, office, client):
    f.comment(c, name="张三丰", body="我的手机13812345678，建议提高标准。")
    group = services.comments_group(consultation=c, actor=office, comment_ids=[c.comments.get().pk], new_title="奖励标准")
    services.group_decide(group=group, actor=office, adoption=Adoption.PARTLY, reason="部分与上位法不符")
    f.pin(f.at(2026, 6, 30, 17))
    services.consultation_publish_report(consultation=c, actor=office, summary="共收到意见1条")
    page = client.get(f"/participation/consultations/{c.pk}/").content.decode()
    assert "部分与上位法不符" in page and "张**" in page and "张三丰" not in page and "13812345678" not in page
    assert "138****5678" in page
    assert c.title in client.get("/participation/").content.decode()


def test_office_sees_contact_data_and_drafter_sees_it_masked(c, users):
    f.comment(c, name="张三丰", phone="13812345678")
    office = Client()
    office.force_login(users["zz_office"])
    assert "13812345678" in office.get(f"/office/engagement/consultations/{c.pk}/").content.decode()
    drafter = Client()
    drafter.force_login(users["zz_drafter"])
    page = drafter.get(f"/office/engagement/consultations/{c.pk}/").content.decode()
    assert "13812345678" not in page and "张三丰" not in page


def test_office_groups_and_decides_through_the_pages(c, users):
    f.comment(c)
    client = Client()
    client.force_login(users["zz_office"])
    comment = c.comments.get()
    client.post(f"/office/engagement/consultations/{c.pk}/do/group/",
                {"comments": [comment.pk], "new_title": "奖励标准", "tags": "奖励"})
    group = c.groups.get()
    client.post(f"/office/engagement/groups/{group.pk}/decide/", {"adoption": "adopted", "reason": ""})
    group.refresh_from_db()
    assert group.adoption == Adoption.ADOPTED and comment.__class__.objects.get().group == group
    # A bad form: a Chinese message, nothing written.
    response = client.post(f"/office/engagement/groups/{group.pk}/decide/", {"adoption": "maybe"}, follow=True)
    assert "采纳情况" in response.content.decode()
    group.refresh_from_db()
    assert group.adoption == Adoption.ADOPTED


def test_secrecy_reviewer_sees_no_buttons_and_cannot_post(c, users):
    client = Client()
    client.force_login(users["zz_secrecy"])
    c2 = f.consultation(c.organisation, users["zz_office"], publish=False,
                        opens=f.at(2026, 6, 11), closes=f.at(2026, 7, 1))
    page = client.get(f"/office/engagement/consultations/{c2.pk}/").content.decode()
    assert 'data-action="publish"' not in page
    assert client.post(f"/office/engagement/consultations/{c2.pk}/do/publish/").status_code == 403
    office = Client()
    office.force_login(users["zz_office"])
    assert 'data-action="publish"' in office.get(f"/office/engagement/consultations/{c2.pk}/").content.decode()


def test_message_form_receipt_and_tracking(zz, client, office):
    f.pin(NOW)
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    data = {"kind": "suggestion", "name": "李四", "phone": "13900000000", "subject": "建议增设避难场所指示牌",
            "body": "村里的避难场所没有指示牌。", "consent_publish": "on", **f.solve(page)}
    response = client.post("/participation/messages/new/sx-jc-zz/", data)
    assert response.status_code == 302
    receipt = client.get(response.url).content.decode()
    m = Message.objects.get()
    assert m.number in receipt and "答复期限" in receipt
    secret = receipt.split('id="message-secret">')[1].split("<")[0]
    services.message_answer(message=m, actor=office, answer="已安排设置指示牌。")
    tracked = client.post("/participation/messages/track/", {"number": m.number, "secret": secret}).content.decode()
    assert "已安排设置指示牌" in tracked
    wrong = client.post("/participation/messages/track/", {"number": m.number, "secret": "XXXX"}).content.decode()
    assert "不正确" in wrong and "已安排设置指示牌" not in wrong
    # Published only after the office publishes it; masked.
    assert client.get(f"/participation/messages/{m.number}/").status_code == 404
    services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    page = client.get(f"/participation/messages/{m.number}/").content.decode()
    assert "已安排设置指示牌" in page and "李*" in page and "李四" not in page and "13900000000" not in page


def test_bad_message_is_refused_with_chinese_messages(zz, client):
    f.pin(NOW)
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    response = client.post("/participation/messages/new/sx-jc-zz/", {"kind": "complaint", "phone": "1",
                                                                       **f.solve(page)})
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page and "这个字段是必填项。" in page
    assert not Message.objects.exists()


def test_the_blank_message_form_is_rendered_once_and_a_refused_one_keeps_what_was_typed(zz, client):
    from django.core.cache import caches

    f.pin(NOW)
    caches["fragments"].clear()
    first = client.get("/participation/messages/new/sx-jc-zz/")
    second = client.get("/participation/messages/new/sx-jc-zz/")
    fields = "foi/_field.html"
    assert fields in [t.name for t in first.templates] and fields not in [t.name for t in second.templates]
    page = second.content.decode()
    assert 'name="subject"' in page and 'name="body"' in page and 'name="idempotency_token"' in page
    refused = client.post("/participation/messages/new/sx-jc-zz/", {"kind": "complaint", "subject": "路灯不亮",
                                                                      "phone": "1", **f.solve(page)})
    assert refused.status_code == 200 and 'value="路灯不亮"' in refused.content.decode()
    assert not Message.objects.exists()


def test_dashboard_shows_the_engagement_panel(zz, office, users):
    f.pin(NOW)
    f.message(zz, kind=MessageKind.COMPLAINT, subject="投诉噪声")
    client = Client()
    client.force_login(users["zz_office"])
    page = client.get("/office/").content.decode()
    assert "engagement-dashboard" in page and "投诉噪声" in page


def test_api_shows_published_data_only(c, office, zz, client):
    draft = f.consultation(zz, office, publish=False, opens=f.at(2026, 6, 11), closes=f.at(2026, 7, 1))
    ids = [row["id"] for row in client.get("/api/engagement/consultations/").json()]
    assert ids == [c.pk]
    assert client.get(f"/api/engagement/consultations/{draft.pk}").status_code == 404
    detail = client.get(f"/api/engagement/consultations/{c.pk}").json()
    assert detail["phase"] == "open" and detail["groups"] == []
    m = f.message(zz, name="王五", consent_publish=True)
    assert client.get("/api/engagement/messages/").json() == []
    services.message_answer(message=m, actor=office, answer="答复")
    services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    (row,) = client.get("/api/engagement/messages/").json()
    assert row["sender"] == "王*" and "phone" not in row
    schema = client.get("/api/openapi.json").json()
    assert "/api/engagement/consultations/{consultation_id}" in schema["paths"]
    assert "404" in schema["paths"]["/api/engagement/consultations/{consultation_id}"]["get"]["responses"]


@pytest.mark.parametrize("kind", ["opinions", "messages", "meetings", "decisions"])
def test_office_pages_of_another_organisation_answer_404_and_supervisors_read_them(zz, office, users, kind):
    f.pin(NOW)
    obj = {"opinions": lambda: f.opinion(zz, office), "messages": lambda: f.message(zz),
           "meetings": lambda: f.meeting(zz, office, NOW + dt.timedelta(days=9)),
           "decisions": lambda: f.catalog(zz, office)}[kind]()
    url = f"/office/engagement/{kind}/{obj.pk}/"
    for login, status in (("yc_office", 404), ("sx_supervisor", 200), ("zz_secrecy", 200), ("zz_office", 200)):
        client = Client()
        client.force_login(users[login])
        assert client.get(url).status_code == status, login
    assert Client().get(url).status_code == 302  # anonymous: to the login page


def test_no_message_list_is_read_out_as_a_notification(zz, office, users, client):
    """Issue 21 item 7: a list named `messages` was rendered by the base template's notification region
    (role=status), so screen readers announced tracking numbers. The lists have their own names now."""
    import re

    f.pin(NOW)
    m = f.message(zz, consent_publish=True)
    services.message_answer(message=m, actor=office, answer="答复")
    services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    status_region = re.compile(r'<div class="messages" role="status">(.*?)</div>', re.S)
    public = client.get("/participation/").content.decode()
    assert m.subject in public and not status_region.search(public)
    waiting = f.message(zz)  # on the dashboard's list of messages due
    staff = Client()
    staff.force_login(office)
    for url in ("/office/engagement/", "/office/"):
        page = staff.get(url).content.decode()
        assert waiting.number in page, url
        assert not any(waiting.number in region for region in status_region.findall(page)), url
