"""Staff pages speak Chinese: history in words, and the dashboard shows only the panels a role can act on."""
import re

import pytest

from django.urls import reverse

from gongkai.catalog.models import Catalog

from .conftest import login


def test_catalog_history_reads_as_words(client, county):
    org, _, users = county
    users["yc_office"].display_name = "阳城县政务公开办"
    users["yc_office"].save()
    catalog = Catalog.objects.get(organisation=org)
    login(client, "yc_office")
    html = client.get(reverse("office:catalog_history", args=[catalog.pk])).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "<td>" in body
    assert "阳城县政务公开办" in body
    for raw in ("yc_office", "catalog.", "catalogversion#", "catalogitem#", "{'", "['", "<code>", "#"):
        assert raw not in body, raw
    assert not re.search(r"\b[a-z]+\.[a-z_]+\b", body), "a dotted event code leaked"


def test_history_filter_describes_an_event(county):  # county: a published catalog with its events
    from gongkai.core.models import AuditEvent
    from gongkai.portal.templatetags.portal_tags import describe_event

    event = AuditEvent.objects.filter(target_type="catalog.catalog").first() or AuditEvent.objects.first()
    words = describe_event(event)
    assert set(words) >= {"when", "who", "what", "changes", "reason", "target"}
    assert words["what"] and "." not in words["what"]
    assert describe_event({"what": "x"}) == {"what": "x"}


def test_drafter_does_not_see_the_catalog_panel_the_office_does(client, county):
    org, _, _ = county
    login(client, "yc_office")
    html = client.get(reverse("office:dashboard")).content.decode()
    assert f"{org.name} · 标准目录" in html
    client.logout()
    from gongkai.organisations.models import Role, RoleAssignment, User

    drafter = User.objects.create_user(username="yc_unit", password="test-password-1")
    RoleAssignment.objects.create(user=drafter, organisation=org, role=Role.DRAFTER)
    client.force_login(drafter)
    html = client.get(reverse("office:dashboard")).content.decode()
    assert f"{org.name} · 标准目录" not in html
    assert "政府信息公开指南" not in html


@pytest.mark.parametrize("username, catalog_panel, guide_panel, overview", [
    ("yc_office", True, True, True),
    ("yc_leader", False, False, True),
    ("jc_supervisor", False, False, True),
])
def test_each_role_sees_only_the_catalog_and_guide_panels_it_can_act_on(client, county, username, catalog_panel,
                                                                        guide_panel, overview):
    org, _, _ = county
    login(client, username)
    html = client.get(reverse("office:dashboard")).content.decode()
    assert (f"{org.name} · 标准目录" in html) is catalog_panel
    assert ('id="guide-dash-h"' in html) is guide_panel
    assert (reverse("office:overview") in html) is overview
