"""The office import pages in Debian's chromium at 320 px and 1366 px: upload, report, confirm; no sideways scroll."""
import os

import pytest

from gongkai.records.tests.factories import world
from gongkai.siteimport import services
from tests.browser.conftest import ARGS, CHROMIUM

from .test_office import _zip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")  # a folder to keep screenshots in, when set


def login(page, base, username):
    page.goto(base + "/office/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "test-password-1")
    page.get_by_role("button", name="登录").click()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [320, 1366])
def test_upload_report_confirm(live_server, tree, seed_templates, tmp_path, settings, width):
    """Chromium is started and closed inside the test: the session-wide browser fixture of tests/browser stays the
    only long-lived Playwright instance (two at once fail with "Sync API inside the asyncio loop")."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    settings.MEDIA_ROOT = tmp_path / "media"
    w = world(tree)
    services.mapping_confirm(organisation=w.org, actor=w.users["yc_office"], column="通知公告", catalog_key=w.item.key)
    upload = tmp_path / "site.zip"
    upload.write_bytes(_zip())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            _walk(browser, live_server, upload, width)
        finally:
            browser.close()


def _walk(browser, live_server, upload, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        login(page, live_server.url, "yc_office")
        page.goto(live_server.url + "/office/import/")
        _no_sideways_scroll(page)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/import-home-{width}.png", full_page=True)
        page.set_input_files("input[name=file]", str(upload))
        page.get_by_role("button", name="上传并试运行").click()
        page.get_by_role("button", name="确认导入").wait_for()
        assert "EX0001/2024-00012" in page.content() and "栏目列表页" in page.content()
        _no_sideways_scroll(page)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/import-report-{width}.png", full_page=True)
        page.get_by_role("button", name="确认导入").click()
        page.get_by_text("已导入", exact=True).first.wait_for()
        assert "下载导入报告" in page.content()
        page.goto(live_server.url + "/office/import/")
        assert "待确认的栏目对应关系" in page.content()  # the static page's column waits for the office
        _no_sideways_scroll(page)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/import-mapping-{width}.png", full_page=True)
    finally:
        context.close()
