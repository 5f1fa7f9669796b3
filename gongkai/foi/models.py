"""Disclosure requests (依申请公开): the request, its reply letter, appeals and bookkeeping rows."""
from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core import validators
from gongkai.core.models import TimeStampedModel

from .constants import (
    AppealKind, AppealResult, ApplicantType, Channel, Delivery, IdentityDocument, InfoForm, Outcome,
    find_reason,
)
from .states import OPEN_STATES, LetterKind, RequestStatus  # noqa: F401  (LetterKind re-exported)


class DisclosureRequest(TimeStampedModel):
    """One application for government information (政府信息公开申请), from receipt to outcome."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("受理机关"),
                                     on_delete=models.PROTECT, related_name="disclosure_requests")
    tracking_number = models.CharField(_("申请编号"), max_length=64, unique=True)
    secret_digest = models.CharField(_("查询码摘要"), max_length=64, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("网上申请账号"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=12, choices=Channel.choices)

    # 第二十九条(一): name, identity document, contact.
    applicant_type = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=120)
    id_document_type = models.CharField(_("身份证明类型"), max_length=16, choices=IdentityDocument.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    contact_person = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)
    # Who the applicant is, normalised, for duplicate detection and the monthly fee count.
    applicant_key = models.CharField(_("申请人标识"), max_length=80, db_index=True, editable=False)

    # 第二十九条(二)(三): the information and the form wanted.
    description = models.TextField(_("所需信息的内容描述"))
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    document_title = models.CharField(_("文件名称"), max_length=200, blank=True)
    purpose = models.CharField(_("用途说明"), max_length=300, blank=True)
    info_form = models.CharField(_("信息载体形式"), max_length=12, choices=InfoForm.choices)
    delivery = models.CharField(_("获取方式"), max_length=12, choices=Delivery.choices)

    # 第三十一条: the date of receipt and what fixed it.
    submitted_at = models.DateTimeField(_("提交/登记时间"))
    arrived_on = models.DateField(_("送达/签收日期"))
    confirmed_on = models.DateField(_("与申请人确认日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), db_index=True)
    receipt_basis = models.CharField(_("收到日期依据"), max_length=200)

    status = models.CharField(_("状态"), max_length=24, choices=RequestStatus.choices,
                              default=RequestStatus.RECEIVED, db_index=True)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("承办股室"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    assignment_note = models.CharField(_("分办说明"), max_length=300, blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("疑似重复的在先申请"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    # 补正 (第三十条): one notice, a period, and the corrected application.
    correction_asked_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正申请日期"), null=True, blank=True)
    corrected_text = models.TextField(_("补正内容"), blank=True)

    # Clock: pauses (third-party consultations and the correction restart) and the extension.
    pauses = models.JSONField(_("计时暂停"), default=list, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), null=True, blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("延期批准人"), null=True,
                                              blank=True, on_delete=models.PROTECT, related_name="+")
    extension_approver_name = models.CharField(_("延期批准人（记录）"), max_length=120, blank=True)
    extension_reason = models.CharField(_("延期理由"), max_length=500, blank=True)
    extension_approved_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    # The office's request for an extension, waiting for the approver (第三十三条第二款).
    extension_requested_on = models.DateField(_("申请延期日期"), null=True, blank=True)
    extension_requested_days = models.PositiveSmallIntegerField(_("申请延长工作日数"), null=True, blank=True)
    extension_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("延期申请人"), null=True,
                                               blank=True, on_delete=models.PROTECT, related_name="+")
    # 第三十五条: volume or frequency beyond a reasonable range — reasons asked, answered, and a
    # later deadline set when the reasons are reasonable but the 第三十三条 deadline cannot be met.
    reasons_asked_on = models.DateField(_("要求说明理由日期"), null=True, blank=True)
    reasons_question = models.TextField(_("要求说明的事项"), blank=True)
    reasons_received_on = models.DateField(_("收到理由说明日期"), null=True, blank=True)
    reasons_text = models.TextField(_("申请人说明的理由"), blank=True)
    later_due_date = models.DateField(_("另行确定的答复期限"), null=True, blank=True)
    due_date = models.DateField(_("答复截止日期"), null=True, blank=True, db_index=True)
    deadline = models.JSONField(_("期限计算说明"), default=dict, blank=True)
    deadline_provisional = models.BooleanField(_("期限为临时计算"), default=False)

    # Fee (第四十二条; 国办函〔2020〕109号).
    fee_scheme = models.CharField(_("收费标准"), max_length=12, blank=True)
    fee_units = models.PositiveIntegerField(_("计费件数/页数"), null=True, blank=True)
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_calculation = models.JSONField(_("收费计算过程"), default=dict, blank=True)
    fee_notified_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    # Outcome.
    outcome = models.CharField(_("办理结果"), max_length=16, choices=Outcome.choices, blank=True)
    reason = models.CharField(_("具体情形"), max_length=20, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    reply_link = models.URLField(_("信息获取链接"), blank=True, max_length=500)
    referred_to = models.CharField(_("负责公开的机关及联系方式"), max_length=300, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("办结人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    suggest_proactive = models.BooleanField(_("建议转为主动公开"), default=False)
    proactive_catalog_item = models.ForeignKey("catalog.CatalogItem", verbose_name=_("对应目录事项"), null=True,
                                               blank=True, on_delete=models.SET_NULL, related_name="+")
    imported = models.BooleanField(_("历史数据导入"), default=False)
    # An imported request's number from a former system when it is not in the live format
    # (<ORG>-<YEAR>-<NNNNN>): kept for reference, never used as a tracking number.
    legacy_number = models.CharField(_("原编号"), max_length=64, blank=True)
    import_note = models.CharField(_("导入说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"]),
            # Covers the annual-report statistics: requests of an organisation by closing date
            # (NULL = still open), read without touching the table.
            models.Index(fields=["organisation", "closed_on", "received_on", "applicant_type", "outcome", "reason"],
                         name="foi_request_statistics_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RequestStatus.CLOSED, closed_on__isnull=False) & ~Q(outcome="")
                | ~Q(status=RequestStatus.CLOSED) & Q(closed_on__isnull=True, outcome=""),
                name="foi_closed_iff_outcome",
            ),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                                   name="foi_closed_after_received"),
            models.CheckConstraint(condition=Q(extension_days__isnull=True) | Q(extension_days__lte=20),
                                   name="foi_extension_at_most_20"),
        ]

    def __str__(self):
        return self.tracking_number

    def get_absolute_url(self):
        return reverse("foi_office:detail", args=[self.pk])

    # -- reading helpers ---------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_natural_person(self) -> bool:
        return self.applicant_type == ApplicantType.NATURAL

    @property
    def reason_label(self) -> str:
        reason = find_reason(self.outcome, self.reason) if self.outcome else None
        return reason.label if reason else ""

    @property
    def letter(self):
        """The reply letter (答复告知书) of a closed request, or None."""
        return self.letters.filter(kind=LetterKind.REPLY).order_by("-pk").first() if self.pk else None

    @property
    def outcome_text(self) -> str:
        if not self.outcome:
            return ""
        label = str(Outcome(self.outcome).label)
        return f"{label}（{self.reason_label}）" if self.reason_label else label

    @property
    def masked_name(self) -> str:
        return validators.mask_name(self.applicant_name)

    @property
    def masked_id_number(self) -> str:
        return validators.mask_middle(self.id_number, 4, 4)

    @property
    def masked_phone(self) -> str:
        return validators.mask_middle(self.phone, 3, 4)

    @property
    def masked_email(self) -> str:
        return validators.mask_email(self.email)

    @property
    def open_pause(self) -> dict | None:
        return self.pauses[-1] if self.pauses and not self.pauses[-1].get("end") else None

    def stored_deadline(self):
        """Return the stored deadline shaped for the `workdays/deadline_explanation.html` include."""
        data = self.deadline or {}
        explanation = data.get("explanation") or {}
        return SimpleNamespace(
            due_date=self.due_date,
            provisional=self.deadline_provisional,
            provisional_reasons=data.get("provisional_reasons", []),
            explanation=SimpleNamespace(lines=explanation.get("lines", [])),
        )

    @property
    def answered_late(self) -> bool:
        return bool(self.closed_on and self.due_date and self.closed_on > self.due_date)


class Letter(models.Model):
    """One letter as issued: its number, recipient and frozen wording; files rendered on first download.

    The wording (``content``) is fixed inside the transition that issues the letter; the .docx and
    PDF are rendered from it lazily (``letters.docx(letter)``/``letters.pdf(letter)``), never while
    the request's row is locked, and kept. A letter imported from the former reply-letter table keeps its files as issued.
    """

    request = models.ForeignKey(DisclosureRequest, verbose_name=_("申请"), on_delete=models.CASCADE,
                                related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    number = models.CharField(_("文号"), max_length=80, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    recipient = models.CharField(_("收件人"), max_length=200, blank=True)
    basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    issued_on = models.DateField(_("落款日期"))
    content = models.JSONField(_("文书内容"), default=dict)
    docx_data = models.BinaryField(_("Word 文件"), null=True, blank=True, editable=False)
    pdf_data = models.BinaryField(_("PDF 文件"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()


class RequestAttachment(models.Model):
    """A file given with the reply (the information provided)."""

    request = models.ForeignKey(DisclosureRequest, verbose_name=_("申请"), on_delete=models.CASCADE,
                                related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    data = models.BinaryField(_("内容"))
    created_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self):
        return self.name


class Appeal(TimeStampedModel):
    """Administrative reconsideration or litigation about a request (section 四 of the report)."""

    request = models.ForeignKey(DisclosureRequest, verbose_name=_("申请"), on_delete=models.PROTECT,
                                related_name="appeals")
    kind = models.CharField(_("类型"), max_length=20, choices=AppealKind.choices)
    filed_on = models.DateField(_("提起日期"), db_index=True)
    authority = models.CharField(_("复议机关/受理法院"), max_length=120, blank=True)
    case_number = models.CharField(_("案号"), max_length=80, blank=True)
    result = models.CharField(_("结果"), max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("行政复议和行政诉讼")
        verbose_name_plural = _("行政复议和行政诉讼")
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result=AppealResult.PENDING, decided_on__isnull=True)
                | ~Q(result=AppealResult.PENDING) & Q(decided_on__isnull=False),
                name="foi_appeal_decided_iff_result",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.request}"


class ReminderDigest(models.Model):
    """The daily reminder digest of one organisation (one row per day makes the command idempotent)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="+")
    day = models.DateField(_("日期"))
    text = models.TextField(_("内容"))
    counts = models.JSONField(_("统计"), default=dict)
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        verbose_name = _("每日提醒")
        verbose_name_plural = _("每日提醒")
        constraints = [models.UniqueConstraint(fields=["organisation", "day"], name="foi_digest_once_a_day")]
