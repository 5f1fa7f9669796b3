"""A citizen comments on an open consultation and sends a message; staff group the comments, answer
the message and publish the adoption report; the citizen sees both. A major-emergency opinion event
logged by the city escalates to the province when its 5-hour deadline passes (pinned clock)."""
import datetime as dt
import io
import re

import pytest
from django.core.management import call_command

from gongkai.core import clock
from gongkai.engagement import services
from gongkai.engagement.models import Message, OpinionEvent
from gongkai.engagement.tests.factories import chinese_number
from gongkai.organisations.models import Role, RoleAssignment, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = dt.timezone(dt.timedelta(hours=8))


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


def login(page, base, username):
    page.goto(base + "/office/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-password-1")
    page.get_by_role("button", name="登录", exact=True).click()


def solve(page):
    question = page.locator("label[for=id_answer]").inner_text()
    a, op, b = re.search(r"([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", question).groups()
    x, y = chinese_number(a), chinese_number(b)
    page.fill("#id_answer", str(x + y if op == "加" else x - y))


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.pin(None)


def test_consultation_and_message_from_citizen_to_adoption_report(live_server, browser, tree):
    orgs, users = tree
    base = live_server.url
    clock.pin(at(2026, 5, 20, 9, 0))
    c = services.consultation_create(organisation=orgs["sx-jc-zz"], actor=users["zz_office"], data={
        "title": "《泽州县安全生产举报奖励实施办法（征求意见稿）》", "draft_text": "第一条 为鼓励举报……",
        "basis": "《中华人民共和国安全生产法》", "explanation": "细化奖励标准。",
        "opens_at": at(2026, 6, 1, 9, 0), "closes_at": at(2026, 6, 30, 17, 0)})
    services.consultation_publish(consultation=c, actor=users["zz_office"])
    clock.pin(at(2026, 6, 10, 10, 0))

    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.set_default_timeout(10_000)
    citizen.goto(base + "/")
    citizen.get_by_role("navigation", name="主导航").get_by_role("link", name="互动参与").click()
    citizen.get_by_role("link", name=c.title).click()
    assert "正在征求意见" in citizen.content()
    citizen.get_by_label("姓名或名称").fill("张三丰")
    citizen.get_by_label("联系电话（选填）").fill("13812345678")
    citizen.get_by_label("意见内容").fill("建议将重大隐患举报的奖励标准提高到十万元。")
    solve(citizen)
    citizen.get_by_role("button", name="提交意见").click()
    assert "您的意见已提交" in citizen.content()

    citizen.get_by_role("navigation", name="主导航").get_by_role("link", name="互动参与").click()
    citizen.locator("section", has_text="我要留言").get_by_role("link", name="泽州县应急管理局").click()
    citizen.get_by_label("建议", exact=True).check()
    citizen.fill("#id_name", "李四")
    citizen.fill("#id_phone", "13900000000")
    citizen.fill("#id_subject", "建议在村口设置应急避难场所指示牌")
    citizen.fill("#id_body", "我村的应急避难场所没有指示牌，夜间难以找到。")
    citizen.locator("#id_consent_publish").check()
    solve(citizen)
    citizen.get_by_role("button", name="提交留言").click()
    number = citizen.locator("#message-number").inner_text()
    assert citizen.locator("#message-secret").inner_text()
    message = Message.objects.get(number=number)
    assert message.kind == "suggestion" and message.consent_publish

    # The period ends; staff group the comments, decide, publish the report and answer the message.
    clock.pin(at(2026, 6, 30, 17, 0))
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    staff.set_default_timeout(10_000)
    login(staff, base, "zz_office")
    staff.goto(base + "/office/")
    staff.locator("#engagement-dashboard").get_by_role("link", name=re.compile("进入")).click()
    staff.get_by_role("link", name=c.title).click()
    assert "13812345678" in staff.content()  # the office sees contact data
    staff.locator("input[name=comments]").first.check()
    staff.get_by_label("或新建归类").fill("提高奖励标准")
    staff.get_by_label("标签（用逗号分隔）").fill("奖励标准")
    staff.get_by_role("button", name="归类所选意见").click()
    assert "已归类" in staff.content()
    group_row = staff.locator("#groups tr", has_text="提高奖励标准")
    group_row.locator("select[name=adoption]").select_option("partly")
    group_row.locator("textarea[name=reason]").fill("奖励标准按省级规定的上限执行，暂不提高到十万元。")
    group_row.get_by_role("button", name="确定").click()
    staff.get_by_label("采纳情况总体说明").fill("共收到意见1条，部分采纳1条。")
    staff.get_by_role("button", name="公布采纳情况及理由").click()
    assert "已公布采纳情况及理由" in staff.content()

    staff.goto(base + "/office/")
    staff.locator("#engagement-dashboard").get_by_role("link", name=re.compile(number)).click()
    staff.get_by_label("答复内容").fill("已安排在各村应急避难场所设置指示牌，感谢您的建议。")
    staff.get_by_role("button", name="答复", exact=True).click()
    assert "已答复" in staff.locator("#message-status").inner_text()
    staff.get_by_role("button", name="公开留言及答复（个人信息脱敏）").click()
    assert "已答复并公开" in staff.locator("#message-status").inner_text()

    # The citizen sees the adoption report and the answer, personal data masked.
    citizen.goto(base + "/participation/")
    citizen.get_by_role("link", name=c.title).click()
    report = citizen.locator("#report").inner_text()
    assert "部分采纳" in report and "暂不提高到十万元" in report and "张**" in report and "张三丰" not in report
    citizen.goto(base + "/participation/")
    citizen.get_by_role("link", name="建议在村口设置应急避难场所指示牌").click()
    answer_page = citizen.content()
    assert "设置指示牌，感谢您的建议" in answer_page and "李*" in answer_page and "13900000000" not in answer_page


