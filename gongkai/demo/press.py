"""Demo data of issue 24 items 9 and 10 (idempotent; every title says it is a demo):

- 阳城县: press conferences of this year — a past one the head attended with its published transcript, a
  quarter with none (shown as missing), one held without the head, and an announced one with a live
  broadcast; a signed article being written; an open day taking sign-ups (three demo sign-ups);
- 泽州县's demo hearing gets a live-broadcast link (shown on the public meeting page);
- 阳城县's 办事一本通 gets real content: published 办事指南 records under its service catalog items.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.catalog.selectors import active_items
from gongkai.core import clock
from gongkai.engagement import services as engagement_services
from gongkai.engagement.models import Meeting
from gongkai.organisations.models import Organisation, User
from gongkai.outreach import services
from gongkai.outreach.models import OpenDay, PressConference, SignedArticle
from gongkai.records import services as record_services
from gongkai.records.models import Record

MARK = "（演示）"


def _at(year, month, day, hour=9, minute=30):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _conferences(org, office, year: int, now) -> None:
    if PressConference.objects.filter(organisation=org).exists():
        return
    q1 = services.conference_create(organisation=org, actor=office, data={
        "title": "2026年安全生产工作新闻发布会" + MARK, "starts_at": _at(year, 2, 26, 10, 0),
        "place": "阳城县人民政府新闻发布厅（演示）", "speakers": "局长（主要负责人）、新闻发言人",
        "head_attends": True, "head_post": "局长", "summary": "通报2025年全县安全生产形势，发布2026年安全生产重点工作。"})
    services.conference_record_held(conference=q1, actor=office, speakers=q1.speakers, head_attended=True,
                                    head_post="局长", live_url="https://live.example.gov.cn/yc/2026-02-26")
    services.conference_publish_record(conference=q1, actor=office, transcript=(
        "主持人：各位记者朋友，上午好！今天我们召开2026年安全生产工作新闻发布会。\n"
        "局长：2025年，全县生产安全事故起数和死亡人数实现“双下降”。2026年，我们将重点抓好煤矿、非煤矿山、"
        "危险化学品等重点行业领域专项整治……\n记者：今年隐患排查有哪些新举措？\n"
        "新闻发言人：今年全面推行企业隐患自查自报，举报电话12350全天候受理……（演示实录）"))
    q3 = services.conference_create(organisation=org, actor=office, data={
        "title": "防汛救灾工作新闻通气会" + MARK, "starts_at": _at(year, 7, 16, 15, 0),
        "place": "阳城县应急管理局会议室（演示）", "speakers": "副局长、新闻发言人"})
    services.conference_record_held(conference=q3, actor=office, speakers=q3.speakers, head_attended=False)
    upcoming = max(now + dt.timedelta(days=9), _at(year, 12, 16, 10, 0)).replace(hour=10, minute=0)
    q4 = services.conference_create(organisation=org, actor=office, data={
        "title": "冬春季安全防范新闻发布会" + MARK, "starts_at": upcoming.replace(second=0, microsecond=0),
        "place": "阳城县人民政府新闻发布厅（演示）", "speakers": "局长（主要负责人）、新闻发言人",
        "head_attends": True, "head_post": "局长", "summary": "发布冬春季森林防火、烟花爆竹和燃气安全防范提示。",
        "live_url": "https://live.example.gov.cn/yc/winter"})
    services.conference_announce(conference=q4, actor=office)


def _article(org, office) -> None:
    if not SignedArticle.objects.filter(organisation=org).exists():
        services.article_create(organisation=org, actor=office, title="以公开促落实 让安全生产信息看得见" + MARK,
                                author_post="局长（主要负责人）",
                                summary="演示数据：围绕重大决策公开、隐患整改公开和救助资金公开撰写的署名文章，拟于年底前在市级媒体发表。")


def _open_day(org, office, now) -> None:
    if OpenDay.objects.filter(organisation=org).exists():
        return
    start = (now + dt.timedelta(days=21)).replace(hour=9, minute=0, second=0, microsecond=0)
    day = services.open_day_create(organisation=org, actor=office, data={
        "title": "“走进应急管理局”政府开放日" + MARK, "starts_at": start, "place": "阳城县应急管理局（演示）",
        "capacity": 30, "signup_opens_at": now.replace(second=0, microsecond=0) - dt.timedelta(days=1),
        "signup_closes_at": start - dt.timedelta(days=3),
        "description": "参观县应急指挥中心和救灾物资储备库，观摩应急演练；局领导现场听取意见建议。\n"
                       "请携带身份证件，于活动当日8:45前到局机关一楼大厅签到。（演示活动）"})
    services.open_day_open(open_day=day, actor=office)
    for name, phone in (("王晓东", "13800000001"), ("李红梅", "13800000002"), ("赵建国", "0356-4200003")):
        services.signup_submit(open_day=day, name=name, phone=phone)


def _live_meeting() -> None:
    meeting = Meeting.objects.filter(organisation__code="sx-jc-zz", live_url="",
                                     status__in=("planned", "announced")).order_by("pk").first()
    if meeting is not None:
        office = User.objects.get(username="zz_office")
        engagement_services.meeting_set_live_url(meeting=meeting, actor=office,
                                                 live_url="https://live.example.gov.cn/zz/hearing")


SERVICE_RECORDS = (
    ("主要业务办事指南", "阳城县自然灾害生活救助申请办事指南" + MARK, "阳应急〔2026〕12号",
     "自然灾害受灾群众申请过渡期生活救助、冬春救助的条件、材料、程序和时限。",
     "一、申请条件：因自然灾害造成住房倒塌或严重损坏、无房可住、无生活来源的受灾群众。\n"
     "二、申请材料：救助申请书；户口簿；受灾情况说明。\n"
     "三、办理程序：本人申请，村（居）委会评议并公示，乡镇人民政府审核，县应急管理局审批。\n"
     "四、办理时限：自受理之日起15个工作日内办结。\n五、办理地点：各乡镇便民服务中心、县政务服务中心应急管理窗口。"),
    ("行政许可", "危险化学品经营许可证核发办事指南" + MARK, "阳应急〔2026〕13号",
     "危险化学品经营（不带储存设施）许可的依据、条件、材料、程序和时限。",
     "一、设定依据：《危险化学品安全管理条例》第三十三条。\n二、申请条件：有符合国家标准的经营场所；"
     "主要负责人和安全生产管理人员经考核合格；有健全的安全生产规章制度和岗位操作规程。\n"
     "三、申请材料：申请书、经营场所产权证明、人员资格证书、安全管理制度。\n"
     "四、办理程序：受理—审查—现场核查—决定—送达。\n五、承诺时限：10个工作日（法定时限30日）。\n六、收费：不收费。"),
    ("办事纪律和监督管理", "阳城县应急管理局办事纪律和投诉举报途径" + MARK, "",
     "窗口工作人员“一次告知”等办事纪律，以及投诉举报的受理途径。",
     "一、实行首问负责、一次性告知、限时办结。\n二、投诉举报：12350安全生产举报电话；县应急管理局办公室（工作日8:30—17:30）；"
     "本站“互动参与·我要留言”。"),
)


def _service_records(org) -> None:
    if Record.objects.filter(organisation=org, title=SERVICE_RECORDS[0][1]).exists():
        return
    items = {i.second_level: i for i in active_items(org)}
    drafter, secrecy, office = (User.objects.get(username=u) for u in ("yc_drafter", "yc_secrecy", "yc_office"))
    for item_name, title, number, summary, body in SERVICE_RECORDS:
        if item_name not in items:
            continue
        record = record_services.record_create(organisation=org, catalog_item=items[item_name], actor=drafter, data={
            "issuing_unit": org.name, "attribute": "proactive", "title": title, "doc_number": number,
            "formation_date": clock.today() - dt.timedelta(days=10), "summary": summary, "body": body})
        record = record_services.record_submit(record=record, actor=drafter)
        record = record_services.record_secrecy_review(record=record, actor=secrecy, outcome="cleared", opinion="不涉密")
        for finding in record.findings.filter(status="open"):
            record_services.finding_mask(finding=finding, actor=office)
        record_services.record_publish(record=record, actor=office)


def load_press_demo(stdout=None) -> None:
    """Load the demo of issue 24 items 9 and 10 (needs the organisation, records and engagement demos)."""
    org = Organisation.objects.filter(code="sx-jc-yc").first()
    office = User.objects.filter(username="yc_office").first()
    if org is None or office is None or not User.objects.filter(username="yc_drafter").exists():
        return
    now = clock.now()
    with transaction.atomic():
        _conferences(org, office, now.year, now)
        _article(org, office)
        _open_day(org, office, now)
        _live_meeting()
        _service_records(org)
    from gongkai.oversight import evaluation
    evaluation.refresh(year=now.year, organisation_ids=[org.pk, Organisation.objects.get(code="sx-jc-zz").pk])
    if stdout:
        stdout.write("press demo loaded: press conferences, signed article, open day, live link, 办事一本通 records")
