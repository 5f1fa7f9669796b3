"""States and audit events of press conferences, signed articles and open days (the transition tables
are in ``workflow.py``)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class ConferenceStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    ANNOUNCED = "announced", _("已发布预告")
    HELD = "held", _("已召开")
    RECORDED = "recorded", _("实录已公开")
    CANCELLED = "cancelled", _("已取消")


class ArticleStatus(models.TextChoices):
    PLANNED = "planned", _("撰写中")
    PUBLISHED = "published", _("已发表")
    CANCELLED = "cancelled", _("已撤销")


class OpenDayStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    OPEN = "open", _("已发布（接受报名）")
    HELD = "held", _("已举办")
    RECORDED = "recorded", _("活动情况已公开")
    CANCELLED = "cancelled", _("已取消")


# What the public sees: a conference once announced, an open day once published.
PUBLIC_CONFERENCE = (ConferenceStatus.ANNOUNCED, ConferenceStatus.HELD, ConferenceStatus.RECORDED,
                     ConferenceStatus.CANCELLED)
HELD_CONFERENCE = (ConferenceStatus.HELD, ConferenceStatus.RECORDED)
PUBLIC_OPEN_DAY = (OpenDayStatus.OPEN, OpenDayStatus.HELD, OpenDayStatus.RECORDED, OpenDayStatus.CANCELLED)
HELD_OPEN_DAY = (OpenDayStatus.HELD, OpenDayStatus.RECORDED)


@audit.register
class OutreachEvent(audit.EventType):
    CONFERENCE_CREATED = "outreach.conference_created", _("登记新闻发布会")
    CONFERENCE_EDITED = "outreach.conference_edited", _("修改新闻发布会")
    CONFERENCE_ANNOUNCED = "outreach.conference_announced", _("发布新闻发布会预告")
    CONFERENCE_HELD = "outreach.conference_held", _("记录新闻发布会召开情况")
    CONFERENCE_RECORDED = "outreach.conference_recorded", _("公开新闻发布会实录")
    CONFERENCE_CANCELLED = "outreach.conference_cancelled", _("取消新闻发布会")
    ARTICLE_CREATED = "outreach.article_created", _("登记署名文章")
    ARTICLE_PUBLISHED = "outreach.article_published", _("登记署名文章发表情况")
    ARTICLE_CANCELLED = "outreach.article_cancelled", _("撤销署名文章")
    OPEN_DAY_CREATED = "outreach.open_day_created", _("登记政府开放日")
    OPEN_DAY_EDITED = "outreach.open_day_edited", _("修改政府开放日")
    OPEN_DAY_OPENED = "outreach.open_day_opened", _("发布政府开放日并接受报名")
    OPEN_DAY_HELD = "outreach.open_day_held", _("记录政府开放日举办情况")
    OPEN_DAY_RECORDED = "outreach.open_day_recorded", _("公开政府开放日活动情况")
    OPEN_DAY_CANCELLED = "outreach.open_day_cancelled", _("取消政府开放日")
    SIGNUP_RECEIVED = "outreach.signup_received", _("收到开放日报名")


audit.register_values("status", ConferenceStatus, model="outreach.pressconference")
audit.register_values("status", ArticleStatus, model="outreach.signedarticle")
audit.register_values("status", OpenDayStatus, model="outreach.openday")
