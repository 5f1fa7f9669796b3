"""The transition tables of the engagement objects, run by the workflow kernel (gongkai.core.workflow).

Conditions return the reason a step is impossible now (shown to staff), or None.
"""
import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import clock
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import CommentGroup, Consultation, DecisionCatalog, Meeting, Message, OpinionEvent
from .periods import short_period_problem
from .states import (
    Adoption, CatalogStatus, ConsultationStatus, EngagementEvent as E, MeetingStatus, MessageKind, MessageStatus,
    OpinionStatus, Severity,
)

# Seed 000 四(三)(四)2, seed 003 五(二): concentrated comments not adopted need a published reason.
DEFAULT_CONCENTRATED_COMMENTS = 5
# Catalog item 政策文件/7 (重要会议): the invitation goes out at least one week before.
MEETING_NOTICE = dt.timedelta(days=7)


def concentrated_threshold() -> int:
    """Return how many comments make a group 'concentrated' (setting ENGAGEMENT_CONCENTRATED_COMMENTS)."""
    return int(getattr(settings, "ENGAGEMENT_CONCENTRATED_COMMENTS", DEFAULT_CONCENTRATED_COMMENTS))


# ---------------------------------------------------------------- consultations

def _period_problem(c: Consultation) -> str | None:
    if c.closes_at <= c.opens_at:
        return _("征求意见截止时间必须晚于开始时间。")
    if c.closes_at <= clock.now():
        return _("征求意见截止时间已过，不能发布。")
    return short_period_problem(c.kind, c.opens_at, c.closes_at, c.short_period_reason)


def _window_problem(c: Consultation) -> str | None:
    now = clock.now()
    if now < c.opens_at:
        return _("征求意见尚未开始。")
    if now >= c.closes_at:
        return _("征求意见已截止，不再接收意见。")
    return None


def report_problems(c: Consultation) -> list[str]:
    """Return why the adoption report of `c` cannot be published now (empty when it can)."""
    problems = []
    if clock.now() < c.closes_at:
        problems.append(_("征求意见期限届满后才能公布采纳情况。"))
    if c.comments.filter(group__isnull=True).exists():
        problems.append(_("还有意见未归类。"))
    threshold = concentrated_threshold()
    for group in c.groups.all():
        if group.adoption == Adoption.PENDING:
            problems.append(_("“%(g)s”尚未确定采纳情况。") % {"g": group.title})
        elif (group.adoption in (Adoption.NOT_ADOPTED, Adoption.PARTLY) and not group.reason.strip()
              and group.comments.count() >= threshold):
            problems.append(_("“%(g)s”汇集了%(n)d条意见（相对集中），未予采纳的必须说明理由。")
                            % {"g": group.title, "n": group.comments.count()})
    return problems


def _report_problem(c: Consultation) -> str | None:
    problems = report_problems(c)
    return "；".join(problems) if problems else None


def _group_open(g: CommentGroup) -> str | None:
    if g.consultation.status != ConsultationStatus.CONSULTING:
        return _("采纳情况已公布，不能再修改。")
    return None


