"""The oversight actions, spelled out: every role × relation (own organisation, the organisation
below, a peer, the organisation above) × action."""
import pytest

from gongkai.organisations.models import Role
from gongkai.organisations.permissions import Action, can

from .factories import make_user

A = Action
OVERSIGHT_ACTIONS = [A.OVERSIGHT_VIEW, A.OVERSIGHT_EDIT, A.OVERSIGHT_REVIEW, A.OVERSIGHT_ISSUE, A.EVALUATION_VIEW,
                     A.EVALUATION_EDIT, A.INSPECTION_RUN]
# The user holds `role` in 晋城市 (sx-jc); relations: own = sx-jc, below = 泽州县, peer-less above = 山西省.
RELATIONS = {"own": "sx-jc", "below": "sx-jc-zz", "above": "sx"}
EXPECTED = {
    (Role.OFFICE, A.OVERSIGHT_VIEW): {"own"},
    (Role.OFFICE, A.OVERSIGHT_EDIT): {"own"},
    (Role.OFFICE, A.OVERSIGHT_REVIEW): set(),
    (Role.OFFICE, A.OVERSIGHT_ISSUE): {"own"},
    (Role.OFFICE, A.EVALUATION_VIEW): {"own"},
    (Role.OFFICE, A.EVALUATION_EDIT): set(),
    (Role.OFFICE, A.INSPECTION_RUN): {"own"},
    (Role.LEADER, A.OVERSIGHT_VIEW): {"own"},
    (Role.LEADER, A.OVERSIGHT_EDIT): set(),
    (Role.LEADER, A.OVERSIGHT_REVIEW): set(),
    (Role.LEADER, A.OVERSIGHT_ISSUE): set(),
    (Role.LEADER, A.EVALUATION_VIEW): {"own"},
    (Role.LEADER, A.EVALUATION_EDIT): set(),
    (Role.LEADER, A.INSPECTION_RUN): set(),
    (Role.SUPERVISOR, A.OVERSIGHT_VIEW): {"own", "below"},
    (Role.SUPERVISOR, A.OVERSIGHT_EDIT): set(),
    (Role.SUPERVISOR, A.OVERSIGHT_REVIEW): {"own", "below"},
    (Role.SUPERVISOR, A.OVERSIGHT_ISSUE): {"own"},
    (Role.SUPERVISOR, A.EVALUATION_VIEW): {"own", "below"},
    (Role.SUPERVISOR, A.EVALUATION_EDIT): {"own"},
    (Role.SUPERVISOR, A.INSPECTION_RUN): {"own", "below"},
}
for role in (Role.DRAFTER, Role.SECRECY, Role.ADMIN):
    for action in OVERSIGHT_ACTIONS:
        EXPECTED[(role, action)] = set()


def test_matrix_covers_every_role_and_oversight_action():
    assert {(r, a) for r in Role if r in {x for x, _a in EXPECTED} for a in OVERSIGHT_ACTIONS} == set(EXPECTED)
    assert {Role.DRAFTER, Role.OFFICE, Role.SECRECY, Role.LEADER, Role.SUPERVISOR, Role.ADMIN} <= {r for r, _a in EXPECTED}


@pytest.mark.parametrize("role,action", sorted(EXPECTED, key=str))
@pytest.mark.parametrize("relation", sorted(RELATIONS))
def test_matrix(tree, role, action, relation):
    orgs, _users = tree
    user = make_user(f"m_{role}", orgs["sx-jc"], role)
    assert can(user, action, orgs[RELATIONS[relation]]) is (relation in EXPECTED[(role, action)])


def test_peer_county_sees_nothing_of_the_other(tree):
    orgs, users = tree
    for action in OVERSIGHT_ACTIONS:
        assert not can(users["zz_office"], action, orgs["sx-jc-yc"])
        assert not can(users["yc_leader"], action, orgs["sx-jc-zz"])
