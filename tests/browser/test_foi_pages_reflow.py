"""The foi pages changed for issues 21 and 25 reflow at 320 px and work at 1366 px: the 依申请公开
landing page, the public deadline calculator, the office list with its export links and the
registration form with its date prefilled. Screenshots go to the pytest temporary directory."""

import pytest

from gongkai.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/requests/", "/requests/deadline/?received=2026-09-24", "/requests/deadline/?received=2026-02-30"]
OFFICE_PAGES = ["/office/requests/?status=all", "/office/requests/new/"]


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [320, 1366])
def test_foi_pages_reflow(live_server, browser, tree, tmp_path, width):
    from .test_foi_browser import login

    base = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    for n, path in enumerate(PAGES):
        page.goto(base + path)
        page.screenshot(path=str(tmp_path / f"public-{n}-{width}.png"), full_page=True)
        assert _no_sideways_scroll(page), path
    page.goto(base + "/requests/")
    page.get_by_role("link", name="计算答复期限").click()
    page.get_by_label("收到申请之日").fill("2026-09-24")
    page.get_by_role("button", name="计算", exact=True).click()
    assert "2026年10月29日" in page.locator("main").inner_text()
    login(page, base, "zz_office")
    for n, path in enumerate(OFFICE_PAGES):
        page.goto(base + path)
        page.screenshot(path=str(tmp_path / f"office-{n}-{width}.png"), full_page=True)
        assert _no_sideways_scroll(page), path
    # The required 收到日期 comes up filled with today (issue 21 item 12).
    assert page.locator("#id_arrived_on").input_value() == clock.today().isoformat()
    print(tmp_path)
    context.close()