CS = ConsultationStatus
CONSULTATION_WORKFLOW = Workflow(
    Consultation,
    transitions=(
        Transition("edit", sources={CS.DRAFT}, permission=Action.ENGAGEMENT_EDIT, event=E.CONSULTATION_EDITED,
                   label=gettext_lazy("修改"), offer=False),
        Transition("publish", sources={CS.DRAFT}, target=CS.CONSULTING, permission=Action.ENGAGEMENT_EDIT,
                   event=E.CONSULTATION_PUBLISHED, label=gettext_lazy("发布征求意见"), condition=_period_problem),
        Transition("receive_comment", sources={CS.CONSULTING}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.COMMENT_RECEIVED, label=gettext_lazy("提交意见"), condition=_window_problem, offer=False),
        Transition("group", sources={CS.CONSULTING}, permission=Action.ENGAGEMENT_EDIT, event=E.COMMENTS_GROUPED,
                   label=gettext_lazy("意见归类"), offer=False),
        Transition("publish_report", sources={CS.CONSULTING}, target=CS.REPORTED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.REPORT_PUBLISHED, label=gettext_lazy("公布采纳情况及理由"), condition=_report_problem,
                   offer=False),
        Transition("link_record", sources={CS.CONSULTING, CS.REPORTED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.RECORD_LINKED, label=gettext_lazy("关联最终形成的政府信息"), offer=False),
        Transition("withdraw", sources={CS.DRAFT, CS.CONSULTING}, target=CS.WITHDRAWN,
                   permission=Action.ENGAGEMENT_EDIT, event=E.CONSULTATION_WITHDRAWN, label=gettext_lazy("撤回"),
                   offer=False, style="danger"),
    ),
    snapshot=lambda c: {"closes_at": c.closes_at.isoformat() if c.closes_at else None},
)

A = Adoption
GROUP_WORKFLOW = Workflow(
    CommentGroup,
    transitions=(
        Transition("decide", sources={A.PENDING, A.ADOPTED, A.PARTLY, A.NOT_ADOPTED},
                   targets={A.ADOPTED, A.PARTLY, A.NOT_ADOPTED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.GROUP_DECIDED, label=gettext_lazy("确定采纳情况"), condition=_group_open, offer=False),
    ),
    state_field="adoption",
    organisation=lambda g: g.consultation.organisation,
    related=("consultation__organisation",),
)

# ---------------------------------------------------------------- the major-decision catalog


def _has_entries(c: DecisionCatalog) -> str | None:
    return None if c.entries.exists() else _("目录中还没有决策事项。")


K = CatalogStatus
CATALOG_WORKFLOW = Workflow(
    DecisionCatalog,
    transitions=(
        Transition("edit", sources={K.COMPILING, K.RETURNED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.CATALOG_EDITED, label=gettext_lazy("修改事项"), offer=False),
        Transition("submit", sources={K.COMPILING, K.RETURNED}, target=K.SUBMITTED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.CATALOG_SUBMITTED, label=gettext_lazy("提交审核"), condition=_has_entries),
        Transition("approve", sources={K.SUBMITTED}, target=K.PUBLISHED, permission=Action.ENGAGEMENT_APPROVE,
                   event=E.CATALOG_PUBLISHED, label=gettext_lazy("审核通过并公布"), offer=False),
        Transition("return", sources={K.SUBMITTED}, target=K.RETURNED, permission=Action.ENGAGEMENT_APPROVE,
                   event=E.CATALOG_RETURNED, label=gettext_lazy("退回修改"), offer=False, style="secondary"),
        Transition("link_record", sources=set(K.values), permission=Action.ENGAGEMENT_EDIT,
                   event=E.RECORD_LINKED, label=gettext_lazy("关联决策结果"), offer=False),
        Transition("reopen", sources={K.PUBLISHED}, target=K.COMPILING, permission=Action.ENGAGEMENT_EDIT,
                   event=E.CATALOG_REOPENED, label=gettext_lazy("调整目录"), offer=False, style="secondary"),
    ),
)

# ---------------------------------------------------------------- opinion events


def _major_without(attr: str):
    def condition(ev: OpinionEvent) -> str | None:
        if ev.severity != Severity.MAJOR:
            return _("只有特别重大、重大突发事件舆情需要登记此项。")
        if getattr(ev, attr) is not None:
            return _("已经登记过。")
        return None
    return condition


def _has_parent(ev: OpinionEvent) -> str | None:
    return None if ev.organisation.parent_id else _("本机关没有上级机关。")


def _no_record_yet(ev: OpinionEvent) -> str | None:
    return None if ev.record_id is None else _("回应已转为政府信息。")


O = OpinionStatus
OPINION_WORKFLOW = Workflow(
    OpinionEvent,
    transitions=(
        Transition("assign", sources={O.OPEN, O.ESCALATED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_ASSIGNED, label=gettext_lazy("确定责任股室"), offer=False),
        Transition("authoritative_info", sources={O.OPEN, O.ESCALATED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_AUTHORITATIVE_INFO, label=gettext_lazy("登记发布权威信息"),
                   condition=_major_without("authoritative_info_at"), offer=False),
        Transition("press_conference", sources={O.OPEN, O.ESCALATED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_PRESS_CONFERENCE, label=gettext_lazy("登记新闻发布会"),
                   condition=_major_without("press_conference_at"), offer=False),
        Transition("escalate", sources={O.OPEN}, target=O.ESCALATED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_ESCALATED, label=gettext_lazy("超出处置能力，报告上级"), condition=_has_parent,
                   offer=False),
        Transition("respond", sources={O.OPEN, O.ESCALATED}, target=O.RESPONDED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_RESPONDED, label=gettext_lazy("回应"), offer=False),
        Transition("make_record", sources={O.RESPONDED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.OPINION_RECORD_CREATED, label=gettext_lazy("将回应转为政府信息报审"),
                   condition=_no_record_yet, offer=False),
    ),
    related=("organisation",),
)

# ---------------------------------------------------------------- messages


def _complex_possible(m: Message) -> str | None:
    if m.kind != MessageKind.SUGGESTION:
        return _("只有意见建议类留言可以因情况复杂延长至15个工作日。")
    if m.complex:
        return _("已经认定为情况复杂。")
    # Seed 003 五(三): "应在7个工作日内……反馈处理意见，情况复杂的可延长至15个工作日". The longer limit is
    # chosen within the short one; once the 7th working day has passed the message is late and stays late.
    if clock.today() > m.due_date:
        return _("7个工作日的反馈期限已过，不能再延长；该留言已逾期。")
    return None


def _consented(m: Message) -> str | None:
    return None if m.consent_publish else _("留言人未同意公开，不能公开。")


M = MessageStatus
MESSAGE_WORKFLOW = Workflow(
    Message,
    transitions=(
        Transition("assign", sources={M.RECEIVED, M.ASSIGNED}, target=M.ASSIGNED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MESSAGE_ASSIGNED, label=gettext_lazy("分办"), offer=False),
        Transition("mark_complex", sources={M.RECEIVED, M.ASSIGNED}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MESSAGE_COMPLEX, label=gettext_lazy("情况复杂，延长至15个工作日"),
                   condition=_complex_possible, offer=False),
        Transition("answer", sources={M.RECEIVED, M.ASSIGNED}, target=M.ANSWERED, permission=Action.MESSAGE_ANSWER,
                   event=E.MESSAGE_ANSWERED, label=gettext_lazy("答复"), offer=False),
        Transition("publish", sources={M.ANSWERED}, target=M.DISCLOSED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MESSAGE_PUBLISHED, label=gettext_lazy("公开留言及答复（个人信息脱敏）"), condition=_consented),
    ),
)

# ---------------------------------------------------------------- meetings and hearings


def _notice_problem(m: Meeting) -> str | None:
    if m.starts_at - clock.now() < MEETING_NOTICE:
        return _("会议邀请须至少提前一周发布（政策文件·重要会议：会前7天）。")
    return None


def _started(m: Meeting) -> str | None:
    return None if m.starts_at <= clock.now() else _("会议尚未召开。")


G = MeetingStatus
MEETING_WORKFLOW = Workflow(
    Meeting,
    transitions=(
        Transition("edit", sources={G.PLANNED}, permission=Action.ENGAGEMENT_EDIT, event=E.MEETING_EDITED,
                   label=gettext_lazy("修改"), offer=False),
        Transition("announce", sources={G.PLANNED}, target=G.ANNOUNCED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MEETING_ANNOUNCED, label=gettext_lazy("发布邀请"), condition=_notice_problem),
        Transition("record_held", sources={G.ANNOUNCED}, target=G.HELD, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MEETING_HELD, label=gettext_lazy("记录召开及出席情况"), condition=_started, offer=False),
        Transition("live_url", sources={G.PLANNED, G.ANNOUNCED, G.HELD}, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MEETING_LIVE_URL, label=gettext_lazy("登记网络直播链接"), offer=False),
        Transition("cancel", sources={G.PLANNED, G.ANNOUNCED}, target=G.CANCELLED, permission=Action.ENGAGEMENT_EDIT,
                   event=E.MEETING_CANCELLED, label=gettext_lazy("取消会议"), offer=False, style="danger"),
    ),
)
