"""Load demo 政务新媒体 accounts and requests through the real services (idempotent).

Needs the demo tree and logins (load_demo). Each account is opened the way the rules say — drafted by the
office, agreed by the leader, approved by the 主管单位 (the parent organisation), carried out and filed —
with the clock pinned to its opening day. Creates: registered accounts of the province, the city and both
counties with their updates; one 泽州县 account left without updates for three weeks (stale: a 单项否决
item); one 阳城县 opening request waiting in 晋城市's review queue and one returned to 阳城县's office for
changes; one 泽州县 request waiting for its leader. Every name carries DEMO_MARK and every purpose starts with "演示数据", besides the site-wide banner.
"""
import datetime as dt
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.core import clock
from gongkai.newmedia import services
from gongkai.newmedia.models import Account, AccountRequest
from gongkai.newmedia.services.accounts import note_update
from gongkai.newmedia.states import UpdateSource
from gongkai.newmedia.workflow import ACCOUNT_WORKFLOW, REQUEST_WORKFLOW
from gongkai.organisations.models import Organisation, User

DEMO_MARK = "（演示）"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# organisation, office login, leader login, supervisor login of the parent, platform, name, id, operator,
# purpose, opened (days ago), updates (days ago)
ACCOUNTS = [
    ("sx", None, None, "sx_supervisor", "wechat", "山西省应急管理厅", "sxyjglt_demo", "厅办公室",
     "发布全省应急管理工作动态、预警信息和政策解读", 900, [1, 3, 6]),
    ("sx-jc", None, None, "sx_supervisor", "wechat", "晋城市应急管理局", "jcyjglj_demo", "局办公室",
     "发布全市安全生产和防灾减灾信息、预警提示和政策解读", 720, [2, 5, 9]),
    ("sx-jc", None, None, "sx_supervisor", "weibo", "晋城应急管理", "jcyjgl_demo", "局办公室",
     "突发事件权威信息发布和回应关切", 700, [4, 12]),
    ("sx-jc-zz", "zz_office", "zz_leader", "jc_supervisor", "wechat", "泽州县应急管理局", "zzyjglj_demo",
     "局办公室", "发布本县安全生产、防汛抗旱和救灾信息，开展政策解读", 500, [2, 8]),
    ("sx-jc-zz", "zz_office", "zz_leader", "jc_supervisor", "douyin", "泽州应急", "zzyj_demo",
     "局办公室（委托泽州县融媒体中心制作）", "安全生产和防灾减灾科普短视频", 300, [21, 30]),
    ("sx-jc-yc", "yc_office", "yc_leader", "jc_supervisor", "wechat", "阳城县应急管理局", "ycyjglj_demo",
     "局办公室", "发布本县应急管理工作动态、预警信息和办事指南", 420, [3, 7]),
]


_TODAY: list[dt.date] = []  # the real day the demo is loaded on (the clock is pinned while loading)


def _at(days_ago: int, hour: int = 10) -> dt.datetime:
    day = _TODAY[0] - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=SHANGHAI)


