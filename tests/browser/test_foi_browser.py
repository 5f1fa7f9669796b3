"""A citizen files a request; the office asks for a correction; the citizen corrects it online;
the office requests an extension, the head of the disclosure office approves it from the dashboard
queue; the office answers 部分公开; the citizen downloads the reply letter."""
import io
import re

import docx
import pytest

from gongkai.foi.models import DisclosureRequest
from gongkai.core.validators import id_check_char
from gongkai.foi.intake import parse_chinese_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def synthetic_id() -> str:
    first17 = "14052519900101007"
    return first17 + id_check_char(first17)


def login(page, base, username):
    page.goto(base + "/office/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-password-1")
    page.get_by_role("button", name="登录", exact=True).click()  # the header has other submit buttons
    page.wait_for_url(base + "/office/")


def test_request_from_filing_to_reply_letter(live_server, browser, tree, tmp_path):
    base = live_server.url
    citizen = browser.new_context(accept_downloads=True, locale="zh-CN").new_page()
    clerk = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()

    # The citizen files a request online and gets a tracking number and a query code.
    citizen.goto(base + "/")
    citizen.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    citizen.get_by_role("link", name="泽州县应急管理局").click()
    citizen.get_by_label("姓名或名称").fill("测试申请人")
    citizen.get_by_label("证件号码").fill(synthetic_id())
    citizen.get_by_label("联系电话").fill("13800000000")
    citizen.get_by_label("所需信息的内容描述").fill("本县2025年度安全生产执法检查情况")
    question = citizen.locator("label[for=id_answer]").inner_text()
    a, op, b = re.search(r"([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", question).groups()
    x, y = parse_chinese_number(a), parse_chinese_number(b)
    citizen.fill("#id_answer", str(x + y if op == "加" else x - y))
    citizen.get_by_role("button", name="提交申请").click()
    number = citizen.locator("#tracking-number").inner_text()
    assert citizen.locator("#tracking-secret").inner_text()
    req = DisclosureRequest.objects.get(tracking_number=number)
    assert req.status == "received"

    # The clerk asks for a correction.
    login(clerk, base, "zz_office")
    clerk.goto(base + "/office/requests/")
    clerk.get_by_role("link", name=number).click()
    clerk.get_by_text("告知补正", exact=True).click()
    clerk.get_by_label("需要补正的事项").fill("请写明需要的是执法检查计划还是检查结果")
    clerk.get_by_role("button", name="发出补正告知").click()
    assert "待申请人补正" in clerk.locator("h1").inner_text()

    # The citizen sees the notice on the tracking page and corrects the request.
    citizen.get_by_role("link", name="查看办理进度").click()
    assert "请写明需要的是执法检查计划还是检查结果" in citizen.locator("#correction-items").inner_text()
    citizen.get_by_label("补正内容").fill("需要检查结果（检查记录汇总）")
    citizen.get_by_role("button", name="提交补正").click()
    assert "补正已提交" in citizen.locator(".messages").inner_text()
    assert "办理中" in citizen.locator(".status-line").inner_text()

    # The clerk requests an extension; it takes effect only when the office head approves it.
    clerk.reload()
    clerk.get_by_text("申请延长答复期限", exact=True).click()
    clerk.get_by_label("延长工作日数").fill("10")
    clerk.get_by_label("延长理由").fill("需要会同执法队核对检查记录")
    clerk.get_by_role("button", name="提交延期申请").click()
    assert "延期申请待批准" in clerk.locator(".deadline-panel").inner_text()
    head = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    login(head, base, "zz_office_head")
    head.goto(base + "/office/")
    head.get_by_role("link", name=re.compile("待批准的延期申请")).click()
    head.get_by_role("link", name=number).click()
    head.get_by_role("button", name="批准延长答复期限").click()
    assert "已延长10个工作日" in head.locator(".deadline-panel").inner_text()

    clerk.reload()
    clerk.get_by_text("答复办结", exact=True).click()
    clerk.get_by_label("办理结果").select_option(label="部分公开")
    clerk.get_by_label("具体情形（部分公开：不予提供部分的理由）").select_option(value="partial.third_party")
    clerk.get_by_label("答复内容").fill("现提供检查记录汇总；其中涉及企业商业秘密的内容不予公开。")
    clerk.get_by_role("button", name="办结并生成告知书").click()
    assert "部分公开（保护第三方合法权益）" in clerk.locator(".outcome-panel").inner_text()
    clerk.screenshot(path=str(tmp_path / "clerk.png"), full_page=True)

    # The citizen downloads the reply letter and reads it back.
    citizen.reload()
    with citizen.expect_download() as info:
        citizen.get_by_role("link", name="下载答复告知书（Word）").click()
    path = tmp_path / "reply.docx"
    info.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "政府信息公开申请答复告知书" in text and number in text
    assert "部分公开" in text
    assert "《中华人民共和国政府信息公开条例》第三十七条" in text
    citizen.screenshot(path=str(tmp_path / "citizen.png"), full_page=True)
