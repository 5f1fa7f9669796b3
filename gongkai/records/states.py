"""States of a record and the transitions between them.

A record moves through the review stages its attribute requires (see ``services.review.review_stages``;
the transitions are declared in ``workflow.py``):
secrecy review first when it touches state secrets (seed 000 四(一)2: "涉及国家秘密的，应先由其承担
保密工作的部门进行审查"), attribute review by the disclosure office (mandatory for 依申请公开 and
不予公开), secrecy review before anything is published ("谁公开、谁审查、谁负责"), leader approval
where the organisation's rules require it. A proactive record then waits for publication; a
依申请公开/不予公开 record ends as ``decided`` until the yearly self-check converts it.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attribute(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


# The mark printed after the formation date (seed 000 四(一)5).
MARKS = {
    Attribute.PROACTIVE: _("此件公开发布"),
    Attribute.ON_REQUEST: _("此件依申请公开"),
    Attribute.NOT_DISCLOSED: _("此件不公开"),
}


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("起草中")
    RETURNED = "returned", _("退回修改")
    ATTRIBUTE_REVIEW = "attribute_review", _("公开属性审查中")
    SECRECY_REVIEW = "secrecy_review", _("保密审查中")
    SECRECY_ESCALATED = "secrecy_escalated", _("报请审定中")
    LEADER_APPROVAL = "leader_approval", _("待领导审批")
    APPROVED = "approved", _("待发布")
    DECIDED = "decided", _("已定性（不主动公开）")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Stage(models.TextChoices):
    ATTRIBUTE = "attribute", _("公开属性审查")
    SECRECY = "secrecy", _("保密审查")
    LEADER = "leader", _("领导审批")


STAGE_STATUS = {
    Stage.ATTRIBUTE: RecordStatus.ATTRIBUTE_REVIEW,
    Stage.SECRECY: RecordStatus.SECRECY_REVIEW,
    Stage.LEADER: RecordStatus.LEADER_APPROVAL,
}

EDITABLE = frozenset({RecordStatus.DRAFT, RecordStatus.RETURNED})
class SecrecyQuestion(models.TextChoices):
    """What the reviewer cannot decide (seed 000 三(三))."""

    SECRET = "secret", _("无法确定是否涉密")
    SUITABILITY = "suitability", _("不涉密，但无法确定是否适宜公开")


# Who decides at each escalation level (seed 000 三(三)).
ESCALATION_TARGETS = {
    SecrecyQuestion.SECRET: (_("本单位保密工作机构"), _("有权确定的机关")),
    SecrecyQuestion.SUITABILITY: (_("有关业务主管部门"), _("同级政府信息与政务公开主管部门")),
}


class SecrecyOutcome(models.TextChoices):
    CLEARED = "cleared", _("不涉密，可以公开")
    CLASSIFIED = "classified", _("涉密，不予公开")
    UNSUITABLE = "unsuitable", _("不适宜公开")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字")
    GRAPHIC = "graphic", _("图解/图表")
    ANIMATION = "animation", _("动漫")
    AUDIO = "audio", _("音频")
    VIDEO = "video", _("视频")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    MEDIA_INTERVIEW = "media_interview", _("媒体采访")
    ONLINE_INTERVIEW = "online_interview", _("在线访谈")
    OTHER = "other", _("其他非文字形式")


class FindingKind(models.TextChoices):
    ID_NUMBER = "id_number", _("居民身份证号码")
    MOBILE = "mobile", _("手机号码")
    BANK_CARD = "bank_card", _("银行卡号")
    LANDLINE = "landline", _("固定电话")
    EMAIL = "email", _("电子邮箱")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    MASKED = "masked", _("已遮蔽")
    JUSTIFIED = "justified", _("已说明理由保留")


class SelfCheckDecisionKind(models.TextChoices):
    KEEP = "keep", _("维持原属性")
    CONVERT = "convert", _("转为主动公开")


# The states of a self-check entry (its ``decision``): undecided, then kept or converted, once.
UNDECIDED = ""
ENTRY_STATES = [(UNDECIDED, _("待作结论"))] + SelfCheckDecisionKind.choices


class SelfCheckStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    COMPLETED = "completed", _("已完成")


class LeaderApprovalRule(models.TextChoices):
    NON_DISCLOSURE_AND_MAJOR = "non_disclosure_and_major", _("不予公开及重大事项需领导审批")
    ALL = "all", _("所有政府信息均需领导审批")


class Validity(models.TextChoices):
    """有效性 of a 规章 or 规范性文件, shown on the public record page and lists (issue 21 item 10).

    A document with no recorded validity is 现行有效. 已修改: amended by a later document (named as
    ``replaced_by``), still in force in its amended form; 已废止 and 失效 end it.
    """

    VALID = "valid", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("失效")


# Documents whose validity the public sees (the annual report counts them, 条例第二十条第（一）项).
VALIDITY_TYPES = frozenset({"rule", "normative"})


class DocumentType(models.TextChoices):
    """The kinds of document section 二 of the annual report counts (条例第二十条第（一）项)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
