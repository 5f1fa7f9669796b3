"""The province supervisor opens the evaluation ranking, drills into a county's lowest indicator
down to the records behind it, and downloads the circulated notice (.xlsx read back, PDF
rendered to PNG with pdftoppm and checked)."""
import io
import subprocess

import pytest

from gongkai.core import clock
from gongkai.oversight import evaluation, services
from gongkai.oversight.tests.factories import at, record, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/office/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "test-password-1")
    page.get_by_role("button", name="登录").click()


@pytest.fixture
def data(tree, seed_templates):
    clock.pin(at(2026, 11, 20, 10, 0))
    w = world(tree, seed_templates)
    sup = w.users["sx_supervisor"]
    iset = services.indicator_set_create(organisation=w.sx, actor=sup, year=2026, note="浏览器测试")
    services.indicator_set_edit(indicator_set=iset, actor=sup, rows=[
        dict(code="publish", category="信息公开", name="主动公开信息发布", weight="50", metric="records_published",
             target="10", higher_is_better=True, source="《泽州县安全生产和救灾领域基层政务公开标准化规范化工作指导方案》五（二）"),
        dict(code="publish_on_time", category="信息公开", name="按时限主动公开", weight="30", metric="records_overdue",
             target="2", higher_is_better=False, source="《中华人民共和国政府信息公开条例》第二十六条"),
        dict(code="repost", category="平台建设", name="上级信息及时转载", weight="20", metric="reposts_late",
             target="1", higher_is_better=False, source="《安徽省安全生产监督管理局全面推进政务公开实施细则》附件1第15项"),
    ])
    services.indicator_set_publish(indicator_set=iset, actor=sup)
    for n in range(10):
        record(w, w.yc, published_at=at(2026, 10, 2 + n, 9, 0), title=f"阳城县安全生产通报第{n + 1}期")
    for n in range(3):
        record(w, w.zz, published_at=at(2026, 10, 12 + n, 9, 0), title=f"泽州县隐患排查通报第{n + 1}期")
    record(w, w.zz, status="draft", due=at(2026, 10, 20, 0, 0).date(), title="泽州县逾期未发布的通知")
    evaluation.refresh(year=2026)
    yield w
    clock.pin(None)


def test_supervisor_ranking_drill_and_notice(live_server, page, data, tmp_path):
    base = live_server.url
    login(page, base, "sx_supervisor")
    page.goto(base + "/office/oversight/")
    page.get_by_role("link", name="山西省应急管理厅 · 下级机构评估排名").click()
    page.select_option("select[name=quarter]", "4")
    page.get_by_role("button", name="查看").click()
    table = page.locator("#ranking-table")
    first_row = table.locator("tbody tr").first.inner_text()
    assert "阳城县应急管理局" in first_row and "100" in first_row
    assert page.locator("svg.chart").count() == 3

    # Into 泽州县: its lowest indicator is publication (3 of 10), and behind it its three records.
    table.get_by_role("link", name="泽州县应急管理局").click()
    assert "泽州县应急管理局" in page.locator("h1").inner_text()
    lowest = page.locator("#lowest")
    assert lowest.inner_text() == "主动公开信息发布"
    lowest.click()
    rows = page.locator("#rows tbody tr")
    assert rows.count() == 3
    text = page.locator("#rows").inner_text()
    assert "泽州县隐患排查通报第1期" in text and "阳城县" not in text
    assert "3" in page.locator("main").inner_text()
    rows.first.get_by_role("link").click()
    assert "泽州县隐患排查通报第3期" in page.content()

    # The circulated notice.
    page.goto(base + "/office/oversight/evaluation/sx/?year=2026&quarter=4")
    with page.expect_download() as dl:
        page.get_by_role("link", name="下载通报（Excel）").click()
    xlsx = tmp_path / "notice.xlsx"
    dl.value.save_as(xlsx)
    from openpyxl import load_workbook
    ws = load_workbook(xlsx).active
    assert "量化评估情况通报" in ws["A1"].value
    ranked = [(ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value)
              for r in range(4, ws.max_row + 1)]
    assert ranked[0][:2] == (1, "阳城县应急管理局") and ranked[0][2] == 100
    zz = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value == "泽州县应急管理局")
    # publication 3/10 of 50 = 15; one overdue of 2 → 15 of 30; no repost due → 不适用 (—), its weight
    # shared out: 30 of the applicable 80 → 37.5 (it was 50 with 20 free marks); no veto.
    assert [ws.cell(row=zz, column=c).value for c in range(3, 8)] == [37.5, None, 15, 15, "—"]
    with page.expect_download() as dl:
        page.get_by_role("link", name="下载通报（PDF）").click()
    pdf = tmp_path / "notice.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "notice")], check=True)
    png = next(tmp_path.glob("notice*.png"))
    from PIL import Image
    image = Image.open(png).convert("L")
    assert image.width > image.height  # A4 landscape
    dark = sum(1 for v in image.tobytes() if v < 128)
    assert dark > 2000  # text and table rules are drawn, not a blank page
    import shutil
    shutil.copy(png, "/tmp/oversight-notice-page1.png")


def test_evaluation_pages_reflow_and_pass_axe(live_server, browser, data):
    """The ranking with its charts and an organisation's page: legible at 320 px (charts and the table
    scroll in their own frames, the page does not) and axe-clean, as the public pages are."""
    from .test_portal_screens import AXE, overflow, run_axe

    base = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    login(page, base, "sx_supervisor")
    found = {}
    for path in ("/office/oversight/evaluation/sx/?year=2026&quarter=4",
                 "/office/oversight/evaluation/sx/org/sx-jc-zz/?year=2026&quarter=4"):
        for width in (320, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + path)
            assert page.locator("svg.chart").count() >= 2
            problems = run_axe(page)
            scroll, client = overflow(page)
            if scroll > client:
                problems.append(f"page scrolls sideways: {scroll} > {client}")
            box = page.locator("svg.chart").first.bounding_box()
            if box["width"] < 500:  # squeezed below legibility instead of scrolling in its frame
                problems.append(f"chart squeezed to {box['width']:.0f} px")
            if problems:
                found[f"{path} @{width}"] = problems
    context.close()
    assert found == {}
