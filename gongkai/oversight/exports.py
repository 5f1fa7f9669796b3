"""The circulated notice (通报) of an evaluation: .xlsx (openpyxl) and PDF (WeasyPrint)."""
from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .templatetags.oversight_tags import target_text


def notice_xlsx(context: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("排名")
    indicators = context["indicators"]
    ws.append([context["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([context["subtitle"]])
    ws.append([_("名次"), _("机构"), _("总分"), _("结果")] + [f"{i.name}（{i.weight:g}）" for i in indicators])
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for row in context["ranking"]:
        ws.append([row.rank, row.organisation.name, row.total, _("不合格（单项否决）") if row.vetoed else ""]
                  + ["—" if i.code in row.not_applicable else row.breakdown.get(i.code)
                     if row.breakdown.get(i.code) is not None else _("不可用") for i in indicators])
    ws.column_dimensions["B"].width = 28
    sheet = wb.create_sheet(_("指标说明"))
    sheet.append([_("代码"), _("类别"), _("指标"), _("分值"), _("数据项"), _("满分标准"), _("依据")])
    for i in indicators:
        sheet.append([i.code, i.category, i.name, float(i.weight), str(context["metric_labels"].get(i.metric, i.metric)),
                      target_text(i), i.source])
    sheet.append([])
    sheet.append([str(context["rule"])])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def notice_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("oversight/notice_print.html", context)
    return HTML(string=html).write_pdf()
