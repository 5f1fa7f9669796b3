"""The JSON API covers what the public sees (issue 21, item 20): published annual reports with their
tables in both formats, each organisation's 指南, responses to public-opinion events."""
import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.api.api import api


@pytest.fixture
def reports(tree):
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.services import build_snapshot

    orgs, _users = tree
    made = {}
    for year, version, status in ((2020, "2019", "published"), (2022, "2021", "published"), (2023, "2021", "draft")):
        report = AnnualReport.objects.create(organisation=orgs["sx-jc-zz"], year=year, format_version=version,
                                             status=status, overview=f"{year}年总体情况。")
        if status == "published":
            report.snapshot = build_snapshot(report)
            report.published_at = timezone.make_aware(dt.datetime(year + 1, 1, 20, 9, 0))
            report.save()
        made[year] = report
    return made


def test_published_annual_reports_in_both_formats(reports):
    client = Client()
    listed = client.get("/api/reports/").json()
    assert [(r["year"], r["format_version"]) for r in listed] == [(2022, "2021"), (2020, "2019")]  # no draft
    assert client.get("/api/reports/?year=2020").json()[0]["id"] == reports[2020].pk
    assert client.get("/api/reports/?organisation=sx-jc-yc").json() == []
    for year in (2020, 2022):
        body = client.get(f"/api/reports/{reports[year].pk}").json()
        assert body["tables"] == reports[year].snapshot["tables"]  # exactly as published
        assert body["overview"] == f"{year}年总体情况。" and body["organisation_code"] == "sx-jc-zz"
        assert set(body["tables"]) >= {"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                       "四、政府信息公开行政复议、行政诉讼情况"}
    # The two formats differ where the official formats differ (section 三's 其他处理 rows: 1 in 2019, 3 in 2021).
    old = client.get(f"/api/reports/{reports[2020].pk}").json()["tables"]["三、收到和处理政府信息公开申请情况"]
    new = client.get(f"/api/reports/{reports[2022].pk}").json()["tables"]["三、收到和处理政府信息公开申请情况"]
    assert set(old) != set(new)
    assert client.get(f"/api/reports/{reports[2023].pk}").status_code == 404  # a draft is not public


def test_each_organisations_guide(tree):
    from gongkai.portal.models import DisclosureGuide

    orgs, _users = tree
    client = Client()
    assert client.get("/api/organisations/sx-jc-zz/guide").status_code == 404  # none published yet
    DisclosureGuide.objects.create(organisation=orgs["sx-jc-zz"], status="published", office_name="泽州县应急管理局办公室",
                                   office_address="泽州县某路1号", office_hours="工作日 8:30—12:00",
                                   phone="0356-0000000", postal_code="048000", updated_at=timezone.now())
    DisclosureGuide.objects.create(organisation=orgs["sx-jc-yc"], status="not_written", office_address="不公开")
    guide = client.get("/api/organisations/sx-jc-zz/guide").json()
    assert guide["office_name"] == "泽州县应急管理局办公室" and guide["mailing_address"] == "泽州县某路1号"
    assert guide["office_hours"].startswith("工作日") and guide["stale"] is False
    assert client.get("/api/organisations/sx-jc-yc/guide").status_code == 404  # not published


def test_opinion_responses(tree):
    from gongkai.engagement.models import OpinionEvent

    orgs, _users = tree
    now = timezone.now()
    common = dict(organisation=orgs["sx-jc-zz"], source="某网络论坛", first_seen_at=now - dt.timedelta(hours=5),
                  response_due=now + dt.timedelta(hours=19))
    OpinionEvent.objects.create(**common, summary="网民反映某矿山隐患，联系电话13812345678", status="responded",
                                responded_at=now - dt.timedelta(hours=1), response="已派员核查，情况属实，已责令整改。")
    OpinionEvent.objects.create(**common, summary="尚未回应的舆情", status="open")
    body = Client().get("/api/engagement/opinion-responses/").json()
    assert len(body) == 1
    assert body[0]["response"] == "已派员核查，情况属实，已责令整改。"
    assert "13812345678" not in body[0]["summary"]  # personal data masked
    assert Client().get("/api/engagement/opinion-responses/?organisation=sx-jc-yc").json() == []


def test_the_document_lists_the_new_operations(db):
    paths = api.get_openapi_schema(path_prefix="/api")["paths"]
    assert {"/api/reports/", "/api/reports/{report_id}", "/api/organisations/{code}/guide",
            "/api/engagement/opinion-responses/"} <= set(paths)
