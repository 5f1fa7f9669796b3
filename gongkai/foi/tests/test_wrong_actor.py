"""Every foi service called by the wrong actor (issue 19): a wrong role of the same organisation and
the right role of another organisation both get PermissionDenied, and nothing is written.

The services make the one permission check of each write (the kernel's transition permission or a
``require`` at the top); the views do not repeat it, so these tests are what protects it.
"""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.importing import import_requests
from gongkai.foi.models import Appeal, DisclosureRequest

from .factories import application, pin
from .test_importing import GOOD, csv_bytes
from .test_transition_table import CASES, _footprint, _prepare, world  # noqa: F401  (world is a fixture)

D = dt.date
APPROVER = {"approve_extension", "refuse_extension"}


def _wrong_actors(name):
    """(a wrong role of the own organisation, the right role of another organisation)."""
    if name in APPROVER:
        return ["zz_office", "zz_leader", "yc_office_head"]
    return ["zz_leader", "zz_drafter", "zz_office_head", "jc_supervisor", "yc_office"]


@pytest.mark.parametrize("name", [n for n in CASES if n != "applicant_correct"])
def test_every_transition_service_refuses_a_wrong_role_and_another_organisation(world, name):
    prepare, run, _right, _wrong, _target, _wrong_state, day = CASES[name]
    req = _prepare(world, prepare)
    if day:
        pin(day)
    footprint = _footprint(req)
    for username in _wrong_actors(name):
        with pytest.raises(PermissionDenied):
            run(req, world.users[username], world)
        assert _footprint(req) == footprint, username


def test_registration_refuses_wrong_actors_and_writes_nothing(world):
    pin(D(2026, 3, 9))
    count, events = DisclosureRequest.objects.count(), AuditEvent.objects.count()
    for username in ("zz_leader", "zz_office_head", "yc_office", "yc_office_head"):
        with pytest.raises(PermissionDenied):
            services.foi_request_register(organisation=world.zz, application=application(),
                                          actor=world.users[username], channel="in_person", arrived_on=D(2026, 3, 9))
    assert (DisclosureRequest.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_appeal_record_refuses_wrong_actors_and_writes_nothing(world):
    from .test_transition_table import S

    req = world.in_state(S.CLOSED)
    pin(D(2026, 4, 6))
    events = AuditEvent.objects.count()
    for username in ("zz_leader", "zz_office_head", "jc_supervisor", "yc_office"):
        with pytest.raises(PermissionDenied):
            services.foi_appeal_record(request=req, actor=world.users[username], kind="reconsideration",
                                       filed_on=D(2026, 4, 6))
    assert not Appeal.objects.exists() and AuditEvent.objects.count() == events


def test_import_refuses_wrong_actors_and_writes_nothing(world):
    data = csv_bytes(GOOD)
    count, events = DisclosureRequest.objects.count(), AuditEvent.objects.count()
    for username in ("zz_leader", "zz_office_head", "yc_office"):
        with pytest.raises(PermissionDenied):
            import_requests(organisation=world.zz, name="h.csv", data=data, actor=world.users[username])
    assert (DisclosureRequest.objects.count(), AuditEvent.objects.count()) == (count, events)
