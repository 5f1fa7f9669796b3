"""Every service refuses the wrong role and another organisation (PermissionDenied) and writes nothing."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.newmedia import services
from gongkai.newmedia.models import Account, AccountRequest, AccountUpdate

from . import factories as f


def _state():
    return (AuditEvent.objects.count(), AccountRequest.objects.count(), Account.objects.count(),
            AccountUpdate.objects.count(), list(AccountRequest.objects.values_list("status", "reviewer_id")),
            list(Account.objects.values_list("status", "name", "contact", "last_update")))


@pytest.mark.django_db
def test_create_refuses_wrong_role_and_other_organisation(w):
    for actor in (w.zz_leader, w.zz_drafter, w.jc_supervisor, w.sx_admin, w.yc_office):
        before = _state()
        with pytest.raises(PermissionDenied):
            services.request_create(organisation=w.zz, actor=actor, kind="open", data=f.DATA)
        assert _state() == before


@pytest.mark.django_db
def test_change_and_close_of_another_organisations_account_are_refused(w):
    account = f.account(w)
    before = _state()
    for kind in ("change", "close"):
        with pytest.raises(PermissionDenied):  # yc's office may not request for zz
            services.request_create(organisation=w.zz, actor=w.yc_office, kind=kind, data=f.DATA, account=account)
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("service, build, wrong", [
    (lambda r, u: services.request_update(request=r, actor=u, data=f.DATA), f.draft, ["yc_office", "zz_leader"]),
    (lambda r, u: services.request_submit(request=r, actor=u), f.draft, ["yc_office", "zz_leader"]),
    (lambda r, u: services.request_withdraw(request=r, actor=u), f.draft, ["yc_office", "jc_supervisor"]),
    (lambda r, u: services.request_agree(request=r, actor=u), f.in_leader_review,
     ["yc_leader", "zz_office", "jc_supervisor"]),
    (lambda r, u: services.request_leader_return(request=r, actor=u, opinion="x"), f.in_leader_review,
     ["yc_leader", "zz_office"]),
    (lambda r, u: services.request_decide(request=r, actor=u, decision="approve"), f.in_review,
     ["zz_leader", "sx_supervisor", "yc_office"]),
    (lambda r, u: services.request_carry_out(request=r, actor=u, done_on="2026-06-10"), f.approved,
     ["yc_office", "jc_supervisor", "zz_leader"]),
])
def test_request_services_refuse_wrong_actors(w, service, build, wrong):
    req = build(w)
    for username in wrong:
        before = _state()
        with pytest.raises(PermissionDenied):
            service(AccountRequest.objects.get(pk=req.pk), getattr(w, username))
        assert _state() == before, username


@pytest.mark.django_db
def test_account_services_refuse_wrong_actors(w):
    account = f.account(w)
    for actor in (w.yc_office, w.zz_leader, w.jc_supervisor):
        before = _state()
        with pytest.raises(PermissionDenied):
            services.account_record_update(account=account, actor=actor, published_on="2026-06-09")
        with pytest.raises(PermissionDenied):
            services.account_edit_details(account=account, actor=actor, contact="x", feed_url="")
        assert _state() == before
