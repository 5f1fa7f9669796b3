"""The workflow kernel on a throw-away model: every step of the runner and every guard."""
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, models

from gongkai.core import audit, workflow
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action


class WidgetStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    REVIEW = "review", "审查中"
    DONE = "done", "已完成"
    REJECTED = "rejected", "已退回"


class Widget(models.Model):
    # DO_NOTHING keeps the deletion collector of Organisation (e.g. the admin) away from this test table.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.DO_NOTHING, related_name="+",
                                     db_constraint=False)
    status = models.CharField(max_length=20, choices=WidgetStatus.choices, default=WidgetStatus.DRAFT)
    title = models.CharField(max_length=50, default="")
    flagged = models.BooleanField(default=False)

    class Meta:
        app_label = "core"


@audit.register
class WidgetEvent(audit.EventType):
    SUBMITTED = "widget.submitted", "提交"
    DECIDED = "widget.decided", "作出决定"
    RENAMED = "widget.renamed", "改名"


S = WidgetStatus
WIDGET = Workflow(
    Widget,
    transitions=(
        Transition("submit", sources={S.DRAFT}, target=S.REVIEW, permission=Action.RECORD_DRAFT,
                   event=WidgetEvent.SUBMITTED, label="提交",
                   condition=lambda w: "已标记的不能提交" if w.flagged else None),
        Transition("decide", sources={S.REVIEW}, targets={S.DONE, S.REJECTED}, permission=Action.RECORD_APPROVE,
                   event=WidgetEvent.DECIDED, label="决定"),
        Transition("rename", sources={S.DRAFT, S.REJECTED}, permission=Action.RECORD_DRAFT,
                   event=WidgetEvent.RENAMED, label="改名", offer=False),
    ),
    snapshot=lambda w: {"title": w.title},
)


def _audits():
    return AuditEvent.objects.filter(target_type="core.widget").count()


def test_run_changes_state_and_writes_one_audit_row(world):
    widget, users = world
    result = WIDGET.run("submit", widget, actor=users["zz_drafter"], reason="请审").instance
    assert result.status == S.REVIEW
    assert Widget.objects.get(pk=widget.pk).status == S.REVIEW
    assert widget.status == S.REVIEW  # the caller's instance follows
    events = list(AuditEvent.objects.filter(target_type="core.widget"))
    assert len(events) == 1
    e = events[0]
    assert e.action == "widget.submitted"
    assert e.actor == users["zz_drafter"]
    assert e.before == {"status": "draft", "title": "原名"}
    assert e.after == {"status": "review", "title": "原名"}
    assert e.reason == "请审"
    assert e.organisation == widget.organisation


def test_wrong_state_raises_invalid_transition_and_writes_nothing(world):
    widget, users = world
    with pytest.raises(InvalidTransition) as info:
        WIDGET.run("decide", widget, actor=users["zz_leader"], apply=lambda w: S.DONE)
    assert "起草中" in info.value.message
    assert Widget.objects.get(pk=widget.pk).status == S.DRAFT
    assert _audits() == 0


def test_state_is_checked_on_the_locked_row_not_the_callers_copy(world):
    widget, users = world
    Widget.objects.filter(pk=widget.pk).update(status=S.DONE)
    with pytest.raises(InvalidTransition):
        WIDGET.run("submit", widget, actor=users["zz_drafter"])  # widget.status is stale "draft"
    assert _audits() == 0


def test_missing_permission_raises_permission_denied_and_writes_nothing(world):
    widget, users = world
    with pytest.raises(PermissionDenied):
        WIDGET.run("submit", widget, actor=users["yc_office"])  # another county
    with pytest.raises(PermissionDenied):
        WIDGET.run("submit", widget, actor=users["zz_secrecy"])  # wrong role
    assert Widget.objects.get(pk=widget.pk).status == S.DRAFT
    assert _audits() == 0


def test_trusted_flag_is_the_only_way_past_the_permission_check(world):
    widget, _users = world
    with pytest.raises(PermissionDenied):
        WIDGET.run("submit", widget, actor=None)
    WIDGET.run("submit", widget, actor=None, trusted=True)
    assert Widget.objects.get(pk=widget.pk).status == S.REVIEW
    assert AuditEvent.objects.get(target_type="core.widget").actor is None


def test_trusted_does_not_skip_the_state_check(world):
    widget, _users = world
    with pytest.raises(InvalidTransition):
        WIDGET.run("decide", widget, actor=None, trusted=True, apply=lambda w: S.DONE)


def test_condition_blocks_the_transition(world):
    widget, users = world
    Widget.objects.filter(pk=widget.pk).update(flagged=True)
    with pytest.raises(InvalidTransition) as info:
        WIDGET.run("submit", widget, actor=users["zz_drafter"])
    assert info.value.message == "已标记的不能提交"
    assert _audits() == 0


def test_validation_failure_in_apply_rolls_back_everything(world):
    widget, users = world

    def apply(w):
        w.title = "新名"
        w.save()
        raise ValidationFailed("不行", problems=["标题无效"])

    with pytest.raises(ValidationFailed):
        WIDGET.run("rename", widget, actor=users["zz_drafter"], apply=apply)
    assert Widget.objects.get(pk=widget.pk).title == "原名"
    assert _audits() == 0


