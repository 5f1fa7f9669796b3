"""Issue 21 item 19: the office messages list with filters, exported as .xlsx and CSV with the same filters,
formula-safe, personal data masked for staff who may not see it, other organisations' messages left out."""
import csv
import io

import openpyxl
import pytest
from django.test import Client

from gongkai.engagement import services
from gongkai.engagement.states import MessageKind

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


@pytest.fixture
def data(zz, orgs, office):
    f.pin(NOW)
    suggestion = f.message(zz, kind=MessageKind.SUGGESTION, name="张三", phone="13912345678",
                           subject="=HYPERLINK(\"http://x\")建议")
    complaint = f.message(zz, kind=MessageKind.COMPLAINT, subject="投诉噪声")
    services.message_answer(message=complaint, actor=office, answer="已处理")
    other = f.message(orgs["sx-jc-yc"], subject="阳城县的留言")
    return suggestion, complaint, other


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_list_filters_and_the_export_keeps_the_filters(data, office):
    suggestion, complaint, other = data
    client = _client(office)
    page = client.get("/office/engagement/messages/?kind=suggestion").content.decode()
    assert suggestion.number in page and complaint.number not in page and other.number not in page
    rows = _csv(client.get("/office/engagement/messages/?kind=suggestion&export=csv"))
    assert rows[0][0] == "留言编号" and [r[0] for r in rows[1:]] == [suggestion.number]
    assert rows[1][4].startswith("'=")  # formula-safe
    assert rows[1][5] == "张三" and rows[1][6] == "13912345678"  # the office sees personal data
    everything = _csv(client.get("/office/engagement/messages/?export=csv"))
    assert {r[0] for r in everything[1:]} == {suggestion.number, complaint.number}  # not 阳城县's


def test_the_xlsx_export_has_the_filtered_rows_as_text(data, office):
    suggestion, complaint, _other = data
    response = _client(office).get("/office/engagement/messages/?status=answered&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "留言编号" and [r[0] for r in values[1:]] == [complaint.number]


def test_staff_without_the_personal_permission_get_masked_data(data, users):
    rows = _csv(_client(users["zz_drafter"]).get("/office/engagement/messages/?kind=suggestion&export=csv"))
    assert rows[1][5] != "张三" and "张" in rows[1][5] and rows[1][6] != "13912345678"


def test_overdue_filter_and_bad_filters(data, office):
    suggestion, complaint, _other = data
    client = _client(office)
    f.pin(f.at(2026, 7, 30, 10))  # long after the 7 working days of the suggestion
    page = client.get("/office/engagement/messages/?overdue=on").content.decode()
    assert suggestion.number in page and complaint.number not in page
    assert client.get("/office/engagement/messages/?received_from=abc&organisation=nope").status_code == 200
    assert client.get("/office/engagement/messages/?export=pdf").status_code == 200


def test_the_list_is_refused_to_users_without_engagement_work(data, users):
    assert _client(users["sx_admin"]).get("/office/engagement/messages/").status_code == 403
