"""Checks of organisation identifiers, through python-stdnum."""
from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, ValidationError


def normalise_credit_code(value: str) -> str:
    """Return the code as ASCII upper case without spaces (full-width input is folded by NFKC)."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def credit_code_problem(value: str) -> str | None:
    """Return why `value` is not a valid unified social credit code (GB 32100-2015), or None."""
    try:
        uscc.validate(normalise_credit_code(value))
    except InvalidChecksum:
        return _("统一社会信用代码校验位不正确。")
    except ValidationError:
        return _("统一社会信用代码应为18位，由数字和大写字母组成。")
    return None
