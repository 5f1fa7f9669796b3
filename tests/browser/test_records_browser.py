"""A clerk drafts a record with an ID number in it; publication is blocked until it is masked;
the record goes through review and publication; a citizen finds it with a two-character search."""
import pytest

from gongkai.records.models import Record
from gongkai.records.tests.factories import SAMPLE_ID, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/office/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "test-password-1")
    page.get_by_role("button", name="登录").click()


def test_record_from_draft_to_citizen_search(live_server, page, tree, seed_templates, tmp_path):
    w = world(tree)
    base = live_server.url

    # The clerk registers the record; the body names a victim's ID number.
    login(page, base, "yc_drafter")
    page.goto(base + "/office/records/")
    page.get_by_role("link", name="登记政府信息（阳城县应急管理局）").click()
    page.select_option("select[name=catalog_item]", str(w.item.pk))
    page.fill("input[name=title]", "阳城县2026年一季度安全隐患排查治理情况通报")
    page.fill("input[name=doc_number]", "阳应急〔2026〕21号")
    page.fill("input[name=formation_date]", "2026-03-02")
    page.fill("textarea[name=body]", f"一季度共排查隐患312处。已救助受灾户一户（身份证号{SAMPLE_ID}）。")
    page.get_by_role("button", name="保存").click()
    privacy = page.locator("#privacy")
    assert "居民身份证号码" in privacy.inner_text()
    assert SAMPLE_ID not in privacy.inner_text()  # findings are listed masked
    page.get_by_role("button", name="报审").click()
    assert "已报审" in page.locator(".messages").inner_text()
    record = Record.objects.get()

    # The secrecy reviewer clears it.
    login(page, base, "yc_secrecy")
    page.goto(base + f"/office/records/{record.pk}/")
    page.get_by_role("button", name="不涉密，同意公开").click()
    assert "待发布" in page.locator(".status-tag").inner_text()

    # The office cannot publish while the ID number is there; it masks it and publishes.
    login(page, base, "yc_office")
    page.goto(base + f"/office/records/{record.pk}/")
    assert "尚未遮蔽" in page.locator(".problems").first.inner_text()
    page.get_by_role("button", name="发布", exact=True).click()
    assert "暂不能发布" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="遮蔽").click()
    assert "已遮蔽" in page.locator("#privacy").inner_text()
    page.get_by_role("button", name="发布", exact=True).click()
    assert "已发布" in page.locator(".messages").inner_text()
    page.screenshot(path=str(tmp_path / "office-published.png"), full_page=True)

    # A citizen searches with two characters and opens the record.
    page.context.clear_cookies()
    page.goto(base + "/records/search/")
    page.fill("input[name=q]", "隐患")
    page.get_by_role("button", name="搜索").click()
    hit = page.locator("ol.hits li").first
    assert "找到 1 条结果" in page.get_by_role("status").inner_text()
    assert hit.locator("mark").first.inner_text() == "隐患"
    hit.get_by_role("link", name="阳城县2026年一季度安全隐患排查治理情况通报").click()
    text = page.locator("main").inner_text()
    assert "此件公开发布" in text and record.index_number in text
    assert SAMPLE_ID not in text and "1101**********4514" in text
    page.screenshot(path=str(tmp_path / "public-record.png"), full_page=True)
