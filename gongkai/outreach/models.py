"""Press conferences (新闻发布会), the head's signed articles (署名文章) and open days (政府开放日) with
their public sign-ups (seed 003 二, 五（三）, 附件1 tasks 11 and 22). Tables only: the workflows are in
``workflow.py``, the writes in ``services.py``."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import ArticleStatus, ConferenceStatus, OpenDayStatus


class PressConference(TimeStampedModel):
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="press_conferences")
    title = models.CharField(_("发布会主题"), max_length=200)
    starts_at = models.DateTimeField(_("召开时间"), db_index=True)
    place = models.CharField(_("地点"), max_length=200)
    speakers = models.CharField(_("发布人"), max_length=300, help_text=_("出席发布的负责人、新闻发言人及其职务。"))
    head_attends = models.BooleanField(_("主要负责人出席"), default=False)
    head_post = models.CharField(_("主要负责人职务"), max_length=80, blank=True)
    summary = models.TextField(_("发布内容简介"), blank=True)
    live_url = models.CharField(_("网络直播链接"), max_length=300, blank=True)
    transcript = models.TextField(_("文字实录"), blank=True)
    transcript_url = models.CharField(_("实录链接"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ConferenceStatus.choices,
                              default=ConferenceStatus.PLANNED)
    announced_at = models.DateTimeField(_("预告发布时间"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("实录公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("新闻发布会")
        verbose_name_plural = verbose_name
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "starts_at"], name="conference_org_state")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach_office:conference", args=[self.pk])


class SignedArticle(TimeStampedModel):
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="signed_articles")
    title = models.CharField(_("文章标题"), max_length=200)
    author_post = models.CharField(_("署名人职务"), max_length=80, help_text=_("如：局长（主要负责人）。"))
    outlet = models.CharField(_("发表媒体"), max_length=200, blank=True)
    published_on = models.DateField(_("发表日期"), null=True, blank=True, db_index=True)
    url = models.CharField(_("文章链接"), max_length=300, blank=True)
    summary = models.TextField(_("内容摘要"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("署名文章")
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach_office:article", args=[self.pk])


class OpenDay(TimeStampedModel):
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="open_days")
    title = models.CharField(_("活动名称"), max_length=200)
    starts_at = models.DateTimeField(_("活动时间"), db_index=True)
    place = models.CharField(_("地点"), max_length=200)
    capacity = models.PositiveIntegerField(_("名额"))
    signup_opens_at = models.DateTimeField(_("报名开始时间"))
    signup_closes_at = models.DateTimeField(_("报名截止时间"))
    description = models.TextField(_("活动安排"))
    status = models.CharField(_("状态"), max_length=12, choices=OpenDayStatus.choices, default=OpenDayStatus.PLANNED)
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    report = models.TextField(_("活动情况"), blank=True, help_text=_("听取的意见建议及办理情况。"))
    recorded_at = models.DateTimeField(_("活动情况公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("政府开放日")
        verbose_name_plural = verbose_name
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach_office:open_day", args=[self.pk])


class OpenDaySignup(models.Model):
    """One person's sign-up for an open day: personal data, seen by the organisation's office only."""

    open_day = models.ForeignKey(OpenDay, verbose_name=_("政府开放日"), on_delete=models.CASCADE,
                                 related_name="signups")
    number = models.CharField(_("报名编号"), max_length=40, unique=True)
    name = models.CharField(_("姓名"), max_length=60)
    phone = models.CharField(_("联系电话"), max_length=30)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    created_at = models.DateTimeField(_("报名时间"))

    class Meta:
        verbose_name = _("开放日报名")
        verbose_name_plural = verbose_name
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["open_day", "phone"], name="outreach_signup_one_per_phone")]

    def __str__(self):
        return self.number
