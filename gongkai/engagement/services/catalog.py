"""The yearly catalog of major administrative decisions (重大行政决策事项目录, seed 000 二(四))."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from ..models import DecisionCatalog, DecisionEntry
from ..states import EngagementEvent as E
from ..workflow import CATALOG_WORKFLOW
from ._common import _clean, _fail, _require_text, own_record, public_pages_changed

@transaction.atomic
def decision_catalog_create(*, organisation: Organisation, year: int, actor) -> DecisionCatalog:
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed(_("年度无效。"), problems=[_("请填写2000至2100之间的年度。")])
    if DecisionCatalog.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationFailed(_("该年度目录已存在。"), problems=[_("每个机关每年只有一份重大行政决策事项目录。")])
    catalog = DecisionCatalog.objects.create(organisation=organisation, year=year)
    audit.record(E.CATALOG_CREATED, actor=actor, organisation=organisation, target=catalog,
                 after={"status": catalog.status, "year": year})
    return catalog


def _entry_data(data: dict) -> dict:
    problems: list[str] = []
    clean = {
        "title": _require_text(problems, data.get("title"), _("决策事项"), 200),
        "unit": _require_text(problems, data.get("unit"), _("承办部门"), 120),
        "decision_time": _require_text(problems, data.get("decision_time"), _("决策时间"), 60),
        "hearing": bool(data.get("hearing")),
    }
    _fail(problems, _("决策事项信息不完整。"))
    return clean


def decision_entry_save(*, catalog: DecisionCatalog, actor, data: dict, entry: DecisionEntry | None = None
                        ) -> DecisionEntry:
    """Add an entry to a catalog being compiled (or returned), or change one."""
    clean = _entry_data(data)
    if entry is not None and entry.catalog_id != catalog.pk:
        raise ValidationFailed(_("事项不属于该目录。"))

    def apply(cat):
        target = entry or DecisionEntry(catalog=cat, position=cat.entries.count() + 1)
        for k, v in clean.items():
            setattr(target, k, v)
        target.save()
        return Step(result=target)
    return CATALOG_WORKFLOW.run("edit", catalog, actor=actor, apply=apply, extra={"entry": clean["title"]}).result


def decision_entry_delete(*, entry: DecisionEntry, actor) -> None:
    title = entry.title

    def apply(cat):
        DecisionEntry.objects.filter(pk=entry.pk, catalog=cat).delete()
    CATALOG_WORKFLOW.run("edit", entry.catalog, actor=actor, apply=apply, extra={"removed": title})


def decision_catalog_submit(*, catalog: DecisionCatalog, actor) -> DecisionCatalog:
    return CATALOG_WORKFLOW.run("submit", catalog, actor=actor).instance


def decision_catalog_approve(*, catalog: DecisionCatalog, actor, opinion: str = "") -> DecisionCatalog:
    """The leader approves the catalog, which publishes it (seed 000 二(四): 向社会公开)."""
    def apply(cat):
        cat.review_opinion = _clean(opinion)
        cat.published_at = clock.now()
        public_pages_changed()
    return CATALOG_WORKFLOW.run("approve", catalog, actor=actor, apply=apply, reason=_clean(opinion)).instance


def decision_catalog_return(*, catalog: DecisionCatalog, actor, opinion: str) -> DecisionCatalog:
    opinion = _clean(opinion)
    if not opinion:
        raise ValidationFailed(_("退回时必须填写意见。"), problems=[_("退回时必须填写意见。")])

    def apply(cat):
        cat.review_opinion = opinion
    return CATALOG_WORKFLOW.run("return", catalog, actor=actor, apply=apply, reason=opinion).instance


def decision_catalog_reopen(*, catalog: DecisionCatalog, actor, reason: str) -> DecisionCatalog:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("调整已公布的目录必须说明理由。"), problems=[_("调整已公布的目录必须说明理由。")])
    def apply(cat):
        public_pages_changed()
    return CATALOG_WORKFLOW.run("reopen", catalog, actor=actor, reason=reason, apply=apply).instance


def decision_entry_link_record(*, entry: DecisionEntry, actor, record) -> DecisionEntry:
    own_record(entry.catalog.organisation, record)

    def apply(cat):
        DecisionEntry.objects.filter(pk=entry.pk, catalog=cat).update(resulting_record=record)
        public_pages_changed()
    CATALOG_WORKFLOW.run("link_record", entry.catalog, actor=actor, apply=apply,
                         extra={"entry": entry.title, "record": record.pk})
    entry.resulting_record = record
    return entry


