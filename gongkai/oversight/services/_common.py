"""Input helpers shared by the oversight services (text, links, the seed 003 tables)."""
from __future__ import annotations

import json
import re
from importlib import resources

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

URL = re.compile(r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$")


def package_data() -> dict:
    """The parsed seed 003 tables shipped with the product (``data/seed003.json``)."""
    return json.loads(resources.files("gongkai.oversight").joinpath("data/seed003.json").read_text("utf-8"))


def _text(value, label, problems, *, required=True, max_length=300) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if required and not value:
        problems.append(_("请填写%(field)s。") % {"field": label})
    elif len(value) > max_length:
        problems.append(_("%(field)s不能超过%(n)d个字。") % {"field": label, "n": max_length})
    return value


def _url(value, label, problems, *, required=False) -> str:
    value = _text(value, label, problems, required=required)
    if value and not URL.match(value):
        problems.append(_("%(field)s须为 http(s) 链接或站内地址。") % {"field": label})
    return value


def _fail(problems):
    if problems:
        raise ValidationFailed(_("输入有误，未作任何修改。"), problems=problems)
