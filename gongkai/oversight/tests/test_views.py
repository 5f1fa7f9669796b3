"""Back-office pages: who sees what, drill-downs, notice exports, and malformed input."""
import io

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.oversight import evaluation, services
from gongkai.oversight.models import Column, ProgressReport, RepostNotice, Task
from gongkai.oversight.states import ProgressStatus

from .factories import at, record


@pytest.fixture
def scored(w):
    services.columns_import(organisation=w.yc, actor=None, trusted=True)
    services.tasks_import(organisation=w.yc, actor=None, trusted=True)
    s = services.indicator_set_create(organisation=w.sx, actor=w.users["sx_supervisor"], year=2026)
    services.indicator_set_publish(indicator_set=s, actor=w.users["sx_supervisor"])
    for n in range(6):
        record(w, w.yc, published_at=at(2026, 10, 3 + n, 9, 0), title=f"阳城县第{n}号通知")
    record(w, w.zz, published_at=at(2026, 10, 7, 9, 0), title="泽州县通知")
    evaluation.refresh(year=2026)
    w.iset = s
    return w


def login(w, username):
    c = Client()
    c.force_login(w.users[username])
    return c


def test_supervisor_ranking_drill_and_notice(scored):
    w = scored
    c = login(w, "sx_supervisor")
    page = c.get(reverse("oversight:evaluation", args=["sx"]), {"year": 2026, "quarter": 4})
    html = page.content.decode()
    assert page.status_code == 200
    assert "阳城县应急管理局" in html and "泽州县应急管理局" in html and "<svg" in html
    assert html.index("阳城县应急管理局", html.index('id="ranking-table"')) < html.index("泽州县应急管理局", html.index('id="ranking-table"'))
    org_page = c.get(reverse("oversight:evaluation_org", args=["sx", "sx-jc-zz"]), {"year": 2026, "quarter": 4})
    assert org_page.status_code == 200 and 'id="lowest"' in org_page.content.decode()
    rows = c.get(reverse("oversight:drill", args=["sx", "sx-jc-yc"]),
                 {"year": 2026, "quarter": 4, "metric": "records_published"}).content.decode()
    assert rows.count("阳城县第") == 6 and "泽州县通知" not in rows
    xlsx = c.get(reverse("oversight:notice", args=["sx", "xlsx"]), {"year": 2026, "quarter": 4})
    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["B4"].value == "阳城县应急管理局" and ws["A4"].value == 1
    pdf = c.get(reverse("oversight:notice", args=["sx", "pdf"]), {"year": 2026, "quarter": 4})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_city_supervisor_sees_only_its_subtree(scored):
    w = scored
    c = login(w, "jc_supervisor")
    assert c.get(reverse("oversight:evaluation", args=["sx-jc"]), {"year": 2026}).status_code == 200
    assert c.get(reverse("oversight:evaluation", args=["sx"])).status_code == 404
    assert c.get(reverse("oversight:columns", args=["sx-jc-yc"])).status_code == 200


def test_peers_and_anonymous_see_nothing(scored):
    w = scored
    zz = login(w, "zz_office")
    yc_column = Column.objects.filter(organisation=w.yc).first()
    for url in [reverse("oversight:columns", args=["sx-jc-yc"]), reverse("oversight:tasks", args=["sx-jc-yc"]),
                reverse("oversight:reposts", args=["sx-jc-yc"]), reverse("oversight:progress_list", args=["sx-jc-yc"]),
                reverse("oversight:accountabilities", args=["sx-jc-yc"]), reverse("oversight:column", args=[yc_column.pk]),
                reverse("oversight:evaluation", args=["sx"]),
                reverse("oversight:drill", args=["sx", "sx-jc-yc"]) + "?metric=records_published"]:
        assert zz.get(url).status_code == 404, url
    anon = Client().get(reverse("oversight:columns", args=["sx-jc-yc"]))
    assert anon.status_code == 302


def test_office_pages_and_buttons(scored):
    w = scored
    c = login(w, "yc_office")
    html = c.get(reverse("oversight:columns", args=["sx-jc-yc"])).content.decode()
    assert "应更新未更新" in html or "空白栏目" in html
    assert "单项否决" in html
    tasks = c.get(reverse("oversight:tasks", args=["sx-jc-yc"])).content.decode()
    assert "长期坚持" in tasks and "登记佐证材料" in tasks
    leader = login(w, "yc_leader").get(reverse("oversight:tasks", args=["sx-jc-yc"])).content.decode()
    assert "登记佐证材料" not in leader and "长期坚持" in leader


