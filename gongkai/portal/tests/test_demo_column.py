"""Issue 21 items 8, 15, 17: the demo's 指南 and banner, the column checklist, the footer, the favicon."""
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.portal import demo
from gongkai.portal.models import DemoSite, DisclosureGuide

from .conftest import login

BANNER = "演示站点"


@pytest.fixture
def demo_loaded(tree):
    call_command("load_portal_demo", stdout=open("/dev/null", "w"))
    return tree


def test_the_demo_gives_every_demo_organisation_a_complete_guide_through_the_service(demo_loaded):
    orgs, _ = demo_loaded
    guides = DisclosureGuide.objects.filter(organisation__in=orgs.values())
    assert guides.count() == len(demo.CONTACTS) == len(orgs)
    for guide in guides:
        assert guide.is_published
        for field in ("office_name", "office_address", "office_hours", "phone", "postal_address", "postal_code"):
            assert getattr(guide, field), (guide.organisation.code, field)
        assert "演示" in guide.office_address and "演示" in guide.postal_address  # clearly a demo address
    assert AuditEvent.objects.filter(action="guide.updated").count() == len(orgs)


def test_loading_the_demo_twice_keeps_the_guides_an_office_wrote(demo_loaded):
    orgs, _ = demo_loaded
    DisclosureGuide.objects.filter(organisation=orgs["sx-jc-zz"]).update(phone="0356-1234567")
    call_command("load_portal_demo", stdout=open("/dev/null", "w"))
    assert DisclosureGuide.objects.get(organisation=orgs["sx-jc-zz"]).phone == "0356-1234567"
    assert AuditEvent.objects.filter(action="guide.updated").count() == len(orgs)


def test_the_apply_page_tells_where_to_send_a_letter_and_when_to_come_in(client, demo_loaded):
    orgs, _ = demo_loaded
    guide = DisclosureGuide.objects.get(organisation=orgs["sx-jc-zz"])
    html = client.get(reverse("portal:column_apply", args=["sx-jc-zz"])).content.decode()
    for text in (guide.postal_address, guide.postal_code, guide.office_address, guide.office_hours, guide.phone):
        assert text in html


def test_the_apply_page_without_a_guide_says_so(client, tree):
    html = client.get(reverse("portal:column_apply", args=["sx-jc-zz"])).content.decode()
    assert "尚未发布政府信息公开指南" in html


@pytest.mark.parametrize("name, args", [
    ("portal:home", []), ("portal:column_guide", ["sx-jc-yc"]), ("records:browse", []), ("foi:home", []),
    ("engagement:home", []), ("reports:list", []), ("office:login", []),
])
def test_every_page_shows_the_demo_banner_while_the_flag_is_set(client, demo_loaded, name, args,
                                                                 django_capture_on_commit_callbacks):
    url = reverse(name, args=args)
    assert BANNER in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_portal_demo", "--unmark", stdout=open("/dev/null", "w"))
    assert not DemoSite.objects.exists()
    assert BANNER not in client.get(url).content.decode()  # the page cache has a new generation


def test_office_pages_show_the_banner_too(client, demo_loaded):
    login(client, "zz_office")
    assert BANNER in client.get(reverse("office:dashboard")).content.decode()


def test_no_banner_without_demo_data(client, tree):
    assert BANNER not in client.get(reverse("portal:home")).content.decode()


# ---------------------------------------------------------------- the column checklist

def test_the_office_is_led_to_write_its_guide_first(client, tree):
    login(client, "zz_office")
    html = client.get(reverse("office:dashboard")).content.decode()
    assert "政府信息公开栏目上线检查" in html and "请先完成政府信息公开指南" in html
    assert reverse("office:guide_edit", args=["sx-jc-zz"]) in html
    assert "可以上线" not in html


def test_a_published_guide_makes_the_column_ready(client, demo_loaded):
    login(client, "zz_office")
    html = client.get(reverse("office:dashboard")).content.decode()
    assert "可以上线" in html and "请先完成政府信息公开指南" not in html


