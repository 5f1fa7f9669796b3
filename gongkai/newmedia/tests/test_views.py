"""The pages: the office register and request forms, the queues of the leader and the 主管单位, the public list
(page-cached, renewed when the register changes), and hostile input (never a 500, nothing half-written)."""
import pytest
from django.core.cache import caches
from django.test import Client

from gongkai.newmedia.models import Account, AccountRequest
from gongkai.newmedia.states import RequestStatus as S

from . import factories as f


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


FORM = {k: v for k, v in f.DATA.items()}


@pytest.mark.django_db
def test_the_whole_way_through_the_pages(w):
    office, leader, supervisor = client_for(w.zz_office), client_for(w.zz_leader), client_for(w.jc_supervisor)
    assert office.get("/office/newmedia/").status_code == 200
    r = office.post(f"/office/newmedia/orgs/{w.zz.code}/open/", FORM)
    req = AccountRequest.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/office/newmedia/requests/{req.pk}/"
    page = office.get(r["Location"]).content.decode()
    assert 'data-action="submit"' in page and 'data-action="approve"' not in page
    office.post(f"/office/newmedia/requests/{req.pk}/do/submit/")
    assert 'data-action="agree"' in leader.get(f"/office/newmedia/requests/{req.pk}/").content.decode()
    assert "待本单位负责人同意" in leader.get("/office/").content.decode()
    leader.post(f"/office/newmedia/requests/{req.pk}/do/agree/", {"opinion": "同意"})
    req.refresh_from_db()
    assert req.status == S.SUPERVISOR_REVIEW and req.reviewer == w.jc
    queue = supervisor.get("/office/newmedia/").content.decode()
    assert "review-queue" in queue and "泽州县应急管理局" in queue
    assert "待主管单位审核" in supervisor.get("/office/").content.decode()
    page = supervisor.get(f"/office/newmedia/requests/{req.pk}/").content.decode()
    assert 'data-action="approve"' in page and 'data-action="forward"' in page
    r = supervisor.post(f"/office/newmedia/requests/{req.pk}/do/return/", {"opinion": ""})  # a return needs reasons
    req.refresh_from_db()
    assert req.status == S.SUPERVISOR_REVIEW
    supervisor.post(f"/office/newmedia/requests/{req.pk}/do/approve/", {"opinion": "同意"})
    req.refresh_from_db()
    assert req.status == S.APPROVED and not Account.objects.exists()
    office.post(f"/office/newmedia/requests/{req.pk}/do/carry_out/", {"done_on": "2026-06-10", "filing_number": "B1"})
    account = Account.objects.get()
    assert account.competent == w.jc
    page = office.get(f"/office/newmedia/accounts/{account.pk}/").content.decode()
    assert 'data-action="record_update"' in page
    office.post(f"/office/newmedia/accounts/{account.pk}/do/record_update/", {"published_on": "2026-06-09"})
    account.refresh_from_db()
    assert str(account.last_update) == "2026-06-09"
    public = Client().get(f"/newmedia/{w.zz.code}/").content.decode()
    assert "泽州县应急管理局" in public and "局办公室 0356" not in public  # no contact data on the public page
    assert f"/newmedia/{w.zz.code}/" in Client().get(f"/org/{w.zz.code}/").content.decode()


@pytest.mark.django_db
def test_stale_accounts_show_in_the_register_and_the_office_queue(w):
    account = f.account(w, registered_days_ago=40)
    from gongkai.newmedia import services
    services.account_record_update(account=account, actor=w.zz_office, published_on="2026-05-20")
    office = client_for(w.zz_office)
    assert 'data-freshness="stale"' in office.get("/office/newmedia/").content.decode()
    dash = office.get("/office/").content.decode()
    assert "newmedia-dashboard" in dash and "单项否决" in dash


