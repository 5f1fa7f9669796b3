"""政务新媒体: the register of an organisation's accounts, the log of their updates, and the requests that
open, change and close them (approved level by level; ``rules.py``)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import AccountStatus, Platform, RequestKind, RequestStatus, UpdateSource

NAME_MAX = 60
HANDLE_MAX = 100
URL_MAX = 300
UNIT_MAX = 120
PURPOSE_MAX = 500
CONTACT_MAX = 100
REASON_MAX = 2000
FILING_MAX = 60


class AccountFields(models.Model):
    """What an account is: the fields an opening or change request proposes and the register keeps."""

    platform = models.CharField(_("平台"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=NAME_MAX)
    handle = models.CharField(_("账号ID"), max_length=HANDLE_MAX, blank=True,
                                  help_text=_("微信号、微博ID、抖音号等；客户端填写应用名称或下载页。"))
    url = models.URLField(_("访问链接"), max_length=URL_MAX, blank=True)
    operator = models.CharField(_("运维单位"), max_length=UNIT_MAX,
                                help_text=_("具体承担日常运维的股室或受委托机构。"))
    purpose = models.CharField(_("功能定位"), max_length=PURPOSE_MAX)
    contact = models.CharField(_("联系方式"), max_length=CONTACT_MAX,
                               help_text=_("负责股室及办公电话，不填个人手机号。"))

    class Meta:
        abstract = True


class Account(AccountFields, TimeStampedModel):
    """政务新媒体账号 registered for an organisation (its 主办单位) once its opening was approved."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("主办单位"),
                                     on_delete=models.PROTECT, related_name="newmedia_accounts")
    competent = models.ForeignKey("organisations.Organisation", verbose_name=_("主管单位"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=8, choices=AccountStatus.choices, default=AccountStatus.ACTIVE)
    registered_on = models.DateField(_("开设备案日期"))
    filing_number = models.CharField(_("备案编号"), max_length=FILING_MAX, blank=True)
    closed_on = models.DateField(_("关闭注销日期"), null=True, blank=True)
    feed_url = models.URLField(_("订阅源（RSS/Atom）"), max_length=URL_MAX, blank=True,
                               help_text=_("平台提供订阅源时填写，系统定时读取最近更新日期。"))
    last_update = models.DateField(_("最近更新日期"), null=True, blank=True)
    last_update_source = models.CharField(_("最近更新来源"), max_length=8, choices=UpdateSource.choices, blank=True)
    feed_checked_at = models.DateTimeField(_("订阅源读取时间"), null=True, blank=True)
    feed_error = models.CharField(_("订阅源读取问题"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        ordering = ["organisation__path", "platform", "name"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.name}（{self.get_platform_display()}）"

    def get_absolute_url(self):
        return reverse("newmedia_office:account", args=[self.pk])


class AccountUpdate(models.Model):
    """One day on which the account published something: entered by the office or read from its feed.

    Kept as a log so the evaluation of a past quarter sees what was known at its monitoring date."""

    account = models.ForeignKey(Account, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="updates")
    published_on = models.DateField(_("更新日期"))
    source = models.CharField(_("来源"), max_length=8, choices=UpdateSource.choices)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("账号更新记录")
        verbose_name_plural = _("账号更新记录")
        constraints = [models.UniqueConstraint(fields=["account", "published_on"], name="newmedia_update_once_a_day")]
        ordering = ["-published_on"]


class AccountRequest(AccountFields, TimeStampedModel):
    """A request to open, adjust or close an account; the proposed fields wait here until approval."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("主办单位"),
                                     on_delete=models.PROTECT, related_name="newmedia_requests")
    kind = models.CharField(_("申请类型"), max_length=8, choices=RequestKind.choices)
    account = models.ForeignKey(Account, verbose_name=_("账号"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="requests")
    status = models.CharField(_("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    reason = models.TextField(_("申请理由"), max_length=REASON_MAX)
    reviewer = models.ForeignKey("organisations.Organisation", verbose_name=_("审核单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="newmedia_reviews")
    approved_by = models.ForeignKey("organisations.Organisation", verbose_name=_("批准单位"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    opinion = models.TextField(_("审核意见"), blank=True)
    filing_number = models.CharField(_("备案编号"), max_length=FILING_MAX, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("政务新媒体申请")
        verbose_name_plural = _("政务新媒体申请")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "reviewer"]), models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"

    def get_absolute_url(self):
        return reverse("newmedia_office:request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in {s.value for s in (RequestStatus.DRAFT, RequestStatus.LEADER_REVIEW,
                                                 RequestStatus.SUPERVISOR_REVIEW, RequestStatus.RETURNED,
                                                 RequestStatus.APPROVED)}
