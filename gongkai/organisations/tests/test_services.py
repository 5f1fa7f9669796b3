"""organisation_move rewrites the subtree; credit codes are checked by their check digit."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.organisations import permissions, services
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action

VALID_USCC = "91110000600037341L"  # check digit verified by python-stdnum's own test data


def _paths():
    return dict(Organisation.objects.values_list("code", "path"))


@pytest.mark.django_db
def test_renaming_a_code_rewrites_every_descendant_path_and_supervision_follows(tree):
    orgs, users = tree
    services.organisation_move(organisation=orgs["sx-jc"], actor=users["sx_admin"], new_code="sx-jincheng",
                               keep_parent=True, reason="区划代码调整")
    paths = _paths()
    assert paths["sx-jincheng"] == "sx/sx-jincheng/"
    assert paths["sx-jc-zz"] == "sx/sx-jincheng/sx-jc-zz/"
    assert paths["sx-jc-zz-nc"] == "sx/sx-jincheng/sx-jc-zz/sx-jc-zz-nc/"
    # The city's supervisor still supervises the county (a stale path would break this).
    county = Organisation.objects.get(code="sx-jc-zz")
    supervisor = users["jc_supervisor"]
    supervisor.__dict__.pop("_gongkai_roles", None)
    assert permissions.can(supervisor, Action.RECORD_VIEW_UNPUBLISHED, county)
    event = AuditEvent.objects.get(action="organisation.moved")
    assert event.before["path"] == "sx/sx-jc/" and event.after["path"] == "sx/sx-jincheng/"
    assert event.reason == "区划代码调整"


@pytest.mark.django_db
def test_moving_under_another_parent_moves_the_subtree(tree):
    orgs, users = tree
    services.organisation_move(organisation=orgs["sx-jc-zz-nc"], actor=users["sx_admin"],
                               new_parent=orgs["sx-jc-yc"])
    paths = _paths()
    assert paths["sx-jc-zz-nc"] == "sx/sx-jc/sx-jc-yc/sx-jc-zz-nc/"
    assert Organisation.objects.get(code="sx-jc-zz-nc").parent == orgs["sx-jc-yc"]
    assert paths["sx-jc-zz-bg"] == "sx/sx-jc/sx-jc-zz/sx-jc-zz-bg/"  # siblings untouched


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["own_child", "itself", "taken_code", "bad_code", "no_change"])
def test_invalid_moves_are_refused_and_nothing_changes(tree, case):
    orgs, users = tree
    before = _paths()
    kwargs = {
        "own_child": {"new_parent": orgs["sx-jc-zz"]},
        "itself": {"new_parent": orgs["sx-jc"]},
        "taken_code": {"new_code": "sx-jc-yc", "keep_parent": True},
        "bad_code": {"new_code": "晋城", "keep_parent": True},
        "no_change": {"keep_parent": True},
    }[case]
    with pytest.raises(ValidationFailed):
        services.organisation_move(organisation=orgs["sx-jc"], actor=users["sx_admin"], **kwargs)
    assert _paths() == before
    assert not AuditEvent.objects.filter(action="organisation.moved").exists()


@pytest.mark.django_db
def test_only_an_administrator_over_both_places_may_move(tree):
    orgs, users = tree
    before = _paths()
    with pytest.raises(PermissionDenied):
        services.organisation_move(organisation=orgs["sx-jc-zz"], actor=users["zz_office"], new_code="x",
                                   keep_parent=True)
    with pytest.raises(PermissionDenied):
        services.organisation_move(organisation=orgs["sx-jc-zz"], actor=users["jc_supervisor"],
                                   new_parent=orgs["sx-jc-yc"])
    assert _paths() == before
    services.organisation_move(organisation=orgs["sx-jc-zz"], actor=None, trusted=True, new_code="zz",
                               keep_parent=True)
    assert _paths()["zz"] == "sx/sx-jc/zz/"


@pytest.mark.django_db
def test_credit_code_check_digit(tree):
    orgs, users = tree
    org = orgs["sx-jc-zz"]
    with pytest.raises(ValidationFailed):
        services.organisation_set_credit_code(organisation=org, actor=users["sx_admin"],
                                              credit_code=VALID_USCC[:-1] + "M")
    with pytest.raises(ValidationFailed):
        services.organisation_set_credit_code(organisation=org, actor=users["sx_admin"], credit_code="1234")
    with pytest.raises(PermissionDenied):
        services.organisation_set_credit_code(organisation=org, actor=users["zz_office"], credit_code=VALID_USCC)
    org.refresh_from_db()
    assert org.credit_code == ""
    # Full-width input is folded before the check.
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in VALID_USCC)
    services.organisation_set_credit_code(organisation=org, actor=users["sx_admin"], credit_code=fullwidth)
    org.refresh_from_db()
    assert org.credit_code == VALID_USCC
    assert AuditEvent.objects.filter(action="organisation.credit_code_set").count() == 1


@pytest.mark.django_db
def test_admin_keeps_code_and_parent_read_only_and_moves_through_the_service(tree, client):
    orgs, users = tree
    client.force_login(users["sx_admin"])
    org = orgs["sx-jc"]
    page = client.get(f"/admin/organisations/organisation/{org.pk}/change/")
    assert page.status_code == 200
    assert 'name="code"' not in page.content.decode() and 'name="parent"' not in page.content.decode()
    response = client.post(f"/admin/organisations/organisation/{org.pk}/move/",
                           {"new_parent": orgs["sx"].pk, "new_code": "sx-jcs", "reason": "更名"})
    assert response.status_code == 302
    assert _paths()["sx-jc-zz"] == "sx/sx-jcs/sx-jc-zz/"
    bad = client.post(f"/admin/organisations/organisation/{org.pk}/move/",
                      {"new_parent": orgs["sx-jc-zz"].pk, "new_code": "sx-jcs", "reason": "x"})
    assert bad.status_code == 200 and "不能把机构调整到它自己或它的下级机构之下" in bad.content.decode()


@pytest.mark.django_db
def test_admin_form_checks_the_credit_code(tree, client):
    orgs, users = tree
    client.force_login(users["sx_admin"])
    org = orgs["sx-jc-yc"]
    data = {"name": org.name, "level": org.level, "credit_code": "91110000600037341M", "address": "", "phone": "",
            "units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"}
    response = client.post(f"/admin/organisations/organisation/{org.pk}/change/", data)
    assert response.status_code == 200 and "校验位不正确" in response.content.decode()


@pytest.mark.django_db
def test_an_administrator_cannot_move_an_organisation_out_of_reach(tree):
    from gongkai.organisations.models import Role, RoleAssignment, User

    orgs, _users = tree
    city_admin = User.objects.create(username="city-admin-role")
    RoleAssignment.objects.create(user=city_admin, organisation=orgs["sx-jc"], role=Role.ADMIN)
    before = _paths()
    with pytest.raises(PermissionDenied):  # the new parent is outside the administrator's subtree
        services.organisation_move(organisation=orgs["sx-jc-zz"], actor=city_admin, new_parent=orgs["sx"])
    assert _paths() == before
    services.organisation_move(organisation=orgs["sx-jc-zz-nc"], actor=city_admin, new_parent=orgs["sx-jc-yc"])
    assert _paths()["sx-jc-zz-nc"] == "sx/sx-jc/sx-jc-yc/sx-jc-zz-nc/"
