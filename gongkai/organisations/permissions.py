"""The one policy module: who may do what in which organisation.

A rule names the roles that grant an action when held *in the organisation itself* (`own`)
and the roles that grant it when held in the organisation *or any ancestor* (`subtree`,
i.e. supervision of lower levels). Every view and service asks `can()` or `require()`;
no other module decides permissions.
"""
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Organisation, Role, RoleAssignment


class Action(StrEnum):
    CATALOG_VIEW_UNPUBLISHED = "catalog.view_unpublished"
    CATALOG_EDIT = "catalog.edit"
    CATALOG_REVIEW = "catalog.review"
    CATALOG_OVERVIEW = "catalog.overview"
    ORGANISATION_ADMIN = "organisation.admin"
    CALENDAR_ADMIN = "calendar.admin"
    # Records (政府信息): gongkai.records
    RECORD_VIEW_UNPUBLISHED = "record.view_unpublished"
    RECORD_DRAFT = "record.draft"
    RECORD_REVIEW_ATTRIBUTE = "record.review_attribute"
    RECORD_REVIEW_SECRECY = "record.review_secrecy"
    RECORD_APPROVE = "record.approve"
    RECORD_PUBLISH = "record.publish"
    RECORD_MANAGE = "record.manage"
    # Annual reports (gongkai.reports)
    REPORT_VIEW_UNPUBLISHED = "report.view_unpublished"
    REPORT_EDIT = "report.edit"
    REPORT_APPROVE = "report.approve"
    REPORT_OVERVIEW = "report.overview"
    REPORT_ROLLUP = "report.rollup"
    # Disclosure requests (gongkai.foi)
    FOI_VIEW = "foi.view"
    FOI_VIEW_PERSONAL = "foi.view_personal"
    FOI_HANDLE = "foi.handle"
    FOI_APPROVE_EXTENSION = "foi.approve_extension"
    # Public participation and responding to concerns (gongkai.engagement)
    ENGAGEMENT_VIEW = "engagement.view"
    ENGAGEMENT_VIEW_PERSONAL = "engagement.view_personal"
    ENGAGEMENT_EDIT = "engagement.edit"
    ENGAGEMENT_APPROVE = "engagement.approve"
    MESSAGE_ANSWER = "engagement.message_answer"
    # Oversight across levels (gongkai.oversight)
    OVERSIGHT_VIEW = "oversight.view"
    OVERSIGHT_EDIT = "oversight.edit"
    OVERSIGHT_REVIEW = "oversight.review"
    OVERSIGHT_ISSUE = "oversight.issue"
    EVALUATION_VIEW = "evaluation.view"
    EVALUATION_EDIT = "evaluation.edit"
    INSPECTION_RUN = "inspection.run"  # run the site inspection now (oversight/inspection)
    # Press conferences, signed articles and open days (gongkai.outreach)
    OUTREACH_VIEW = "outreach.view"
    OUTREACH_VIEW_PERSONAL = "outreach.view_personal"
    OUTREACH_EDIT = "outreach.edit"
    # The public disclosure column (gongkai.portal): the 政府信息公开指南
    GUIDE_EDIT = "guide.edit"
    # Importing an office's previous site (gongkai.siteimport)
    SITE_IMPORT = "siteimport.run"
    # 双公示: licensing and penalty decisions published within 7 working days (gongkai.decisions)
    DECISION_VIEW = "decision.view"
    DECISION_EDIT = "decision.edit"
    DECISION_PUBLISH = "decision.publish"
    # The wording check of drafts (gongkai.proofing): who checks and fixes, who keeps a finding
    PROOFING_FIX = "proofing.fix"
    PROOFING_OVERRIDE = "proofing.override"
    # The wording check's rules and leaders' tenures (gongkai.wording)
    WORDING_VIEW = "wording.view"
    WORDING_EDIT = "wording.edit"
    # 政务新媒体 accounts (gongkai.newmedia)
    NEWMEDIA_VIEW = "newmedia.view"
    NEWMEDIA_EDIT = "newmedia.edit"
    NEWMEDIA_AGREE = "newmedia.agree"
    NEWMEDIA_APPROVE = "newmedia.approve"


@dataclass(frozen=True)
class Rule:
    own: frozenset[str] = frozenset()
    subtree: frozenset[str] = frozenset()


_STAFF = frozenset({Role.DRAFTER, Role.OFFICE, Role.SECRECY, Role.LEADER, Role.SUPERVISOR})

