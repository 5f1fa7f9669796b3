"""Known-item search: a query that is an 索引号 or a 文号 finds its record first (issue 21 item 16).

The full-text index splits a query into words and bigrams; an index number such as
``11140522MA0K4P8Y2D/2026-00001`` or a document number such as ``阳应急〔2026〕12号`` is better
answered by an exact look-up on the record's own fields, which both databases answer from a
B-tree index (``records_index_no_idx``, ``records_doc_no_idx``). The query is normalised the way
people type these numbers: NFKC (full-width letters, digits and brackets become ASCII), no
spaces, upper case for index numbers; a document number's year brackets may be written 〔〕, [],
【】, () or （）, and the closing 号 may be left out.
"""
from __future__ import annotations

import re
import unicodedata

# Bracket pairs offices write around the year of a document number (the standard form first).
BRACKETS = (("〔", "〕"), ("[", "]"), ("【", "】"), ("(", ")"), ("（", "）"), ("［", "］"), ("〈", "〉"))
_OPEN = "".join(o for o, _c in BRACKETS)
_CLOSE = "".join(c for _o, c in BRACKETS)
# Year in brackets, then a serial: the shape of every 文号 (GB/T 9704-2012 7.2.4).
_DOC_NUMBER = re.compile(rf"^(?P<head>[^{re.escape(_OPEN)}]*)[{re.escape(_OPEN)}](?P<year>\d{{4}})"
                         rf"[{re.escape(_CLOSE)}](?P<serial>\d{{1,6}})号?$")
# An index number: letters/digits, a separator, a year and a serial (any configured pattern has digits).
_INDEX_NUMBER = re.compile(r"^[0-9A-Z][0-9A-Z./_-]{4,79}$")


def fold(query: str) -> str:
    """Return the query NFKC-folded without whitespace or invisible characters."""
    value = unicodedata.normalize("NFKC", query or "")
    return "".join(c for c in value if not c.isspace() and unicodedata.category(c) != "Cf")


def index_number_keys(query: str) -> list[str]:
    """Return the index numbers the query may be (empty when it cannot be one)."""
    typed = fold(query)
    value = typed.upper()
    if not _INDEX_NUMBER.match(value) or not any(c.isdigit() for c in value):
        return []
    return list(dict.fromkeys([value, typed, typed.lower()]))  # codes upper case, system codes (slugs) lower


def doc_number_keys(query: str) -> list[str]:
    """Return the written forms of the 文号 the query may be, every bracket style, with 号 (empty if none)."""
    # NFKC turns （）［］ into ()[]; the other brackets stay as they are.
    m = _DOC_NUMBER.match(fold(query))
    if not m or not m.group("head"):
        return []
    head, year, typed = m.group("head"), m.group("year"), m.group("serial")
    serials = dict.fromkeys([typed.lstrip("0") or "0", typed])  # GB/T 9704 numbers carry no leading zero
    return [f"{head}{o}{year}{c}{serial}号" for serial in serials for o, c in BRACKETS]
