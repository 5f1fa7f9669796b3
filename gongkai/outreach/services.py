"""Writes of the outreach app: press conferences, signed articles, open days and their public sign-ups.

Every state change runs on the kernel (``workflow.py``); creations check ``OUTREACH_EDIT`` once at the
top. Input is cleaned here (the views only parse): text loses invisible characters, links must be
absolute http(s) links (``core.validators.validate_web_url``), phones and identity numbers follow the
one rule of ``core.validators``.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, sequence, validators
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .models import OpenDay, OpenDaySignup, PressConference, SignedArticle
from .states import OpenDayStatus, OutreachEvent as E
from .workflow import ARTICLE_WORKFLOW, CONFERENCE_WORKFLOW, OPEN_DAY_WORKFLOW

MAX_TEXT = 20_000
MAX_CAPACITY = 10_000


def _text(problems: list, value, label, limit: int, *, required: bool = True) -> str:
    value = validators.clean_text(value if isinstance(value, str) else "")
    if value and not validators.has_visible_text(value):
        value = ""
    if required and not value:
        problems.append(_("%(f)s不能为空。") % {"f": label})
    elif len(value) > limit:
        problems.append(_("%(f)s不能超过%(n)d字。") % {"f": label, "n": limit})
    return value


def _link(problems: list, value, label, *, required: bool = False) -> str:
    if value is not None and not isinstance(value, str):
        problems.append(_("%(f)s：请填写以 http:// 或 https:// 开头的完整链接。") % {"f": label})
        return ""
    value = validators.normalise_web_url(value or "")
    if not value:
        if required:
            problems.append(_("请填写%(f)s。") % {"f": label})
        return ""
    try:
        validators.validate_web_url(value)
    except ValidationError as exc:
        problems.extend(f"{label}：{m}" for m in exc.messages)
    return value


def _moment(problems: list, value, label) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        problems.append(_("请填写%(f)s。") % {"f": label})
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.replace(second=0, microsecond=0)


def _fail(problems: list[str], message: str | None = None) -> None:
    if problems:
        raise ValidationFailed(message or _("输入有误，未作任何修改。"), problems=problems)


# ---------------------------------------------------------------- press conferences

def _conference_data(data: dict) -> dict:
    p: list[str] = []
    clean = {
        "title": _text(p, data.get("title"), _("发布会主题"), 200),
        "starts_at": _moment(p, data.get("starts_at"), _("召开时间")),
        "place": _text(p, data.get("place"), _("地点"), 200),
        "speakers": _text(p, data.get("speakers"), _("发布人"), 300),
        "head_attends": bool(data.get("head_attends")),
        "head_post": _text(p, data.get("head_post"), _("主要负责人职务"), 80, required=False),
        "summary": _text(p, data.get("summary"), _("发布内容简介"), MAX_TEXT, required=False),
        "live_url": _link(p, data.get("live_url"), _("网络直播链接")),
    }
    if clean["head_attends"] and not clean["head_post"]:
        p.append(_("主要负责人出席的，请填写其职务（如：局长）。"))
    _fail(p, _("发布会信息不完整。"))
    return clean


@transaction.atomic
def conference_create(*, organisation: Organisation, actor, data: dict) -> PressConference:
    require(actor, Action.OUTREACH_EDIT, organisation)
    conf = PressConference.objects.create(organisation=organisation, created_by=actor, **_conference_data(data))
    audit.record(E.CONFERENCE_CREATED, actor=actor, organisation=organisation, target=conf,
                 after={"status": conf.status, "starts_at": conf.starts_at.isoformat()})
    return conf


def conference_update(*, conference: PressConference, actor, data: dict) -> PressConference:
    clean = _conference_data(data)

    def apply(c):
        for k, v in clean.items():
            setattr(c, k, v)
    return CONFERENCE_WORKFLOW.run("edit", conference, actor=actor, apply=apply).instance


def conference_announce(*, conference: PressConference, actor) -> PressConference:
    def apply(c):
        c.announced_at = clock.now()
    return CONFERENCE_WORKFLOW.run("announce", conference, actor=actor, apply=apply).instance


def conference_record_held(*, conference: PressConference, actor, speakers: str, head_attended: bool,
                           head_post: str = "", live_url: str = "") -> PressConference:
    """Record that the conference took place, who spoke and whether the head (主要负责人) attended."""
    p: list[str] = []
    speakers = _text(p, speakers, _("发布人"), 300)
    head_post = _text(p, head_post, _("主要负责人职务"), 80, required=False)
    live_url = _link(p, live_url, _("网络直播链接"))
    if head_attended and not head_post:
        p.append(_("主要负责人出席的，请填写其职务（如：局长）。"))
    _fail(p)

    def apply(c):
        c.speakers, c.head_attends, c.head_post = speakers, bool(head_attended), head_post
        c.live_url = live_url or c.live_url
    return CONFERENCE_WORKFLOW.run("record_held", conference, actor=actor, apply=apply,
                                   extra={"head_attends": bool(head_attended)}).instance


def conference_publish_record(*, conference: PressConference, actor, transcript: str = "",
                              transcript_url: str = "") -> PressConference:
    """Publish the conference's record (文字实录 and/or a link to the 实录 or the broadcast replay)."""
    p: list[str] = []
    transcript = _text(p, transcript, _("文字实录"), 200_000, required=False)
    transcript_url = _link(p, transcript_url, _("实录链接"))
    if not (transcript or transcript_url):
        p.append(_("请填写文字实录或实录链接。"))
    _fail(p)

    def apply(c):
        c.transcript, c.transcript_url, c.recorded_at = transcript, transcript_url, clock.now()
    return CONFERENCE_WORKFLOW.run("publish_record", conference, actor=actor, apply=apply).instance


