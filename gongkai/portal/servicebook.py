"""办事一本通 (seed 000 二(二): "对办事服务信息加以集成、优化、简化，汇总编制办事一本通，并向社会公开"):
the compiled service guide of an organisation.

It is compiled on demand from current data — never stored — so it cannot go stale: the organisation's
published 政府信息公开指南 (where and when to go, whom to call), the service items of its published
catalogs (行政许可、行政处罚、行政强制、权力清单、主要业务办事指南、救助审定 …) with their elements, and
the published records filed under those items (the 办事指南 documents themselves). The public page is
served from the page cache, which gets a new generation whenever a catalog, a record or the guide
changes (settings.GONGKAI_PAGE_CACHE_MODELS); the PDF is rendered from the same compilation each time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from gongkai.catalog import selectors as catalog_selectors
from gongkai.core import clock
from gongkai.organisations.models import Organisation
from gongkai.records import selectors as record_selectors

from .models import DisclosureGuide

# The catalog items (national template keys, seed 000 附件2) that describe services to the public: what
# can be applied for, on what basis, how and where. A local item derived from one of them counts too.
SERVICE_ITEM_KEYS = ("公共服务/4", "依法行政/1", "灾后救助/2", "灾后救助/4", "灾后救助/5", "依法行政/2",
                     "依法行政/3", "公共服务/3")
# 办事纪律和监督管理: "本单位的办事纪律,受理投诉、举报、信访的途径等内容".
SUPERVISION_ITEM_KEYS = ("重点领域信息公开/3",)
MAX_RECORDS_PER_ITEM = 20
# The elements of a catalog item a person needs to get something done (the rest — numbering, mode,
# level — is the catalog's own bookkeeping).
SHOWN_ELEMENTS = ("content", "basis", "time_limit_text", "subject", "channels", "audience")


def _elements(item) -> list[tuple[str, str]]:
    pairs = zip(catalog_selectors.ELEMENT_FIELDS, catalog_selectors.item_elements(item))
    return [element for name, element in pairs if name in SHOWN_ELEMENTS]


@dataclass
class Entry:
    anchor: str
    number: str
    title: str
    elements: list[tuple[str, str]]
    records: list = field(default_factory=list)


@dataclass
class Book:
    organisation: Organisation
    compiled_at: dt.datetime
    guide: DisclosureGuide | None
    contact: list[tuple[str, str]]
    services: list[Entry]
    supervision: list[Entry]
    sources: list[str]
    data_as_of: dt.datetime | None

    @property
    def is_empty(self) -> bool:
        return not (self.services or self.supervision or self.guide)

    def toc(self) -> list[tuple[str, str]]:
        """(anchor, heading) of every section and service item, in order."""
        rows = [("contact", str(_("一、办事机构与联系方式")))]
        rows.append(("services", str(_("二、办事事项"))))
        rows += [(e.anchor, f"{e.number} {e.title}") for e in self.services]
        rows.append(("supervision", str(_("三、办事纪律与监督投诉"))))
        return rows


def _key(item) -> str:
    return item.template_key or item.key


def _contact(org: Organisation, guide: DisclosureGuide | None) -> list[tuple[str, str]]:
    if guide is None:
        return [(str(_("办公地址")), org.address), (str(_("联系电话")), org.phone)]
    rows = [(str(_("办事机构")), guide.office_name), (str(_("办公地址")), guide.office_address),
            (str(_("办公时间")), guide.office_hours), (str(_("联系电话")), guide.phone), (str(_("传真")), guide.fax),
            (str(_("互联网联系方式")), guide.online_contact), (str(_("通信地址")), guide.mailing_address),
            (str(_("邮政编码")), guide.postal_code)]
    return [(label, value) for label, value in rows if value]


def compile_book(organisation: Organisation) -> Book:
    """Compile the 办事一本通 of `organisation` from its current published data."""
    guide = DisclosureGuide.objects.filter(organisation=organisation, status="published").first()
    items = list(catalog_selectors.active_items(organisation))
    wanted = set(SERVICE_ITEM_KEYS) | set(SUPERVISION_ITEM_KEYS)
    chosen = [i for i in items if _key(i) in wanted]
    records = record_selectors.published().filter(
        organisation=organisation, catalog_key__in=[i.key for i in chosen]).order_by("-published_at", "-pk")
    by_key: dict[str, list] = {}
    for r in records:
        by_key.setdefault(r.catalog_key, [])
        if len(by_key[r.catalog_key]) < MAX_RECORDS_PER_ITEM:
            by_key[r.catalog_key].append(r)
    order = {k: n for n, k in enumerate(SERVICE_ITEM_KEYS)}
    services = sorted((i for i in chosen if _key(i) in SERVICE_ITEM_KEYS),
                      key=lambda i: (order[_key(i)], i.version.catalog.domain, i.position))
    service_entries = [Entry(f"item-{i.pk}", f"（{n}）", i.second_level, _elements(i),
                             by_key.get(i.key, [])) for n, i in enumerate(services, start=1)]
    supervision = [Entry(f"item-{i.pk}", "", i.second_level, _elements(i),
                         by_key.get(i.key, [])) for i in chosen if _key(i) in SUPERVISION_ITEM_KEYS]
    catalogs = list(catalog_selectors.published_catalogs(organisation))
    sources = [str(_("《%(title)s》第%(n)s版（%(date)s发布）")) % {
        "title": c.title, "n": c.published_version.number, "date": c.published_version.published_at.date()}
        for c in catalogs if c.published_version and c.published_version.published_at]
    if guide is not None and guide.updated_at:
        sources.append(str(_("本机关政府信息公开指南（%(date)s更新）")) % {"date": guide.updated_at.date()})
    moments = [r.published_at for entry in service_entries + supervision for r in entry.records if r.published_at]
    moments += [c.published_version.published_at for c in catalogs if c.published_version
                and c.published_version.published_at]
    if guide is not None and guide.updated_at:
        moments.append(guide.updated_at)
    return Book(organisation=organisation, compiled_at=clock.now(), guide=guide, contact=_contact(organisation, guide),
                services=service_entries, supervision=supervision, sources=sources,
                data_as_of=max(moments) if moments else None)


def book_pdf(html: str) -> bytes:
    """Render the printable compilation (WeasyPrint, the Debian Noto CJK fonts named in the template)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
