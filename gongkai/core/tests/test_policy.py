"""The kernel decides permissions only through the injected policy, and refuses to work without one."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core import workflow
from gongkai.core.models import AuditEvent

from .test_workflow import WIDGET, S, Widget


@pytest.fixture
def policy_of(request):
    """Install a policy that allows exactly the (username, permission) pairs given; put the real one back."""
    previous = workflow.policy()

    def install(allowed: set[tuple[str, str]]):
        asked = []

        def can(user, permission, organisation):
            asked.append((getattr(user, "username", None), str(permission), organisation.pk))
            return (getattr(user, "username", None), str(permission)) in allowed

        def require(user, permission, organisation):
            if not can(user, permission, organisation):
                raise PermissionDenied("no")

        workflow.set_policy(can=can, require=require)
        return asked

    yield install
    workflow.restore_policy(previous)


def test_organisations_installs_its_policy_at_start_up():
    from gongkai.organisations import permissions

    assert workflow.policy().can is permissions.can
    assert workflow.policy().require is permissions.require


def test_without_a_policy_the_kernel_refuses_loudly(world):
    widget, users = world
    previous = workflow.set_policy(can=lambda *a: True, require=lambda *a: None)
    workflow.restore_policy(None)
    try:
        for call in (lambda: WIDGET.run("submit", widget, actor=users["zz_drafter"]),
                     lambda: WIDGET.run("submit", widget, actor=None, trusted=True),
                     lambda: WIDGET.may("submit", widget, users["zz_drafter"]),
                     lambda: WIDGET.available_actions(widget, users["zz_drafter"])):
            with pytest.raises(RuntimeError, match="set_policy"):
                call()
    finally:
        workflow.restore_policy(previous)
    assert Widget.objects.get(pk=widget.pk).status == S.DRAFT
    assert not AuditEvent.objects.filter(target_type="core.widget").exists()


def test_the_kernel_asks_the_installed_policy_only(world, policy_of):
    widget, users = world
    asked = policy_of({("zz_secrecy", "record.draft")})  # a role the real rules would refuse
    assert WIDGET.may("submit", widget, users["zz_secrecy"])
    assert not WIDGET.may("submit", widget, users["zz_drafter"])  # the real rules would allow
    assert [t.name for t in WIDGET.available_actions(widget, users["zz_secrecy"])] == ["submit"]
    with pytest.raises(PermissionDenied):
        WIDGET.run("submit", widget, actor=users["zz_drafter"])
    WIDGET.run("submit", widget, actor=users["zz_secrecy"])
    assert Widget.objects.get(pk=widget.pk).status == S.REVIEW
    assert ("zz_secrecy", "record.draft", widget.organisation_id) in asked
