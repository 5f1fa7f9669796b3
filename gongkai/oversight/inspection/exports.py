"""The inspection report as .xlsx (through core/exports.py) and PDF (WeasyPrint, CJK fonts)."""
from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gongkai.core import exports

from .indicators import DOCUMENT


def _filename(report: dict, ext: str) -> str:
    run = report["run"]
    return f"{_('网站检查')}-{run.organisation.name}-{timezone.localtime(run.as_of):%Y%m%d%H%M}.{ext}"


def _rows(report: dict):
    for group, lines in ((_("单项否决指标"), report["vetoes"]), (_("扣分指标"), report["scored"])):
        for ln in lines:
            item, stored = ln["item"], ln["stored"]
            if not stored.available:
                outcome = _("未检查")
            elif item.veto:
                outcome = _("单项否决") if stored.triggered else _("未触发")
            else:
                outcome = _("扣%(n)s分") % {"n": stored.deduction}
            yield [group, str(item.label), stored.count, outcome, "", "", "", str(item.rule)]
            for f in ln["findings"]:
                yield ["", "", "", "", f.page_title, f.page_url or f.edit_url, f.text, f.detail]


def xlsx(report: dict) -> HttpResponse:
    run = report["run"]
    header = [_("类别"), _("检查项"), _("发现数"), _("结果"), _("页面"), _("地址"), _("发现"), _("说明 / 依据")]
    rows = [[_("机构"), run.organisation.name, "", report["verdict"], _("扣分指标得分"), str(run.score),
             _("检查时点"), timezone.localtime(run.as_of).strftime("%Y-%m-%d %H:%M")],
            [_("依据"), str(DOCUMENT), "", "", "", "", "", ""]] + list(_rows(report))
    return exports.xlsx_response(_filename(report, "xlsx"), header, rows, title=_("网站检查"))


def pdf(report: dict) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string("oversight/inspection_print.html", {**report, "document": DOCUMENT})
    response = HttpResponse(HTML(string=html, base_url=None).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, _filename(report, "pdf"))
    response["Cache-Control"] = "private, no-store"
    return response