class Command(BaseCommand):
    help = "Load demo 政务新媒体 accounts, updates and requests (idempotent)."

    def handle(self, *args, **options):
        orgs = {o.code: o for o in Organisation.objects.filter(code__in={a[0] for a in ACCOUNTS})}
        users = {u.username: u for u in User.objects.filter(username__in=[
            "zz_office", "zz_leader", "yc_office", "yc_leader", "jc_supervisor", "sx_supervisor"])}
        if len(orgs) < 4 or len(users) < 6:
            self.stderr.write("run load_demo first")
            return
        if Account.objects.filter(name__endswith=DEMO_MARK).exists():
            self.stdout.write("newmedia demo already loaded")
            return
        previous = clock._frozen  # a caller (a test) may have pinned the clock: give it back as it was
        _TODAY[:] = [clock.today()]
        try:
            with transaction.atomic():
                for row in ACCOUNTS:
                    self._account(orgs, users, *row)
                self._pending(orgs, users)
        finally:
            clock.pin(previous)
        self.stdout.write("newmedia demo loaded")

    def _open(self, org, office, leader, supervisor, data, when: dt.datetime):
        """Run an opening request from draft to approval with the clock at `when` (hours apart)."""
        clock.pin(when)
        req = services.request_create(organisation=org, actor=office, kind="open", data=data)
        services.request_submit(request=req, actor=office)
        clock.pin(when + dt.timedelta(hours=2))
        services.request_agree(request=req, actor=leader, opinion="同意，报请主管单位审核。")
        if supervisor is None:
            return req
        clock.pin(when + dt.timedelta(days=1))
        return services.request_decide(request=req, actor=supervisor, decision="approve",
                                       opinion="同意开设，请按要求完成备案并落实内容审核制度。")

    def _account(self, orgs, users, code, office_login, leader_login, supervisor_login, platform, name, handle,
                 operator, purpose, opened, updates):
        org = orgs[code]
        # The province and city have no office/leader logins in the demo: their own staff are not modelled,
        # so their steps run as system steps (trusted) with the supervisor's approval.
        office = users.get(office_login) if office_login else None
        leader = users.get(leader_login) if leader_login else None
        supervisor = users[supervisor_login]
        data = {"platform": platform, "name": name + DEMO_MARK, "handle": handle,
                "url": f"https://example.gov.cn/demo/{handle}", "operator": operator,
                "purpose": "演示数据：" + purpose, "contact": f"{org.name}办公室 {org.phone or '0356-0000000'}",
                "reason": "演示数据：按照国办发〔2018〕123号要求开设政务新媒体，拓展政务公开渠道。"}
        if office is None:
            req = self._trusted_open(org, data, _at(opened + 2))
        else:
            req = self._open(org, office, leader, supervisor, data, _at(opened + 2))
        clock.pin(_at(opened, 15))
        if office is None:
            REQUEST_WORKFLOW.run("carry_out", req, actor=None, trusted=True,
                                 apply=lambda locked: self._carry(locked, opened))
            req.refresh_from_db()
        else:
            services.request_carry_out(request=req, actor=office, done_on=clock.today(),
                                       filing_number=f"演示-{handle}")
        account = Account.objects.get(pk=req.account_id)
        for days_ago in sorted(updates, reverse=True):
            clock.pin(_at(days_ago, 18))
            if office is not None:
                services.account_record_update(account=account, actor=office, published_on=clock.today())
            else:  # no office login of its own in the demo: entered as a system step
                ACCOUNT_WORKFLOW.run("record_update", account, actor=None, trusted=True,
                                     apply=lambda locked: note_update(locked, clock.today(), UpdateSource.MANUAL))
            account.refresh_from_db()

    def _trusted_open(self, org, data, when):
        clock.pin(when)
        req = AccountRequest.objects.create(organisation=org, kind="open", **data)
        for name in ("submit", "agree", "approve"):
            REQUEST_WORKFLOW.run(name, req, actor=None, trusted=True, apply=lambda locked, n=name: self._step(locked, n))
            req.refresh_from_db()
        return req

    @staticmethod
    def _step(locked, name):
        if name == "submit":
            locked.submitted_at = clock.now()
        elif name == "agree":
            locked.reviewer = locked.organisation.parent or locked.organisation
        else:
            locked.approved_by = locked.reviewer

    @staticmethod
    def _carry(locked, opened):
        account = Account.objects.create(
            organisation=locked.organisation, competent=locked.approved_by, registered_on=clock.today(),
            filing_number=f"演示-{locked.handle}", contact=locked.contact,
            **{f: getattr(locked, f) for f in services.CHANGED_FIELDS})
        locked.account = account

    def _pending(self, orgs, users):
        clock.pin(_at(3))
        req = services.request_create(organisation=orgs["sx-jc-yc"], actor=users["yc_office"], kind="open", data={
            "platform": "douyin", "name": "阳城县应急管理局" + DEMO_MARK, "handle": "ycyjglj_dy_demo",
            "url": "", "operator": "局办公室", "purpose": "演示数据：防灾减灾和安全生产科普短视频、预警提示",
            "contact": "阳城县应急管理局办公室 0356-0000000",
            "reason": "演示数据：短视频平台用户多，拟开设抖音号开展安全生产科普和预警信息发布。"})
        services.request_submit(request=req, actor=users["yc_office"])
        clock.pin(_at(2))
        services.request_agree(request=req, actor=users["yc_leader"], opinion="同意，报市局审核。")
        clock.pin(_at(6))
        req = services.request_create(organisation=orgs["sx-jc-yc"], actor=users["yc_office"], kind="open", data={
            "platform": "weibo", "name": "阳城应急" + DEMO_MARK, "handle": "", "url": "", "operator": "局办公室",
            "purpose": "演示数据：突发事件信息发布", "contact": "阳城县应急管理局办公室 0356-0000000",
            "reason": "演示数据：拟开设微博账号发布突发事件信息。"})
        services.request_submit(request=req, actor=users["yc_office"])
        services.request_agree(request=req, actor=users["yc_leader"], opinion="同意。")
        clock.pin(_at(5))
        services.request_decide(request=req, actor=users["jc_supervisor"], decision="return",
                                opinion="演示数据：请补充内容审核制度和运维人员安排后再报。")
        clock.pin(_at(1))
        req = services.request_create(organisation=orgs["sx-jc-zz"], actor=users["zz_office"], kind="open", data={
            "platform": "toutiao", "name": "泽州县应急管理局" + DEMO_MARK, "handle": "zzyjglj_tt_demo",
            "url": "", "operator": "局办公室", "purpose": "演示数据：转载权威信息，发布本县应急管理工作动态",
            "contact": "泽州县应急管理局办公室 0356-0000000",
            "reason": "演示数据：扩大政府信息传播范围。"})
        services.request_submit(request=req, actor=users["zz_office"])
