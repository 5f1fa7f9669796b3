"""Normalisation, format checks and masking of applicants' personal data.

Input is normalised before it is validated or compared (docs/security.md): identifiers (identity
numbers, credit codes, phones, postal codes) are folded with NFKC, so full-width digits and
letters become ASCII, and must then be ASCII; names and descriptions lose invisible formatting
characters (zero-width, BOM, bidirectional overrides) and are refused when nothing visible is
left. Identity numbers follow the one rule of ``core.identity`` (shared with the privacy check); credit
code checksums come from python-stdnum (GB 32100).
"""
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

from . import identity

_MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")
_POSTAL_RE = re.compile(r"^[0-9]{6}$")
# Bidirectional embeddings, overrides and isolates: never needed in Chinese text, a spoofing tool.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def id_check_char(first17: str) -> str:
    """Return the check character of an 18-digit resident identity number (GB 11643; core.identity)."""
    return identity.check_char(first17)


def fold(value: str) -> str:
    """NFKC-fold an identifier and drop whitespace and invisible characters: "１４０５ ２５" -> "140525"."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(c for c in value if not c.isspace() and unicodedata.category(c) != "Cf")


def normalise_id_number(value: str) -> str:
    return fold(value).upper()


def validate_id_number(value: str) -> None:
    """Raise ValidationError unless `value` is an 18-digit identity number (the one rule: core.identity)."""
    v = normalise_id_number(value)
    code = identity.problem(v) if len(v) == 18 else identity.FORMAT
    if code == identity.FORMAT:
        raise ValidationError(_("居民身份证号码应为18位（最后一位可为X）。"), code=code)
    if code == identity.DATE:
        raise ValidationError(_("居民身份证号码中的出生日期无效。"), code=code)
    if code == identity.CHECKSUM:
        raise ValidationError(_("居民身份证号码校验位不正确，请核对。"), code=code)


def validate_credit_code(value: str) -> None:
    """Raise ValidationError unless `value` is a unified social credit code with a valid check character."""
    v = normalise_id_number(value)
    try:
        uscc.validate(v)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="credit_code_checksum") from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母。"), code="credit_code") from None


def normalise_phone(value: str) -> str:
    return re.sub(r"[()（）]", "", fold(value))


def validate_phone(value: str) -> None:
    """Raise ValidationError unless `value` is a mainland mobile or landline number."""
    v = normalise_phone(value)
    if not (_MOBILE_RE.match(v) or _LANDLINE_RE.match(v)):
        raise ValidationError(_("请填写11位手机号码或带区号的固定电话（如 0356-1234567）。"), code="phone")


def normalise_postal_code(value: str) -> str:
    return fold(value)


def validate_postal_code(value: str) -> None:
    if not _POSTAL_RE.match(normalise_postal_code(value)):
        raise ValidationError(_("邮政编码为6位数字。"), code="postal_code")


def clean_text(value: str) -> str:
    """Drop bidirectional controls and a leading BOM, strip surrounding whitespace."""
    return _BIDI_CONTROLS.sub("", value or "").lstrip("\ufeff").strip()


def has_visible_text(value: str) -> bool:
    """True when `value` holds something besides whitespace and invisible formatting characters."""
    return any(not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn")
               for c in value or "")


def validate_visible(value: str) -> None:
    if value and not has_visible_text(value):
        raise ValidationError(_("内容只含有不可见字符，请填写实际内容。"), code="invisible")


def served_content_type(data: bytes) -> str:
    """The content type a stored attachment is served with: detected from its bytes, else a plain download."""
    from gongkai.core.files import CONTENT_TYPES, detect_kind

    return CONTENT_TYPES.get(detect_kind(data) or "", "application/octet-stream")


def validate_attachment(upload) -> str:
    """Check an uploaded reply attachment like a record attachment (size, content matches extension);
    return the detected content type. Raises ValidationError with every problem."""
    from gongkai.core.errors import ValidationFailed
    from gongkai.core.files import CONTENT_TYPES, validate

    data = upload.read()
    upload.seek(0)
    try:
        kind = validate(upload.name or "", data)
    except ValidationFailed as exc:
        raise ValidationError(exc.problems or [exc.message], code="attachment") from None
    return CONTENT_TYPES[kind]


def mask_name(name: str) -> str:
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) >= 6:  # organisation names: keep the head, which is public anyway
        return name[:4] + "*" * 2 + name[-2:]
    return name[0] + "*" * (len(name) - 1)


def mask_person_name(name: str) -> str:
    """Mask a natural person's name whatever its length ("阿依古丽·买买提" too): the first character only."""
    name = name or ""
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else name


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


WEB_URL_MAX = 300
_WEB_URL = URLValidator(schemes=["http", "https"])


def normalise_web_url(value: str) -> str:
    """Strip whitespace and invisible characters around a link (a pasted link often carries them)."""
    return "".join(c for c in clean_text(value) if unicodedata.category(c) != "Cf")


def validate_web_url(value: str) -> None:
    """Raise ValidationError unless `value` is an absolute http(s) link of at most WEB_URL_MAX characters
    (live broadcasts, transcripts, articles: no javascript:, data: or other schemes)."""
    v = normalise_web_url(value)
    if len(v) > WEB_URL_MAX:
        raise ValidationError(_("链接不能超过%(n)d个字符。") % {"n": WEB_URL_MAX}, code="url_length")
    if any(c.isspace() for c in v):
        raise ValidationError(_("请填写以 http:// 或 https:// 开头的完整链接。"), code="url")
    try:
        _WEB_URL(v)
    except ValidationError:
        raise ValidationError(_("请填写以 http:// 或 https:// 开头的完整链接。"), code="url") from None
