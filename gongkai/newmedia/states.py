"""States and audit events of 政务新媒体 accounts and of the requests that open, change and close them.

The transition tables are in ``workflow.py``; the rules behind them (who approves, when an account is
stale) are in ``rules.py``.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class Platform(models.TextChoices):
    """Where an account lives (国办发〔2018〕123号: 微博、微信等第三方平台上的政务账号或应用，以及自行开发建设的移动客户端)."""
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("头条号")
    KUAISHOU = "kuaishou", _("快手")
    CHANNELS = "channels", _("微信视频号")
    APP = "app", _("移动客户端（APP）")
    OTHER = "other", _("其他平台")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("运行中")
    CLOSED = "closed", _("已关闭注销")


class RequestKind(models.TextChoices):
    OPEN = "open", _("开设")
    CHANGE = "change", _("调整")
    CLOSE = "close", _("关闭")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    LEADER_REVIEW = "leader_review", _("待本单位负责人同意")
    SUPERVISOR_REVIEW = "supervisor_review", _("待主管单位审核")
    RETURNED = "returned", _("已退回修改")
    APPROVED = "approved", _("已批准，待实施备案")
    DONE = "done", _("已实施并备案")
    REJECTED = "rejected", _("不予批准")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_REQUEST_STATES = (RequestStatus.DRAFT, RequestStatus.LEADER_REVIEW, RequestStatus.SUPERVISOR_REVIEW,
                       RequestStatus.RETURNED, RequestStatus.APPROVED)


class UpdateSource(models.TextChoices):
    MANUAL = "manual", _("办公室登记")
    FEED = "feed", _("订阅源读取")


@audit.register
class NewMediaEvent(audit.EventType):
    REQUEST_CREATED = "newmedia_request.created", _("起草政务新媒体申请")
    REQUEST_EDITED = "newmedia_request.edited", _("修改政务新媒体申请")
    REQUEST_SUBMITTED = "newmedia_request.submitted", _("提交本单位负责人同意")
    REQUEST_AGREED = "newmedia_request.agreed", _("本单位负责人同意，报主管单位审核")
    REQUEST_FORWARDED = "newmedia_request.forwarded", _("主管单位转报上一级审核")
    REQUEST_RETURNED = "newmedia_request.returned", _("退回修改")
    REQUEST_APPROVED = "newmedia_request.approved", _("主管单位批准")
    REQUEST_REJECTED = "newmedia_request.rejected", _("主管单位不予批准")
    REQUEST_DONE = "newmedia_request.done", _("实施并登记备案")
    REQUEST_WITHDRAWN = "newmedia_request.withdrawn", _("撤回申请")
    ACCOUNT_UPDATED = "newmedia_account.updated", _("登记账号最近更新")
    ACCOUNT_FEED_READ = "newmedia_account.feed_read", _("从订阅源读取最近更新")
    ACCOUNT_EDITED = "newmedia_account.edited", _("修改账号联系方式或订阅源")


audit.register_values("kind", RequestKind, label=_("申请类型"))
