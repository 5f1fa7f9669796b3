from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .constants import DOMAIN_RELIEF, DOMAIN_SAFETY
from .states import EDITABLE, VersionStatus


class Domain(models.TextChoices):
    SAFETY = DOMAIN_SAFETY, _("安全生产")
    RELIEF = DOMAIN_RELIEF, _("救灾")


class Catalog(TimeStampedModel):
    """A standard disclosure catalog: a national template, or an organisation's derived catalog."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("机构"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="catalogs",
    )
    domain = models.CharField(_("领域"), max_length=12, choices=Domain.choices)
    title = models.CharField(_("名称"), max_length=120)
    is_template = models.BooleanField(_("国家标准模板"), default=False)
    template = models.ForeignKey(
        "self", verbose_name=_("所依据的模板"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="derived",
    )
    source_note = models.TextField(_("来源说明"), blank=True)
    # Catalog-level anomalies of an imported template (e.g. announced vs. actual item count).
    anomalies = models.JSONField(_("异常标记"), default=list, blank=True)

    class Meta:
        verbose_name = _("标准目录")
        verbose_name_plural = _("标准目录")
        ordering = ["is_template", "organisation__path", "domain"]
        constraints = [
            models.UniqueConstraint(fields=["domain"], condition=Q(is_template=True), name="catalog_one_template_per_domain"),
            models.UniqueConstraint(fields=["organisation", "domain"], condition=Q(is_template=False), name="catalog_one_per_org_domain"),
            models.CheckConstraint(
                condition=Q(is_template=True, organisation__isnull=True) | Q(is_template=False, organisation__isnull=False),
                name="catalog_template_has_no_organisation",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:catalog", args=[self.pk])

    @property
    def published_version(self):
        return self.versions.filter(status=VersionStatus.PUBLISHED).first()

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class CatalogVersion(TimeStampedModel):
    """One version of a catalog. Published and superseded versions are never edited."""

    catalog = models.ForeignKey(Catalog, verbose_name=_("目录"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", verbose_name=_("上一版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("报审时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("目录版本")
        verbose_name_plural = _("目录版本")
        ordering = ["catalog", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "number"], name="catalog_version_unique_number"),
            models.UniqueConstraint(fields=["catalog"], condition=Q(status=VersionStatus.PUBLISHED), name="catalog_one_published_version"),
            models.UniqueConstraint(
                fields=["catalog"], condition=Q(status__in=["draft", "submitted", "returned"]), name="catalog_one_open_version",
            ),
        ]

    def __str__(self):
        return f"{self.catalog} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class CatalogItem(models.Model):
    """A second-level disclosure item (二级事项) with every element of the official table."""

    version = models.ForeignKey(CatalogVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="items")
    # Stable identity across versions ("政策文件/1" for template rows, "local/<n>" for local items).
    key = models.CharField(_("事项标识"), max_length=80)
    template_key = models.CharField(_("对应模板事项"), max_length=80, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    first_level = models.CharField(_("一级事项"), max_length=60)
    number = models.PositiveIntegerField(_("序号"))
    second_level = models.CharField(_("二级事项"), max_length=120)
    content = models.TextField(_("公开内容"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit_text = models.CharField(_("公开时限"), max_length=200, blank=True)
    time_limit_rule = models.JSONField(_("时限规则"), default=dict, blank=True)
    subject = models.CharField(_("公开主体"), max_length=120, blank=True)
    # Lists of labels from constants.CHANNELS / AUDIENCES / MODES / LEVELS; None = not determined.
    channels = models.JSONField(_("公开渠道和载体"), null=True, blank=True)
    audience = models.JSONField(_("公开对象"), null=True, blank=True)
    mode = models.JSONField(_("公开方式"), null=True, blank=True)
    level = models.JSONField(_("公开层级"), null=True, blank=True)
    is_local = models.BooleanField(_("本地新增事项"), default=False)
    retired = models.BooleanField(_("已停用"), default=False)
    retired_reason = models.TextField(_("停用理由"), blank=True)
    anomalies = models.JSONField(_("异常标记"), default=list, blank=True)
    source = models.JSONField(_("原表文本"), default=dict, blank=True)

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="catalog_item_unique_key")]

    def __str__(self):
        return f"{self.first_level} / {self.number} {self.second_level}"

    @property
    def open_anomalies(self) -> list[dict]:
        return [a for a in self.anomalies if not a.get("resolved")]
