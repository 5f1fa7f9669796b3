"""Back-office pages: who sees what (masked personal data, 404 elsewhere) and the transitions by POST."""
import datetime as dt

import pytest

from gongkai.foi.models import DisclosureRequest

from .factories import pin, submitted, synthetic_id

D = dt.date


@pytest.fixture
def case(zz):
    return submitted(zz, day=D(2026, 3, 2))[0]


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("username, status, personal", [
    ("zz_office", 200, True), ("zz_leader", 200, True), ("zz_drafter", 200, False), ("jc_supervisor", 200, False),
    ("sx_supervisor", 200, False), ("yc_office", 404, None), ("zz_secrecy", 404, None),
])
def test_case_visibility_and_masking(client, tree, case, username, status, personal):
    response = page(client, tree[1][username], f"/office/requests/{case.pk}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert (synthetic_id() in html) is personal
        assert ("13800000000" in html) is personal
        assert ("测试申请人" in html) is personal


def test_list_shows_masked_names_only(client, tree, case):
    html = page(client, tree[1]["zz_office"], "/office/requests/").content.decode()
    assert case.tracking_number in html and "测**" in html and "测试申请人" not in html
    assert "yc" not in [r.organisation.code for r in DisclosureRequest.objects.all()]


def test_yc_office_does_not_see_zz_cases_in_its_list(client, tree, case):
    html = page(client, tree[1]["yc_office"], "/office/requests/").content.decode()
    assert case.tracking_number not in html


def test_actions_by_post(client, tree, case):
    office, head = tree[1]["zz_office"], tree[1]["zz_office_head"]
    client.force_login(office)
    pin(D(2026, 3, 3))
    unit = office.roles.first().organisation.units.get(name="安全生产综合股")
    client.post(f"/office/requests/{case.pk}/do/assign/", {"assign-unit": unit.pk, "assign-note": "请检索"})
    case.refresh_from_db()
    assert case.status == "in_progress" and case.unit == unit
    client.post(f"/office/requests/{case.pk}/do/request_extension/",
                {"request_extension-working_days": 25, "request_extension-reason": "x"})
    case.refresh_from_db()
    assert case.extension_requested_on is None  # 25 > 20: the form refuses it
    client.post(f"/office/requests/{case.pk}/do/request_extension/",
                {"request_extension-working_days": 10, "request_extension-reason": "检索档案"})
    case.refresh_from_db()
    assert case.extension_requested_days == 10 and case.extension_days is None  # not in effect before approval
    client.post(f"/office/requests/{case.pk}/do/approve_extension/")  # the office cannot approve
    case.refresh_from_db()
    assert case.extension_days is None
    client.force_login(head)
    assert 'data-action="approve_extension"' in client.get(f"/office/requests/{case.pk}/").content.decode()
    client.post(f"/office/requests/{case.pk}/do/approve_extension/")
    case.refresh_from_db()
    assert case.extension_days == 10 and case.due_date == D(2026, 4, 14)
    client.force_login(office)
    fee = client.get(f"/office/requests/{case.pk}/fee/?scheme=per_page&units=150").content.decode()
    assert "合计：1700元" in fee
    client.post(f"/office/requests/{case.pk}/do/answer/", {"answer-outcome": "partial", "answer-reason": "partial.third_party",
                                                          "answer-reply_text": "可公开部分：事故3起，死亡0人。"})
    case.refresh_from_db()
    assert (case.status, case.outcome, case.reason) == ("closed", "partial", "third_party")
    html = client.get(f"/office/requests/{case.pk}/").content.decode()
    assert "部分公开（保护第三方合法权益）" in html and "第三十七条、第十五条" in html
    assert client.get(f"/office/requests/{case.pk}/letter.pdf").content.startswith(b"%PDF")
    # History in words: labels and display names, no event codes or login names.
    assert "批准延长答复期限" in html and "泽州县应急管理局·政府信息公开工作机构负责人" in html
    assert "foi_request." not in html and "zz_office_head" not in html


def test_illegal_action_shows_the_message(client, tree, case):
    client.force_login(tree[1]["zz_office"])
    response = client.post(f"/office/requests/{case.pk}/do/lapse/", follow=True)
    assert "不能执行“逾期未补正，不再处理”" in response.content.decode()


def test_buttons_come_from_the_transition_table(client, tree, case):
    pin(D(2026, 3, 3))
    html = page(client, tree[1]["zz_office"], f"/office/requests/{case.pk}/").content.decode()
    for name in ("assign", "ask_correction", "consult", "request_extension", "assess_fee", "ask_reasons", "answer"):
        assert f"/do/{name}/" in html, name
    for name in ("approve_extension", "lapse", "fee_paid", "close_unpaid", "correct"):
        assert f"/do/{name}/" not in html, name
    html = page(client, tree[1]["zz_leader"], f"/office/requests/{case.pk}/").content.decode()
    assert "/do/" not in html  # the leader reads the case but acts on nothing here


def test_leader_cannot_answer_or_approve(client, tree, case):
    leader = tree[1]["zz_leader"]
    client.force_login(leader)
    pin(D(2026, 3, 3))
    assert client.post(f"/office/requests/{case.pk}/do/answer/",
                       {"answer-outcome": "disclosed", "answer-reply_text": "x"}).status_code == 403
    case.refresh_from_db()
    assert case.status == "received"


def test_create_record_button_links_to_the_organisations_record_form(client, tree, case):
    pin(D(2026, 3, 3))
    from gongkai.foi import services

    services.foi_request_answer(request=case, actor=tree[1]["zz_office"], outcome="disclosed", reason="provided",
                                reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。", suggest_proactive=True)
    html = page(client, tree[1]["zz_office"], f"/office/requests/{case.pk}/").content.decode()
    assert "创建主动公开记录" in html and "/office/records/new/sx-jc-zz/" in html
    html = page(client, tree[1]["zz_leader"], f"/office/requests/{case.pk}/").content.decode()
    assert "创建主动公开记录" not in html  # the leader does not draft records


def test_register_in_the_back_office(client, tree):
    client.force_login(tree[1]["zz_office"])
    pin(D(2026, 3, 9))
    response = client.post("/office/requests/new/", {
        "organisation": "sx-jc-zz", "channel": "letter", "arrived_on": "2026-03-05", "confirmed_on": "2026-03-06",
        "applicant_type": "research", "applicant_name": "测试研究院", "id_document_type": "credit_code",
        "id_number": "12140000MB00000005", "contact_person": "联系人甲", "phone": "0356-1234567",
        "description": "煤矿安全检查数据", "info_form": "paper", "delivery": "collect"})
    req = DisclosureRequest.objects.get()
    assert response.status_code == 302 and req.received_on == D(2026, 3, 6) and req.channel == "letter"
    html = client.get(response["Location"]).content.decode()
    assert "查询码" in html


def test_back_office_import_page_reports_errors(client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(tree[1]["zz_office"])
    upload = SimpleUploadedFile("h.csv", "申请人类型,申请人,申请渠道,收到申请日期,申请内容\n外星人,测试,当面提交,2025-03-03,内容\n".encode())
    html = client.post("/office/requests/import/", {"organisation": "sx-jc-zz", "file": upload}).content.decode()
    assert "第2行：申请人类型“外星人”无法识别" in html
    assert not DisclosureRequest.objects.exists()
    assert page(client, tree[1]["zz_leader"], "/office/requests/import/").status_code == 403


def test_statistics_page(client, tree, case):
    html = page(client, tree[1]["jc_supervisor"], "/office/requests/statistics/?org=sx-jc-zz&year=2026").content.decode()
    assert "一、本年新收政府信息公开申请数量" in html and "勾稽关系成立" in html


def test_dashboard_shows_overdue_requests(client, tree, case):
    pin(D(2026, 4, 1))
    html = page(client, tree[1]["zz_office"], "/office/").content.decode()
    assert "依申请公开：待办" in html and case.tracking_number in html and "已逾期" in html
    html = page(client, tree[1]["yc_office"], "/office/").content.decode()
    assert case.tracking_number not in html


# ------------------------------------------------------------------------------ read guards (issue 19 guard sample)


def test_the_request_list_is_forbidden_to_staff_who_see_no_requests(client, tree, case):
    """The secrecy reviewer sees no disclosure requests anywhere: the list answers 403, not an empty page."""
    assert page(client, tree[1]["zz_secrecy"], "/office/requests/").status_code == 403
    assert page(client, tree[1]["zz_leader"], "/office/requests/").status_code == 200


def test_the_fee_preview_is_for_the_office_that_handles_the_case(client, tree, case):
    """The leader may read the case but not compute its fee (foi.handle)."""
    url = f"/office/requests/{case.pk}/fee/?scheme=per_page&units=40"
    assert page(client, tree[1]["zz_leader"], url).status_code == 403
    assert page(client, tree[1]["zz_drafter"], url).status_code == 403
    response = page(client, tree[1]["zz_office"], url)
    assert response.status_code == 200 and "元" in response.content.decode()


# ------------------------------------------------------------------------------ issue 21 item 12: date inputs


def test_registration_offers_todays_date_in_the_iso_form_the_date_input_accepts(client, tree, settings):
    """The default rendered as 2026/12/07, which <input type=date> rejects: the required 收到日期 came up blank."""
    pin(D(2026, 12, 7))
    client.force_login(tree[1]["zz_office"])
    html = client.get("/office/requests/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'type="date" name="arrived_on" value="2026-12-07"' in html
    assert "2026/12/07" not in html


def test_every_date_input_of_every_app_renders_iso_dates():
    """Each form field drawn as <input type=date> (foi, records, engagement) renders an ISO value."""
    import importlib
    import inspect

    from django import forms
    from django.utils import translation

    day = D(2026, 12, 7)
    checked = 0
    with translation.override("zh-hans"):
        for module_name in ("gongkai.foi.forms", "gongkai.foi.office_forms", "gongkai.records.forms",
                            "gongkai.engagement.forms", "gongkai.oversight.forms", "gongkai.workdays.forms"):
            module = importlib.import_module(module_name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if not issubclass(cls, forms.BaseForm) or cls.__module__ != module_name:
                    continue
                for field_name, field in cls.base_fields.items():
                    if "date" in (getattr(field.widget, "input_type", ""), field.widget.attrs.get("type")):
                        html = field.widget.render(field_name, day)
                        assert 'value="2026-12-07"' in html, (cls.__name__, field_name, html)
                        checked += 1
    assert checked >= 15


def test_a_letter_in_an_unknown_format_is_not_found(client, tree, case):
    """Only .docx and .pdf exist; any other extension is a 404, never a server error."""
    from gongkai.foi import services

    office = tree[1]["zz_office"]
    pin(D(2026, 3, 3))
    services.foi_request_ask_correction(request=case, actor=office, items="请写明文件名称。")
    letter = case.letters.get()
    client.force_login(office)
    assert client.get(f"/office/requests/{case.pk}/letters/{letter.pk}.pdf").content.startswith(b"%PDF")
    for ext in ("txt", "data", "pdf_data"):
        assert client.get(f"/office/requests/{case.pk}/letters/{letter.pk}.{ext}").status_code == 404


# ------------------------------------------------------------------------------ issue 21 item 19: export


def test_the_office_list_exports_with_its_filters_as_xlsx_and_csv_formula_safe(client, tree, zz):
    import io

    import openpyxl

    from gongkai.foi import services

    office = tree[1]["zz_office"]
    pin(D(2026, 3, 2))
    harmful, _s = submitted(zz, description="=HYPERLINK(\"http://example.invalid\",\"点击\")", id_number=synthetic_id(41))
    other, _s = submitted(zz, description="2024年度森林防火经费", id_number=synthetic_id(42))
    pin(D(2026, 3, 20))
    services.foi_request_answer(request=other, actor=office, outcome="disclosed",
                                reply_text="所申请的信息：2024年度森林防火经费为12万元。")
    client.force_login(office)
    html = client.get("/office/requests/?status=all&q=HYPERLINK").content.decode()
    assert 'href="/office/requests/export.xlsx?status=all&amp;q=HYPERLINK"' in html
    response = client.get("/office/requests/export.csv?status=all&q=HYPERLINK")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert harmful.tracking_number in text and other.tracking_number not in text
    assert "'=HYPERLINK" in text and "测**" in text and "测试申请人" not in text
    response = client.get("/office/requests/export.xlsx?status=closed")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "申请编号" and [r[0] for r in values[1:]] == [other.tracking_number]
    open_rows = openpyxl.load_workbook(io.BytesIO(client.get("/office/requests/export.xlsx").content)).worksheets[0]
    cell = [row for row in open_rows.iter_rows() if row[0].value == harmful.tracking_number][0][12]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # stored as text, never a formula
    assert client.get("/office/requests/export.pdf").status_code == 404
    client.force_login(tree[1]["zz_secrecy"])
    assert client.get("/office/requests/export.csv").status_code == 403
