"""The office's request list as spreadsheet rows (issue 21 item 19); files are written by core.exports.

Personal data is masked as on the list page: the export is a working list, not a register.
"""
from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _


def header() -> list[str]:
    return [_("申请编号"), _("原编号"), _("受理机关"), _("申请人"), _("申请人类型"), _("申请渠道"), _("收到申请之日"),
            _("状态"), _("答复截止日期"), _("承办股室"), _("办理结果"), _("办结日期"), _("所需信息的内容描述")]


def rows(qs) -> Iterator[list]:
    for r in qs.iterator(chunk_size=500):
        yield [r.tracking_number, r.legacy_number, r.organisation.name, r.masked_name, r.get_applicant_type_display(),
               r.get_channel_display(), r.received_on, r.get_status_display(), r.due_date,
               r.unit.name if r.unit_id else "", r.outcome_text, r.closed_on, r.description]
