"""Run the site inspection of one organisation and store it (one run, its items, its findings).

Reads only through ``oversight.sources`` (published pages, their links, the wording engine, messages)
and oversight's own column figures. ``inspect()`` is the trusted sweep (the scheduler, the command);
``run_now()`` is the office's or a supervisor's "检查一次" with its permission check.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations import permissions
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action

from .. import sources
from ..evaluation import mark_dirty
from ..metrics.base import EMPTY_COLUMNS_VETO, HOMEPAGE_IDLE_DAYS, MESSAGE_UNANSWERED_DAYS, STALE_COLUMNS_VETO
from ..metrics.website import column_states
from .indicators import BY_CODE, ITEMS, deduction
from ..inspection_models import InspectionFinding, InspectionItem, InspectionRun

MAX_FINDINGS_PER_ITEM = 500


def _context(text: str, f: dict, width: int = 12) -> str:
    """The finding in its sentence: a few characters either side, the finding in 【】."""
    start, end = max(0, int(f["start"])), min(len(text), int(f["end"]))
    before, after = text[max(0, start - width):start], text[end:end + width]
    return ("…" if start > width else "") + f"{before}【{text[start:end]}】{after}" + ("…" if end + width < len(text) else "")


def _wording(org, pages, found) -> bool:
    """Run the wording engine over the published texts; severe findings are 严重表述错误, the rest typos."""
    if sources.wording() is None:
        return False
    for page in pages:
        for label, text in page["texts"].items():
            if not text:
                continue
            for f in sources.wording_findings(text, organisation=org, on_date=page.get("doc_date")):
                code = "serious_wording" if f["severity"] == "severe" else "typos"
                detail = f["explanation"] or f["rule"]
                if f["suggestion"]:
                    detail = _("%(detail)s；建议：%(s)s") % {"detail": detail, "s": f["suggestion"]}
                found[code].append(dict(page_title=page["title"], page_url=page["url"], edit_url=page["edit_url"],
                                        text=f"{label}：{_context(text, f)}", detail=detail))
    return True


def _columns(org, as_of, found) -> tuple[int, int]:
    states = column_states({"ids": [org.pk]}, as_of).get(org.pk, [])
    for s in states:
        if s.stale or s.empty:
            found["columns_stale" if s.stale else "columns_empty"].append(dict(
                page_title=str(s.column), page_url="", edit_url=reverse("oversight:column", args=[s.column.pk]),
                text=str(s.column), detail=s.reason))
    return sum(s.stale for s in states), sum(s.empty for s in states)


def _messages(org, as_of, found) -> bool:
    if not sources.engagement_available():
        return False
    day = as_of.date()
    for m in sources.messages_unanswered_list(org.pk, day, MESSAGE_UNANSWERED_DAYS):
        found["messages_unanswered"].append(dict(page_title=m["title"], page_url="", edit_url=m["url"], text=m["title"],
                                                 detail=_("收到于%(d)s，答复期限%(due)s，至今未答复") % {"d": m["date"], "due": m["due"]}))
    start = dt.date(day.year, 1, 1)
    for m in sources.messages_late_list(org.pk, start, day + dt.timedelta(days=1), day):
        if m["answered_on"] or (day - m["date"]).days <= MESSAGE_UNANSWERED_DAYS:
            found["messages_late"].append(dict(page_title=m["title"], page_url="", edit_url=m["url"], text=m["title"],
                                               detail=_("答复期限%(due)s，答复日期%(on)s") % {
                                                   "due": m["due"], "on": m["answered_on"] or _("未答复")}))
    return True


def inspect(org: Organisation, *, as_of=None, actor=None, refresh_links: bool = True) -> InspectionRun:
    """Inspect the organisation's published site now and store the run (trusted: the sweep, the command)."""
    as_of = as_of or clock.now()
    if refresh_links:
        sources.sweep_links([org.pk])
    pages = sources.published_pages([org.pk])
    found: dict[str, list[dict]] = defaultdict(list)
    available = {i.code: True for i in ITEMS}
    available["site_unreachable"] = False
    wording_ok = _wording(org, pages, found)
    available["serious_wording"] = available["typos"] = wording_ok
    for r in sources.failed_links(org.pk):
        found["dead_links"].append(dict(page_title=r["page_title"], page_url=r["page_url"], edit_url=r["edit_url"],
                                        text=r["url"][:480], detail=f"{r['kind_label']}：{r['status_label']}"
                                        + (f"（HTTP {r['http_code']}）" if r["http_code"] else "")
                                        + (f"，{r['reason_label']}" if r["reason_label"] else "")))
    stale, empty = _columns(org, as_of, found)
    available["messages_unanswered"] = available["messages_late"] = _messages(org, as_of, found)
    last = sources.last_published([org.pk], as_of).get(org.pk)
    idle = (as_of - last).days if last else None
    if idle is None or idle > HOMEPAGE_IDLE_DAYS:
        found["homepage_idle"].append(dict(page_title="", page_url="", edit_url="", text=_("首页从未更新") if idle is None
                                           else _("首页%(n)d天未更新") % {"n": idle},
                                           detail=_("最近一条主动公开信息：%(d)s") % {"d": last.date()} if last else ""))
    counts = {code: len(rows) for code, rows in found.items()}
    triggered = {
        "serious_wording": counts.get("serious_wording", 0) > 0,
        "homepage_idle": bool(found["homepage_idle"]),
        "columns_stale_veto": stale >= STALE_COLUMNS_VETO,
        "columns_empty_veto": empty >= EMPTY_COLUMNS_VETO,
        "messages_unanswered": counts.get("messages_unanswered", 0) > 0,
    }
    counts["columns_stale_veto"], counts["columns_empty_veto"] = stale, empty
    # Columns that reach a veto are judged there (their findings listed under it); below it each costs points.
    for code in ("columns_stale", "columns_empty"):
        if triggered[code + "_veto"]:
            found[code + "_veto"], found[code], counts[code] = found.pop(code, []), [], 0
    items = []
    for item in ITEMS:
        n = counts.get(item.code, 0) if available[item.code] else 0
        items.append(InspectionItem(code=item.code, veto=item.veto, count=n, available=available[item.code],
                                    triggered=bool(item.veto and available[item.code] and triggered.get(item.code)),
                                    deduction=deduction(item, n)))
    vetoes = sum(i.triggered for i in items)
    score = max(Decimal(0), Decimal(100) - sum((i.deduction for i in items), Decimal(0)))
    with transaction.atomic():
        run = InspectionRun.objects.create(organisation=org, as_of=as_of, finished_at=clock.now(), vetoed=vetoes > 0,
                                           vetoes=vetoes, score=score, pages=len(pages), wording_checked=wording_ok,
                                           triggered_by=actor)
        for i in items:
            i.run = run
        InspectionItem.objects.bulk_create(items)
        rows = []
        for code, found_rows in found.items():
            for f in found_rows[:MAX_FINDINGS_PER_ITEM]:
                rows.append(InspectionFinding(run=run, code=code, **{k: str(v)[:500 if k != "page_title" else 300]
                                                                     for k, v in f.items()}))
        InspectionFinding.objects.bulk_create(rows, batch_size=1000)
        mark_dirty(org.pk)  # the evaluation's inspection indicator reads this run at the next refresh
    return run


def inspect_all(organisation_ids=None, *, out=None) -> int:
    """The scheduled sweep: inspect every organisation (or these), one run each."""
    orgs = Organisation.objects.all().order_by("path")
    if organisation_ids is not None:
        orgs = orgs.filter(pk__in=list(organisation_ids))
    n = 0
    for org in orgs:
        run = inspect(org)
        n += 1
        if out:
            out.write(f"{org.code}: {'vetoed' if run.vetoed else 'no veto'}, score {run.score}, pages {run.pages}\n")
    return n


def run_now(*, organisation: Organisation, actor) -> InspectionRun:
    """The office (own organisation) or a supervisor (subtree) inspects the site now."""
    permissions.require(actor, Action.INSPECTION_RUN, organisation)
    return inspect(organisation, actor=actor)


__all__ = ["BY_CODE", "inspect", "inspect_all", "run_now"]
