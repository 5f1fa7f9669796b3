"""The demo has published annual reports for past years, marked as demo (issue 21 item 8)."""
from django.urls import reverse

from gongkai.reports.demo import DEMO_MARK, load_reports_demo
from gongkai.reports.models import AnnualReport
from gongkai.reports.states import ReportStatus


def test_demo_reports_are_published_for_past_years_and_say_they_are_demo(tree, client):
    published = load_reports_demo()
    years = sorted({r.year for r in published})
    assert len(published) == 4 and AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).count() == 4
    from gongkai.core import clock
    assert years == [clock.today().year - 2, clock.today().year - 1]
    assert all(r.status == ReportStatus.PUBLISHED and DEMO_MARK in r.overview for r in published)
    assert load_reports_demo() == []  # idempotent: nothing published twice
    page = client.get(reverse("reports:list")).content.decode()
    assert "泽州县应急管理局" in page and "阳城县应急管理局" in page
    report = published[0]
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "演示数据" in page
