"""A citizen browses a published catalog to an item and downloads the official table."""
import openpyxl
import pytest

from gongkai.catalog.constants import CHANNELS
from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import Catalog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_browses_and_downloads_xlsx(live_server, page, tree, seed_templates, tmp_path):
    orgs, _ = tree
    publish_demo_catalog(orgs["sx-jc-yc"])
    catalog = Catalog.objects.get(organisation=orgs["sx-jc-yc"])
    version = catalog.published_version

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="阳城县应急管理局", exact=True).click()
    page.get_by_role("link", name=catalog.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == catalog.title
    page.get_by_role("navigation", name="目录结构").get_by_role("link", name="4. 事故通报").click()
    assert "事故通报" in page.get_by_role("heading", level=1).inner_text()
    channels_row = page.locator("table.elements tr", has_text="公开渠道和载体").inner_text()
    assert "政府网站" in channels_row and "其他" in channels_row
    page.screenshot(path=str(tmp_path / "item.png"))
    page.get_by_role("link", name="返回目录").click()

    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Excel 表格").click()
    path = tmp_path / "catalog.xlsx"
    info.value.save_as(path)

    sheet = openpyxl.load_workbook(path).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    items = [i for i in version.items.order_by("position") if not i.retired]
    header = next(r for r in cells if "全社会" in r)
    mark_columns = {label: header.index(label) for label in ("全社会", "特定群体", "主动", "依申请", "县级", "乡级")}
    # Find each item's row by its second-level name and compare every element.
    for item in items:
        row = next(r for r in cells if item.second_level in [str(v) for v in r if v is not None])
        values = [str(v) for v in row if v is not None]
        for text in (item.content, item.basis, item.time_limit_text, item.subject):
            assert text in values, (item.second_level, text)
        channel_cell = next(v for v in values if "□" in v or "■" in v)
        for channel in CHANNELS:
            box = "■" if channel in item.channels else "□"
            assert f"{box}{channel}" in channel_cell, (item.second_level, channel)
        chosen = set(item.audience) | set(item.mode) | set(item.level)
        for label, column in mark_columns.items():
            assert (row[column] == "√") is (label in chosen), (item.second_level, label)
    assert len([r for r in cells if r[2] in {i.second_level for i in items}]) == len(items)
    assert not any("重大工程项目信息" in str(v) for r in cells for v in r if v)
