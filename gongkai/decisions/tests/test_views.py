"""Public and office pages: published decisions only, search, masking, the page cache, 403/404, no 500."""
import datetime as dt

import pytest
from django.conf import settings

from gongkai.decisions import services
from gongkai.decisions.models import Decision

from gongkai.decisions.demo import demo_id_number

from .factories import data, pin


@pytest.fixture
def published(w):
    office = w.users["zz_office"]
    company = services.decision_create(organisation=w.zz, actor=office, data=data(
        facts="举报人电话13812345678，现场检查发现未培训"))
    person = services.decision_create(organisation=w.zz, actor=office, data=data(
        document_number="泽应急罚〔2026〕2号", subject_type="person", subject_name="演示个人甲", credit_code="",
        id_number=demo_id_number("140525"), legal_representative="某人"))
    draft = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕3号",
                                                                             subject_name="【演示】未公示公司"))
    for d in (company, person):
        services.decision_publish(decision=d, actor=office)
    return company, person, draft


def test_the_public_list_shows_published_decisions_and_masks_natural_persons(w, published, client):
    company, person, draft = published
    page = client.get("/decisions/").content.decode()
    assert "【演示】岭东煤业有限公司" in page and company.credit_code in page
    assert "未公示公司" not in page
    assert "演示个人甲" not in page and "演*" in page
    detail = client.get(f"/decisions/{person.pk}/").content.decode()
    number = demo_id_number("140525")
    assert "演示个人甲" not in detail and number not in detail and f"1405{'*' * 10}{number[-4:]}" in detail
    assert "某人" not in detail
    company_page = client.get(f"/decisions/{company.pk}/").content.decode()
    assert "13812345678" not in company_page and "138****5678" in company_page
    assert client.get(f"/decisions/{draft.pk}/").status_code == 404
    assert client.get("/decisions/999999/").status_code == 404


@pytest.mark.parametrize("q, found", [
    ("岭东煤业", True), ("泽应急罚〔2026〕1号", True), ("演示个人甲", False), ("未公示公司", False),
])
def test_search_by_name_credit_code_and_number_never_by_a_persons_name(w, published, client, q, found):
    company = published[0]
    page = client.get("/decisions/", {"q": q}).content.decode()
    assert (f"/decisions/{company.pk}/" in page or f"/decisions/{published[1].pk}/" in page) is found


def test_search_by_full_width_credit_code(w, published, client):
    company = published[0]
    wide = "".join(chr(ord(c) + 0xFEE0) for c in company.credit_code)
    assert f"/decisions/{company.pk}/" in client.get("/decisions/", {"q": wide}).content.decode()


@pytest.mark.parametrize("params, status", [
    ({"q": "x" * 5000}, 200), ({"q": "\u202e岭东\u200b"}, 200), ({"kind": "<script>"}, 200), ({"org": "nope" * 50}, 200),
    ({"page": "9999"}, 200),
    # refused by the request sanity middleware (core.middleware), before the view
    ({"q": "\x00"}, 400), ({"page": "-1"}, 400), ({"page": "abc"}, 400),
])
def test_hostile_query_strings_never_give_a_500(w, published, client, params, status):
    assert client.get("/decisions/", params).status_code == status


def test_public_pages_are_cached_and_a_transition_renews_them(w, published, client):
    assert "decisions.Decision" in settings.GONGKAI_PAGE_CACHE_MODELS
    assert {"decisions:list", "decisions:detail"} <= settings.GONGKAI_PAGE_CACHE_VIEWS
    company = published[0]
    assert "岭东煤业" in client.get("/decisions/").content.decode()
    services.decision_withdraw(decision=company, actor=w.users["zz_office"], reason="经复议撤销")
    assert "岭东煤业" not in client.get("/decisions/").content.decode()


def test_office_queue_detail_and_actions(w, published, client):
    company, person, draft = published
    client.force_login(w.users["zz_office"])
    pin(dt.date(2026, 10, 20))  # the draft (decided 9/30, due 10/15) is overdue
    queue = client.get("/office/decisions/", {"overdue": "1"}).content.decode()
    assert "未公示公司" in queue and "岭东煤业" not in queue and "逾期未公示" in queue
    dashboard = client.get("/office/").content.decode()
    assert "decisions-dashboard" in dashboard and "泽应急罚〔2026〕3号" in dashboard
    page = client.get(f"/office/decisions/{draft.pk}/").content.decode()
    assert 'data-action="publish"' in page and "国庆" in page
    assert client.post(f"/office/decisions/{draft.pk}/do/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.is_late
    assert client.post(f"/office/decisions/{draft.pk}/do/nope/").status_code == 404
    r = client.post(f"/office/decisions/{company.pk}/withdraw/", {"reason": ""})
    assert r.status_code == 200 and Decision.objects.get(pk=company.pk).status == "published"
    r = client.post(f"/office/decisions/{company.pk}/withdraw/", {"reason": "经行政复议撤销"})
    assert r.status_code == 302 and Decision.objects.get(pk=company.pk).status == "withdrawn"
    form = client.post("/office/decisions/orgs/sx-jc-zz/new/", {**data(document_number="新1号"), "credit_code": "123"})
    assert form.status_code == 200 and "统一社会信用代码应为18位" in form.content.decode()
    assert client.post("/office/decisions/orgs/sx-jc-zz/new/", data(document_number="新1号")).status_code == 302
    assert client.get("/office/decisions/template.xlsx").status_code == 200
    assert client.get("/office/decisions/", {"year": "1901", "org": "x", "page": "9999", "kind": "x"}).status_code == 200
    assert client.get("/office/decisions/", {"year": "abc"}).status_code == 400  # core.middleware's bounds


def test_office_pages_refuse_other_organisations_and_roles(w, published, client):
    company = published[0]
    client.force_login(w.users["yc_office"])
    assert client.get(f"/office/decisions/{company.pk}/").status_code == 404
    assert client.get("/office/decisions/orgs/sx-jc-zz/new/").status_code == 404
    assert client.post(f"/office/decisions/{company.pk}/do/publish/").status_code == 404
    client.force_login(w.users["zz_leader"])  # reads, does not write
    assert client.get(f"/office/decisions/{company.pk}/").status_code == 200
    assert client.get("/office/decisions/orgs/sx-jc-zz/new/").status_code == 403
    assert client.post(f"/office/decisions/{published[2].pk}/do/publish/").status_code == 403  # the service says no
    assert Decision.objects.get(pk=published[2].pk).status == "draft"
    client.force_login(w.users["jc_supervisor"])  # supervises the county: reads its register
    assert client.get(f"/office/decisions/{company.pk}/").status_code == 200
    assert client.get("/office/decisions/").status_code == 200
    client.logout()
    assert client.get("/office/decisions/").status_code == 302