def conference_cancel(*, conference: PressConference, actor, reason: str) -> PressConference:
    p: list[str] = []
    reason = _text(p, reason, _("取消理由"), 500)
    _fail(p)
    return CONFERENCE_WORKFLOW.run("cancel", conference, actor=actor, reason=reason).instance


# ---------------------------------------------------------------- signed articles

@transaction.atomic
def article_create(*, organisation: Organisation, actor, title: str, author_post: str,
                   summary: str = "") -> SignedArticle:
    require(actor, Action.OUTREACH_EDIT, organisation)
    p: list[str] = []
    clean = {"title": _text(p, title, _("文章标题"), 200), "author_post": _text(p, author_post, _("署名人职务"), 80),
             "summary": _text(p, summary, _("内容摘要"), MAX_TEXT, required=False)}
    _fail(p)
    article = SignedArticle.objects.create(organisation=organisation, created_by=actor, **clean)
    audit.record(E.ARTICLE_CREATED, actor=actor, organisation=organisation, target=article,
                 after={"status": article.status})
    return article


def article_publish(*, article: SignedArticle, actor, outlet: str, published_on, url: str) -> SignedArticle:
    p: list[str] = []
    outlet = _text(p, outlet, _("发表媒体"), 200)
    url = _link(p, url, _("文章链接"), required=True)
    if not isinstance(published_on, dt.date) or isinstance(published_on, dt.datetime):
        p.append(_("请填写发表日期。"))
    elif published_on > clock.today():
        p.append(_("发表日期不能晚于今天。"))
    _fail(p)

    def apply(a):
        a.outlet, a.published_on, a.url = outlet, published_on, url
    return ARTICLE_WORKFLOW.run("publish", article, actor=actor, apply=apply,
                                extra={"published_on": published_on.isoformat()}).instance


def article_cancel(*, article: SignedArticle, actor, reason: str) -> SignedArticle:
    p: list[str] = []
    reason = _text(p, reason, _("理由"), 500)
    _fail(p)
    return ARTICLE_WORKFLOW.run("cancel", article, actor=actor, reason=reason).instance


# ---------------------------------------------------------------- open days

def _open_day_data(data: dict) -> dict:
    p: list[str] = []
    clean = {
        "title": _text(p, data.get("title"), _("活动名称"), 200),
        "starts_at": _moment(p, data.get("starts_at"), _("活动时间")),
        "place": _text(p, data.get("place"), _("地点"), 200),
        "description": _text(p, data.get("description"), _("活动安排"), MAX_TEXT),
        "signup_opens_at": _moment(p, data.get("signup_opens_at"), _("报名开始时间")),
        "signup_closes_at": _moment(p, data.get("signup_closes_at"), _("报名截止时间")),
    }
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        p.append(_("名额须为1至%(n)d之间的整数。") % {"n": MAX_CAPACITY})
    clean["capacity"] = capacity
    opens, closes, starts = clean["signup_opens_at"], clean["signup_closes_at"], clean["starts_at"]
    if opens and closes and opens >= closes:
        p.append(_("报名截止时间须晚于报名开始时间。"))
    if closes and starts and closes > starts:
        p.append(_("报名须在活动开始前截止。"))
    _fail(p, _("开放日信息不完整。"))
    return clean


@transaction.atomic
def open_day_create(*, organisation: Organisation, actor, data: dict) -> OpenDay:
    require(actor, Action.OUTREACH_EDIT, organisation)
    day = OpenDay.objects.create(organisation=organisation, created_by=actor, **_open_day_data(data))
    audit.record(E.OPEN_DAY_CREATED, actor=actor, organisation=organisation, target=day,
                 after={"status": day.status, "starts_at": day.starts_at.isoformat(), "capacity": day.capacity})
    return day


