"""Demonstration content of the public column, and the flag that marks the whole site as a demo.

Each demo organisation gets a complete 政府信息公开指南 through the real service (an audited
transition). The contact details are invented and say so: the addresses carry “演示”, and the
numbers are not in service. While the flag (``DemoSite``) is set, every page shows the demo banner.
"""
from __future__ import annotations

import time

from django.utils.translation import gettext as _

from gongkai.core import clock, effects
from gongkai.organisations.models import Organisation

from . import column, services
from .models import DemoSite, DisclosureGuide

DEMO_NOTE = "演示数据（载入 make demo）：机构联系方式为虚构，仅供演示"

# code: (office name, demo street, postal code, area code); every address says it is a demo address.
CONTACTS = {
    "sx": ("山西省应急管理厅办公室（政务公开）", "太原市演示大街1号", "030000", "0351"),
    "sx-jc": ("晋城市应急管理局办公室", "晋城市城区演示路2号", "048000", "0356"),
    "sx-jc-zz": ("泽州县应急管理局办公室", "晋城市泽州县演示路3号", "048012", "0356"),
    "sx-jc-yc": ("阳城县应急管理局办公室", "晋城市阳城县演示路4号", "048100", "0356"),
    "sx-jc-zz-nc": ("南村镇人民政府党政综合办公室", "泽州县南村镇演示街5号", "048011", "0356"),
    "sx-jc-zz-bg": ("巴公镇人民政府党政综合办公室", "泽州县巴公镇演示街6号", "048014", "0356"),
    "sx-jc-yc-fc": ("凤城镇人民政府党政综合办公室", "阳城县凤城镇演示街7号", "048100", "0356"),
    "sx-jc-yc-bl": ("北留镇人民政府党政综合办公室", "阳城县北留镇演示街8号", "048102", "0356"),
}
FUNCTIONS = {
    "department": ("负责本行政区域应急管理工作，指导应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作，"
                   "负责安全生产综合监督管理和工矿商贸行业安全生产监督管理工作。内设办公室及安全生产、救灾和物资保障、"
                   "政策法规等业务科（股）室，政府信息公开工作由办公室承担。"),
    "township": ("负责本镇安全生产和防灾减灾救灾的属地管理工作，组织开展隐患排查、灾情报送和受灾群众救助。"
                 "政府信息公开工作由党政综合办公室承担。"),
}
HOURS = "周一至周五（法定节假日除外）上午8:30—12:00，下午14:30—17:30"


def guide_data(org: Organisation, n: int) -> dict:
    office_name, street, postal_code, area = CONTACTS[org.code]
    classification = column.guide_defaults(org)["classification"] or (
        "本机关主动公开的政府信息按《安全生产领域基层政务公开标准目录》和《救灾领域基层政务公开标准目录》"
        "的一级、二级事项编排，并按《条例》第二十条所列内容分类。")
    return {
        "functions": FUNCTIONS["township" if org.level == "township" else "department"] + f"\n（{DEMO_NOTE}。）",
        "classification": classification,
        "how_to_obtain": (
            "一、主动公开：通过本平台“法定主动公开内容”栏目、政府公报和本机关公开查阅点获取，"
            "公开查阅点设在本机关办公室，办公时间内免费查阅。\n"
            "二、依申请公开：可在本平台在线提交申请，也可将申请表邮寄至下方通信地址"
            "（信封左下角注明“政府信息公开申请”），或在办公时间内到办公地址当面提交。\n"
            f"（{DEMO_NOTE}。）"),
        "office_name": office_name,
        "office_address": f"{street}（演示地址）",
        "postal_address": f"{street}（演示地址）{office_name}收",
        "postal_code": postal_code,
        "office_hours": HOURS,
        "phone": f"{area}-0000{100 + n}",
        "fax": f"{area}-0000{200 + n}",
        "online_contact": "本平台“互动参与”栏目网上留言",
    }


def load_demo_guides() -> list[DisclosureGuide]:
    """Publish a complete guide for each demo organisation that has none yet (a trusted system step)."""
    written = []
    for n, org in enumerate(Organisation.objects.filter(code__in=CONTACTS).order_by("path")):
        if DisclosureGuide.objects.filter(organisation=org, status="published").exists():
            continue  # keep what an office wrote
        written.append(services.guide_update(organisation=org, actor=None, data=guide_data(org, n), trusted=True))
    return written


def mark_demo(note: str = "") -> DemoSite:
    """Set the demo flag: every page shows the demo banner until ``unmark_demo()``."""
    site, _created = DemoSite.objects.update_or_create(pk=1, defaults={"loaded_at": clock.now(), "note": note})
    effects.touch(DemoSite)  # every cached page gets the banner after the commit
    forget_flag()
    return site


def unmark_demo() -> None:
    DemoSite.objects.all().delete()
    effects.touch(DemoSite)
    forget_flag()


# Every rendered page asks whether the banner shows. The answer is kept per process for FLAG_TTL
# seconds: the flag changes when the demo is loaded or removed (a command, once), so another
# process shows the change within FLAG_TTL, this one at once; a page no longer pays a query for it.
FLAG_TTL = 5.0
_flag: tuple[float, bool] | None = None


def is_demo() -> bool:
    global _flag
    now = time.monotonic()
    if _flag is None or _flag[0] <= now:
        _flag = (now + FLAG_TTL, DemoSite.objects.exists())
    return _flag[1]


def forget_flag() -> None:
    """Drop this process's copy of the demo flag (the next page reads it from the database)."""
    global _flag
    _flag = None


def banner_text() -> str:
    return _("演示站点：本站的机构联系方式、申请、留言、征集和报告等内容均为演示数据，不是任何机关的真实信息。")
