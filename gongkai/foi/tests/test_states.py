"""The state graph of a disclosure request."""
from gongkai.foi.states import OPEN_STATES, RequestStatus
from gongkai.foi.workflow import ALLOWED_TRANSITIONS, TRANSITIONS


def test_closed_is_final():
    assert ALLOWED_TRANSITIONS[RequestStatus.CLOSED] == frozenset()


def test_every_open_state_can_reach_closed():
    for state in OPEN_STATES:
        seen, frontier = set(), {state}
        while frontier:
            s = frontier.pop()
            seen.add(s)
            frontier |= set(ALLOWED_TRANSITIONS[s]) - seen
        assert RequestStatus.CLOSED in seen, state


def test_every_action_has_a_label_and_known_states():
    from gongkai.foi.workflow import ACTION_LABELS

    assert set(TRANSITIONS) == set(ACTION_LABELS)
    for sources, target in TRANSITIONS.values():
        assert sources <= set(RequestStatus.values)
        assert target is None or target in RequestStatus.values
