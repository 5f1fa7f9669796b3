"""Consultations: the comment period to the minute, masking, grouping, the adoption report's guard,
the link to the resulting record and the period selector for catalog item 政策文件/8."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import selectors, services
from gongkai.engagement.models import Comment, CommentGroup, Consultation
from gongkai.engagement.privacy import mask_name, mask_text
from gongkai.engagement.states import Adoption, ConsultationStatus

from . import factories as f

OPENS, CLOSES = f.at(2026, 6, 1, 9, 0), f.at(2026, 6, 30, 17, 0)


@pytest.fixture
def c(zz, office):
    f.pin(f.at(2026, 5, 20))
    return f.consultation(zz, office, opens=OPENS, closes=CLOSES)


@pytest.mark.parametrize("moment,accepted", [
    (OPENS - dt.timedelta(minutes=1), False),
    (OPENS, True),
    (CLOSES - dt.timedelta(minutes=1), True),
    (CLOSES - dt.timedelta(seconds=1), True),
    (CLOSES, False),
])
def test_comments_are_accepted_inside_the_period_to_the_minute(c, moment, accepted):
    f.pin(moment)
    if accepted:
        f.comment(c)
        assert c.comments.count() == 1
        assert selectors.consultation_phase(c) == "open"
    else:
        with pytest.raises(InvalidTransition):
            f.comment(c)
        assert c.comments.count() == 0


def test_period_is_read_in_beijing_time_and_cut_to_the_minute(zz, office):
    f.pin(f.at(2026, 5, 20))
    c = f.consultation(zz, office, opens=dt.datetime(2026, 6, 1, 9, 0, 42, tzinfo=f.SH), closes=CLOSES)
    assert c.opens_at == dt.datetime(2026, 6, 1, 1, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("data,problem", [
    ({"title": ""}, "征求意见稿名称不能为空。"),
    ({"basis": "  "}, "决策依据不能为空。"),
    ({"closes_at": OPENS}, "征求意见截止时间必须晚于开始时间。"),
    ({"opens_at": None}, "请填写征求意见的开始和截止时间。"),
    ({"report_due": dt.date(2026, 6, 29)}, "采纳情况公布时限不能早于征求意见截止日期。"),
])
def test_bad_consultation_input_is_refused_with_a_chinese_message_and_nothing_written(zz, office, data, problem):
    f.pin(f.at(2026, 5, 20))
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        f.consultation(zz, office, publish=False, **data)
    assert problem in exc.value.problems
    assert not Consultation.objects.exists() and AuditEvent.objects.count() == count


def test_a_consultation_whose_period_is_over_cannot_be_published(zz, office):
    f.pin(f.at(2026, 7, 1))
    c = f.consultation(zz, office, publish=False)
    with pytest.raises(InvalidTransition, match="截止时间已过"):
        services.consultation_publish(consultation=c, actor=office)
    assert Consultation.objects.get(pk=c.pk).status == ConsultationStatus.DRAFT


def test_comment_input_is_validated(c):
    f.pin(f.at(2026, 6, 2))
    with pytest.raises(ValidationFailed):
        services.comment_submit(consultation=c, kind="robot", name="", body="x")
    with pytest.raises(ValidationFailed):
        services.comment_submit(consultation=c, kind="citizen", name="某人", body="x" * (services.MAX_COMMENT + 1))
    assert not Comment.objects.exists()


def test_personal_data_is_masked_when_shown():
    assert mask_name("张三丰") == "张**"
    text = mask_text("我的电话13812345678，邮箱zhang@example.com")
    assert "13812345678" not in text and "138****5678" in text and "z***@example.com" in text


def _report_ready(c, office, n_rejected, reason=""):
    f.pin(f.at(2026, 6, 2))
    ids = [f.comment(c, body=f"意见{i}").pk for i in range(n_rejected)]
    group = services.comments_group(consultation=c, actor=office, comment_ids=ids, new_title="提高奖励标准",
                                    tags="奖励，标准")
    services.group_decide(group=group, actor=office, adoption=Adoption.NOT_ADOPTED, reason=reason)
    f.pin(CLOSES)
    return group


def test_grouping_tags_comments(c, office):
    group = _report_ready(c, office, 2)
    assert [cm.tag_list for cm in group.comments.all()] == [["奖励", "标准"], ["奖励", "标准"]]


def test_report_refused_while_a_concentrated_group_is_rejected_without_a_reason(c, office, settings):
    settings.ENGAGEMENT_CONCENTRATED_COMMENTS = 3
    group = _report_ready(c, office, 3)
    with pytest.raises(InvalidTransition, match="相对集中"):
        services.consultation_publish_report(consultation=c, actor=office)
    assert Consultation.objects.get(pk=c.pk).status == ConsultationStatus.CONSULTING
    # …and published once the reason is given.
    f.pin(f.at(2026, 6, 29))
    services.group_decide(group=group, actor=office, adoption=Adoption.NOT_ADOPTED, reason="与上位法规定不符")
    f.pin(CLOSES)
    services.consultation_publish_report(consultation=c, actor=office, summary="共收到意见3条")
    assert Consultation.objects.get(pk=c.pk).status == ConsultationStatus.REPORTED


def test_a_small_group_may_be_rejected_without_a_reason(c, office, settings):
    settings.ENGAGEMENT_CONCENTRATED_COMMENTS = 3
    _report_ready(c, office, 2)
    services.consultation_publish_report(consultation=c, actor=office)
    assert Consultation.objects.get(pk=c.pk).status == ConsultationStatus.REPORTED


def test_report_waits_for_the_end_of_the_period_and_for_every_comment_and_group(c, office):
    f.pin(f.at(2026, 6, 2))
    f.comment(c)
    assert any("期限届满" in p for p in services_problems(c))
    f.pin(CLOSES)
    assert any("未归类" in p for p in services_problems(c))
    group = services.comments_group(consultation=c, actor=office, comment_ids=[c.comments.get().pk], new_title="甲")
    assert any("尚未确定" in p for p in services_problems(c))
    services.group_decide(group=group, actor=office, adoption=Adoption.ADOPTED)
    assert services_problems(c) == []


def services_problems(c):
    from gongkai.engagement.workflow import report_problems

    return report_problems(Consultation.objects.get(pk=c.pk))


def test_grouping_refuses_comments_of_another_consultation(c, zz, office):
    f.pin(f.at(2026, 6, 2))
    other = f.consultation(zz, office, opens=OPENS, closes=CLOSES)
    foreign = f.comment(other)
    with pytest.raises(ValidationFailed):
        services.comments_group(consultation=c, actor=office, comment_ids=[foreign.pk], new_title="x")
    assert not CommentGroup.objects.exists()


def test_decide_refuses_a_pending_adoption(c, office):
    group = _report_ready(c, office, 1)
    with pytest.raises(ValidationFailed):
        services.group_decide(group=group, actor=office, adoption=Adoption.PENDING)


def test_history_reads_in_words(c, office):
    history = audit.readable_history(c)
    assert [h["what"] for h in history] == ["发布征求意见", "起草征求意见稿"]
    assert "状态：草稿 → 征求意见中" in history[0]["changes"]


@pytest.fixture
def w(tree, seed_templates):
    from gongkai.records.tests.factories import world

    return world(tree)


def test_link_to_the_resulting_record_and_its_period_for_catalog_item_8(w):
    from gongkai.records.tests.factories import create_record

    office = w.users["yc_office"]
    f.pin(f.at(2026, 5, 20))
    c = f.consultation(w.org, office, opens=OPENS, closes=CLOSES, report_due=dt.date(2026, 7, 15))
    record = create_record(w)
    assert selectors.consultation_period_for_record(record) is None
    with pytest.raises(PermissionDenied):
        services.consultation_link_record(consultation=c, actor=w.users["zz_office"], record=record)
    services.consultation_link_record(consultation=c, actor=office, record=record)
    period = selectors.consultation_period_for_record(record)
    assert (period.opens_at, period.closes_at, period.consultation_id) == (OPENS, CLOSES, c.pk)
    assert period.report_due == dt.date(2026, 7, 15)


def test_a_record_of_another_organisation_cannot_be_linked(w, zz, office):
    from gongkai.records.tests.factories import create_record

    f.pin(f.at(2026, 5, 20))
    c = f.consultation(zz, office, opens=OPENS, closes=CLOSES)
    with pytest.raises(ValidationFailed):
        services.consultation_link_record(consultation=c, actor=office, record=create_record(w))
    assert Consultation.objects.get(pk=c.pk).resulting_record is None


def test_a_consultation_links_only_its_own_organisations_decision_entry(zz, office, users):
    f.pin(f.at(2026, 5, 20))
    other = f.catalog(zz.parent.children.exclude(pk=zz.pk).get(code="sx-jc-yc"), users["yc_office"])
    with pytest.raises(ValidationFailed) as exc:
        f.consultation(zz, office, publish=False, decision_entry=other.entries.get(), kind="major_decision",
                       closes=f.at(2026, 7, 10, 17))
    assert "只能关联本机关的重大行政决策事项。" in exc.value.problems
    assert not Consultation.objects.exists()
    own = f.catalog(zz, office)
    assert f.consultation(zz, office, publish=False, decision_entry=own.entries.get(), kind="major_decision",
                          closes=f.at(2026, 7, 10, 17)).decision_entry_id


def test_comments_go_only_into_a_group_of_the_same_consultation(c, zz, office):
    f.pin(f.at(2026, 6, 10))
    comment = f.comment(c)
    other = f.consultation(zz, office, opens=OPENS, closes=CLOSES)
    foreign = services.comments_group(consultation=other, actor=office, comment_ids=[f.comment(other).pk],
                                      new_title="其他")
    with pytest.raises(ValidationFailed) as exc:
        services.comments_group(consultation=c, actor=office, comment_ids=[comment.pk], group=foreign)
    assert "归类不属于本次征求意见。" in exc.value.problems
    assert Comment.objects.get(pk=comment.pk).group is None
