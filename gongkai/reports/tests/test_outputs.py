"""The report as users get it: portal page, .docx and PDF read back, the command, supervisors' view."""
import datetime as dt
import io
import json
import subprocess
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from gongkai.core import clock
from gongkai.foi import letters
from gongkai.reports import services

from .reference_2020 import build_cases
from .test_services import fill_required


@pytest.fixture
def published(tree, monkeypatch):
    monkeypatch.setattr(letters, "render_pdf", lambda letter: b"%PDF-1.4 test")
    monkeypatch.setattr(letters, "render_docx", lambda letter: b"PK test")
    orgs, users = tree
    org = orgs["sx-jc-zz"]
    build_cases(org, users["zz_office"])
    report = services.report_open(organisation=org, year=2020, actor=users["zz_office"])
    fill_required(report, users["zz_office"])
    services.report_update_narrative(report=report, actor=users["zz_office"], data={
        "overview": "2020年，本局持续做好依申请公开答复处理工作。", "problems": "（一）基层政务公开工作有待进一步深化。"})
    clock.pin(dt.datetime(2021, 1, 26, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.report_submit(report=report, actor=users["zz_office"])
    services.report_publish(report=report, actor=users["zz_leader"])
    clock.pin(None)
    report.refresh_from_db()
    return orgs, users, report


def test_docx_has_the_official_tables_with_merged_headers(published):
    _, _, report = published
    from gongkai.reports.render import report_docx

    document = Document(io.BytesIO(report_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "泽州县应急管理局2020年政府信息公开工作年度报告" in text
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"):
        assert heading in text
    requests = next(t for t in document.tables if "申请人情况" in t.cell(0, 3).text)
    assert requests.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert requests.cell(2, 0).text == requests.cell(0, 0).text  # merged over three header rows
    assert requests.cell(1, 4).text == requests.cell(1, 8).text == "法人或其他组织"  # merged over five columns
    body = {requests.cell(r, 2).text: [requests.cell(r, c).text for c in range(3, 10)] for r in range(3, len(requests.rows))}
    assert body["一、本年新收政府信息公开申请数量"] == ["95", "5", "0", "1", "0", "0", "101"]
    assert body["1.本机关不掌握相关政府信息"] == ["18", "4", "0", "1", "0", "0", "23"]
    assert body["（七）总计"] == ["91", "6", "0", "1", "0", "0", "98"]
    assert body["四、结转下年度继续办理"] == ["4", "0", "0", "0", "0", "0", "4"]
    appeals = next(t for t in document.tables if t.cell(0, 0).text == "行政复议")
    assert [c.text for c in appeals.rows[-1].cells] == ["0"] * 15


def test_pdf_text_reads_back(published, tmp_path):
    _, _, report = published
    from gongkai.reports.render import report_pdf

    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(report))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "泽州县应急管理局2020年政府信息公开工作年度报告" in text
    assert "本年新收政府信息公开申请数量" in text and "101" in text
    assert "结转下年度继续办理" in text


def test_portal_page_and_downloads(client, published):
    _, _, report = published
    page = client.get(reverse("reports:report", args=[report.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "三、收到和处理政府信息公开申请情况" in html and "2021年1月26日" in html
    assert client.get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 200
    data = json.loads(client.get(reverse("reports:download", args=[report.pk, "json"])).content)
    assert data["三、收到和处理政府信息公开申请情况"]["（七）总计"]["总计"] == 98
    assert report.title in client.get(reverse("reports:list")).content.decode()


def test_unpublished_reports_are_hidden(client, tree):
    orgs, users = tree
    draft = services.report_open(organisation=orgs["sx-jc-zz"], year=2025, actor=users["zz_office"])
    assert client.get(reverse("reports:report", args=[draft.pk])).status_code == 404
    client.force_login(users["yc_office"])
    assert client.get(reverse("reports:report", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports_office:report", args=[draft.pk])).status_code == 404
    client.force_login(users["jc_supervisor"])
    assert client.get(reverse("reports_office:report", args=[draft.pk])).status_code == 200
    response = client.post(reverse("reports_office:figure", args=[draft.pk]),
                           {"key": "s2.art20_8.fees.amount", "value": "1", "note": "x"})
    draft.refresh_from_db()
    assert response.status_code == 403 and draft.manual_figures == {}


def test_drill_down_lists_the_requests_behind_a_figure(client, published):
    _, users, report = published
    client.force_login(users["zz_office"])
    page = client.get(reverse("reports_office:cell", args=[report.pk, "s3.unavailable.not_held.commercial"]))
    assert page.status_code == 200 and page.content.decode().count("本机关不掌握相关政府信息") == 4
    assert "共 4 件" in page.content.decode()
    workspace = client.get(reverse("reports_office:report", args=[report.pk])).content.decode()
    assert reverse("reports_office:cell", args=[report.pk, "s3.new.natural"]) in workspace


def test_supervisor_overview_and_download_all(client, published):
    orgs, users, report = published
    client.force_login(users["jc_supervisor"])
    page = client.get(reverse("reports_office:overview") + "?year=2020").content.decode()
    assert "按时发布" in page and "逾期未发布" in page  # 阳城县 never published its 2020 report
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("reports_office:overview") + "?year=2020&download=1").content))
    assert sorted(archive.namelist()) == ["sx-jc-zz-2020.docx", "sx-jc-zz-2020.pdf"]
    client.force_login(users["zz_office"])
    assert client.get(reverse("reports_office:overview")).status_code == 403


def test_command_writes_json_and_fails_on_inconsistency(published, tmp_path):
    orgs, _, _ = published
    out = tmp_path / "r.json"
    call_command("annual_report", organisation="sx-jc-zz", year=2020, format_version="2019", output=out, stdout=io.StringIO())
    data = json.loads(out.read_text())
    assert data["三、收到和处理政府信息公开申请情况"]["二、上年结转政府信息公开申请数量"]["商业企业"] == 1
    assert all(c["ok"] for c in data["checks"] if c["code"].startswith("balance"))
    from gongkai.foi.models import DisclosureRequest

    open_request = DisclosureRequest.objects.filter(organisation=orgs["sx-jc-zz"], closed_on__isnull=True).first()
    DisclosureRequest.objects.filter(pk=open_request.pk).update(closed_on=dt.date(2020, 12, 31), outcome="withheld",
                                                                reason="not_a_reason", status="closed")
    with pytest.raises(CommandError, match="consistency"):
        call_command("annual_report", organisation="sx-jc-zz", year=2020, output=tmp_path / "r.docx", stdout=io.StringIO())
    assert (tmp_path / "r.docx").exists()


def test_dashboard_reminds_of_the_31_january_deadline(client, tree):
    orgs, users = tree
    clock.pin(dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    try:
        client.force_login(users["zz_office"])
        html = client.get(reverse("office:dashboard")).content.decode()
        assert "2026-01-31" in html and "已逾期" in html  # the 2025 report was never published
        assert "2027-01-31" in html and "剩 69 天" in html
    finally:
        clock.pin(None)
