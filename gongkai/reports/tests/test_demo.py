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


def test_the_demo_city_and_province_have_a_rollup_with_content(tree):
    from gongkai.core import clock
    from gongkai.reports import rollup

    load_reports_demo()
    orgs, _users = tree
    year = clock.today().year - 1
    for code in ("sx-jc", "sx"):
        result = rollup.rollup(orgs[code], year)
        assert [u.organisation.code for u in result.included] == ["sx-jc-yc", "sx-jc-zz"]
        assert result.tables.cell("s3.new.total").value == 42 + 27
        assert result.tables.cell("s3.carried_in.total").value == 6  # three per county from the year before
        assert result.rates[0].denominator > 0 and result.failed == []
        assert result.missing  # the city, the province and the townships publish no demo report