def test_supervisors_see_which_organisations_below_them_lack_a_guide(client, demo_loaded):
    orgs, _ = demo_loaded
    DisclosureGuide.objects.filter(organisation__code__in=["sx-jc-zz-nc", "sx-jc-yc"]).delete()
    login(client, "jc_supervisor")
    html = client.get(reverse("office:dashboard")).content.decode()
    assert "尚未发布政府信息公开指南的机构" in html
    section = html[html.index('id="guide-missing-h"'):]
    section = section[:section.index("</section>")]
    assert orgs["sx-jc-zz-nc"].name in section and orgs["sx-jc-yc"].name in section
    assert orgs["sx-jc-zz"].name not in section  # has one
    assert orgs["sx"].name not in section  # above the supervisor, not supervised
    client.logout()
    login(client, "zz_office")  # an office sees its own checklist, not the supervision list
    assert 'id="guide-missing-h"' not in client.get(reverse("office:dashboard")).content.decode()


# ---------------------------------------------------------------- footer and favicon

def test_the_footer_omits_the_site_identification_when_unset(client, tree):
    html = client.get(reverse("portal:home")).content.decode()
    assert "网站标识码" not in html and "主办单位" not in html and "政府网站找错" not in html


@override_settings(SITE_SPONSOR="晋城市应急管理局", SITE_CODE="1405000001", SITE_ICP="晋ICP备00000000号",
                   SITE_ERROR_REPORT_URL="https://zfwzzc.www.gov.cn/")
def test_the_footer_shows_each_deployment_setting(client, tree):
    from gongkai.ops import cache as page_cache

    page_cache.clear()
    html = client.get(reverse("portal:home")).content.decode()
    footer = html[html.index('class="site-footer"'):]
    assert "主办单位：晋城市应急管理局" in footer and "网站标识码：1405000001" in footer
    assert "晋ICP备00000000号" in footer and 'href="https://zfwzzc.www.gov.cn/"' in footer and "政府网站找错" in footer


def test_the_favicon_is_served_by_the_app_and_linked_from_every_page(client, tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = client.get(reverse("portal:home")).content.decode()
    assert 'rel="icon"' in html and "portal/favicon.svg" in html and "//" not in html.split('rel="icon" href="')[1][:5]


# ---------------------------------------------------------------- the national column shape (item 15)

def test_the_home_page_lists_the_latest_publications_newest_first(client, publish_record):
    older = publish_record("政策文件/1", "较早公开的规范性文件")
    newer = publish_record("政策文件/1", "最新公开的安全生产通知")
    older.published_at, newer.published_at = older.published_at.replace(year=2025), newer.published_at
    older.save(update_fields=["published_at"])
    from gongkai.ops import cache as page_cache

    page_cache.clear()
    html = client.get(reverse("portal:home")).content.decode()
    section = html[html.index('id="latest-h"'):]
    section = section[:section.index("</section>")]
    assert section.index(newer.title) < section.index(older.title)
    assert reverse("records:record", args=[newer.pk]) in section and newer.organisation.name in section


def test_the_home_page_says_when_nothing_is_published(client, tree):
    assert "尚无主动公开的政府信息" in client.get(reverse("portal:home")).content.decode()


def test_statutory_content_includes_article_20_item_2_from_the_guide(client, demo_loaded):
    guide = DisclosureGuide.objects.get(organisation__code="sx-jc-zz")
    html = client.get(reverse("portal:column_statutory", args=["sx-jc-zz"])).content.decode()
    section = html[html.index('id="by-article"'):]
    assert "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名" in section
    assert guide.functions.splitlines()[0] in section and guide.office_hours in section and guide.phone in section


def test_statutory_item_2_without_a_guide_says_so(client, tree):
    html = client.get(reverse("portal:column_statutory", args=["sx-jc-zz"])).content.decode()
    assert "（二）机关职能" in html and "尚未发布政府信息公开指南" in html


def test_the_demo_flag_is_read_once_per_process_and_a_change_elsewhere_is_seen_after_its_lifetime(
        tree, monkeypatch, django_assert_num_queries):
    from gongkai.portal import demo

    now = [1000.0]
    monkeypatch.setattr(demo.time, "monotonic", lambda: now[0])
    demo.mark_demo("测试")
    with django_assert_num_queries(1):
        assert demo.is_demo() and demo.is_demo() and demo.is_demo()
    DemoSite.objects.all().delete()  # another process removes the demo (this one is not told)
    assert demo.is_demo()
    now[0] += demo.FLAG_TTL
    assert not demo.is_demo()
    demo.mark_demo("测试")  # this process changes it: seen at once
    assert demo.is_demo()
    demo.unmark_demo()
    assert not demo.is_demo()
