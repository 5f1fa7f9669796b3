"""States and audit events of public participation: consultations, comment groups, the major-decision
catalog, opinion events, messages and meetings. The transition tables are in ``workflow.py``."""
from django.utils.translation import gettext_lazy as _
from django.db import models

from gongkai.core import audit


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    CONSULTING = "consulting", _("征求意见中")
    REPORTED = "reported", _("已公布采纳情况")
    WITHDRAWN = "withdrawn", _("已撤回")


class ConsultationKind(models.TextChoices):
    """What is consulted on; it fixes the minimum comment period (gongkai.engagement.periods)."""
    MAJOR_DECISION = "major_decision", _("重大行政决策")
    RULE = "rule", _("规章草案")
    NORMATIVE = "normative", _("行政规范性文件")


class CommenterKind(models.TextChoices):
    CITIZEN = "citizen", _("公民")
    ORGANISATION = "organisation", _("法人或其他组织")


class Adoption(models.TextChoices):
    PENDING = "pending", _("待研究")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class CatalogStatus(models.TextChoices):
    COMPILING = "compiling", _("编制中")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已公布")


class Severity(models.TextChoices):
    ORDINARY = "ordinary", _("一般政务舆情")
    MAJOR = "major", _("特别重大、重大突发事件舆情")


class OpinionStatus(models.TextChoices):
    OPEN = "open", _("待回应")
    ESCALATED = "escalated", _("已上报上级")
    RESPONDED = "responded", _("已回应")


class MessageKind(models.TextChoices):
    SUGGESTION = "suggestion", _("建议")
    CONSULTATION = "consultation", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("反映问题")


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    ASSIGNED = "assigned", _("办理中")
    ANSWERED = "answered", _("已答复")
    DISCLOSED = "disclosed", _("已答复并公开")


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("重要会议")
    HEARING = "hearing", _("听证会")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    ANNOUNCED = "announced", _("已发布邀请")
    HELD = "held", _("已召开")
    CANCELLED = "cancelled", _("已取消")


@audit.register
class EngagementEvent(audit.EventType):
    CONSULTATION_CREATED = "consultation.created", _("起草征求意见稿")
    CONSULTATION_EDITED = "consultation.edited", _("修改征求意见稿")
    CONSULTATION_PUBLISHED = "consultation.published", _("发布征求意见")
    CONSULTATION_WITHDRAWN = "consultation.withdrawn", _("撤回征求意见")
    COMMENT_RECEIVED = "consultation.comment_received", _("收到公众意见")
    COMMENTS_GROUPED = "consultation.comments_grouped", _("意见归类")
    REPORT_PUBLISHED = "consultation.report_published", _("公布意见采纳情况及理由")
    RECORD_LINKED = "consultation.record_linked", _("关联最终形成的政府信息")
    GROUP_DECIDED = "comment_group.decided", _("确定意见采纳情况")
    CATALOG_CREATED = "decision_catalog.created", _("开始编制重大行政决策事项目录")
    CATALOG_EDITED = "decision_catalog.edited", _("修改重大行政决策事项目录")
    CATALOG_SUBMITTED = "decision_catalog.submitted", _("提交重大行政决策事项目录审核")
    CATALOG_RETURNED = "decision_catalog.returned", _("退回重大行政决策事项目录")
    CATALOG_PUBLISHED = "decision_catalog.published", _("审核通过并公布重大行政决策事项目录")
    CATALOG_REOPENED = "decision_catalog.reopened", _("调整已公布的重大行政决策事项目录")
    OPINION_LOGGED = "opinion.logged", _("登记政务舆情")
    OPINION_ASSIGNED = "opinion.assigned", _("确定舆情回应责任股室")
    OPINION_AUTHORITATIVE_INFO = "opinion.authoritative_info", _("发布权威信息")
    OPINION_PRESS_CONFERENCE = "opinion.press_conference", _("举行新闻发布会")
    OPINION_ESCALATED = "opinion.escalated", _("报告上级机关")
    OPINION_RESPONDED = "opinion.responded", _("回应舆情")
    OPINION_RECORD_CREATED = "opinion.record_created", _("将回应转为政府信息报审")
    MESSAGE_RECEIVED = "message.received", _("收到留言")
    MESSAGE_ASSIGNED = "message.assigned", _("分办留言")
    MESSAGE_COMPLEX = "message.marked_complex", _("认定为情况复杂并延长答复期限")
    MESSAGE_ANSWERED = "message.answered", _("答复留言")
    MESSAGE_PUBLISHED = "message.published", _("公开留言及答复")
    MESSAGE_FROM_REQUEST = "message.from_request", _("由政府信息公开申请转为留言办理")
    MEETING_CREATED = "meeting.created", _("登记会议")
    MEETING_EDITED = "meeting.edited", _("修改会议信息")
    MEETING_ANNOUNCED = "meeting.announced", _("发布会议邀请")
    MEETING_HELD = "meeting.held", _("记录会议召开及出席情况")
    MEETING_CANCELLED = "meeting.cancelled", _("取消会议")
    MEETING_LIVE_URL = "meeting.live_url", _("登记网络直播链接")


# The kernel registers each model's states; the adoption of a comment group is labelled here.
audit.register_values("adoption", Adoption, label=_("采纳情况"))
