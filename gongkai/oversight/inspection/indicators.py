"""The inspection's items, after 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）.

The document has three parts: 单项否决指标 (any one fails the site: 不合格, the other parts are not
scored), 扣分指标 (100 points, deducted per problem found, an item's deductions never exceeding its
points; below 60 the site fails), and 加分指标 (portals only; not inspected here). What a platform can
see of its own published site is inspected: 站点无法访问 needs monitoring from outside and is stated as
not inspected. The thresholds of the vetoes are the document's; the per-problem deductions are this
product's reading of its 扣分指标 (错别字, 链接可用性, 栏目更新, 留言办理) and are data here.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ..metrics.base import EMPTY_COLUMNS_VETO, HOMEPAGE_IDLE_DAYS, STALE_COLUMNS_VETO
from ..inspection_models import PASS_SCORE

DOCUMENT = _("《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）")


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    veto: bool
    rule: str  # the document's wording of the check, and this product's threshold or deduction
    per_problem: Decimal = Decimal(0)  # deduction per problem (scored items)
    cap: Decimal = Decimal(0)  # the item's points: deductions never exceed them


ITEMS: list[Item] = [
    Item("site_unreachable", _("站点无法访问"), True,
         _("单项否决：监测1周，超过（含）15秒网站仍打不开的次数累计占比超过（含）5%。需从外部监测，平台自身无法检查，本检查不计。")),
    Item("serious_wording", _("严重表述错误"), True,
         _("单项否决：“安全、泄密事故等严重问题”之“出现严重表述错误”（如领导人姓名、职务错误，使用已撤销机构名称）。以表述检查的严重问题计。")),
    Item("homepage_idle", _("首页不更新"), True,
         _("单项否决：监测2周，首页无信息更新。以本机构最近一条主动公开信息的发布时间计（超过%(days)d天）。") % {"days": HOMEPAGE_IDLE_DAYS}),
    Item("columns_stale_veto", _("栏目不更新"), True,
         _("单项否决：应更新而未更新的栏目累计超过（含）%(n)d个。") % {"n": STALE_COLUMNS_VETO}),
    Item("columns_empty_veto", _("空白栏目"), True,
         _("单项否决：空白栏目（有栏目无内容）数量超过（含）%(n)d个。") % {"n": EMPTY_COLUMNS_VETO}),
    Item("messages_unanswered", _("互动回应差"), True,
         _("单项否决：监测时间点前1年内，政务咨询类栏目存在超过3个月未回应有效留言的现象。")),
    Item("typos", _("错别字和表述不规范"), False,
         _("扣分指标（信息发布的准确性）：已公开内容中的错别字和表述不规范，每处扣0.5分，最多扣10分。"),
         Decimal("0.5"), Decimal(10)),
    Item("dead_links", _("链接不可用"), False,
         _("扣分指标（链接可用性）：页面上的链接（包括附件、外部链接）不可用（死链、错链），每个扣1分，最多扣10分。"),
         Decimal(1), Decimal(10)),
    Item("columns_stale", _("栏目更新不及时"), False,
         _("扣分指标（栏目更新）：未达到单项否决的应更新未更新栏目，每个扣2分，最多扣10分。"), Decimal(2), Decimal(10)),
    Item("columns_empty", _("空白栏目（未达否决）"), False,
         _("扣分指标（栏目建设）：未达到单项否决的空白栏目，每个扣2分，最多扣8分。"), Decimal(2), Decimal(8)),
    Item("messages_late", _("留言办理不及时"), False,
         _("扣分指标（互动交流·留言办理）：本年度逾期答复或逾期未答复的留言，每条扣1分，最多扣10分。"),
         Decimal(1), Decimal(10)),
]
BY_CODE = {i.code: i for i in ITEMS}


def deduction(item: Item, count: int) -> Decimal:
    if item.veto or count <= 0:
        return Decimal(0)
    return min(item.cap, item.per_problem * count)


def verdict_label(vetoed: bool, score) -> str:
    if vetoed:
        return str(_("不合格（单项否决）"))
    return str(_("合格")) if Decimal(score) >= PASS_SCORE else str(_("不合格（低于60分）"))
