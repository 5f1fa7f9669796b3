"""Checking the content items of a decision (form, import and corrections use the same rule).

Identifiers go through core's one rule: ``core.validators.validate_credit_code`` (GB 32100 check
character, python-stdnum) and ``validate_id_number`` (core.identity). Text loses bidirectional
controls and must hold something visible; dates are ISO, ``2026/3/5`` or ``2026年3月5日`` (full-width
digits allowed) and may not lie in the future or before the working-day calendar's first year.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core import clock, validators
from gongkai.workdays import calendar

from .states import DecisionKind, SubjectType

TEXT_LIMITS = {"document_number": 100, "title": 200, "category": 100, "subject_name": 200,
               "legal_representative": 60, "authority": 120, "facts": 5000, "basis": 5000, "content": 5000}
REQUIRED_TEXT = ("document_number", "title", "category", "subject_name", "basis", "content")
FIELDS = ("kind", "document_number", "title", "category", "subject_type", "subject_name", "credit_code",
          "legal_representative", "id_number", "facts", "basis", "content", "fine_amount", "decided_on", "authority",
          "valid_until", "publicity_until")
MAX_FINE = Decimal("99999999")  # 万元; the column holds 12 digits, 4 after the point
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def label(key: str) -> str:
    from .models import Decision

    return str(Decision._meta.get_field(key).verbose_name)


def _choice(value, enum) -> str | None:
    text = validators.clean_text(str(value or ""))
    for member in enum:
        if text in (member.value, str(member.label)):
            return member.value
    return None


def parse_date(value) -> dt.date | None:
    """Return the date written in `value` (a date or text), or None when there is none; ValueError when bad."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = validators.fold(str(value))
    if not text:
        return None
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _date(problems, data, key, *, required=False):
    try:
        value = parse_date(data.get(key))
    except (ValueError, OverflowError):
        problems.append(_("%(f)s不是有效日期（应写作 2026-03-05 或 2026年3月5日）。") % {"f": label(key)})
        return None
    if value is None and required:
        problems.append(_("%(f)s不能为空。") % {"f": label(key)})
    return value


def clean(data: dict, organisation) -> tuple[dict, list[str]]:
    """Return (clean values, problems) for the content items in `data`; problems are Chinese sentences."""
    problems: list[str] = []
    out: dict = {}
    out["kind"] = _choice(data.get("kind"), DecisionKind)
    if out["kind"] is None:
        problems.append(_("决定类别应为“行政许可”或“行政处罚”。"))
    out["subject_type"] = _choice(data.get("subject_type"), SubjectType)
    if out["subject_type"] is None:
        problems.append(_("行政相对人类别应为“法人及非法人组织”“个体工商户”或“自然人”。"))
    for key, limit in TEXT_LIMITS.items():
        value = validators.clean_text(str(data.get(key) or ""))
        if value and not validators.has_visible_text(value):
            problems.append(_("%(f)s只含有不可见字符，请填写实际内容。") % {"f": label(key)})
            value = ""
        elif len(value) > limit:
            problems.append(_("%(f)s不能超过%(n)d字。") % {"f": label(key), "n": limit})
        elif not value and key in REQUIRED_TEXT:
            problems.append(_("%(f)s不能为空。") % {"f": label(key)})
        out[key] = value
    out["authority"] = out["authority"] or organisation.name
    person = out["subject_type"] == SubjectType.PERSON
    code = validators.normalise_id_number(str(data.get("credit_code") or ""))
    if code and person:
        problems.append(_("自然人没有统一社会信用代码，请清空该项（身份证号码填入“居民身份证号码”）。"))
    elif code:
        try:
            validators.validate_credit_code(code)
        except ValidationError as exc:
            problems.extend(exc.messages)
    elif out["subject_type"] == SubjectType.LEGAL:
        problems.append(_("法人及非法人组织须填写统一社会信用代码。"))
    out["credit_code"] = code
    id_number = validators.normalise_id_number(str(data.get("id_number") or ""))
    if id_number and not person:
        problems.append(_("只有自然人填写居民身份证号码。"))
    elif id_number:
        try:
            validators.validate_id_number(id_number)
        except ValidationError as exc:
            problems.extend(exc.messages)
    out["id_number"] = id_number
    out["fine_amount"] = _fine(problems, data.get("fine_amount"), out["kind"])
    today = clock.today()
    decided = _date(problems, data, "decided_on", required=True)
    if decided is not None:
        first = dt.date(calendar.get_calendar().first_year, 1, 1)
        if decided > today:
            problems.append(_("决定日期不能晚于今天。"))
        elif decided < first:
            problems.append(_("决定日期不能早于%(d)s（工作日日历的起始年份）。") % {"d": first.isoformat()})
    out["decided_on"] = decided
    for key in ("valid_until", "publicity_until"):
        value = _date(problems, data, key)
        if value is not None and decided is not None and value <= decided:
            problems.append(_("%(f)s应晚于决定日期。") % {"f": label(key)})
        out[key] = value
    if out["valid_until"] and out["kind"] == DecisionKind.PENALTY:
        problems.append(_("许可有效期只适用于行政许可决定。"))
    return out, problems


def _fine(problems, value, kind):
    text = validators.fold(str(value if value is not None else "")).replace(",", "")
    if not text:
        return None
    if kind == DecisionKind.LICENSING:
        problems.append(_("罚款金额只适用于行政处罚决定。"))
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        problems.append(_("罚款金额应为数字（单位：万元）。"))
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_FINE or amount.as_tuple().exponent < -4:
        problems.append(_("罚款金额应为0至99999999之间、最多4位小数的数字（单位：万元）。"))
        return None
    return amount
