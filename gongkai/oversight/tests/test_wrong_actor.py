"""Every oversight write that is not a kernel transition checks its actor once, in the service:
called as a user of the wrong role or of another organisation it raises PermissionDenied and
writes nothing (the transitions are covered by test_transitions.py)."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.oversight import services
from gongkai.oversight.models import Column, IndicatorSet, MetricValue, ProgressReport, RepostNotice, Task

# (service call, the organisation it writes for, good actor, wrong-role actor, other-organisation actor, the
# model whose rows must not change)
CASES = {
    "column_create": (lambda w, org, u: services.column_create(organisation=org, actor=u, name="新栏目"),
                      "yc", "yc_office", "yc_leader", "zz_office", Column),
    "columns_import": (lambda w, org, u: services.columns_import(organisation=org, actor=u),
                       "yc", "yc_office", "yc_leader", "zz_office", Column),
    "tasks_import": (lambda w, org, u: services.tasks_import(organisation=org, actor=u),
                     "yc", "yc_office", "yc_leader", "zz_office", Task),
    "repost_notice_issue": (lambda w, org, u: services.repost_notice_issue(organisation=org, actor=u, title="转载",
                                                                        url="https://example.org/a"),
                            "jc", "jc_office", "jc_supervisor_none", "zz_office", RepostNotice),
    "progress_open": (lambda w, org, u: services.progress_open(organisation=org, actor=u, kind="quarter", year=2026,
                                                             period=1),
                      "yc", "yc_office", "yc_leader", "zz_office", ProgressReport),
    "indicator_set_create": (lambda w, org, u: services.indicator_set_create(organisation=org, actor=u, year=2026),
                             "jc", "jc_supervisor", "jc_office", "sx_office", IndicatorSet),
    "evaluation_refresh": (lambda w, org, u: services.evaluation_refresh(organisation=org, actor=u, year=2026),
                           "jc", "jc_supervisor", "jc_office", "zz_office", MetricValue),
}


def _user(w, name):
    if name == "jc_supervisor_none":  # a leader of the city: may read, may not push reposts
        from .factories import make_user
        from gongkai.organisations.models import Role
        return make_user("jc_leader", w.jc, Role.LEADER)
    return w.users[name]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("which", ["wrong_role", "other_organisation"])
def test_wrong_actor_is_refused_and_writes_nothing(w, name, which):
    call, org_key, _good, wrong_role, other_org, model = CASES[name]
    org = getattr(w, org_key)
    actor = _user(w, wrong_role if which == "wrong_role" else other_org)
    rows, events = model.objects.count(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        call(w, org, actor)
    assert model.objects.count() == rows
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_right_actor_passes_the_check(w, name):
    call, org_key, good, _wrong, _other, _model = CASES[name]
    call(w, getattr(w, org_key), _user(w, good))  # no PermissionDenied


@pytest.mark.parametrize("name", ["columns_import", "tasks_import"])
def test_the_command_line_import_is_trusted_only_when_said_so(w, name):
    fn = getattr(services, name)
    with pytest.raises(PermissionDenied):
        fn(organisation=w.yc, actor=None)
    assert fn(organisation=w.yc, actor=None, trusted=True)["created"] > 0


def test_an_update_cannot_be_logged_in_the_future(w):
    import datetime as dt

    from gongkai.core import clock
    from gongkai.core.errors import ValidationFailed

    services.columns_import(organisation=w.yc, actor=w.users["yc_office"])
    column = Column.objects.filter(organisation=w.yc, parent__isnull=False).first()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed):
        services.column_log_update(column=column, actor=w.users["yc_office"], when=clock.now() + dt.timedelta(hours=1))
    column.refresh_from_db()
    assert column.last_manual_update is None and AuditEvent.objects.count() == events
    services.column_log_update(column=column, actor=w.users["yc_office"], when=clock.now() - dt.timedelta(hours=1))
    column.refresh_from_db()
    assert column.last_manual_update is not None
