"""Demo 双公示 decisions for the demo counties, entered and published through the real services.

Every party is invented and marked 【演示】 (companies) or 演示… (the one natural person); credit codes are
built for the demo with a right GB 32100 check character (python-stdnum) and a serial no real code is
likely to carry (``99990``…), and the identity number's check character is computed by core.identity.
The history is made with the clock pinned to each day (as the foi and engagement demos do), so the
register holds decisions published on time, one published late, one withdrawn, one corrected, one
waiting and — for the office queue — one overdue. Idempotent: a 文书号 already entered is skipped.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from stdnum.cn import uscc

from gongkai.core import clock, identity
from gongkai.organisations.models import Organisation, Role, RoleAssignment
from gongkai.workdays import calendar

from . import services
from .models import Decision

MARK = "【演示】"
NOTE = "（演示数据，非真实案件）"
_BASIS_PENALTY = "《中华人民共和国安全生产法》第九十九条第（三）项"
_BASIS_HAZCHEM = "《危险化学品安全管理条例》第三十三条、第三十五条；《危险化学品经营许可证管理办法》"


def demo_credit_code(region: str, serial: int) -> str:
    """Return a check-valid 统一社会信用代码 for a demo company of `region` (9 = 市场监管, 1 = 企业)."""
    first17 = f"91{region}99990{serial:04d}"
    return first17 + uscc.calc_check_digit(first17 + "0")


def demo_id_number(region: str) -> str:
    first17 = f"{region}19800101000"
    return first17 + identity.check_char(first17)


def _user(org, role):
    a = RoleAssignment.objects.filter(organisation=org, role=role).select_related("user").first()
    return a.user if a else None


def _entries(org, region: str, prefix: str) -> list[dict]:
    """The demo decisions of one county: (days ago decided, working days until published or None, data, then)."""
    year = clock.today().year
    company = lambda n, name: {"subject_type": "legal", "subject_name": f"{MARK}{name}",  # noqa: E731
                               "credit_code": demo_credit_code(region, n), "legal_representative": "演示法定代表人"}
    return [
        dict(ago=200, publish_after=3, data=dict(
            kind="licensing", document_number=f"（{prefix}）危化经字〔{year}〕第0{region[-2:]}1号",
            title="危险化学品经营许可证核发", category="普通（新办）",
            facts="申请经营（不带储存设施）汽油、柴油等危险化学品" + NOTE, basis=_BASIS_HAZCHEM,
            content="准予许可：经营方式为批发（不带储存设施），许可范围为汽油、柴油" + NOTE,
            valid_until=(clock.today() + dt.timedelta(days=3 * 365 - 200)).isoformat(),
            **company(1, "金岭石化销售有限公司"))),
        dict(ago=150, publish_after=5, data=dict(
            kind="penalty", document_number=f"（{prefix}）应急罚〔{year}〕第0{region[-2:]}1号",
            title="未按规定对从业人员进行安全生产教育和培训", category="罚款",
            facts="经现场检查，该公司未如实记录安全生产教育和培训情况" + NOTE,
            basis="《中华人民共和国安全生产法》第九十七条第（三）项",
            content="罚款人民币三万元" + NOTE, fine_amount="3",
            publicity_until=(clock.today() + dt.timedelta(days=215)).isoformat(),
            **company(2, "岭东煤业有限公司"))),
        dict(ago=90, publish_after=9, data=dict(  # published two working days late
            kind="penalty", document_number=f"（{prefix}）应急罚〔{year}〕第0{region[-2:]}2号",
            title="未对重大危险源登记建档并进行定期检测、评估、监控", category="罚款；责令限期改正",
            facts="该单位液氨储罐区构成重大危险源，未登记建档" + NOTE, basis=_BASIS_PENALTY,
            content="罚款人民币五万元，责令限期改正" + NOTE, fine_amount="5",
            publicity_until=(clock.today() + dt.timedelta(days=275)).isoformat(),
            **company(3, "泰丰化工有限公司"))),
        dict(ago=60, publish_after=2, withdraw="该决定经行政复议被依法撤销，撤下原公示信息（演示）", data=dict(
            kind="penalty", document_number=f"（{prefix}）应急罚〔{year}〕第0{region[-2:]}3号",
            title="未按规定设置安全警示标志", category="警告",
            facts="矿区入口未设置明显的安全警示标志" + NOTE,
            basis="《中华人民共和国安全生产法》第九十九条第（一）项", content="警告" + NOTE,
            **company(4, "北岭建材有限公司"))),
        dict(ago=40, publish_after=4, correct="原公示罚款金额录入有误，依决定书原件更正（演示）", data=dict(
            kind="penalty", document_number=f"（{prefix}）应急罚〔{year}〕第0{region[-2:]}4号",
            title="未经许可零售烟花爆竹", category="没收违法所得；罚款",
            facts="当事人未取得烟花爆竹零售许可证销售烟花爆竹" + NOTE,
            basis="《烟花爆竹安全管理条例》第三十六条第二款", content="没收非法经营的烟花爆竹，并处罚款人民币0.2万元" + NOTE,
            fine_amount="0.2", subject_type="person", subject_name="演示个人甲", id_number=demo_id_number(region))),
        dict(ago=20, publish_after=1, data=dict(
            kind="licensing", document_number=f"（{prefix}）烟零许〔{year}〕第0{region[-2:]}2号",
            title="烟花爆竹经营（零售）许可证核发", category="普通（新办）",
            facts="申请烟花爆竹零售经营" + NOTE, basis="《烟花爆竹安全管理条例》第十九条",
            content="准予许可：零售点设于城区，限量存放" + NOTE,
            valid_until=(clock.today() + dt.timedelta(days=300)).isoformat(),
            subject_type="business", subject_name=f"{MARK}城北烟花爆竹零售店",
            credit_code=demo_credit_code(region, 5))),
        dict(ago=14, publish_after=None, data=dict(  # overdue: in the office queue
            kind="penalty", document_number=f"（{prefix}）应急罚〔{year}〕第0{region[-2:]}5号",
            title="特种作业人员未按规定经专门的安全作业培训并取得相应资格上岗作业", category="罚款",
            facts="该公司电工作业人员无证上岗" + NOTE, basis="《中华人民共和国安全生产法》第九十七条第（七）项",
            content="罚款人民币二万元" + NOTE, fine_amount="2",
            publicity_until=(clock.today() + dt.timedelta(days=351)).isoformat(),
            **company(6, "兴旺铸造有限公司"))),
        dict(ago=1, publish_after=None, data=dict(  # waiting, not yet due
            kind="licensing", document_number=f"（{prefix}）危化经字〔{year}〕第0{region[-2:]}3号",
            title="危险化学品经营许可证变更", category="变更（主要负责人）",
            facts="主要负责人变更" + NOTE, basis=_BASIS_HAZCHEM, content="准予变更主要负责人" + NOTE,
            **company(7, "鑫源气体有限公司"))),
    ]


def _pin(day: dt.date) -> None:
    clock.pin(dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")))


COUNTIES = {"sx-jc-zz": ("140525", "泽"), "sx-jc-yc": ("140522", "阳")}


def load_decisions_demo() -> list[Decision]:
    """Enter (and publish, correct, withdraw) the demo counties' decisions; return those created now."""
    created = []
    pinned = clock._frozen  # put back whatever the caller had (a test may have pinned the clock)
    today = clock.today()
    try:
        for org in Organisation.objects.filter(code__in=COUNTIES):
            office = _user(org, Role.OFFICE)
            if office is None:
                continue
            region, prefix = COUNTIES[org.code]
            for e in _entries(org, region, prefix):
                if Decision.objects.filter(organisation=org, document_number=e["data"]["document_number"]).exists():
                    continue
                decided = today - dt.timedelta(days=e["ago"])
                _pin(decided)
                d = services.decision_create(organisation=org, actor=office, data={**e["data"], "decided_on": decided})
                if e["publish_after"] is not None:
                    _pin(min(calendar.add_working_days(decided, e["publish_after"]), today))
                    d = services.decision_publish(decision=d, actor=office)
                    if e.get("correct"):
                        data = {**e["data"], "decided_on": decided, "fine_amount": "0.3",
                                "content": e["data"]["content"].replace("0.2万元", "0.3万元")}
                        d = services.decision_correct(decision=d, actor=office, data=data, reason=e["correct"])
                    if e.get("withdraw"):
                        _pin(min(decided + dt.timedelta(days=30), today))
                        d = services.decision_withdraw(decision=d, actor=office, reason=e["withdraw"])
                created.append(d)
    finally:
        clock.pin(pinned)
    return created
