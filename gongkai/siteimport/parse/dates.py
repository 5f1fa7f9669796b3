"""Dates as written on Chinese government pages → datetime.date (2024-03-05, 2024年3月5日, 2024/3/5, 二〇二四年三月五日)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_ARABIC = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_HAN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}
_HAN = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,4})日")


def _han_number(text: str) -> int:
    """一 … 三十一 (with 十)."""
    if "十" not in text:
        return int("".join(str(_HAN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        value = dt.date(y, m, d)
    except ValueError:
        return None
    return value if 1949 <= y <= 2100 else None


def parse_date(text: str | None) -> dt.date | None:
    """The first date written in ``text``, or None."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text)
    m = _ARABIC.search(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _HAN.search(text)
    if m:
        try:
            year = int("".join(str(_HAN_DIGITS[c]) for c in m.group(1)))
            return _date(year, _han_number(m.group(2)), _han_number(m.group(3)))
        except (KeyError, ValueError):
            return None
    m = _COMPACT.search(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None
