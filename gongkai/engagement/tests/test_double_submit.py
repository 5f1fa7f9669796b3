"""Issue 20 item 7: a message or a comment posted twice (double click, browser retry) is stored once, and the
repeated POST shows the first receipt instead of "the human-check answer is wrong"."""
import re

from gongkai.engagement.models import Comment, Message

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


def _token(html: str) -> str:
    return re.search(r'name="idempotency_token" value="([^"]+)"', html).group(1)


def test_a_message_posted_twice_is_stored_once_and_the_repeat_shows_the_first_receipt(zz, client):
    f.pin(NOW)
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    data = {"kind": "suggestion", "name": "李四", "phone": "13900000000", "subject": "建议增设避难场所指示牌",
            "body": "村里的避难场所没有指示牌。", "idempotency_token": _token(page), **f.solve(page)}
    first = client.post("/participation/messages/new/sx-jc-zz/", data)
    second = client.post("/participation/messages/new/sx-jc-zz/", data)
    assert first.status_code == second.status_code == 302 and second.url == first.url
    m = Message.objects.get()
    receipt = client.get(second.url).content.decode()
    assert m.number in receipt and "验证题答案不正确" not in receipt
    # A fresh form (a new token) is a new message.
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    client.post("/participation/messages/new/sx-jc-zz/", {**data, "idempotency_token": _token(page), **f.solve(page)})
    assert Message.objects.count() == 2


def test_a_comment_posted_twice_is_stored_once_and_the_repeat_thanks(zz, office, client):
    f.pin(f.at(2026, 5, 20))
    c = f.consultation(zz, office)
    f.pin(NOW)
    page = client.get(f"/participation/consultations/{c.pk}/").content.decode()
    data = {"kind": "citizen", "name": "测试公民", "body": "建议提高奖励标准。", "idempotency_token": _token(page),
            **f.solve(page)}
    first = client.post(f"/participation/consultations/{c.pk}/", data)
    second = client.post(f"/participation/consultations/{c.pk}/", data)
    assert first.status_code == second.status_code == 302 and second.url == first.url
    assert Comment.objects.count() == 1
    shown = client.get(second.url).content.decode()
    assert "您的意见已提交" in shown and "验证题答案不正确" not in shown


def test_a_refused_post_releases_the_token_so_the_corrected_form_goes_through(zz, client):
    f.pin(NOW)
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    data = {"kind": "suggestion", "name": "李四", "phone": "1", "subject": "标题", "body": "内容",
            "idempotency_token": _token(page), **f.solve(page)}
    assert client.post("/participation/messages/new/sx-jc-zz/", data).status_code == 200
    page = client.get("/participation/messages/new/sx-jc-zz/").content.decode()
    data.update(phone="13900000000", **f.solve(page))
    assert client.post("/participation/messages/new/sx-jc-zz/", data).status_code == 302
    assert Message.objects.count() == 1
