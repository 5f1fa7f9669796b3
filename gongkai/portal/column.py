"""The uniform 政府信息公开 column (国办公开办函〔2019〕61号) as data, and the reads that fill it.

Every organisation's public pages take the same five entries with the same names. Which catalog
items hold an organisation's disclosure rules, and which catalog items answer which statutory
item of 条例第二十条, is data kept here rather than spread over templates.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import selectors as catalog_selectors
from gongkai.organisations.models import Organisation
from gongkai.records import selectors as record_selectors
from gongkai.records.models import Record
from gongkai.reports import selectors as report_selectors

from .models import DisclosureGuide


@dataclass(frozen=True)
class Entry:
    slug: str
    label: str
    summary: str


# The four first-level columns of 61号 with their uniform names, plus the 依申请公开 entry.
ENTRIES = (
    Entry("guide", _("政府信息公开指南"), _("信息分类、获取方式，公开工作机构的地址、时间和联系方式")),
    Entry("rules", _("政府信息公开制度"), _("本机关政府信息公开工作的规章制度")),
    Entry("statutory", _("法定主动公开内容"), _("按标准目录和《条例》第二十条编排的主动公开信息")),
    Entry("reports", _("政府信息公开年报"), _("历年政府信息公开工作年度报告")),
    Entry("apply", _("依申请公开"), _("在线申请、信函、当面提交，申请表下载，办理进度查询")),
)
ENTRY_BY_SLUG = {e.slug: e for e in ENTRIES}

# Catalog items whose records are the organisation's disclosure rules (制度): 安全生产 目录
# 公共服务/2 "政务公开标准 — 政府信息公开指南等流程性信息" (seed 000 附件2).
RULES_ITEM_KEYS = ("公共服务/2",)


@dataclass(frozen=True)
class StatutoryItem:
    number: str  # the Chinese item number of 条例第二十条, e.g. "十二"
    text: str
    item_keys: tuple[str, ...]  # catalog item keys of both national catalogs that answer it
    from_guide: bool = False  # answered by the organisation's 指南 (functions, address, hours, contact)


# The items of 条例第二十条 that concern emergency management, and the catalog items (both national
# catalogs of seed 000) under which the records answering them are published.
ARTICLE_20_ITEMS = (
    StatutoryItem("一", _("行政法规、规章和规范性文件"), ("政策文件/1", "政策文件/2", "政策文件/3")),
    StatutoryItem("二", _("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"), (), from_guide=True),
    StatutoryItem("五", _("办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"), ("依法行政/1", "公共服务/4")),
    StatutoryItem("六", _("实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
                  ("依法行政/2", "依法行政/3")),
    StatutoryItem("七", _("财政预算、决算信息"), ("重点领域信息公开/1",)),
    StatutoryItem("九", _("政府集中采购项目的目录、标准及实施情况"), ("重点领域信息公开/2",)),
    StatutoryItem("十", _("重大建设项目的批准和实施情况"), ("重点领域信息公开/4",)),
    StatutoryItem("十一", _("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
                  ("灾后救助/4", "灾后救助/5", "款物管理/1", "款物管理/2")),
    StatutoryItem("十二", _("突发公共事件的应急预案、预警信息及应对情况"),
                  ("行政管理/2", "行政管理/4", "行政管理/6", "备灾管理/3", "灾后救助/1")),
    StatutoryItem("十三", _("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
                  ("行政管理/1", "行政管理/3", "重点领域信息公开/5")),
)

LATEST_PER_GROUP = 5


def entry_url(slug: str, organisation: Organisation) -> str:
    return reverse(f"portal:column_{slug}", args=[organisation.code])


def column_links(organisation: Organisation) -> list[dict]:
    return [{"entry": e, "url": entry_url(e.slug, organisation)} for e in ENTRIES]


def guide_of(organisation: Organisation) -> DisclosureGuide | None:
    """Return the organisation's published guide, or None."""
    return DisclosureGuide.objects.filter(organisation=organisation, status="published").select_related(
        "organisation").first()


def guide_defaults(organisation: Organisation) -> dict:
    """Return a first draft of the guide's fields from what the system already knows.

    The classification follows the organisation's published catalogs (their first-level items);
    address and phone come from the organisation. Nothing is saved until the office saves the form.
    """
    lines = []
    for catalog in catalog_selectors.published_catalogs(organisation):
        firsts = list(dict.fromkeys(catalog.published_version.items.filter(retired=False)
                                    .order_by("position", "pk").values_list("first_level", flat=True)))
        lines.append(_("按《%(title)s》编排，一级事项为：%(items)s。") % {"title": catalog.title, "items": "、".join(firsts)})
    return {"classification": "\n".join(lines), "office_address": organisation.address, "phone": organisation.phone}


def latest_publications(limit: int = 10) -> list:
    """The newest published records of every organisation (the home page's 最新公开)."""
    return list(record_selectors.published().select_related("organisation").order_by("-published_at", "-pk")[:limit])


