"""The register of 行政许可 and 行政处罚 decisions published under 双公示 (see ``rules``)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import DecisionKind, DecisionStatus, SubjectType


class Decision(TimeStampedModel):
    """One 行政许可 or 行政处罚 decision with the content items its publication carries."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="decisions")
    kind = models.CharField(_("决定类别"), max_length=12, choices=DecisionKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT,
                              db_index=True)
    document_number = models.CharField(_("决定文书号"), max_length=100)
    title = models.CharField(_("项目名称/处罚名称"), max_length=200)
    category = models.CharField(_("审批类别/处罚类别"), max_length=100)
    subject_type = models.CharField(_("行政相对人类别"), max_length=12, choices=SubjectType.choices)
    subject_name = models.CharField(_("行政相对人名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=60, blank=True)
    # Kept for the office (natural persons); never shown in full outside it.
    id_number = models.CharField(_("居民身份证号码"), max_length=18, blank=True)
    facts = models.TextField(_("事由/违法事实"), blank=True)
    basis = models.TextField(_("依据"))
    content = models.TextField(_("许可内容/处罚内容"))
    fine_amount = models.DecimalField(_("罚款金额（万元）"), max_digits=12, decimal_places=4, null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), db_index=True)
    authority = models.CharField(_("决定机关"), max_length=120)
    valid_until = models.DateField(_("许可有效期至"), null=True, blank=True)
    publicity_until = models.DateField(_("公示截止日期"), null=True, blank=True)
    due_on = models.DateField(_("应公示日期"), db_index=True)
    due_provisional = models.BooleanField(_("期限按暂定日历计算"), default=False)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    end_reason = models.TextField(_("撤下理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("行政许可/处罚决定")
        verbose_name_plural = _("行政许可/处罚决定")
        ordering = ["-decided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "document_number"],
                                               name="decision_number_unique_per_organisation")]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]

    def __str__(self):
        return f"{self.document_number} {self.subject_name}"

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    @property
    def is_person(self) -> bool:
        return self.subject_type == SubjectType.PERSON

    @property
    def is_late(self) -> bool:
        """Published after its due date."""
        return self.published_on is not None and self.published_on > self.due_on

    def is_overdue(self, today) -> bool:
        """Not yet published and past its due date."""
        return self.status == DecisionStatus.DRAFT and today > self.due_on
