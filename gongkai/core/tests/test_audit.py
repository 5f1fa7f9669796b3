import pytest

from gongkai.core import audit
from gongkai.core.models import AuditEvent


@audit.register
class SampleEvent(audit.EventType):
    OPENED = "sample.opened", "开启"


class SampleStatus:
    choices = [("open", "进行中"), ("closed", "已关闭")]


audit.register_values("sample_state", SampleStatus, label="样例状态")


@pytest.mark.django_db
def test_record_stores_the_typed_event_and_describe_reads_in_words(tree):
    orgs, users = tree
    org = orgs["sx-jc-zz"]
    e = audit.record(SampleEvent.OPENED, actor=users["zz_office"], target=org, organisation=org,
                     before={"sample_state": "closed", "internal": 1},
                     after={"sample_state": "open", "internal": 2}, reason="因为")
    assert e.action == "sample.opened"
    words = audit.describe(AuditEvent.objects.get(pk=e.pk))
    assert words["what"] == "开启"
    assert words["who"] == users["zz_office"].display_name != "zz_office"
    assert words["changes"] == ["样例状态：已关闭 → 进行中"]  # unlabelled fields are not shown raw
    assert words["reason"] == "因为"
    assert audit.readable_history(org)[0]["what"] == "开启"


@pytest.mark.django_db
def test_anonymous_actor_is_stored_as_system(tree):
    orgs, _users = tree
    e = audit.record("sample.opened", actor=None, target=orgs["sx"])
    assert e.actor is None
    assert audit.describe(e)["who"] == "系统"


def test_unknown_event_names_never_show_raw_codes():
    assert audit.event_label("legacy.thing_done") == "其他操作"


def test_value_labels_read_booleans_lists_and_empty_values():
    assert audit.value_label("x", True) == "是"
    assert audit.value_label("x", None) == "（空）"
    assert audit.value_label("sample_state", ["open", "closed"]) == "进行中、已关闭"


def test_the_same_event_name_cannot_carry_two_labels():
    class Clash(audit.EventType):
        OPENED = "sample.opened", "另一个名字"

    with pytest.raises(ValueError):
        audit.register(Clash)