RULES: dict[Action, Rule] = {
    Action.CATALOG_VIEW_UNPUBLISHED: Rule(own=_STAFF, subtree=frozenset({Role.SUPERVISOR})),
    Action.CATALOG_EDIT: Rule(own=frozenset({Role.OFFICE})),
    Action.CATALOG_REVIEW: Rule(own=frozenset({Role.LEADER})),
    Action.CATALOG_OVERVIEW: Rule(own=frozenset({Role.OFFICE, Role.LEADER}), subtree=frozenset({Role.SUPERVISOR})),
    Action.ORGANISATION_ADMIN: Rule(subtree=frozenset({Role.ADMIN})),
    Action.CALENDAR_ADMIN: Rule(subtree=frozenset({Role.ADMIN})),
    Action.RECORD_VIEW_UNPUBLISHED: Rule(own=_STAFF, subtree=frozenset({Role.SUPERVISOR})),
    Action.RECORD_DRAFT: Rule(own=frozenset({Role.DRAFTER, Role.OFFICE})),
    Action.RECORD_REVIEW_ATTRIBUTE: Rule(own=frozenset({Role.OFFICE})),
    Action.RECORD_REVIEW_SECRECY: Rule(own=frozenset({Role.SECRECY})),
    Action.RECORD_APPROVE: Rule(own=frozenset({Role.LEADER})),
    Action.RECORD_PUBLISH: Rule(own=frozenset({Role.OFFICE})),
    Action.RECORD_MANAGE: Rule(own=frozenset({Role.OFFICE})),
    # Annual report: the office compiles it, the leader approves (and so publishes) it,
    # supervisors follow subordinate organisations' reports read-only.
    Action.REPORT_VIEW_UNPUBLISHED: Rule(own=frozenset({Role.OFFICE, Role.LEADER}), subtree=frozenset({Role.SUPERVISOR})),
    Action.REPORT_EDIT: Rule(own=frozenset({Role.OFFICE})),
    Action.REPORT_APPROVE: Rule(own=frozenset({Role.LEADER})),
    Action.REPORT_OVERVIEW: Rule(subtree=frozenset({Role.SUPERVISOR})),
    # The rollup of the published reports' statistics over an organisation's subtree (internal
    # supervisory statistics): the organisation's own office, leader and supervisor, and the
    # supervisors above it.
    Action.REPORT_ROLLUP: Rule(own=frozenset({Role.OFFICE, Role.LEADER, Role.SUPERVISOR}),
                               subtree=frozenset({Role.SUPERVISOR})),
    # Requests: staff of the organisation and supervisors see cases (personal data masked);
    # the disclosure office and the leader see personal data; the office handles cases; the
    # head of the disclosure office (Role.OFFICE_HEAD, 条例第三十三条) approves extensions.
    Action.FOI_VIEW: Rule(own=frozenset({Role.DRAFTER, Role.OFFICE, Role.LEADER, Role.OFFICE_HEAD}),
                          subtree=frozenset({Role.SUPERVISOR})),
    Action.FOI_VIEW_PERSONAL: Rule(own=frozenset({Role.OFFICE, Role.LEADER, Role.OFFICE_HEAD})),
    Action.FOI_HANDLE: Rule(own=frozenset({Role.OFFICE})),
    # 条例第三十三条第二款: "经政府信息公开工作机构负责人同意" — the head of the disclosure office.
    Action.FOI_APPROVE_EXTENSION: Rule(own=frozenset({Role.OFFICE_HEAD})),
    # Engagement: staff read their organisation's consultations, messages and opinion events (senders
    # masked), supervisors read the subtree (escalated opinion events reach them); the office and
    # the leader see senders' contact data; the office runs consultations, meetings, opinion events
    # and the decision catalog; the leader approves the decision catalog; the office and the
    # drafting units answer messages.
    Action.ENGAGEMENT_VIEW: Rule(own=_STAFF, subtree=frozenset({Role.SUPERVISOR})),
    Action.ENGAGEMENT_VIEW_PERSONAL: Rule(own=frozenset({Role.OFFICE, Role.LEADER})),
    Action.ENGAGEMENT_EDIT: Rule(own=frozenset({Role.OFFICE})),
    Action.ENGAGEMENT_APPROVE: Rule(own=frozenset({Role.LEADER})),
    Action.MESSAGE_ANSWER: Rule(own=frozenset({Role.OFFICE, Role.DRAFTER})),
    # Outreach: the office keeps its organisation's press conferences, the head's signed articles and
    # open days; the leader reads them; supervisors read every organisation below them (due dates,
    # what is missing). Open-day sign-ups are personal data: the office alone sees them.
    Action.OUTREACH_VIEW: Rule(own=frozenset({Role.OFFICE, Role.LEADER}), subtree=frozenset({Role.SUPERVISOR})),
    Action.OUTREACH_VIEW_PERSONAL: Rule(own=frozenset({Role.OFFICE})),
    Action.OUTREACH_EDIT: Rule(own=frozenset({Role.OFFICE})),
    # The disclosure office keeps its own organisation's 政府信息公开指南 current (条例第十二条).
    Action.GUIDE_EDIT: Rule(own=frozenset({Role.OFFICE})),
    # Oversight: an organisation's office keeps its columns, tasks, reposts, accountabilities and
    # progress reports; its leader reads them; supervisors read every organisation below them
    # and review (return / accept) their progress reports; a supervising organisation issues
    # repost notices and keeps its evaluation indicators; evaluation figures are read by the
    # organisation itself and by supervisors.
    Action.OVERSIGHT_VIEW: Rule(own=frozenset({Role.OFFICE, Role.LEADER}), subtree=frozenset({Role.SUPERVISOR})),
    Action.OVERSIGHT_EDIT: Rule(own=frozenset({Role.OFFICE})),
    Action.OVERSIGHT_REVIEW: Rule(subtree=frozenset({Role.SUPERVISOR})),
    Action.OVERSIGHT_ISSUE: Rule(own=frozenset({Role.OFFICE, Role.SUPERVISOR})),
    Action.EVALUATION_VIEW: Rule(own=frozenset({Role.OFFICE, Role.LEADER}), subtree=frozenset({Role.SUPERVISOR})),
    Action.EVALUATION_EDIT: Rule(own=frozenset({Role.SUPERVISOR})),
    # The site inspection (issue 23): the office inspects its own site now, a supervisor any site below it.
    Action.INSPECTION_RUN: Rule(own=frozenset({Role.OFFICE}), subtree=frozenset({Role.SUPERVISOR})),
    # The disclosure office imports its previous site's records; the administrator may do it for it.
    Action.SITE_IMPORT: Rule(own=frozenset({Role.OFFICE}), subtree=frozenset({Role.ADMIN})),
    # 双公示 (seed 003 附件2: 审批结果 by the 行政审批办, 行政处罚结果 by 政策法规处 with 各执法处室): the
    # business units and the office enter decisions; the office publishes, corrects and withdraws them;
    # staff read their organisation's register, supervisors the subtree's.
    Action.DECISION_VIEW: Rule(own=_STAFF, subtree=frozenset({Role.SUPERVISOR})),
    Action.DECISION_EDIT: Rule(own=frozenset({Role.DRAFTER, Role.OFFICE})),
    Action.DECISION_PUBLISH: Rule(own=frozenset({Role.OFFICE})),
    # Wording check (issue 23 item 2): whoever drafts or edits content in its organisation (drafters,
    # the disclosure office) checks it and applies suggestions; only the organisation's leader keeps
    # a finding unchanged, with a reason.
    Action.PROOFING_FIX: Rule(own=frozenset({Role.DRAFTER, Role.OFFICE})),
    Action.PROOFING_OVERRIDE: Rule(own=frozenset({Role.LEADER})),
    # Wording rules and leaders' tenures: staff read the rules in force in their organisation,
    # supervisors and administrators those of their subtree; the disclosure office keeps its own
    # organisation's list, administrators every list of their subtree (the service also limits
    # editing to province, city and county level: townships inherit).
    Action.WORDING_VIEW: Rule(own=_STAFF | frozenset({Role.OFFICE_HEAD}), subtree=frozenset({Role.SUPERVISOR, Role.ADMIN})),
    Action.WORDING_EDIT: Rule(own=frozenset({Role.OFFICE}), subtree=frozenset({Role.ADMIN})),
    # 政务新媒体 (seed 000 二(三), 国办发〔2018〕123号; gongkai.newmedia.rules): staff read their organisation's
    # accounts and requests, supervisors the subtree; the office (主办单位) drafts requests, records updates
    # and files approved changes; the organisation's leader agrees before a request goes up; a supervisor
    # approves in the organisation the request is waiting at (the 主管单位: the requester's parent, or
    # further up when forwarded level by level) — never in a subordinate's name.
    Action.NEWMEDIA_VIEW: Rule(own=_STAFF, subtree=frozenset({Role.SUPERVISOR})),
    Action.NEWMEDIA_EDIT: Rule(own=frozenset({Role.OFFICE})),
    Action.NEWMEDIA_AGREE: Rule(own=frozenset({Role.LEADER})),
    Action.NEWMEDIA_APPROVE: Rule(own=frozenset({Role.SUPERVISOR})),
}


