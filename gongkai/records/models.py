import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import (
    MARKS, Attribute, FindingKind, FindingStatus, InterpretationForm, LeaderApprovalRule, RecordStatus,
    ENTRY_STATES, VALIDITY_TYPES, DocumentType, SecrecyOutcome, SecrecyQuestion, SelfCheckStatus, Validity,
)


class LegalBasis(TimeStampedModel):
    """A legal basis for not disclosing (maintained list, e.g. 条例第十四条)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    title = models.CharField(_("依据"), max_length=120)
    text = models.TextField(_("条文"), blank=True)
    active = models.BooleanField(_("启用"), default=True)
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("不予公开法定依据")
        verbose_name_plural = _("不予公开法定依据")
        ordering = ["position", "code"]

    def __str__(self):
        return self.title


class NegativeListEntry(TimeStampedModel):
    """One entry of an organisation's 不予公开负面清单 (seed 003 一(三))."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="negative_list")
    title = models.CharField(_("事项"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    legal_basis = models.ForeignKey(LegalBasis, verbose_name=_("法定依据"), on_delete=models.PROTECT)
    active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("不予公开负面清单事项")
        verbose_name_plural = _("不予公开负面清单")
        ordering = ["organisation", "title"]

    def __str__(self):
        return self.title


class RecordPolicy(TimeStampedModel):
    """An organisation's review rules for records."""

    organisation = models.OneToOneField("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                        related_name="record_policy")
    leader_approval = models.CharField(_("领导审批范围"), max_length=32, choices=LeaderApprovalRule.choices,
                                       default=LeaderApprovalRule.NON_DISCLOSURE_AND_MAJOR)
    review_all_attributes = models.BooleanField(_("主动公开信息也经公开属性审查"), default=False)

    class Meta:
        verbose_name = _("审查规则")
        verbose_name_plural = _("审查规则")

    def __str__(self):
        return str(self.organisation)


class ItemTarget(TimeStampedModel):
    """An organisation's own publication target for a catalog item whose time limit has no fixed count.

    条例第二十六条 sets 20 working days as the longest wait; an organisation may set a stricter
    target (fewer working days) for an item such as "按进展情况及时公开". Keyed by the item's stable
    catalog key, so the target survives new catalog versions.
    """

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="+")
    catalog_key = models.CharField(_("事项标识"), max_length=80)
    working_days = models.PositiveSmallIntegerField(_("目标时限（工作日）"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("事项发布目标时限")
        verbose_name_plural = _("事项发布目标时限")
        constraints = [models.UniqueConstraint(fields=["organisation", "catalog_key"], name="records_item_target_unique")]

    def __str__(self):
        return f"{self.catalog_key}: {self.working_days}"


class Record(TimeStampedModel):
    """A piece of government information (政府信息) filed under an item of its organisation's catalog."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("发布机构"), on_delete=models.PROTECT,
                                     related_name="records")
    catalog_item = models.ForeignKey("catalog.CatalogItem", verbose_name=_("主题分类"), on_delete=models.PROTECT,
                                     related_name="records")
    # Stable across catalog versions, for browsing and feeds ("政策文件/1").
    catalog_key = models.CharField(_("事项标识"), max_length=80, db_index=True)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("起草股室"), null=True, blank=True,
                             on_delete=models.SET_NULL)
    index_number = models.CharField(_("索引号"), max_length=80, blank=True)  # assigned at publication
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=80, blank=True)
    issuing_unit = models.CharField(_("发文机关"), max_length=120)
    formation_date = models.DateField(_("成文日期"))
    # What the annual report's section 二 (第二十条第（一）项) counts: the kind of document, and whether
    # this organisation issued it — a county republishing a ministry's rule did not make one.
    document_type = models.CharField(_("文件类型"), max_length=12, choices=DocumentType.choices, blank=True,
                                     default="")
    issued_here = models.BooleanField(_("本机关制发"), default=False)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    attribute = models.CharField(_("公开属性"), max_length=16, choices=Attribute.choices, default=Attribute.PROACTIVE)
    legal_basis = models.ForeignKey(LegalBasis, verbose_name=_("不公开的法定依据"), null=True, blank=True,
                                    on_delete=models.PROTECT)
    attribute_reason = models.TextField(_("属性理由"), blank=True)
    touches_state_secrets = models.BooleanField(_("可能涉及国家秘密"), default=False)
    is_major = models.BooleanField(_("重大事项"), default=False)
    needs_interpretation = models.BooleanField(_("需要解读"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.DRAFT,
                              db_index=True)
    review_stages = models.JSONField(_("审查环节"), default=list, blank=True)
    stages_done = models.JSONField(_("已完成的审查环节"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT,
                                   related_name="+")
    submitted_at = models.DateTimeField(_("报审时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    publication_due = models.DateField(_("应发布日期"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("期限为临时计算"), default=False)
    due_explanation = models.JSONField(_("期限计算说明"), default=dict, blank=True)
    privacy_scanned_at = models.DateTimeField(_("隐私检查时间"), null=True, blank=True)
    # 条例第二十六条 "自该政府信息形成或者变更之日起": a record converted to proactive in the yearly
    # self-check changed its disclosure status on this date; its deadline runs from it.
    converted_on = models.DateField(_("转为主动公开日期"), null=True, blank=True)
    # Validity (有效性) of a normative document; blank for records that are not normative documents.
    validity = models.CharField(_("有效性"), max_length=12, choices=Validity.choices, blank=True, default="")
    validity_changed_on = models.DateField(_("失效或废止日期"), null=True, blank=True)
    replaced_by = models.ForeignKey("self", verbose_name=_("被以下文件修订或替代"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="replaces")

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-formation_date", "-id"]
        constraints = [
            # A draft has no index number yet: it is assigned at publication (issue 21 item 14).
            models.UniqueConstraint(fields=["organisation", "index_number"], condition=~Q(index_number=""),
                                    name="records_unique_index_number"),
            models.CheckConstraint(
                condition=~Q(attribute=Attribute.NOT_DISCLOSED) | Q(legal_basis__isnull=False),
                name="records_non_disclosure_has_basis",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "publication_due"]),
            # Public listing: newest published first, overall and per organisation / catalog item.
            models.Index(fields=["status", "-published_at"], name="records_pub_newest"),
            models.Index(fields=["organisation", "catalog_key", "status", "-published_at"], name="records_item_newest"),
            # Covers the annual report's section 二 counts (formed / published per catalog item).
            models.Index(fields=["organisation", "catalog_key", "formation_date", "status", "published_at"],
                         name="records_report_counts"),
            # Known-item search: an 索引号 or 文号 query looks its record up exactly (search/codes.py).
            models.Index(fields=["index_number"], name="records_index_no_idx"),
            models.Index(fields=["doc_number"], name="records_doc_no_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("records:record", args=[self.pk])

    def get_office_url(self):
        return reverse("records_office:record", args=[self.pk])

    @property
    def mark(self) -> str:
        return str(MARKS[Attribute(self.attribute)])

    @property
    def is_published(self) -> bool:
        return self.status == RecordStatus.PUBLISHED

    @property
    def shows_validity(self) -> bool:
        """True for a 规章 or 规范性文件: the public sees its 有效性 (issue 21 item 10)."""
        return self.document_type in VALIDITY_TYPES

    @property
    def validity_label(self) -> str:
        """现行有效 / 已修改 / 已废止 / 失效 (a document without a recorded validity is in force)."""
        return str(Validity(self.validity or Validity.VALID).label)


def attachment_path(instance, filename):
    # Outside any public URL: attachments are only served through a permission-checking view.
    return f"records/{instance.record.organisation_id}/{uuid.uuid4().hex}"


def masked_path(instance, filename):
    return f"records/{instance.record.organisation_id}/{uuid.uuid4().hex}-masked"


class Attachment(TimeStampedModel):
    record = models.ForeignKey(Record, verbose_name=_("政府信息"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8)  # pdf, docx, xlsx, png, jpeg, gif
    content_type = models.CharField(_("MIME 类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField(_("提取的文本"), blank=True)
    masked_file = models.FileField(_("遮蔽后的副本"), upload_to=masked_path, max_length=200, blank=True)
    masked_text = models.TextField(_("遮蔽后的文本"), blank=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["record", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("records:attachment", args=[self.record_id, self.pk])

    @property
    def public_text(self) -> str:
        """Return the text the public sees (masked when a masked copy exists)."""
        return self.masked_text or self.extracted_text


class PrivacyFinding(models.Model):
    """Personal data found before publication; publication waits until each is masked or justified."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    field = models.CharField(_("位置"), max_length=20)  # title, summary, body, attachment
    kind = models.CharField(_("类型"), max_length=16, choices=FindingKind.choices)
    value = models.CharField(_("内容"), max_length=64)
    context = models.CharField(_("上下文"), max_length=200, blank=True)
    status = models.CharField(_("处理状态"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    justification = models.TextField(_("保留理由"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("隐私检查发现")
        verbose_name_plural = _("隐私检查发现")
        ordering = ["record", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.masked_value}"

    @property
    def masked_value(self) -> str:
        from gongkai.core.privacy import mask_value

        return mask_value(self.kind, self.value)


class ReviewStep(models.Model):
    """One decision in a record's review (shown on its history with the audit events)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="review_steps")
    stage = models.CharField(_("环节"), max_length=20)
    decision = models.CharField(_("结论"), max_length=30)
    opinion = models.TextField(_("意见"), blank=True)
    referred_to = models.CharField(_("报请单位"), max_length=120, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["record", "created_at", "id"]

    STAGE_LABELS = {"submit": _("报审"), "attribute": _("公开属性审查"), "secrecy": _("保密审查"),
                    "leader": _("领导审批"), "self_check": _("年度自查")}
    DECISION_LABELS = {"submitted": _("已报审"), "approved": _("通过"), "returned": _("退回修改"),
                       "cleared": _("不涉密，同意公开"), "classified": _("涉密，不予公开"), "escalated": _("报请审定"),
                       "determined_cleared": _("审定：可以公开"), "determined_classified": _("审定：涉密"),
                       "determined_unsuitable": _("审定：不适宜公开"), "unsuitable": _("不适宜公开"),
                       "converted": _("转为主动公开")}

    @property
    def stage_label(self):
        return self.STAGE_LABELS.get(self.stage, self.stage)

    @property
    def decision_label(self):
        return self.DECISION_LABELS.get(self.decision, self.decision)


class SecrecyEscalation(models.Model):
    """A question the secrecy reviewer could not decide, referred upward (seed 000 三(三))."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="escalations")
    question = models.CharField(_("问题"), max_length=12, choices=SecrecyQuestion.choices)
    level = models.PositiveSmallIntegerField(_("报请层级"))  # 1 = within/beside the unit, 2 = the competent authority
    referred_to = models.CharField(_("报请单位"), max_length=120)
    reason = models.TextField(_("理由"))
    outcome = models.CharField(_("审定结论"), max_length=12, choices=SecrecyOutcome.choices, blank=True)
    determined_by = models.CharField(_("审定单位"), max_length=120, blank=True)
    reference = models.CharField(_("审定文书"), max_length=200, blank=True)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "created_at", "id"]


class Interpretation(TimeStampedModel):
    """Interpretation material of a record: drafted, signed off and published with it."""

    record = models.OneToOneField(Record, verbose_name=_("所解读的文件"), on_delete=models.CASCADE,
                                  related_name="interpretation")
    title = models.CharField(_("解读标题"), max_length=300)
    form = models.CharField(_("解读形式"), max_length=20, choices=InterpretationForm.choices)
    background = models.TextField(_("出台背景依据"), blank=True)
    objectives = models.TextField(_("目标任务"), blank=True)
    main_content = models.TextField(_("主要内容"), blank=True)
    measures = models.TextField(_("具体举措"), blank=True)
    target_group = models.TextField(_("适用对象"), blank=True)
    notes = models.TextField(_("注意事项"), blank=True)
    key_terms = models.TextField(_("关键词解释"), blank=True)
    differences = models.TextField(_("新旧政策差异"), blank=True)
    interpreting_body = models.CharField(_("解读机关"), max_length=120)
    media_link = models.CharField(_("音视频或发布会链接"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("records:interpretation", args=[self.record_id])

    @property
    def is_non_text(self) -> bool:
        return self.form != InterpretationForm.TEXT


class InterpretationQuota(models.Model):
    """Minimum share of non-text interpretations from a year on (seed 001 四(二)4)."""

    from_year = models.PositiveIntegerField(_("起始年度"), unique=True)
    minimum_share = models.DecimalField(_("非纯文字解读最低占比"), max_digits=4, decimal_places=3)
    source = models.CharField(_("依据"), max_length=200)

    class Meta:
        verbose_name = _("解读形式指标")
        verbose_name_plural = _("解读形式指标")
        ordering = ["from_year"]

    def __str__(self):
        return f"{self.from_year}: {self.minimum_share}"


class SelfCheck(TimeStampedModel):
    """The yearly self-check of 依申请公开/不予公开 records (seed 003 一(四): each November)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="record_self_checks")
    year = models.PositiveIntegerField(_("年度"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=SelfCheckStatus.choices, default=SelfCheckStatus.OPEN)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公开属性年度自查")
        verbose_name_plural = _("公开属性年度自查")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="records_one_self_check_per_year")]

    def __str__(self):
        return f"{self.organisation} {self.year}"


class SelfCheckEntry(models.Model):
    self_check = models.ForeignKey(SelfCheck, on_delete=models.CASCADE, related_name="entries")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="self_check_entries")
    attribute_at_check = models.CharField(max_length=16, choices=Attribute.choices)
    decision = models.CharField(_("结论"), max_length=10, choices=ENTRY_STATES, blank=True)  # its state
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["self_check", "id"]
        constraints = [models.UniqueConstraint(fields=["self_check", "record"], name="records_self_check_entry_unique")]


class ReadingRoomCopy(models.Model):
    """The paper copy of a published record delivered to the reading room (公开查阅点, seed 000 四(一)6)."""

    record = models.OneToOneField(Record, on_delete=models.CASCADE, related_name="reading_room_copy")
    location = models.CharField(_("查阅点"), max_length=200)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    delivered_on = models.DateField(_("移送日期"))
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("查阅点纸质件")
        verbose_name_plural = _("查阅点纸质件")


class SearchDocument(models.Model):
    """The published text of one record (or interpretation) as the search index sees it.

    Rows are written only by the publish/unpublish services and the rebuild command. A row's id
    grows with publication order, so "newest first" is the primary key order of every index.
    Backend indexes (SQLite FTS5 table, PostgreSQL bigram GIN) live beside it; see search/.
    """

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    is_interpretation = models.BooleanField(default=False)
    organisation_ref = models.BigIntegerField(db_index=True)
    catalog_key = models.CharField(max_length=80)
    year = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    title = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "is_interpretation"], name="records_search_one_per_source"),
        ]
