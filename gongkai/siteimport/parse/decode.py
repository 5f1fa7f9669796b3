"""Bytes of a saved page → text: BOM, then the declared charset, then detection (charset-normalizer).

GB2312 and GBK declarations are read as GB18030 (their superset), so a page that says gb2312 but
uses a GBK-only character still decodes. A page no codec reads cleanly is reported, never guessed.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
              "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}
# Above this share of "chaos" (charset-normalizer's mess measure) detection is not trusted.
MAX_CHAOS = 0.2


class UndecodablePage(ValueError):
    pass


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset named by an HTTP header value or the page's <meta> (first 4 KB), as a Python codec name."""
    if header:
        m = re.search(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", header, re.I)
        if m and _codec(m.group(1)):
            return _codec(m.group(1))
    m = _META_CHARSET.search(data[:4096])
    if m:
        return _codec(m.group(1).decode("ascii", "ignore"))
    return None


def decode(data: bytes, header: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used); raise UndecodablePage when no encoding reads the bytes cleanly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    declared = declared_charset(data, header)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "utf_16", "cp1252"]).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UndecodablePage("no encoding reads this page cleanly")
    enc = _codec(best.encoding) or best.encoding
    return data.decode(enc, errors="replace"), enc
