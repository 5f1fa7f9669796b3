"""Stored wording findings of any content object, and the text held for objects written only on submission."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .states import FindingStatus, Kind, Severity


class WordingFinding(models.Model):
    """One finding of the wording check at a place in one text field of one object.

    ``start``/``end`` are offsets in the field's current text (kept current by every re-check);
    ``context`` (the characters just before) tells occurrences of the same text apart when the
    text around them changes.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机关"), on_delete=models.CASCADE,
                                     related_name="+")
    field = models.CharField(_("字段"), max_length=60)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    text = models.TextField(_("原文"))
    context = models.CharField(_("前文"), max_length=20, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices)
    suggestion = models.TextField(_("修改建议"), blank=True)
    rule = models.CharField(_("规则"), max_length=200)
    explanation = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    override_reason = models.TextField(_("保留理由"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("发现时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("措辞检查结果")
        verbose_name_plural = _("措辞检查结果")
        ordering = ["field", "start", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self):
        return f"{self.text} → {self.suggestion}" if self.suggestion else self.text


class HeldText(models.Model):
    """The text of an object that is written only when it is submitted (a reply letter, a message
    answer, the 指南), held here while a wording finding blocks the submission, so the office can
    fix it in place."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("字段"), max_length=60)
    text = models.TextField(_("待提交文本"))
    updated_at = models.DateTimeField(_("保存时间"), auto_now=True)

    class Meta:
        verbose_name = _("待提交文本")
        verbose_name_plural = _("待提交文本")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "field"],
                                               name="proofing_held_text_once")]