def open_day_update(*, open_day: OpenDay, actor, data: dict) -> OpenDay:
    clean = _open_day_data(data)

    def apply(d):
        taken = d.signups.count()
        if clean["capacity"] < taken:
            raise ValidationFailed(_("名额不能少于已报名人数（%(n)d人）。") % {"n": taken},
                                   problems=[_("名额不能少于已报名人数（%(n)d人）。") % {"n": taken}])
        for k, v in clean.items():
            setattr(d, k, v)
    return OPEN_DAY_WORKFLOW.run("edit", open_day, actor=actor, apply=apply,
                                 extra={"capacity": clean["capacity"]}).instance


def open_day_open(*, open_day: OpenDay, actor) -> OpenDay:
    def apply(d):
        d.opened_at = clock.now()
    return OPEN_DAY_WORKFLOW.run("open", open_day, actor=actor, apply=apply).instance


def open_day_record_held(*, open_day: OpenDay, actor, attendance, report: str) -> OpenDay:
    p: list[str] = []
    if not isinstance(attendance, int) or isinstance(attendance, bool) or not 0 <= attendance <= MAX_CAPACITY:
        p.append(_("实到人数无效。"))
    report = _text(p, report, _("活动情况"), MAX_TEXT)
    _fail(p)

    def apply(d):
        d.attendance, d.report = attendance, report
    return OPEN_DAY_WORKFLOW.run("record_held", open_day, actor=actor, apply=apply,
                                 extra={"attendance": attendance}).instance


def open_day_publish_record(*, open_day: OpenDay, actor) -> OpenDay:
    def apply(d):
        d.recorded_at = clock.now()
    return OPEN_DAY_WORKFLOW.run("publish_record", open_day, actor=actor, apply=apply).instance


def open_day_cancel(*, open_day: OpenDay, actor, reason: str) -> OpenDay:
    p: list[str] = []
    reason = _text(p, reason, _("取消理由"), 500)
    _fail(p)
    return OPEN_DAY_WORKFLOW.run("cancel", open_day, actor=actor, reason=reason).instance


# ---------------------------------------------------------------- public sign-up

def signup_problem(day: OpenDay, now: dt.datetime) -> str | None:
    """Why `day` takes no sign-up at `now` (state and window; capacity is checked under the lock)."""
    if day.status != OpenDayStatus.OPEN:
        return _("该活动不接受报名。")
    if now < day.signup_opens_at:
        return _("报名尚未开始。")
    if now >= day.signup_closes_at:
        return _("报名已截止。")
    return None


def _signup_data(name, phone, id_number) -> dict:
    p: list[str] = []
    clean = {"name": _text(p, name, _("姓名"), 60), "phone": validators.normalise_phone(phone or "")}
    if not clean["phone"]:
        p.append(_("联系电话不能为空。"))
    else:
        try:
            validators.validate_phone(clean["phone"])
        except ValidationError as exc:
            p.extend(exc.messages)
    clean["id_number"] = validators.normalise_id_number(id_number or "") if isinstance(id_number, str) else ""
    if clean["id_number"]:
        try:
            validators.validate_id_number(clean["id_number"])
        except ValidationError as exc:
            p.extend(exc.messages)
    _fail(p, _("报名信息有误。"))
    return clean


def signup_submit(*, open_day: OpenDay, name: str, phone: str, id_number: str = "") -> OpenDaySignup:
    """Sign one person up: refused outside the window, when full (checked under the open day's row
    lock, so concurrent sign-ups never exceed the capacity) and for a phone number already signed up."""
    clean = _signup_data(name, phone, id_number)
    full = _("名额已满，报名未成功。")
    duplicate = _("该联系电话已报名本次活动，无须重复报名。")
    try:
        with transaction.atomic():
            day = OpenDay.objects.select_for_update().get(pk=open_day.pk)
            now = clock.now()
            problem = signup_problem(day, now)
            if problem:
                raise ValidationFailed(problem, problems=[problem])
            if day.signups.filter(phone=clean["phone"]).exists():
                raise ValidationFailed(duplicate, problems=[duplicate])
            if day.signups.count() >= day.capacity:
                raise ValidationFailed(full, problems=[full])
            serial = sequence.next_value(f"outreach.signup.{day.pk}")
            signup = OpenDaySignup.objects.create(open_day=day, number=f"KFR-{day.pk}-{serial:04d}",
                                                  created_at=now, **clean)
            audit.record(E.SIGNUP_RECEIVED, actor=None, organisation=day.organisation, target=signup,
                         after={"open_day": day.pk, "number": signup.number})
    except IntegrityError:  # the same phone raced past the check: the unique constraint refuses it
        raise ValidationFailed(duplicate, problems=[duplicate]) from None
    return signup