def _assignments(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = [(ra.role, ra.organisation.path) for ra in RoleAssignment.objects.filter(user=user).select_related("organisation")]
        user._gongkai_roles = cache
    return cache


def can(user, action: Action, organisation: Organisation | None) -> bool:
    """Return True when `user` may perform `action` in `organisation`.

    National templates (organisation None) are read-only to everyone through the UI.
    """
    if organisation is None:
        return False
    rule = RULES[Action(action)]
    for role, path in _assignments(user):
        if role in rule.own and path == organisation.path:
            return True
        if role in rule.subtree and organisation.path.startswith(path):
            return True
    return False


def can_anywhere(user, action: Action) -> bool:
    """Return True when `user` may perform a global `action`: a granting role in any organisation,
    or a Django superuser."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    rule = RULES[Action(action)]
    return any(role in rule.own or role in rule.subtree for role, _path in _assignments(user))


def require(user, action: Action, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless `can()` allows the action."""
    if not can(user, action, organisation):
        raise PermissionDenied(_("您没有权限执行此操作。"))


def organisations_where(user, action: Action):
    """Return the queryset of organisations in which `user` may perform `action`."""
    rule = RULES[Action(action)]
    query = Q(pk__in=[])
    for role, path in _assignments(user):
        if role in rule.own:
            query |= Q(path=path)
        if role in rule.subtree:
            query |= Q(path__startswith=path)
    return Organisation.objects.filter(query)


def is_staff_user(user) -> bool:
    """Return True when the user holds any role (the back office is open to them)."""
    return bool(_assignments(user))


def roles_of(user) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(RoleAssignment.objects.filter(user=user).select_related("organisation", "unit"))
