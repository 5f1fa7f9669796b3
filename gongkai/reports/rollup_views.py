"""Back-office pages of the rollup of the annual-report statistics (issue 24 item 6): pick an organisation and
a year, see the summed tables in the report's own layout with the included / missing / late / failed units,
drill down from any cell to the units' figures, download it as .xlsx. Views stay thin: the permission
check is `rollup.rollup_for`'s."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.core import clock, exports
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, organisations_where

from . import layout, rollup

MAX_PARAM = 80


def _params(request):
    """(organisation, year as given, choices) from the query; 404 for an unknown organisation."""
    choices = organisations_where(request.user, Action.REPORT_ROLLUP).exclude(level=Level.MINISTRY).order_by("path")
    if not choices.exists():
        raise PermissionDenied
    code = (request.GET.get("organisation") or "")[:MAX_PARAM].strip() or choices.first().code
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise Http404
    text = (request.GET.get("year") or "").strip()[:MAX_PARAM]
    try:
        year = int(text) if text else clock.today().year - 1
    except ValueError:
        year = text
    return organisation, year, choices


def _grids(tables):
    return {
        "proactive": [layout.proactive_grid(b) for b in tables.proactive],
        "requests": layout.requests_grid(tables),
        "appeals": layout.appeals_grid(tables),
    }


@login_required
def office_rollup(request):
    organisation, year, choices = _params(request)
    result, error = None, None
    try:
        result = rollup.rollup_for(actor=request.user, organisation=organisation, year=year)
    except ValidationFailed as exc:
        error = exc
    if result is not None and request.GET.get("format") == "xlsx":
        return _xlsx(result)
    return render(request, "reports/rollup.html", {
        "organisation": organisation, "year": year, "choices": choices, "result": result, "error": error,
        "grids": _grids(result.tables) if result else None, "fmt": result.fmt if result else None,
        "rollup_query": urlencode({"organisation": organisation.code, "year": year}),
    })


@login_required
def office_rollup_cell(request):
    """Which unit contributed what to one cell of the rollup."""
    organisation, year, _choices = _params(request)
    try:
        result = rollup.rollup_for(actor=request.user, organisation=organisation, year=year)
        key = (request.GET.get("key") or "")[:MAX_PARAM]
        contributions = result.contributions(key)
        label = " · ".join(rollup.cell_label(result, key))
    except (ValidationFailed, KeyError):
        raise Http404
    code = {u.organisation.pk: u.organisation.name for u in result.units}
    joint = [{**e, "names": [code.get(i, "") for i in e["organisation_ids"]]} for e in result.joint.get(key, ())]
    return render(request, "reports/rollup_cell.html", {
        "result": result, "key": key, "label": label, "contributions": contributions, "joint": joint,
        "total": result.tables.cell(key).value,
        "rollup_query": urlencode({"organisation": organisation.code, "year": year}),
    })


def _xlsx(result):
    units = result.included
    header = [_("部分"), _("项目"), _("列"), _("单元格"), _("汇总")] + [u.organisation.name for u in units]
    rows = []
    for cell in result.tables.all_cells():
        path = rollup.cell_label(result, cell.key)
        rows.append([path[0], " / ".join(path[1:-1]), path[-1], cell.key, cell.value]
                    + [u.numbers.get(cell.key) for u in units])
    rows.append([])
    for rate in result.rates:
        rows.append([_("比率"), rate.label, f"{rate.numerator_label} ÷ {rate.denominator_label}", "",
                     rate.display, f"{rate.numerator} / {rate.denominator}"])
    rows.append([])
    rows.append([_("纳入汇总"), *[u.organisation.name for u in units]])
    rows.append([_("未发布（缺报）"), *[o.name for o in result.missing]])
    rows.append([_("逾期发布"), *[u.organisation.name for u in result.late]])
    rows.extend([_("未通过校验（未计入汇总）"), message] for message in result.failed_messages())
    name = f"rollup-{result.organisation.code}-{result.year}"
    return exports.xlsx_response(name, header, rows, title=_("%(year)s年度汇总") % {"year": result.year})
