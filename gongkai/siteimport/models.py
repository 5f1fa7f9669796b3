"""What an import keeps: batches, each imported page (its original URL for redirects), its files, column mappings."""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageStatus(models.TextChoices):
    IMPORTED = "imported", _("已导入并发布")
    REVIEW = "review", _("已导入，待审（发现个人信息）")
    UNMAPPED = "unmapped", _("待确认栏目对应的目录事项")
    HELD = "held", _("暂存待补充")


class ImportBatch(models.Model):
    """One run of the importer that wrote something (a run that only finds duplicates leaves no batch)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("导入时间"))
    source = models.CharField(_("来源"), max_length=300)
    summary = models.JSONField(_("汇总"), default=dict)
    report = models.JSONField(_("逐页报告"), default=list)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-id"]


class ColumnMapping(models.Model):
    """Old site column (栏目) → catalog item of the organisation; pages wait until the office confirms it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    column = models.CharField(_("原网站栏目"), max_length=120)
    catalog_key = models.CharField(_("目录事项标识"), max_length=80, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("栏目对应关系")
        verbose_name_plural = _("栏目对应关系")
        constraints = [models.UniqueConstraint(fields=["organisation", "column"], name="siteimport_mapping_unique")]

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None and bool(self.catalog_key)


class ImportedPage(models.Model):
    """One page brought over: its original address, identity keys, the record it became (or why it waits)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="pages")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    record = models.OneToOneField("records.Record", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="imported_from")
    status = models.CharField(_("状态"), max_length=12, choices=PageStatus.choices)
    source_path = models.CharField(_("来源文件"), max_length=500)
    original_url = models.CharField(_("原网址"), max_length=1000, blank=True)
    # The old address's path (and query), as the portal receives it, for the permanent redirect.
    original_path = models.CharField(max_length=1000, blank=True, db_index=True)
    issuer = models.CharField(_("发布机构"), max_length=200)
    index_number = models.CharField(_("索引号"), max_length=80, blank=True)
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    content_hash = models.CharField(max_length=64)
    column = models.CharField(_("原网站栏目"), max_length=120, blank=True)
    fields = models.JSONField(_("页面内容"), default=dict)  # what the page said, to finish a waiting page later
    problems = models.JSONField(_("问题"), default=list)
    findings = models.JSONField(_("隐私检查发现"), default=list)

    class Meta:
        verbose_name = _("导入页面")
        verbose_name_plural = _("导入页面")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "content_hash"], name="siteimport_page_hash")]
        indexes = [models.Index(fields=["organisation", "issuer", "index_number"]),
                   models.Index(fields=["organisation", "issuer", "document_number"])]


def file_path(instance, filename):
    return f"siteimport/{instance.page.organisation_id}/{uuid.uuid4().hex}"


class ImportedFile(models.Model):
    """An attachment of an imported page as downloaded, stored through the storage API with its hash."""

    page = models.ForeignKey(ImportedPage, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=file_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8)
    original_url = models.CharField(_("原网址"), max_length=1000, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["page", "id"]


class JobStatus(models.TextChoices):
    CRAWLING = "crawling", _("正在抓取并试运行")
    ANALYSED = "analysed", _("试运行完成，待确认")
    IMPORTING = "importing", _("正在导入")
    DONE = "done", _("已导入")
    FAILED = "failed", _("失败")


def upload_path(instance, filename):
    return f"siteimport/{instance.organisation_id}/uploads/{uuid.uuid4().hex}"


class ImportJob(models.Model):
    """An import started from the office pages: an uploaded file, or a site crawled by the background job."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"))
    upload = models.FileField(upload_to=upload_path, max_length=200, blank=True)
    upload_name = models.CharField(_("上传的文件"), max_length=200, blank=True)
    start_url = models.CharField(_("网站地址"), max_length=1000, blank=True)
    max_pages = models.PositiveIntegerField(_("最多页面数"), default=200)
    status = models.CharField(_("状态"), max_length=12, choices=JobStatus.choices)
    crawl_state = models.JSONField(default=dict, blank=True)  # where a crawl stopped, to resume it
    report = models.JSONField(_("试运行报告"), default=list, blank=True)
    summary = models.JSONField(_("汇总"), default=dict, blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-id"]

    @property
    def is_site(self) -> bool:
        return bool(self.start_url)
