"""Columns of the government website (seed 003 附件2): creation, import, edits, updates, retirement."""
from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from ..models import Column
from ..states import OversightEvent as E
from ..states import UpdateRule
from ..workflow import COLUMN_WORKFLOW
from ._common import _fail, _text, package_data


def _catalog_keys(value, problems) -> list[str]:
    if isinstance(value, str):
        value = [k for k in re.split(r"[\s,，、]+", value) if k]
    keys = [str(k).strip() for k in (value or [])]
    if any(len(k) > 80 or not re.match(r"^[\w.\-:]+$", k) for k in keys):
        problems.append(_("目录事项标识只能包含字母、数字、点、横线和下划线。"))
    return sorted(set(keys))


def column_create(*, organisation: Organisation, actor, name: str, parent: Column | None = None,
                  lead_unit: str = "", cooperating_units: str = "", rule: str = UpdateRule.UNDETERMINED,
                  rule_text: str = "", catalog_keys=(), trusted: bool = False) -> Column:
    if not trusted:
        require(actor, Action.OVERSIGHT_EDIT, organisation)
    problems: list[str] = []
    name = _text(name, _("栏目名称"), problems, max_length=120)
    lead_unit = _text(lead_unit, _("牵头责任单位"), problems, required=False, max_length=200)
    cooperating_units = _text(cooperating_units, _("配合责任单位"), problems, required=False, max_length=200)
    if rule not in UpdateRule.values:
        problems.append(_("请选择更新要求。"))
    keys = _catalog_keys(catalog_keys, problems)
    if parent is not None and (parent.organisation_id != organisation.pk or parent.parent_id is not None):
        problems.append(_("上级栏目须为本机构的一级栏目。"))
    if Column.objects.filter(organisation=organisation, parent=parent, name=name).exists():
        problems.append(_("已有同名栏目“%(name)s”。") % {"name": name})
    _fail(problems)
    with transaction.atomic():
        column = Column.objects.create(
            organisation=organisation, parent=parent, name=name, lead_unit=lead_unit,
            cooperating_units=cooperating_units, rule=rule, rule_text=rule_text, catalog_keys=keys,
            position=Column.objects.filter(organisation=organisation).count())
        audit.record(E.COLUMN_CREATED, actor=actor, organisation=organisation, target=column,
                     after={"name": name, "status": column.status})
    return column


def column_edit(*, column: Column, actor, lead_unit: str, cooperating_units: str, rule: str, rule_text: str = "",
                catalog_keys=(), sync_with: Column | None = None) -> Column:
    problems: list[str] = []
    lead_unit = _text(lead_unit, _("牵头责任单位"), problems, required=False, max_length=200)
    cooperating_units = _text(cooperating_units, _("配合责任单位"), problems, required=False, max_length=200)
    rule_text = _text(rule_text, _("更新要求原文"), problems, required=False, max_length=1000)
    if rule not in UpdateRule.values:
        problems.append(_("请选择更新要求。"))
    if rule == UpdateRule.SYNC and sync_with is None:
        problems.append(_("“同步”的更新要求须选择同步的栏目。"))
    if sync_with is not None and (sync_with.organisation_id != column.organisation_id or sync_with.pk == column.pk):
        problems.append(_("同步栏目须为本机构的其他栏目。"))
    keys = _catalog_keys(catalog_keys, problems)
    _fail(problems)

    def apply(c):
        c.lead_unit, c.cooperating_units, c.rule, c.rule_text = lead_unit, cooperating_units, rule, rule_text
        c.catalog_keys, c.sync_with = keys, sync_with

    return COLUMN_WORKFLOW.run("edit", column, actor=actor, apply=apply,
                               extra={"rule": rule, "catalog_keys": keys}).instance


def column_log_update(*, column: Column, actor, when: dt.datetime | None = None, note: str = "") -> Column:
    """Record an update of a column whose content is not a catalog record (e.g. 领导简介)."""
    when = when or clock.now()
    if when > clock.now():
        raise ValidationFailed(_("更新时间不能晚于现在。"), problems=[_("更新时间不能晚于现在。")])

    def apply(c):
        c.last_manual_update = when

    return COLUMN_WORKFLOW.run("log_update", column, actor=actor, apply=apply, reason=note[:300]).instance


def column_retire(*, column: Column, actor, reason: str) -> Column:
    problems: list[str] = []
    reason = _text(reason, _("停用理由"), problems)
    _fail(problems)
    return COLUMN_WORKFLOW.run("retire", column, actor=actor, reason=reason).instance


def columns_import(*, organisation: Organisation, actor, data: dict | None = None,
                   trusted: bool = False) -> dict[str, int]:
    """Create the column tree of seed 003 附件2 for `organisation` (idempotent; existing columns are kept).
    ``trusted=True`` (the command line, the demo) is the one way past the permission check."""
    if not trusted:
        require(actor, Action.OVERSIGHT_EDIT, organisation)
    data = data or package_data()
    created = kept = 0
    with transaction.atomic():
        firsts: dict[str, Column] = {}
        for pos, row in enumerate(data["columns"]):
            first_name = row["first"]
            parent = firsts.get(first_name)
            if parent is None:
                parent, made = Column.objects.get_or_create(
                    organisation=organisation, parent=None, name=first_name,
                    defaults={"position": pos, "source": {"cells": [first_name]}})
                firsts[first_name] = parent
                created += made
            if not row["second"]:
                # A first-level column without second-level columns carries the row itself.
                target, made = parent, False
                if not parent.rule_text and parent.rule == UpdateRule.UNDETERMINED:
                    _fill(parent, row)
                    parent.save()
                continue
            if Column.objects.filter(organisation=organisation, parent=parent, name=row["second"]).exists():
                kept += 1
                continue
            column = Column(organisation=organisation, parent=parent, name=row["second"], position=pos)
            _fill(column, row)
            column.save()
            created += 1
            audit.record(E.COLUMN_IMPORTED, actor=actor, organisation=organisation, target=column,
                         after={"status": column.status}, reason=data.get("source", ""))
    return {"created": created, "kept": kept}


def _fill(column: Column, row: dict) -> None:
    column.lead_unit = row["lead_unit"][:200]
    column.cooperating_units = row["cooperating_units"][:200]
    column.rule = row["rule"]
    column.rule_days = row["rule_days"]
    column.rule_text = row["rule_text"]
    column.source = row["source"]
    column.flags = row["flags"]
