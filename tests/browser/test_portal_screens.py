"""Every screen, as people use it: reflow from 320 px, the menu button, 关怀模式, axe-core in both
modes, keyboard focus, the error summary, Chinese error pages with DEBUG off, and no request to
another host."""
import io
from contextlib import redirect_stdout
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.portal import column

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "assets" / "axe.min.js"
WIDTHS = (320, 390, 768, 1366)
PASSWORD = "gongkai-demo"
GUIDE = {
    "classification": "按安全生产、救灾两个领域的公开事项标准目录编排。", "how_to_obtain": "通过本平台、公开查阅点获取。",
    "office_name": "阳城县应急管理局办公室", "office_address": "阳城县凤城镇新阳东街1号",
    "office_hours": "工作日 8:30—12:00，14:30—17:30", "phone": "0356-4221234", "fax": "", "online_contact": "",
    "postal_code": "048100",
}


@pytest.fixture
def site(live_server, monkeypatch):
    """The demo data of `make run` (catalogs, organisation tree, records) plus a published guide."""
    from gongkai.catalog.models import Catalog
    from gongkai.organisations.models import Organisation
    from gongkai.portal import services
    from gongkai.records.models import Record
    from gongkai.records.states import RecordStatus

    monkeypatch.setenv("GONGKAI_DEMO_PASSWORD", PASSWORD)
    with redirect_stdout(io.StringIO()):
        call_command("import_standard_catalogs")
        call_command("load_demo")
        call_command("load_records_demo")
    org = Organisation.objects.get(code="sx-jc-yc")
    services.guide_update(organisation=org, actor=None, trusted=True, data=GUIDE)
    catalog = Catalog.objects.get(organisation=org)
    template = Catalog.objects.filter(is_template=True).first()
    item = catalog.published_version.items.filter(retired=False).first()
    record = Record.objects.filter(organisation=org, status=RecordStatus.PUBLISHED).first()
    public = [
        reverse("portal:home"), org.get_absolute_url(), reverse("portal:catalog", args=[catalog.pk]),
        reverse("portal:catalog", args=[template.pk]), reverse("portal:catalog_item", args=[catalog.pk, item.pk]),
        reverse("records:browse"), reverse("records:search") + "?q=安全生产", reverse("records:record", args=[record.pk]),
        reverse("reports:list"), reverse("foi:home"), reverse("foi:new", args=[org.code]), reverse("foi:track"),
        reverse("office:login"), "/api/docs", "/no-such-page/",
    ]
    public += [reverse("portal:column_choose", args=[e.slug]) for e in column.ENTRIES]
    public += [column.entry_url(e.slug, org) for e in column.ENTRIES]
    office = [reverse("office:dashboard"), reverse("office:catalog", args=[catalog.pk]),
              reverse("office:catalog_history", args=[catalog.pk]), reverse("office:overview"),
              reverse("office:guide_edit", args=[org.code]), reverse("records_office:list"),
              reverse("foi_office:list"), reverse("reports_office:list")]
    return {"url": live_server.url, "org": org, "public": public, "office": office}


