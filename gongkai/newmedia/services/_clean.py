"""Input cleaning shared by the 政务新媒体 services (not a service itself)."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.validators import clean_text, has_visible_text

from ..models import HANDLE_MAX, CONTACT_MAX, NAME_MAX, PURPOSE_MAX, REASON_MAX, UNIT_MAX, URL_MAX
from ..states import Platform

_URL = URLValidator(schemes=["http", "https"])
EARLIEST = dt.date(2000, 1, 1)


def text(problems: list, value, label: str, limit: int, *, required: bool = True) -> str:
    """Return `value` cleaned (invisible controls dropped, stripped), noting a missing or oversized one."""
    value = clean_text(value if isinstance(value, str) else ("" if value is None else str(value)))
    if required and not has_visible_text(value):
        problems.append(_("请填写%(f)s。") % {"f": label})
    elif value and not has_visible_text(value):
        problems.append(_("%(f)s只含有不可见字符，请填写实际内容。") % {"f": label})
    elif len(value) > limit:
        problems.append(_("%(f)s不能超过%(n)d个字符。") % {"f": label, "n": limit})
    return value


def url(problems: list, value, label: str) -> str:
    """Return an http(s) address (or ""), noting anything else."""
    value = text(problems, value, label, URL_MAX, required=False)
    if value and len(value) <= URL_MAX:
        try:
            _URL(value)
        except ValidationError:
            problems.append(_("%(f)s须为以 http:// 或 https:// 开头的完整网址。") % {"f": label})
    return value


def day(problems: list, value, label: str, *, not_before: dt.date | None = None) -> dt.date | None:
    """Return a date between `not_before` (default 2000-01-01) and today, noting anything else."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        problems.append(_("请填写正确的%(f)s（年-月-日）。") % {"f": label})
        return None
    if value > clock.today():
        problems.append(_("%(f)s不能晚于今天。") % {"f": label})
    elif value < (not_before or EARLIEST):
        problems.append(_("%(f)s不能早于%(d)s。") % {"f": label, "d": (not_before or EARLIEST).isoformat()})
    return value


def account_fields(problems: list, data: dict) -> dict:
    """The proposed fields of an opening or change request, cleaned."""
    platform = data.get("platform")
    if platform not in Platform.values:
        problems.append(_("请选择平台。"))
    return {
        "platform": platform if platform in Platform.values else "",
        "name": text(problems, data.get("name"), _("账号名称"), NAME_MAX),
        "handle": text(problems, data.get("handle"), _("账号ID"), HANDLE_MAX, required=False),
        "url": url(problems, data.get("url"), _("访问链接")),
        "operator": text(problems, data.get("operator"), _("运维单位"), UNIT_MAX),
        "purpose": text(problems, data.get("purpose"), _("功能定位"), PURPOSE_MAX),
        "contact": text(problems, data.get("contact"), _("联系方式"), CONTACT_MAX),
    }


def reason(problems: list, value, label: str | None = None) -> str:
    return text(problems, value, label or _("申请理由"), REASON_MAX)


def fail(problems: list[str], message: str | None = None) -> None:
    if problems:
        raise ValidationFailed(message or _("请更正以下问题。"), problems=problems)
