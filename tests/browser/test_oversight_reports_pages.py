"""Every office page of oversight and annual reports reflows at 320 px (no sideways scroll of the page;
wide tables and charts scroll in their own focusable frames) and has no axe violation, at 320 px and
1366 px (issue 21 item 9). Screenshots are written to /tmp/gongkai-screens/ for a person to look at."""
import datetime as dt
from pathlib import Path

import pytest

from gongkai.core import clock
from gongkai.oversight import evaluation, services
from gongkai.oversight.models import Column, ProgressReport, Task
from gongkai.oversight.tests.factories import at, record, world
from gongkai.reports import services as report_services

from .test_oversight_browser import login
from .test_portal_screens import AXE, overflow, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENS = Path("/tmp/gongkai-screens")


@pytest.fixture
def pages(tree, seed_templates):
    clock.pin(at(2026, 11, 20, 10, 0))
    w = world(tree, seed_templates)
    office, sup = w.users["yc_office"], w.users["sx_supervisor"]
    services.columns_import(organisation=w.yc, actor=office)
    services.tasks_import(organisation=w.yc, actor=office)
    iset = services.indicator_set_create(organisation=w.sx, actor=sup, year=2026)
    services.indicator_set_publish(indicator_set=iset, actor=sup)
    for n in range(6):
        record(w, w.yc, published_at=at(2026, 10, 2 + n, 9, 0), title=f"阳城县安全生产通报第{n + 1}期")
    record(w, w.zz, published_at=at(2026, 10, 12, 9, 0), title="泽州县隐患排查通报")
    services.repost_notice_issue(organisation=w.sx, actor=w.users["sx_office"], title="省厅转发通知",
                                 url="https://example.org/notice")
    progress = services.progress_open(organisation=w.yc, actor=office, kind="quarter", year=2026, period=3)
    services.accountabilities_for(organisation=w.yc, year=2026)
    evaluation.refresh(year=2026)
    report = report_services.report_open(organisation=w.yc, year=2025, actor=office)
    yield {
        "w": w, "iset": iset, "progress": progress, "report": report,
        "column": Column.objects.filter(organisation=w.yc, parent__isnull=False).first(),
        "task": Task.objects.filter(organisation=w.yc).first(),
    }
    clock.pin(None)


def _check(page, base, paths, name, found):
    SCREENS.mkdir(exist_ok=True)
    for width in (320, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, (path, response.status)
            problems = run_axe(page)
            scroll, client = overflow(page)
            if scroll > client:
                problems.append(f"page scrolls sideways: {scroll} > {client}")
            if problems:
                found[f"{path} @{width}"] = problems
            slug = path.strip("/").replace("/", "_").split("?")[0] or "home"
            page.screenshot(path=str(SCREENS / f"{name}-{slug}-{width}.png"), full_page=True)


def test_every_oversight_and_reports_office_page_reflows_and_passes_axe(live_server, browser, pages):
    base = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    q = "?year=2026&quarter=4"
    login(page, base, "yc_office")
    _check(page, base, [
        "/office/oversight/", "/office/oversight/org/sx-jc-yc/columns/",
        f"/office/oversight/columns/{pages['column'].pk}/", "/office/oversight/org/sx-jc-yc/reposts/",
        "/office/oversight/org/sx-jc-yc/tasks/", "/office/oversight/org/sx-jc-yc/accountabilities/",
        "/office/oversight/org/sx-jc-yc/progress/", f"/office/oversight/progress/{pages['progress'].pk}/",
        "/office/reports/", f"/office/reports/{pages['report'].pk}/",
    ], "office", found)
    login(page, base, "sx_supervisor")
    _check(page, base, [
        f"/office/oversight/evaluation/sx/{q}", f"/office/oversight/evaluation/sx/org/sx-jc-yc/{q}",
        f"/office/oversight/evaluation/sx/org/sx-jc-yc/rows/{q}&metric=records_published",
        "/office/oversight/indicators/sx/", f"/office/oversight/indicator-set/{pages['iset'].pk}/",
        "/office/reports/overview/?year=2025",
    ], "supervisor", found)
    context.close()
    import json
    (SCREENS / "problems.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    assert found == {}
