"""No internet at run time: no public page (nor the API docs) references another host."""
import re

from django.urls import reverse

from gongkai.portal import column

# src, href, action, srcset, poster, data and CSS url(...) that name a scheme-qualified or protocol-relative host.
REFERENCE = re.compile(r'''(?:\b(?:src|href|action|poster|data|srcset)\s*=\s*["']?\s*|url\(\s*["']?)((?:https?:)?//[^/"'\s)>]+)''', re.IGNORECASE)


def external_hosts(html: str) -> set[str]:
    hosts = set()
    for ref in REFERENCE.findall(html):
        host = ref.split("//", 1)[1].lower()
        if host not in ("testserver",):
            hosts.add(host)
    return hosts


def test_the_scanner_finds_a_cdn():
    assert external_hosts('<script src="https://cdn.jsdelivr.net/x.js"></script>') == {"cdn.jsdelivr.net"}
    assert external_hosts("<link href='//unpkg.com/a.css'>") == {"unpkg.com"}
    assert external_hosts('<a href="/org/x/">x</a><img src="http://testserver/a.png">') == set()


def public_urls(org, catalog):
    urls = [reverse("portal:home"), org.get_absolute_url(), reverse("portal:catalog", args=[catalog.pk]),
            reverse("records:browse"), reverse("records:search") + "?q=安全", reverse("reports:list"),
            reverse("foi:home"), reverse("foi:new", args=[org.code]), reverse("foi:track"), "/api/docs",
            reverse("office:login"), "/no-such-page/"]
    urls += [reverse("portal:column_choose", args=[e.slug]) for e in column.ENTRIES]
    urls += [column.entry_url(e.slug, org) for e in column.ENTRIES]
    return urls


def test_no_public_page_references_another_host(client, county, publish_record):
    from gongkai.catalog.models import Catalog

    org, _, _ = county
    record = publish_record("公共服务/2", "政府信息公开工作制度")
    catalog = Catalog.objects.get(organisation=org)
    for url in public_urls(org, catalog) + [reverse("records:record", args=[record.pk])]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert external_hosts(response.content.decode()) == set(), url


def test_api_docs_load_swagger_from_the_app(client, db):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
