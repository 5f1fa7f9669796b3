"""Builders of 政务新媒体 requests and accounts in a given state, through the real services."""
import datetime as dt

from gongkai.core import clock
from gongkai.newmedia import services
from gongkai.newmedia.states import RequestKind

DATA = {"platform": "wechat", "name": "泽州县应急管理局", "handle": "zzyjglj", "url": "https://mp.example.cn/zz",
        "operator": "局办公室", "purpose": "发布安全生产和防灾减灾信息", "contact": "局办公室 0356-1234567",
        "reason": "拓展政务公开渠道"}


def draft(w, *, kind=RequestKind.OPEN, account=None, org=None, office=None, **changes):
    org, office = org or w.zz, office or w.zz_office
    data = {**DATA, **changes}
    if kind == RequestKind.CHANGE and "name" not in changes:
        data["name"] = account.name + "（新）"
    return services.request_create(organisation=org, actor=office, kind=kind, data=data, account=account)


def in_leader_review(w, **kw):
    req = draft(w, **kw)
    return services.request_submit(request=req, actor=kw.get("office") or w.zz_office)


def in_review(w, **kw):
    req = in_leader_review(w, **kw)
    leader = w.yc_leader if kw.get("org") == w.yc else w.zz_leader
    return services.request_agree(request=req, actor=leader)


def approved(w, **kw):
    return services.request_decide(request=in_review(w, **kw), actor=w.jc_supervisor, decision="approve")


def returned(w, **kw):
    return services.request_decide(request=in_review(w, **kw), actor=w.jc_supervisor, decision="return",
                                   opinion="请补充运维方案")


def account(w, *, registered_days_ago=30, **kw):
    """An account of 泽州县 opened `registered_days_ago` days before the pinned clock."""
    now = clock.now()
    clock.pin(now - dt.timedelta(days=registered_days_ago))
    try:
        req = approved(w, **kw)
        req = services.request_carry_out(request=req, actor=kw.get("office") or w.zz_office, done_on=clock.today(),
                                         filing_number="BA-001")
    finally:
        clock.pin(now)
    req.account.refresh_from_db()
    return req.account
