"""Index numbers (索引号) by a configurable pattern.

No national standard fixes the format (FACTS.md §6); the default follows gov.cn and many local
sites: ``{机构代码}/{YYYY}-{NNNNN}`` — the organisation's unified social credit code (its system
code when none, or none with a valid check character, is recorded), the year of formation, and a serial per organisation and year.
Set ``GONGKAI_INDEX_PATTERN`` to change it. Placeholders: ``{机构代码}``, ``{YYYY}``, ``{MM}``,
``{事项}`` (the catalog item's first-level name and number), and ``{N…}`` (the serial, zero-padded
to the number of N's). The serial comes from the one counter helper (``gongkai.core.sequence``,
key ``records.index.<organisation id>.<year>``), issued under a row lock so concurrent records
never share one, and skipping any number already used by a record of the organisation.
"""
from __future__ import annotations

import os
import re

from django.conf import settings

from gongkai.core.errors import ValidationFailed

from stdnum.cn import uscc

from gongkai.core import sequence

DEFAULT_PATTERN = "{机构代码}/{YYYY}-{NNNNN}"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def pattern() -> str:
    return getattr(settings, "RECORDS_INDEX_PATTERN", None) or os.environ.get("GONGKAI_INDEX_PATTERN") or DEFAULT_PATTERN


def validate_pattern(text: str) -> None:
    names = _PLACEHOLDER.findall(text)
    unknown = [n for n in names if n not in ("机构代码", "YYYY", "MM", "事项") and not re.fullmatch(r"N+", n)]
    if unknown or not any(re.fullmatch(r"N+", n) for n in names):
        raise ValidationFailed("索引号格式无效。", problems=[f"未知占位符：{', '.join(unknown)}" if unknown
                                                          else "格式中必须有序号占位符 {NNNNN}。"])


def organisation_code(organisation) -> str:
    """Return the organisation's unified social credit code when it is valid (GB 32100, checked by
    ``stdnum.cn.uscc``), else its system code: an index number never carries a mistyped code."""
    code = (organisation.credit_code or "").strip().upper()
    return code if code and uscc.is_valid(code) else organisation.code


def render(template: str, *, organisation, year: int, month: int, serial: int, item=None) -> str:
    """Return the index number for the given parts."""
    validate_pattern(template)

    def sub(m):
        name = m.group(1)
        if name == "机构代码":
            return organisation_code(organisation)
        if name == "YYYY":
            return f"{year:04d}"
        if name == "MM":
            return f"{month:02d}"
        if name == "事项":
            return f"{item.first_level}{item.number}" if item is not None else ""
        return f"{serial:0{len(name)}d}"

    return _PLACEHOLDER.sub(sub, template)


def issue(*, organisation, formation_date, item=None) -> str:
    """Issue the next index number of the organisation for the formation year (call inside a transaction)."""
    from .models import Record

    template = pattern()
    year, month = formation_date.year, formation_date.month

    def number(serial: int) -> str:
        return render(template, organisation=organisation, year=year, month=month, serial=serial, item=item)

    def taken(serial: int) -> bool:
        return Record.objects.filter(organisation=organisation, index_number=number(serial)).exists()

    return number(sequence.next_value(sequence_key(organisation.pk, year), taken=taken))


def sequence_key(organisation_id: int, year: int) -> str:
    """Return the core.Sequence key of an organisation's index numbers for a year."""
    return f"records.index.{organisation_id}.{year}"