def login(page, base, username):
    page.goto(base + reverse("office:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + reverse("office:dashboard"))


def overflow(page) -> tuple[int, int]:
    return page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")


def check_reflow(page, base, paths, label):
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(base + path)
            scroll, client = overflow(page)
            if scroll > client:
                problems.append(f"{label} {path} at {width}px: {scroll} > {client}")
        if width in (320, 1366):
            page.goto(base + paths[0])
            page.screenshot(path=f"/tmp/portal-{label}-{width}.png", full_page=True)
    assert problems == []


def test_no_horizontal_scrolling_from_320px_on_public_and_office_pages(site, browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    check_reflow(page, site["url"], site["public"], "public")
    login(page, site["url"], "yc_office")
    check_reflow(page, site["url"], site["office"], "office")
    context.close()


def test_200_percent_zoom_reflows(site, browser):
    """1366 px at 200 % zoom: 683 CSS px on a device scale factor of 2."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 683, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    for path in site["public"]:
        page.goto(site["url"] + path)
        assert overflow(page)[0] <= overflow(page)[1], path
    context.close()


def test_wide_table_scrolls_inside_its_container_with_the_first_column_kept(site, page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + site["public"][2])  # the county's catalog: the official table
    box = page.locator(".table-scroll").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    first = box.locator("tbody tr").first.locator("th, td").first
    before = first.bounding_box()["x"]
    box.evaluate("el => el.scrollLeft = 400")
    assert abs(first.bounding_box()["x"] - before) < 1  # sticky: still in view
    assert overflow(page)[0] <= 320


def test_record_header_stacks_on_a_phone(site, page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + site["public"][7])
    cells = page.locator("table.meta tr").first.locator("th, td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] > first["y"]  # the value sits below its label
    page.set_viewport_size({"width": 1366, "height": 800})
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert abs(second["y"] - first["y"]) < 2 and second["x"] > first["x"]


def test_menu_collapses_into_a_button_and_works_without_javascript(site, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site["url"] + "/")
    menu = page.get_by_role("button", name="菜单")
    nav = page.get_by_role("navigation", name="主导航")
    assert menu.is_visible() and not nav.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and nav.is_visible()
    page.keyboard.press("Escape")
    assert not nav.is_visible() and menu.get_attribute("aria-expanded") == "false"
    page.set_viewport_size({"width": 1366, "height": 800})
    assert nav.is_visible() and not menu.is_visible()
    context.close()
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site["url"] + "/")
    assert page.get_by_role("navigation", name="主导航").is_visible()
    assert not page.locator(".menu-button").is_visible()
    context.close()


def test_care_mode_is_larger_higher_contrast_still_and_persists(site, page):
    base = site["url"]
    page.goto(base + "/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    normal_button = page.locator(".site-search .button").bounding_box()["height"]
    page.get_by_role("button", name="关怀模式").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.classList.contains('care')")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 1.5 * normal
    assert page.locator(".site-search .button").bounding_box()["height"] >= max(44, normal_button)
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.tile')).transitionDuration") in ("0s", "")
    page.goto(base + site["public"][7])  # another page: the choice is kept
    assert page.evaluate("document.documentElement.classList.contains('care')")
    switch = page.locator(".care-switch button")
    assert switch.get_attribute("aria-pressed") == "true"
    switch.click()
    page.wait_for_load_state()
    assert not page.evaluate("document.documentElement.classList.contains('care')")


def test_keyboard_reaches_the_skip_link_first_with_visible_focus(site, page):
    page.goto(site["url"] + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, getComputedStyle(document.activeElement).outlineStyle,"
                            " document.activeElement.getBoundingClientRect().left]")
    assert focused[0] == "skip-link" and focused[2] >= 0
    page.keyboard.press("Tab")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style not in ("none", "")


def run_axe(page) -> list[str]:
    return page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
def test_axe_finds_nothing_on_every_public_page(site, browser, care):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    if care:
        context.add_cookies([{"name": "gk_care", "value": "1", "url": site["url"]}])
    page = context.new_page()
    found = {}
    for path in site["public"]:
        if path == "/api/docs":
            continue  # swagger-ui's own markup (vendored as is)
        for width in (320, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site["url"] + path)
            violations = run_axe(page)
            scroll, client = overflow(page)
            if scroll > client:  # care mode reflows too
                violations.append(f"page scrolls sideways: {scroll} > {client}")
            if violations:
                found[f"{path} @{width}"] = violations
    context.close()
    assert found == {}


def test_failed_submission_moves_focus_to_the_error_summary(site, page):
    login(page, site["url"], "yc_office")
    page.goto(site["url"] + reverse("office:guide_edit", args=[site["org"].code]))
    page.fill("#id_office_name", "")
    page.fill("#id_phone", "请来电")
    page.get_by_role("button", name="保存并公布").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert summary.get_by_role("link").count() == 2
    summary.get_by_role("link").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_phone"


def test_error_pages_with_debug_off(site, page, settings):
    assert settings.DEBUG is False
    response = page.goto(site["url"] + "/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "页面不存在"
    assert page.get_by_role("link", name="返回首页").is_visible()
    response = page.goto(site["url"] + reverse("foi:status", args=["YJ2099-00001"]))
    assert response.status == 404
    page.get_by_role("link", name="查询办理进度").first.click()
    assert page.url.endswith(reverse("foi:track"))


def test_no_request_leaves_the_site(site, browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    host = urlsplit(site["url"]).netloc
    elsewhere = []
    page.on("request", lambda request: urlsplit(request.url).scheme in ("http", "https")
            and urlsplit(request.url).netloc != host and elsewhere.append(request.url))
    for path in site["public"]:
        page.goto(site["url"] + path)
        page.wait_for_load_state("networkidle")
    login(page, site["url"], "yc_office")
    for path in site["office"]:
        page.goto(site["url"] + path)
    assert page.evaluate("typeof SwaggerUIBundle") == "undefined"  # the last page is not the docs
    page.goto(site["url"] + "/api/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=10000)  # the docs render from the app's own files
    context.close()
    assert elsewhere == []


def print_check(page, path_for_pdf):
    """Emulate print: no site navigation; the PDF Chromium prints is A4."""
    import pypdf

    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.site-footer', '.crumbs', '.care-switch', '.lang-switch']
        .map(s => document.querySelector(s)).filter(Boolean).map(el => getComputedStyle(el).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") != "none"
    page.pdf(path=path_for_pdf, prefer_css_page_size=True)
    box = pypdf.PdfReader(path_for_pdf).pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points
    page.emulate_media(media="screen")


def test_record_receipt_and_report_print_on_a4_without_navigation(site, page, settings, tmp_path):
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.states import ReportStatus

    base, org = site["url"], site["org"]
    page.goto(base + site["public"][7])
    print_check(page, str(tmp_path / "record.pdf"))
    assert "此件" in page.locator("main").inner_text()

    # The demo publishes the previous years' reports; a site without them gets one made here.
    report = (AnnualReport.objects.filter(organisation=org, status=ReportStatus.PUBLISHED).order_by("-year").first()
              or AnnualReport.objects.create(organisation=org, year=2025, status=ReportStatus.PUBLISHED))
    page.goto(base + reverse("reports:report", args=[report.pk]))
    print_check(page, str(tmp_path / "report.pdf"))

    settings.FOI_HUMAN_CHECK = False
    page.goto(base + reverse("foi:new", args=[org.code]))
    page.get_by_label("姓名或名称").fill("测试申请人")
    first17 = "14052519900101007"
    from gongkai.core.validators import id_check_char

    page.get_by_label("证件号码").fill(first17 + id_check_char(first17))
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("所需信息的内容描述").fill("本县2025年度安全生产执法检查情况")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_selector("#tracking-number")
    print_check(page, str(tmp_path / "receipt.pdf"))
    assert page.locator("#tracking-number").is_visible()


def test_failed_request_form_lists_every_error_with_the_arithmetic_answer(site, page, settings):
    settings.FOI_HUMAN_CHECK = True
    page.goto(site["url"] + reverse("foi:new", args=[site["org"].code]))
    page.fill("#id_answer", "999")  # wrong, whatever the question
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    links = page.locator("#error-summary a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#id_answer" in targets and len(targets) >= 3  # the required fields and the human check
