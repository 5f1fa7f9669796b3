"""Public participation and responding to concerns (公众参与与回应关切).

Consultations on draft decisions with their comments and adoption report, the yearly catalog of
major administrative decisions, public-opinion events with hour deadlines, messages from the public
with working-day deadlines, and meetings / hearings open to the public. State changes run through
the workflow kernel (``workflow.py``); writes live in the ``services`` package.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import (
    Adoption, CatalogStatus, CommenterKind, ConsultationKind, ConsultationStatus, MeetingKind, MeetingStatus,
    MessageKind, MessageStatus, OpinionStatus, Severity,
)


class DecisionCatalog(TimeStampedModel):
    """重大行政决策事项目录 of one organisation for one year (seed 000 二(四))."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                      related_name="decision_catalogs")
    year = models.PositiveIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=16, choices=CatalogStatus.choices, default=CatalogStatus.COMPILING)
    review_opinion = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = verbose_name
        ordering = ["-year", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="decision_catalog_one_per_year")]

    def __str__(self):
        return f"{self.organisation.name} {self.year}年度重大行政决策事项目录"

    def get_absolute_url(self):
        return reverse("engagement:catalog", args=[self.organisation.code, self.year])


class DecisionEntry(models.Model):
    """One line of the catalog: 决策事项、承办部门、决策时间、是否听证."""

    catalog = models.ForeignKey(DecisionCatalog, verbose_name=_("目录"), on_delete=models.CASCADE,
                                related_name="entries")
    position = models.PositiveIntegerField(_("序号"), default=1)
    title = models.CharField(_("决策事项"), max_length=200)
    unit = models.CharField(_("承办部门"), max_length=120)
    decision_time = models.CharField(_("决策时间"), max_length=60, help_text=_("例如：2026年第三季度"))
    hearing = models.BooleanField(_("是否听证"), default=False)
    resulting_record = models.ForeignKey("records.Record", verbose_name=_("决策结果（政府信息）"), null=True,
                                         blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = verbose_name
        ordering = ["catalog", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def organisation(self):
        return self.catalog.organisation


class Consultation(TimeStampedModel):
    """征求意见: a draft decision published with its basis and explanation for a comment period."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="consultations")
    title = models.CharField(_("征求意见稿名称"), max_length=200)
    kind = models.CharField(_("征求意见事项类别"), max_length=16, choices=ConsultationKind.choices,
                            default=ConsultationKind.NORMATIVE)
    short_period_reason = models.TextField(
        _("征求意见期限短于规定期限的理由"), blank=True,
        help_text=_("期限短于规定的最短期限时必须填写，并随征求意见向社会公布。"))
    draft_text = models.TextField(_("决策草案"))
    basis = models.TextField(_("决策依据"))
    explanation = models.TextField(_("起草说明"))
    opens_at = models.DateTimeField(_("征求意见开始时间"))
    closes_at = models.DateTimeField(_("征求意见截止时间"))
    status = models.CharField(_("状态"), max_length=16, choices=ConsultationStatus.choices,
                              default=ConsultationStatus.DRAFT)
    report_due = models.DateField(_("采纳情况公布时限"), null=True, blank=True,
                                  help_text=_("征求意见时对外公布的采纳情况公布时限（目录事项“征集采纳社会公众意见情况”）。"))
    decision_entry = models.ForeignKey(DecisionEntry, verbose_name=_("重大行政决策事项"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="consultations")
    resulting_record = models.ForeignKey("records.Record", verbose_name=_("最终形成的政府信息"), null=True,
                                         blank=True, on_delete=models.SET_NULL, related_name="+")
    report_summary = models.TextField(_("采纳情况总体说明"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    reported_at = models.DateTimeField(_("采纳情况公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = verbose_name
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"], name="consultation_status_closes")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagement:consultation", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in (ConsultationStatus.CONSULTING, ConsultationStatus.REPORTED)

    @property
    def shortened_reason(self) -> str:
        """The published reason when the period is shorter than the minimum for its kind, else ""."""
        from .periods import is_short

        if self.opens_at and self.closes_at and is_short(self.kind, self.opens_at, self.closes_at):
            return self.short_period_reason
        return ""

    def accepts_comments_at(self, moment) -> bool:
        """Return True when comments are accepted at the aware `moment` (start inclusive, end exclusive)."""
        return self.status == ConsultationStatus.CONSULTING and self.opens_at <= moment < self.closes_at


class CommentGroup(TimeStampedModel):
    """Similar comments grouped by staff, with one adoption decision and its reason."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("征求意见"), on_delete=models.CASCADE,
                                     related_name="groups")
    title = models.CharField(_("意见归类"), max_length=200)
    adoption = models.CharField(_("采纳情况"), max_length=16, choices=Adoption.choices, default=Adoption.PENDING)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("意见归类")
        verbose_name_plural = verbose_name
        ordering = ["consultation", "pk"]

    def __str__(self):
        return self.title

    @property
    def organisation(self):
        return self.consultation.organisation


class Comment(models.Model):
    """One comment from a citizen or an organisation."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("征求意见"), on_delete=models.CASCADE,
                                     related_name="comments")
    kind = models.CharField(_("提交人类型"), max_length=16, choices=CommenterKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=120)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    body = models.TextField(_("意见内容"))
    tags = models.CharField(_("标签"), max_length=200, blank=True)
    group = models.ForeignKey(CommentGroup, verbose_name=_("意见归类"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="comments")
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = verbose_name
        ordering = ["consultation", "submitted_at", "pk"]

    def __str__(self):
        return f"{self.consultation_id}#{self.pk}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("，") if t]


class OpinionEvent(TimeStampedModel):
    """政务舆情: an event of public opinion and the organisation's response against hour deadlines."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="opinion_events")
    source = models.CharField(_("舆情来源"), max_length=120)
    link = models.URLField(_("原文链接"), max_length=500, blank=True)
    summary = models.TextField(_("舆情摘要"))
    first_seen_at = models.DateTimeField(_("首次发现时间"))
    severity = models.CharField(_("舆情级别"), max_length=12, choices=Severity.choices, default=Severity.ORDINARY)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("回应责任股室"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=OpinionStatus.choices, default=OpinionStatus.OPEN)
    response_due = models.DateTimeField(_("回应截止时间"))
    authoritative_due = models.DateTimeField(_("发布权威信息截止时间"), null=True, blank=True)
    press_due = models.DateTimeField(_("举行新闻发布会截止时间"), null=True, blank=True)
    authoritative_info_at = models.DateTimeField(_("发布权威信息时间"), null=True, blank=True)
    authoritative_info = models.TextField(_("权威信息"), blank=True)
    press_conference_at = models.DateTimeField(_("新闻发布会时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("回应时间"), null=True, blank=True)
    response = models.TextField(_("回应内容"), blank=True)
    escalated_to = models.ForeignKey("organisations.Organisation", verbose_name=_("上报机关"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="escalated_opinion_events")
    escalated_at = models.DateTimeField(_("上报时间"), null=True, blank=True)
    escalation_reason = models.TextField(_("上报原因"), blank=True)
    record = models.ForeignKey("records.Record", verbose_name=_("回应形成的政府信息"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("政务舆情")
        verbose_name_plural = verbose_name
        ordering = ["-first_seen_at", "-pk"]
        indexes = [models.Index(fields=["status", "response_due"], name="opinion_status_due")]

    def __str__(self):
        return self.summary[:40]


class Message(TimeStampedModel):
    """留言 / 咨询 / 投诉 / 建议 (including 领导信箱) from the public, answered within working days."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("受理机关"),
                                     on_delete=models.PROTECT, related_name="messages")
    number = models.CharField(_("留言编号"), max_length=40, unique=True)
    secret_digest = models.CharField(_("查询码摘要"), max_length=64, editable=False)
    kind = models.CharField(_("留言类型"), max_length=16, choices=MessageKind.choices)
    to_leader = models.BooleanField(_("领导信箱"), default=False)
    name = models.CharField(_("姓名"), max_length=120)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("留言内容"))
    consent_publish = models.BooleanField(_("同意公开留言及答复"), default=False)
    received_on = models.DateField(_("收到日期"), db_index=True)
    due_date = models.DateField(_("答复期限"))
    complex = models.BooleanField(_("情况复杂"), default=False)
    complex_reason = models.TextField(_("情况复杂的理由"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=MessageStatus.choices, default=MessageStatus.RECEIVED)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("承办股室"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    source_request = models.OneToOneField("foi.DisclosureRequest", verbose_name=_("转来的政府信息公开申请"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="engagement_message")

    class Meta:
        verbose_name = _("公众留言")
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "received_on"], name="message_org_received"),
                   models.Index(fields=["status", "due_date"], name="message_status_due")]

    def __str__(self):
        return self.number


class Meeting(TimeStampedModel):
    """重要会议 open to the public (invitation at least a week before), or a hearing on a decision."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="engagement_meetings")
    kind = models.CharField(_("类型"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    title = models.CharField(_("会议名称"), max_length=200)
    starts_at = models.DateTimeField(_("召开时间"))
    place = models.CharField(_("地点"), max_length=200)
    invitation = models.TextField(_("邀请说明"), help_text=_("列席对象、名额、报名方式等。"))
    decision_entry = models.ForeignKey(DecisionEntry, verbose_name=_("重大行政决策事项"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="meetings")
    status = models.CharField(_("状态"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    announced_at = models.DateTimeField(_("邀请发布时间"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("列席公众人数"), null=True, blank=True)
    attendees = models.TextField(_("出席情况"), blank=True)
    minutes = models.TextField(_("会议（听证）情况"), blank=True)
    # 网络直播 (seed 003 一(二), 附件1 task 4: 电视电话会议 "应采取网络和新媒体直播等形式向社会公开").
    live_url = models.CharField(_("网络直播链接"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("重要会议")
        verbose_name_plural = verbose_name
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.title
