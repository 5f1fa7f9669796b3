"""Format checks and masking of applicants' personal data."""
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# GB 11643-1999: weights of the first 17 digits and the check character for sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def id_check_char(first17: str) -> str:
    """Return the check character of an 18-digit resident identity number."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate_id_number(value: str) -> None:
    """Raise ValidationError unless `value` is an 18-digit identity number with a valid date and checksum."""
    v = normalise_id_number(value)
    if not _ID_RE.match(v):
        raise ValidationError(_("居民身份证号码应为18位（最后一位可为X）。"), code="id_format")
    try:
        dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise ValidationError(_("居民身份证号码中的出生日期无效。"), code="id_date") from None
    if id_check_char(v[:17]) != v[17]:
        raise ValidationError(_("居民身份证号码校验位不正确，请核对。"), code="id_checksum")


def validate_credit_code(value: str) -> None:
    if not _CREDIT_CODE_RE.match((value or "").strip().upper()):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母。"), code="credit_code")


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s()（）]", "", value or "")


def validate_phone(value: str) -> None:
    """Raise ValidationError unless `value` is a mainland mobile or landline number."""
    v = normalise_phone(value)
    if not (_MOBILE_RE.match(v) or _LANDLINE_RE.match(v)):
        raise ValidationError(_("请填写11位手机号码或带区号的固定电话（如 0356-1234567）。"), code="phone")


def mask_name(name: str) -> str:
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) >= 6:  # organisation names: keep the head, which is public anyway
        return name[:4] + "*" * 2 + name[-2:]
    return name[0] + "*" * (len(name) - 1)


def mask_middle(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_email(value: str) -> str:
    local, at, domain = (value or "").partition("@")
    if not at:
        return mask_middle(value)
    return (local[:1] + "***" if local else "") + "@" + domain