def test_apply_chooses_among_several_targets(world):
    widget, users = world
    WIDGET.run("submit", widget, actor=users["zz_drafter"])
    WIDGET.run("decide", widget, actor=users["zz_leader"], apply=lambda w: S.REJECTED)
    assert Widget.objects.get(pk=widget.pk).status == S.REJECTED


def test_apply_must_choose_a_declared_target(world):
    widget, users = world
    WIDGET.run("submit", widget, actor=users["zz_drafter"])
    with pytest.raises(InvalidTransition):
        WIDGET.run("decide", widget, actor=users["zz_leader"], apply=lambda w: S.DRAFT)
    with pytest.raises(InvalidTransition):
        WIDGET.run("decide", widget, actor=users["zz_leader"])  # several targets, none chosen
    assert Widget.objects.get(pk=widget.pk).status == S.REVIEW
    assert _audits() == 1


def test_run_hands_out_what_apply_returned(world):
    widget, users = world
    WIDGET.run("submit", widget, actor=users["zz_drafter"])
    ran = WIDGET.run("decide", widget, actor=users["zz_leader"],
                     apply=lambda w: workflow.Step(target=S.REJECTED, result={"why": "不全"}))
    assert isinstance(ran, workflow.Ran)
    assert ran.instance.status == S.REJECTED and ran.result == {"why": "不全"}
    assert Widget.objects.get(pk=widget.pk).status == S.REJECTED
    # A state-keeping transition hands a value out too.
    renamed = WIDGET.run("rename", widget, actor=users["zz_drafter"], apply=lambda w: workflow.Step(result=42))
    assert renamed.result == 42 and renamed.instance.status == S.REJECTED


def test_a_plain_state_from_apply_gives_no_result(world):
    widget, users = world
    ran = WIDGET.run("submit", widget, actor=users["zz_drafter"], apply=lambda w: None)
    assert ran.result is None and ran.instance.status == S.REVIEW


def test_state_keeping_transition_saves_changes_and_audits(world):
    widget, users = world

    def apply(w):
        w.title = "新名"

    WIDGET.run("rename", widget, actor=users["zz_drafter"], apply=apply, extra={"note": "x"})
    assert Widget.objects.get(pk=widget.pk).title == "新名"
    e = AuditEvent.objects.get(target_type="core.widget")
    assert e.before["title"] == "原名" and e.after["title"] == "新名" and e.after["note"] == "x"
    with pytest.raises(InvalidTransition):
        WIDGET.run("rename", widget, actor=users["zz_drafter"], apply=lambda w: S.DONE)


def test_side_effects_and_listeners_run_only_after_commit(world, django_capture_on_commit_callbacks):
    widget, users = world
    ran, heard = [], []

    def listener(t, obj):
        heard.append((t.name, obj.status))

    workflow.subscribe(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            WIDGET.run("submit", widget, actor=users["zz_drafter"], after_commit=[lambda: ran.append(1)])
        assert ran == [] and heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert ran == [1] and heard == [("submit", S.REVIEW)]
    finally:
        workflow.unsubscribe(listener)


def test_side_effects_are_dropped_when_the_transition_fails(world, django_capture_on_commit_callbacks):
    widget, users = world
    ran = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(PermissionDenied):
            WIDGET.run("submit", widget, actor=users["yc_office"], after_commit=[lambda: ran.append(1)])
    assert callbacks == [] and ran == []


def test_available_actions_follow_state_permission_condition_and_offer(world):
    widget, users = world
    assert [t.name for t in WIDGET.available_actions(widget, users["zz_drafter"])] == ["submit"]
    assert WIDGET.available_names(widget, users["zz_drafter"]) == {"submit", "rename"}
    assert WIDGET.available_actions(widget, users["yc_office"]) == []
    assert WIDGET.available_actions(widget, users["zz_leader"]) == []
    widget.flagged = True
    assert WIDGET.available_actions(widget, users["zz_drafter"]) == []
    assert not WIDGET.may("submit", widget, users["zz_drafter"])
    widget.flagged = False
    assert WIDGET.may("submit", widget, users["zz_drafter"])
    widget.status = S.REVIEW
    assert [t.name for t in WIDGET.available_actions(widget, users["zz_leader"])] == ["decide"]
    assert WIDGET.is_possible("decide", widget)
    assert not WIDGET.is_possible("submit", widget)


def test_declaring_unknown_states_or_duplicate_names_fails():
    with pytest.raises(ValueError):
        Workflow(Widget, transitions=(Transition("x", sources={"nope"}, target=S.DONE,
                                                 permission=Action.RECORD_DRAFT, event=WidgetEvent.DECIDED),))
    t = Transition("x", sources={S.DRAFT}, target=S.DONE, permission=Action.RECORD_DRAFT, event=WidgetEvent.DECIDED)
    with pytest.raises(ValueError):
        Workflow(Widget, transitions=(t, t))
    with pytest.raises(TypeError):
        Transition("y", sources={S.DRAFT}, target=S.DONE, targets={S.DONE}, permission=Action.RECORD_DRAFT,
                   event=WidgetEvent.DECIDED)


def test_history_reads_the_models_own_state_labels(world):
    widget, users = world
    WIDGET.run("submit", widget, actor=users["zz_drafter"])
    words = audit.describe(AuditEvent.objects.get(target_type="core.widget"))
    assert words["what"] == "提交"
    assert words["changes"] == ["状态：起草中 → 审查中"]
