"""The uniform 政府信息公开 column: five entries with the national names, on the home page and per organisation."""
import pytest
from django.urls import reverse

from gongkai.portal import column

NAMES = ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开")


def test_the_entries_carry_the_uniform_names():
    assert tuple(str(e.label) for e in column.ENTRIES) == NAMES


def test_home_page_shows_every_entry_and_a_search_box(client, county):
    html = client.get(reverse("portal:home")).content.decode()
    for name in NAMES:
        assert name in html
    for e in column.ENTRIES:
        assert reverse("portal:column_choose", args=[e.slug]) in html
    assert f'action="{reverse("records:search")}"' in html and 'name="q"' in html


def test_choosing_an_entry_lists_every_organisation(client, county):
    org, orgs, _ = county
    html = client.get(reverse("portal:column_choose", args=["guide"])).content.decode()
    assert reverse("portal:column_guide", args=[org.code]) in html
    assert reverse("portal:column_guide", args=[orgs["sx"].code]) in html
    assert client.get(reverse("portal:column_choose", args=["nonsense"])).status_code == 404


@pytest.mark.parametrize("slug", [e.slug for e in column.ENTRIES])
def test_every_column_page_has_the_column_and_a_search_box_for_the_organisation(client, county, slug):
    org, _, _ = county
    response = client.get(reverse(f"portal:column_{slug}", args=[org.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in NAMES:
        assert name in html
    assert 'aria-current="page"' in html
    assert f'name="org" value="{org.code}"' in html  # the search box searches this organisation


def test_organisation_page_leads_to_each_entry(client, county):
    org, _, _ = county
    html = client.get(org.get_absolute_url()).content.decode()
    for e in column.ENTRIES:
        assert column.entry_url(e.slug, org) in html


def test_unknown_organisation_is_404(client, county):
    assert client.get(reverse("portal:column_rules", args=["no-such-org"])).status_code == 404


def test_rules_lists_only_records_of_the_rules_item(client, county, publish_record):
    org, _, _ = county
    publish_record("公共服务/2", "阳城县应急管理局政府信息公开工作制度")
    publish_record("政策文件/1", "关于开展安全生产月活动的通知")
    html = client.get(reverse("portal:column_rules", args=[org.code])).content.decode()
    assert "阳城县应急管理局政府信息公开工作制度" in html
    assert "关于开展安全生产月活动的通知" not in html


def test_rules_of_one_organisation_do_not_show_on_another(client, county, publish_record):
    _, orgs, _ = county
    publish_record("公共服务/2", "阳城县应急管理局政府信息公开工作制度")
    html = client.get(reverse("portal:column_rules", args=[orgs["sx-jc-zz"].code])).content.decode()
    assert "阳城县应急管理局政府信息公开工作制度" not in html


def test_unpublished_records_stay_off_the_column(client, county, publish_record):
    from gongkai.records.states import RecordStatus

    org, _, _ = county
    draft = publish_record("公共服务/2", "尚未发布的制度草稿")
    draft.status = RecordStatus.DRAFT
    draft.save()
    assert "尚未发布的制度草稿" not in client.get(reverse("portal:column_rules", args=[org.code])).content.decode()


def test_statutory_content_by_catalog_item_and_by_article_20(client, county, publish_record):
    org, _, _ = county
    publish_record("行政管理/4", "2026年第一季度生产安全事故通报")
    publish_record("行政管理/1", "重大事故隐患排查治理情况")
    content = column.statutory_content(org)
    by_key = {row["item"].key: row for c in content["catalogs"] for rows in c["groups"].values() for row in rows}
    assert by_key["行政管理/4"]["count"] == 1
    assert by_key["行政管理/4"]["latest"][0].title == "2026年第一季度生产安全事故通报"
    by_number = {row["statutory"].number: row for row in content["article20"]}
    assert by_number["十二"]["count"] == 1 and by_number["十三"]["count"] == 1
    assert by_number["七"]["count"] == 0
    html = client.get(reverse("portal:column_statutory", args=[org.code])).content.decode()
    assert "突发公共事件的应急预案、预警信息及应对情况" in html
    assert "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况" in html
    assert "2026年第一季度生产安全事故通报" in html


def test_article_20_mapping_names_real_catalog_items(seed_templates):
    """Every catalog item key in the mapping exists in one of the two national catalogs."""
    from gongkai.catalog.models import CatalogItem

    keys = set(CatalogItem.objects.filter(version__catalog__is_template=True).values_list("key", flat=True))
    for statutory in column.ARTICLE_20_ITEMS:
        assert set(statutory.item_keys) <= keys, statutory.number
    assert set(column.RULES_ITEM_KEYS) <= keys


def test_reports_lists_published_reports_by_year(client, county):
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.states import ReportStatus

    org, orgs, _ = county
    AnnualReport.objects.create(organisation=org, year=2024, status=ReportStatus.PUBLISHED)
    AnnualReport.objects.create(organisation=org, year=2025, status=ReportStatus.PUBLISHED)
    AnnualReport.objects.create(organisation=orgs["sx-jc-zz"], year=2023, status=ReportStatus.PUBLISHED)
    html = client.get(reverse("portal:column_reports", args=[org.code])).content.decode()
    assert html.index("2025年度") < html.index("2024年度")
    assert "2023年度" not in html


def test_apply_offers_online_letter_in_person_the_lookup_and_fees(client, county):
    org, _, _ = county
    html = client.get(reverse("portal:column_apply", args=[org.code])).content.decode()
    for text in ("在线申请", "信函申请", "当面提交", "信息处理费", "办理进度查询"):
        assert text in html
    assert reverse("foi:new", args=[org.code]) in html
    assert reverse("foi:track") in html
    for ext in ("pdf", "docx"):  # the blank form for letter and in-person applicants
        assert reverse("foi:application_form", args=[ext]) in html


def test_article_20_lists_the_newest_records_across_its_catalog_items(county, publish_record):
    """条例第二十条（十二） is answered by several catalog items: its newest five are merged across them."""
    org, _, _ = county
    titles = []
    for n in range(8):  # each record is published a day before the previous one
        key = "行政管理/2" if n % 2 else "行政管理/4"
        titles.append(publish_record(key, f"应急预案与预警信息第{n}号").title)
    content = column.statutory_content(org)
    twelve = next(row for row in content["article20"] if row["statutory"].number == "十二")
    assert twelve["count"] == 8
    assert [r.title for r in twelve["latest"]] == titles[:column.LATEST_PER_GROUP]
    by_key = {row["item"].key: row for c in content["catalogs"] for rows in c["groups"].values() for row in rows}
    assert [r.title for r in by_key["行政管理/2"]["latest"]] == titles[1::2]
    assert [r.title for r in by_key["行政管理/4"]["latest"]] == titles[0::2]


def test_statutory_content_reads_each_item_newest_from_its_index(county, publish_record):
    """No query orders the records of several catalog items at once: that shape cannot be read in
    order from the (organisation, catalog_key, status, -published_at) index and sorts every record
    of those items (2 s at 200,000 records)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org, _, _ = county
    publish_record("行政管理/2", "预案一")
    publish_record("行政管理/4", "预案二")
    with CaptureQueriesContext(connection) as ctx:
        column.statutory_content(org)
    slow = [q["sql"] for q in ctx.captured_queries
            if '"catalog_key" IN' in q["sql"] and "ORDER BY" in q["sql"]]
    assert slow == []
