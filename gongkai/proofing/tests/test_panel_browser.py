"""An office user sees a wording finding in place on the draft's page and applies the suggestion in one
click, at 320 px and at 1366 px, in Debian's chromium (the real wording engine, no fake). Screenshots
go to $GONGKAI_SCREENSHOTS (or the test's temporary directory)."""
import datetime as dt
import os
import pathlib
import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run"]
BAD = "县安全生产监督管理局"  # abolished in the 2018 reform: a severe finding of the shipped rules


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


@pytest.fixture
def drafts(tree, seed_templates, settings, tmp_path):
    """Two draft records of 阳城县, each naming the abolished bureau in its body (one per screen width)."""
    from gongkai.records.tests.factories import create_record, world

    settings.MEDIA_ROOT = tmp_path / "media"
    w = world(tree)
    return w, [create_record(w, title=f"关于开展节前安全检查的通知（{n}）", formation_date=dt.date(2026, 12, 1),
                             body=f"根据{BAD}部署，开展节前安全检查。") for n in (1, 2)]


def _shots(tmp_path) -> pathlib.Path:
    out = pathlib.Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("width", [320, 1366])
def test_office_user_sees_the_finding_in_place_and_applies_it_in_one_click(live_server, chromium, drafts, width,
                                                                           tmp_path):
    w, records = drafts
    record = records[0 if width == 320 else 1]
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/office/login/")
    page.fill("input[name=username]", "yc_drafter")
    page.fill("input[name=password]", "test-password-1")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/office/records/{record.pk}/")
    panel = page.locator("section.wording")
    assert panel.locator("mark").first.inner_text() == "安全生产监督管理局"
    text = panel.inner_text()
    assert "严重" in text and "过时机构名称" in text and "应急管理局" in text and "机构改革" in text
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.screenshot(path=str(_shots(tmp_path) / f"wording-panel-{width}.png"), full_page=True)
    panel.get_by_role("button", name="应用建议").first.click()
    page.wait_for_load_state()
    assert "已应用修改建议" in page.locator("main").inner_text()
    assert page.locator("section.wording mark").count() == 0
    page.screenshot(path=str(_shots(tmp_path) / f"wording-applied-{width}.png"), full_page=True)
    context.close()
    record.refresh_from_db()
    assert "县应急管理局部署" in record.body and BAD not in record.body