def test_progress_report_round_trip_through_pages(scored):
    w = scored
    office = login(w, "yc_office")
    r = office.post(reverse("oversight:progress_list", args=["sx-jc-yc"]), {"kind": "quarter", "year": 2026, "period": 4})
    report = ProgressReport.objects.get(organisation=w.yc)
    assert r.status_code == 302 and r["Location"].endswith(f"/progress/{report.pk}/")
    office.post(reverse("oversight:progress", args=[report.pk]), {"op": "save", "narrative": "第四季度进展"})
    page = office.get(reverse("oversight:progress", args=[report.pk])).content.decode()
    assert "报送" in page and "审核通过" not in page
    office.post(reverse("oversight:progress", args=[report.pk]), {"op": "submit"})
    sup = login(w, "jc_supervisor")
    page = sup.get(reverse("oversight:progress", args=[report.pk])).content.decode()
    assert "审核通过" in page and "退回修改" in page
    sup.post(reverse("oversight:progress", args=[report.pk]), {"op": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == ProgressStatus.SUBMITTED  # a return needs a comment
    sup.post(reverse("oversight:progress", args=[report.pk]), {"op": "return", "comment": "请补充转载情况"})
    report.refresh_from_db()
    assert report.status == ProgressStatus.RETURNED and report.review_comment == "请补充转载情况"
    assert "进展报告已退回" in office.get(reverse("oversight:progress", args=[report.pk])).content.decode()


@pytest.mark.parametrize("query", [
    {"year": "abc"}, {"year": "99999"}, {"quarter": "7"}, {"quarter": "x"}, {"level": "planet"},
    {"band": "zz"}, {"indicator": "<script>"}, {"year": "2026", "quarter": "4", "band": "99"},
])
def test_malformed_queries_never_500(scored, query):
    c = login(scored, "sx_supervisor")
    # 400: the project's request-sanity middleware may refuse a malformed year before the view.
    assert c.get(reverse("oversight:evaluation", args=["sx"]), query).status_code in (200, 400, 404)
    assert c.get(reverse("oversight:drill", args=["sx", "sx-jc-yc"]), dict(query, metric="nope")).status_code in (400, 404)
    assert c.get(reverse("oversight:notice", args=["sx", "doc"]), query).status_code in (400, 404)


def test_bad_posts_show_chinese_messages_and_write_nothing(scored):
    w = scored
    sup = login(w, "sx_supervisor")
    r = sup.post(reverse("oversight:reposts", args=["sx"]), {"title": "", "url": "ftp://x"}, follow=True)
    assert r.status_code == 200 and not RepostNotice.objects.exists()
    assert "标题" in r.content.decode()
    task = Task.objects.filter(organisation=w.yc).first()
    office = login(w, "yc_office")
    r = office.post(reverse("oversight:task_action", args=[task.pk, "add_evidence"]),
                    {"kind": "record", "note": "x", "ref": "-5"}, follow=True)
    assert r.status_code == 200 and not task.evidence.exists()
    r = office.post(reverse("oversight:task_action", args=[task.pk, "explode"]))
    assert r.status_code == 404
    r = office.post(reverse("oversight:accountabilities", args=["sx-jc-yc"]))
    assert r.status_code in (200, 405)
    r = sup.post(reverse("oversight:indicator_set", args=[w.iset.pk]), {"op": "edit", "rows": "zz"})
    assert r.status_code == 302  # published set: the kernel refuses the edit, nothing changes
    assert w.iset.indicators.count() == len(evaluation.DEFAULT_INDICATORS)


def test_csrf_is_enforced(scored):
    c = Client(enforce_csrf_checks=True)
    c.force_login(scored.users["sx_supervisor"])
    assert c.post(reverse("oversight:reposts", args=["sx"]), {"title": "t", "url": "/x/"}).status_code == 403


def test_office_dashboard_panel(scored):
    w = scored
    services.repost_notice_issue(organisation=w.jc, actor=w.users["jc_supervisor"], title="市局通知待转载",
                                 url="/x/", published_at=at(2026, 11, 10, 9, 0))
    html = login(w, "jc_supervisor").get(reverse("office:dashboard")).content.decode()
    assert "督查考核" in html and "市局通知待转载" in html and "逾期未转载" in html
    html = login(w, "zz_office").get(reverse("office:dashboard")).content.decode()
    assert "市局通知待转载" in html


def test_api_ranking_and_figures(scored):
    w = scored
    sup = login(w, "sx_supervisor")
    data = sup.get("/api/oversight/sx/ranking?year=2026&quarter=4").json()
    assert data["rows"][0]["organisation_code"] == "sx-jc-yc" and data["indicator_set_version"] == 1
    assert data["rows"][0]["breakdown"]["opinion"] is None  # no opinion event to measure: 不适用, not full marks
    assert data["rows"][0]["rank"] == 1
    figures = {f["metric"]: f["value"] for f in sup.get("/api/oversight/sx-jc-yc/figures?year=2026&quarter=4").json()}
    assert figures["records_published"] == 6 and figures["consultations"] == 0
    assert login(w, "zz_office").get("/api/oversight/sx/ranking").status_code == 404
    assert login(w, "zz_office").get("/api/oversight/sx-jc-yc/figures").status_code == 404
    assert Client().get("/api/oversight/sx/ranking").status_code == 401
    assert sup.get("/api/oversight/sx/ranking?quarter=9").status_code in (404, 422)  # refused, never a 500


def test_refresh_button_counts_changes(scored):
    from gongkai.oversight.models import DirtyOrganisation, MetricValue
    w = scored
    sup = login(w, "sx_supervisor")
    url = reverse("oversight:evaluation", args=["sx"]) + "?year=2026&quarter=4"
    r = sup.post(url, follow=True)
    assert "没有尚未计入的变更" in r.content.decode()
    record(w, w.zz, published_at=at(2026, 11, 19, 9, 0))
    evaluation.mark_dirty(w.zz.pk)
    r = sup.post(url, follow=True)
    assert "已重新统计" in r.content.decode() and not DirtyOrganisation.objects.exists()
    assert MetricValue.objects.get(organisation=w.zz, year=2026, quarter=4, metric="records_published").value == 2
    assert login(w, "yc_office").post(url).status_code == 404


def test_refresh_of_many_changes_goes_to_the_scheduler(scored, monkeypatch):
    """A province-wide recomputation takes minutes: the button hands it to the scheduler."""
    from gongkai.ops import scheduler
    from gongkai.ops.models import ScheduledJob
    from gongkai.oversight.models import DirtyOrganisation, MetricValue

    w = scored
    monkeypatch.setattr(evaluation, "INLINE_REFRESH_LIMIT", 1)
    record(w, w.zz, published_at=at(2026, 11, 19, 9, 0))
    evaluation.mark_dirty(w.zz.pk)
    evaluation.mark_dirty(w.yc.pk)
    url = reverse("oversight:evaluation", args=["sx"]) + "?year=2026&quarter=4"
    r = login(w, "sx_supervisor").post(url, follow=True)
    assert "已安排在后台重新统计" in r.content.decode()
    assert DirtyOrganisation.objects.count() == 2  # not computed in the request
    assert MetricValue.objects.get(organisation=w.zz, year=2026, quarter=4, metric="records_published").value == 1
    assert ScheduledJob.objects.get(name="oversight_refresh_changed").next_run_at <= evaluation.clock.now()
    assert scheduler.run_due(owner="test", only={"oversight_refresh_changed"}) == ["oversight_refresh_changed"]
    assert not DirtyOrganisation.objects.exists()
    assert MetricValue.objects.get(organisation=w.zz, year=2026, quarter=4, metric="records_published").value == 2


def test_a_year_never_computed_is_computed_by_the_scheduler(scored):
    from gongkai.ops import scheduler
    from gongkai.oversight.models import MetricValue

    w = scored
    MetricValue.objects.all().delete()
    url = reverse("oversight:evaluation", args=["sx"]) + "?year=2026&quarter=4"
    r = login(w, "sx_supervisor").post(url, follow=True)
    assert "已安排在后台重新统计" in r.content.decode() and not MetricValue.objects.exists()
    assert scheduler.run_due(owner="test", only={"oversight_refresh"}) == ["oversight_refresh"]
    assert MetricValue.objects.filter(year=2026, quarter=4).exists()


def test_the_full_refresh_also_computes_past_years_never_computed(scored):
    from gongkai.oversight.models import MetricValue

    w = scored
    past = services.indicator_set_create(organisation=w.sx, actor=w.users["sx_supervisor"], year=2025)
    services.indicator_set_publish(indicator_set=past, actor=w.users["sx_supervisor"])
    assert evaluation.years_to_refresh() == [2025, 2026]
    from django.core.management import call_command

    call_command("oversight_refresh", stdout=io.StringIO())
    assert MetricValue.objects.filter(year=2025, quarter=4).exists()
    assert evaluation.years_to_refresh() == [2026]


def test_a_recount_of_changes_never_half_computes_a_past_year(scored):
    from gongkai.oversight.models import MetricValue

    w = scored
    past = services.indicator_set_create(organisation=w.sx, actor=w.users["sx_supervisor"], year=2025)
    services.indicator_set_publish(indicator_set=past, actor=w.users["sx_supervisor"])
    evaluation.mark_dirty(w.zz.pk)
    from django.core.management import call_command

    call_command("oversight_refresh_changed", stdout=io.StringIO())
    assert not MetricValue.objects.filter(year=2025).exists()  # left for the full refresh, whole
    assert evaluation.years_to_refresh() == [2025, 2026]
