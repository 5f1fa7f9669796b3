"""The annual-report actions, spelled out: every role × relation (own organisation, the organisation below,
a peer, the organisation above) × action, including who may see a rollup of the statistics."""
import pytest

from gongkai.organisations.models import Role
from gongkai.organisations.permissions import Action, can
from gongkai.records.tests.factories import make_user

A = Action
REPORT_ACTIONS = [A.REPORT_VIEW_UNPUBLISHED, A.REPORT_EDIT, A.REPORT_APPROVE, A.REPORT_OVERVIEW, A.REPORT_ROLLUP]
# The user holds `role` in 晋城市 (sx-jc); relations: below = 泽州县, peer = another city, above = 山西省.
RELATIONS = {"own": "sx-jc", "below": "sx-jc-zz", "peer": "sx-dt", "above": "sx"}
EXPECTED = {(role, action): set() for role in Role for action in REPORT_ACTIONS}
EXPECTED.update({
    (Role.OFFICE, A.REPORT_VIEW_UNPUBLISHED): {"own"},
    (Role.OFFICE, A.REPORT_EDIT): {"own"},
    (Role.OFFICE, A.REPORT_ROLLUP): {"own"},
    (Role.LEADER, A.REPORT_VIEW_UNPUBLISHED): {"own"},
    (Role.LEADER, A.REPORT_APPROVE): {"own"},
    (Role.LEADER, A.REPORT_ROLLUP): {"own"},
    (Role.SUPERVISOR, A.REPORT_VIEW_UNPUBLISHED): {"own", "below"},
    (Role.SUPERVISOR, A.REPORT_OVERVIEW): {"own", "below"},
    (Role.SUPERVISOR, A.REPORT_ROLLUP): {"own", "below"},
})


@pytest.fixture
def relations(tree):
    from gongkai.organisations.models import Level, Organisation

    orgs, _users = tree
    orgs = dict(orgs)
    orgs["sx-dt"] = Organisation.objects.create(code="sx-dt", name="大同市应急管理局（测试）", level=Level.CITY,
                                                parent=orgs["sx"])
    return orgs


@pytest.mark.parametrize("role,action", sorted(EXPECTED, key=str))
def test_matrix(relations, role, action):
    user = make_user(f"m_{role}", relations["sx-jc"], role)
    for relation, code in RELATIONS.items():
        assert can(user, action, relations[code]) is (relation in EXPECTED[(role, action)]), relation
