"""The pages records changed for issue 21 (validity, known-item search, no-results help, list export)
reflow at 320 px and read at 1366 px in Debian's chromium. Screenshots go to $GONGKAI_SCREENSHOTS
(or the test's temporary directory) so a person can look at them."""
import datetime as dt
import os
import pathlib
import shutil

import pytest

from gongkai.records import services
from gongkai.records.models import Record

from .factories import create_record, publish, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def chromium():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _shots(tmp_path) -> pathlib.Path:
    out = pathlib.Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _visit(browser, url, shot, *, width, login=None, base=""):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    if login:
        page.goto(base + "/office/login/")
        page.fill("input[name=username]", login)
        page.fill("input[name=password]", "test-password-1")
        page.get_by_role("button", name="登录").click()
    page.goto(url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    text = page.locator("main").inner_text()
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    return overflow, text


def test_validity_search_and_export_pages_at_320_and_1366(live_server, chromium, tree, seed_templates, tmp_path):
    w = world(tree)
    base = live_server.url
    rule = publish(w, create_record(w, title="阳城县安全生产约谈办法", doc_number="阳应急〔2026〕12号"))
    newer = publish(w, create_record(w, title="阳城县安全生产约谈办法（2026年修订）", doc_number="阳应急〔2026〕30号"))
    Record.objects.filter(pk__in=[rule.pk, newer.pk]).update(document_type="rule")
    services.record_set_validity(record=Record.objects.get(pk=rule.pk), actor=w.users["yc_office"],
                                 validity="amended", changed_on=dt.date(2026, 3, 5), replaced_by=newer)
    out = _shots(tmp_path)
    pages = [
        (f"{base}{rule.get_absolute_url()}", "record", None, ["有效性", "已修改", newer.title]),
        (f"{base}/records/?org={w.org.code}", "browse", None, ["有效性：已修改", "有效性：现行有效"]),
        (f"{base}/records/search/?q=阳应急（2026）12号", "search-known", None, [rule.title]),
        (f"{base}/records/search/?q=完全不存在的词语组合&org={w.org.code}", "search-empty", None,
         ["没有找到相关信息", "减少关键词", "提出政府信息公开申请"]),
        (f"{base}/office/records/", "office-list", "yc_office", ["导出 Excel", "导出 CSV"]),
    ]
    for url, name, login, expected in pages:
        for width in (320, 1366):
            overflow, text = _visit(chromium, url, out / f"records-{name}-{width}.png", width=width, login=login,
                                    base=base)
            assert overflow <= 0, (name, width, overflow)
            for words in expected:
                assert words in text, (name, width, words)
    # the known item comes first in the results
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/records/search/?q=阳应急［2026］12")
    assert page.locator("ol.hits li").first.locator("a").first.inner_text() == rule.title
    context.close()
