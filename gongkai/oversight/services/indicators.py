"""Versions of an evaluation indicator set: creation, edits, publication."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .. import metrics
from ..models import Indicator, IndicatorSet
from ..states import OversightEvent as E
from ..workflow import INDICATOR_WORKFLOW
from ._common import _fail, _text


def indicator_set_create(*, organisation: Organisation, actor, year: int, copy_from: IndicatorSet | None = None,
                         note: str = "") -> IndicatorSet:
    """A new version of the organisation's indicator set for `year` (a copy of the latest, else the defaults)."""
    from .. import evaluation
    require(actor, Action.EVALUATION_EDIT, organisation)
    problems: list[str] = []
    if not (2000 <= int(year) <= clock.today().year + 1):
        problems.append(_("年度不正确。"))
    note = _text(note, _("说明"), problems, required=False)
    _fail(problems)
    with transaction.atomic():
        latest = IndicatorSet.objects.select_for_update().filter(organisation=organisation, year=year) \
            .order_by("-version").first()
        source = copy_from or latest or IndicatorSet.objects.filter(organisation=organisation, year__lt=year) \
            .order_by("-year", "-version").first()
        iset = IndicatorSet.objects.create(organisation=organisation, year=year,
                                           version=(latest.version + 1) if latest else 1, note=note)
        if source is not None:
            rows = [dict(code=i.code, category=i.category, name=i.name, weight=i.weight, metric=i.metric,
                         base_metric=i.base_metric, higher_is_better=i.higher_is_better, target=i.target,
                         source=i.source, position=i.position) for i in source.indicators.all()]
        else:
            rows = list(evaluation.default_rows())
        Indicator.objects.bulk_create([Indicator(indicator_set=iset, **r) for r in rows])
        audit.record(E.INDICATORS_CREATED, actor=actor, organisation=organisation, target=iset,
                     after={"status": iset.status, "version": iset.version})
    return iset


def indicator_set_edit(*, indicator_set: IndicatorSet, actor, rows: list[dict]) -> IndicatorSet:
    """Replace the indicators of a draft set. Each row: code, category, name, weight, metric, base_metric,
    higher_is_better, target, source."""
    problems: list[str] = []
    clean_rows, codes = [], set()
    for n, row in enumerate(rows, 1):
        where = _("第%(n)d行") % {"n": n}
        code = (row.get("code") or "").strip()
        if not re.match(r"^[a-z][a-z0-9_]{0,39}$", code):
            problems.append(_("%(where)s：代码须为小写字母开头的字母、数字或下划线。") % {"where": where})
        elif code in codes:
            problems.append(_("%(where)s：代码“%(code)s”重复。") % {"where": where, "code": code})
        codes.add(code)
        name = (row.get("name") or "").strip()
        category = (row.get("category") or "").strip()
        if not name or len(name) > 120 or not category or len(category) > 40:
            problems.append(_("%(where)s：请填写指标名称和类别。") % {"where": where})
        try:
            weight = Decimal(str(row.get("weight", "")).strip())
            target = Decimal(str(row.get("target", "")).strip())
            if not (Decimal(0) <= weight <= Decimal(100)) or target < 0 or target > Decimal(10 ** 6):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            problems.append(_("%(where)s：分值须为0到100之间的数，满分标准须为非负数。") % {"where": where})
            weight = target = Decimal(0)
        metric = row.get("metric") or ""
        base = row.get("base_metric") or ""
        if metric not in metrics.METRICS or (base and base not in metrics.METRICS):
            problems.append(_("%(where)s：请选择系统中的数据项。") % {"where": where})
        clean_rows.append(dict(code=code, category=category, name=name, weight=weight, metric=metric,
                               base_metric=base, higher_is_better=bool(row.get("higher_is_better")), target=target,
                               source=(row.get("source") or "").strip()[:200], position=n))
    if not clean_rows:
        problems.append(_("至少需要一项指标。"))
    elif sum(r["weight"] for r in clean_rows) != Decimal(100):
        problems.append(_("各指标分值合计须为100（现为%(sum)s）。") % {"sum": sum(r["weight"] for r in clean_rows)})
    _fail(problems)

    def apply(s):
        s.indicators.all().delete()
        Indicator.objects.bulk_create([Indicator(indicator_set=s, **r) for r in clean_rows])

    return INDICATOR_WORKFLOW.run("edit", indicator_set, actor=actor, apply=apply,
                                  extra={"indicators": len(clean_rows)}).instance


def indicator_set_publish(*, indicator_set: IndicatorSet, actor) -> IndicatorSet:
    def apply(s):
        s.published_at = clock.now()

    return INDICATOR_WORKFLOW.run("publish", indicator_set, actor=actor, apply=apply).instance