@pytest.mark.django_db
def test_other_organisations_see_nothing(w):
    account = f.account(w)
    req = f.in_leader_review(w, name="泽州应急")
    yc = client_for(w.yc_office)
    assert yc.get(f"/office/newmedia/accounts/{account.pk}/").status_code == 404
    assert yc.get(f"/office/newmedia/requests/{req.pk}/").status_code == 404
    assert yc.post(f"/office/newmedia/requests/{req.pk}/do/agree/").status_code == 404
    assert yc.get(f"/office/newmedia/orgs/{w.zz.code}/open/").status_code == 403
    assert yc.get(f"/office/newmedia/accounts/{account.pk}/change/").status_code == 404
    # The organisation's own drafter may read, not write.
    drafter = client_for(w.zz_drafter)
    assert drafter.get(f"/office/newmedia/accounts/{account.pk}/").status_code == 200
    assert drafter.get(f"/office/newmedia/accounts/{account.pk}/close/").status_code == 403
    assert Client().get("/office/newmedia/").status_code in (302, 403)


HOSTILE = [
    {"name": "名" * 5000},
    {"name": "\u200b\u200b\u2060"},
    {"url": "javascript:alert(1)"},
    {"url": "http://" + "a" * 400 + ".cn"},
    {"platform": "myspace"},
    {"platform": ""},
    {"reason": ""},
    {"operator": "\x00"},
    {"purpose": "Ａ" * 600},
]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_request_forms_get_a_message_and_write_nothing(w, bad):
    office = client_for(w.zz_office)
    r = office.post(f"/office/newmedia/orgs/{w.zz.code}/open/", {**FORM, **bad})
    assert r.status_code in (200, 400)
    assert not AccountRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/office/newmedia/accounts/999999/", "/office/newmedia/requests/999999/", "/office/newmedia/orgs/nope/open/",
    "/newmedia/no-such-org/", "/office/newmedia/accounts/99999999999999999999/",
])
def test_wrong_ids_are_404(w, path):
    assert client_for(w.zz_office).get(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("action, data", [
    ("record_update", {"published_on": "2099-01-01"}), ("record_update", {"published_on": "yesterday"}),
    ("record_update", {"published_on": "1900-01-01"}), ("edit_details", {"contact": "x", "feed_url": "file:///etc/passwd"}),
    ("edit_details", {"contact": "", "feed_url": ""}), ("nonsense", {}),
])
def test_hostile_account_actions(w, action, data):
    account = f.account(w)
    before = (Account.objects.values_list("last_update", "contact", "feed_url").get(), account.updates.count())
    r = client_for(w.zz_office).post(f"/office/newmedia/accounts/{account.pk}/do/{action}/", data)
    assert r.status_code in (302, 404)
    assert (Account.objects.values_list("last_update", "contact", "feed_url").get(), account.updates.count()) == before


@pytest.mark.django_db
def test_hostile_request_actions(w):
    req = f.approved(w)
    office = client_for(w.zz_office)
    for data in ({"done_on": "2099-01-01"}, {"done_on": "2026-01-01"}, {"done_on": "x"},
                 {"done_on": "2026-06-10", "filing_number": "号" * 500}):
        assert office.post(f"/office/newmedia/requests/{req.pk}/do/carry_out/", data).status_code == 302
        assert AccountRequest.objects.get(pk=req.pk).status == S.APPROVED and not Account.objects.exists()
    assert office.post(f"/office/newmedia/requests/{req.pk}/do/explode/").status_code == 404
    assert office.get(f"/office/newmedia/requests/{req.pk}/do/submit/").status_code == 405


@pytest.fixture
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()


@pytest.mark.django_db
def test_the_public_list_is_cached_and_renewed_when_the_register_changes(w, page_cache_on,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account = f.account(w)
    url = f"/newmedia/{w.zz.code}/"
    first, second = Client().get(url), Client().get(url)
    assert second["X-Page-Cache"] == "hit" and 'id="public-accounts"' in second.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        from gongkai.newmedia import services
        services.request_carry_out(request=f.approved(w, kind="close", account=account), actor=w.zz_office,
                                   done_on="2026-06-10")
    fresh = Client().get(url)
    assert "X-Page-Cache" not in fresh and 'id="public-accounts"' not in fresh.content.decode()