def _published_records(organisation: Organisation):
    return record_selectors.published().filter(organisation=organisation)


def rules_records(organisation: Organisation):
    """The organisation's published disclosure rules, newest first."""
    return _published_records(organisation).filter(catalog_key__in=RULES_ITEM_KEYS).order_by("-published_at", "-pk")


def _counts_by_key(organisation: Organisation) -> dict[str, int]:
    # COUNT(*), not COUNT(id): PostgreSQL then answers from the index (organisation, catalog_key,
    # status, -published_at) alone — 11 ms for 68,000 records instead of 209 ms reading the table.
    rows = _published_records(organisation).values("catalog_key").annotate(n=Count("*")).order_by()
    return {row["catalog_key"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Listed:
    """A published record as the column's lists show it: the fields of portal/_record_list.html."""
    pk: int
    title: str
    index_number: str
    published_at: object
    url: str

    def get_absolute_url(self) -> str:
        return self.url


def _newest(record) -> tuple:
    return (record.published_at, record.pk)


def _latest_by_key(organisation: Organisation, keys) -> dict[str, list[Listed]]:
    """Return the newest LATEST_PER_GROUP published records of each catalog item key, newest first.

    One statement per key, each read in order from the index (organisation, catalog_key, status,
    -published_at): a filter on several keys at once cannot be read in order from that index and
    sorted every published record of those keys (2 s at 200,000 records). The statement is compiled
    once by the ORM and run with each key in turn (compiling it per key cost more than running it),
    then one query loads the listed fields of all of them.
    """
    sentinel = "\x00catalog-key"
    newest = (_published_records(organisation).filter(catalog_key=sentinel).order_by("-published_at", "-pk")
              .values_list("pk", flat=True)[:LATEST_PER_GROUP])
    sql, params = newest.query.sql_with_params()
    at = params.index(sentinel)
    ids: dict[str, list[int]] = {}
    with connections[router.db_for_read(Record)].cursor() as cursor:
        for key in dict.fromkeys(keys):
            cursor.execute(sql, [*params[:at], key, *params[at + 1:]])
            ids[key] = [row[0] for row in cursor.fetchall()]
    wanted = [pk for pks in ids.values() for pk in pks]
    url = record_selectors.public_url_maker()
    loaded = {row["pk"]: Listed(url=url(row["pk"]), **row) for row in Record.objects.filter(pk__in=wanted).values(
        "pk", "title", "index_number", "published_at")} if wanted else {}
    return {key: [loaded[pk] for pk in pks if pk in loaded] for key, pks in ids.items()}


def _merge_newest(latest: dict[str, list], keys) -> list:
    """The newest LATEST_PER_GROUP records of several keys, merged from each key's newest."""
    merged = [r for key in dict.fromkeys(keys) for r in latest.get(key, [])]
    return sorted(merged, key=_newest, reverse=True)[:LATEST_PER_GROUP]


def statutory_content(organisation: Organisation) -> dict:
    """Return the published records arranged by catalog item and by 条例第二十条 item.

    ``catalogs``: per published catalog, its first-level groups of active items, each item with the
    number of published records and the newest ones. ``article20``: per statutory item, the
    catalog items that answer it, the number of records and the newest ones.
    """
    counts = _counts_by_key(organisation)
    published = []
    for catalog in catalog_selectors.published_catalogs(organisation).select_related("template"):
        version = catalog.published_version
        published.append((catalog, version, list(version.items.filter(retired=False).order_by("position", "pk"))))
    shown = [item.key for _c, _v, items in published for item in items]
    shown += [k for statutory in ARTICLE_20_ITEMS for k in statutory.item_keys]
    latest = _latest_by_key(organisation, [k for k in shown if counts.get(k)])
    catalogs = []
    for catalog, version, items in published:
        groups: OrderedDict[str, list] = OrderedDict()
        for item in items:
            groups.setdefault(item.first_level, []).append({
                "item": item, "count": counts.get(item.key, 0), "latest": latest.get(item.key, []),
            })
        catalogs.append({"catalog": catalog, "version": version, "groups": groups})
    article20 = []
    for statutory in ARTICLE_20_ITEMS:
        n = sum(counts.get(k, 0) for k in statutory.item_keys)
        article20.append({"statutory": statutory, "count": n, "latest": _merge_newest(latest, statutory.item_keys)})
    return {"catalogs": catalogs, "article20": article20, "total": sum(counts.values()), "guide": guide_of(organisation)}


def annual_reports(organisation: Organisation):
    """The organisation's published annual reports, newest year first."""
    return report_selectors.published_reports().filter(organisation=organisation).order_by("-year")


def application_form_urls() -> list[tuple[str, str]]:
    """Return (label, URL) of the blank application form the requests app offers (Word and PDF)."""
    urls = []
    for ext, label in (("pdf", "PDF"), ("docx", "Word")):
        try:
            urls.append((label, reverse("foi:application_form", args=[ext])))
        except NoReverseMatch:
            continue
    return urls