def test_major_emergency_escalates_to_the_province_after_5_hours(live_server, browser, tree):
    orgs, users = tree
    base = live_server.url
    jc_office = User.objects.create_user(username="jc_office", password="test-password-1",
                                         display_name="晋城市应急管理局·政务公开办")
    RoleAssignment.objects.create(user=jc_office, organisation=orgs["sx-jc"], role=Role.OFFICE)
    clock.pin(at(2026, 7, 15, 20, 30))

    staff = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    staff.set_default_timeout(10_000)
    login(staff, base, "jc_office")
    staff.goto(base + "/office/engagement/")
    staff.get_by_role("link", name="登记政务舆情").click()
    staff.get_by_label("舆情来源").fill("某短视频平台")
    staff.get_by_label("舆情摘要").fill("网传某煤矿发生透水事故，多人被困")
    staff.fill("#id_first_seen_at", "2026-07-15T20:00")
    staff.get_by_label("特别重大、重大突发事件舆情").check()
    staff.get_by_role("button", name="保存").click()
    assert "剩余4小时30分" in staff.content()
    event = OpinionEvent.objects.get()

    clock.pin(at(2026, 7, 16, 1, 1))  # 5 hours and 1 minute after it was first seen
    out = io.StringIO()
    call_command("escalate_opinions", stdout=out)
    assert "escalated 1" in out.getvalue()
    staff.reload()
    assert "已上报上级" in staff.locator("#opinion-status").inner_text()
    assert "系统" in staff.content() and "报告上级机关" in staff.content()

    province = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    login(province, base, "sx_supervisor")
    province.goto(base + "/office/")
    escalated = province.locator("#escalated-opinions")
    assert "网传某煤矿发生透水事故" in escalated.inner_text() and "晋城市应急管理局" in escalated.inner_text()
    escalated.get_by_role("link", name=re.compile("网传某煤矿")).click()
    assert "5小时内发布权威信息" in province.content()
    assert event.pk == OpinionEvent.objects.get().pk
