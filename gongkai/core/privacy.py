"""Finding personal data in text before publication, and masking it (pure Python).

Used by the records' privacy check before publication, by engagement (messages and comments shown
to the public) and by the site import's report: one scanner, one masking rule.

Detected: resident ID numbers — by the one identity-number rule of ``core.identity`` (18-digit:
real birth date and right check character; 15-digit first generation: real birth date; the area
code's history never matters, issue 21 item 1) —,
mainland mobile numbers (with or without +86), bank card numbers (16–19 digits passing the Luhn
check) and e-mail addresses. Disaster-relief notices list victims by name and amount; their ID and
card numbers must not reach the public site.

Real documents write these numbers in many ways, so the text is normalised first (issue 10
item 6): NFKC (full-width digits and letters become ASCII, the ideographic space a space),
zero-width characters dropped, and digit groups may be separated by one space or hyphen at the
usual group boundaries (ID 6-8-4 or 6-4-4-4, mobile 3-4-4, card groups of four). Each finding
carries its position in the ORIGINAL text, so masking replaces what was written.

Kept out (decoys): unified social credit codes and registration numbers (letters inside, or named
as such just before), index numbers (``…/2026-00001``), document numbers, landlines (a leading 0
is never a mobile), dates, amounts, and digit runs of the wrong length or with separators in the
wrong places.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass

from . import identity

# Characters dropped by normalisation (zero-width spaces and joiners, BOM, soft hyphen).
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SEPARATORS = " -"
# Words that, just before a number, say it is not a person's ID (企业的统一社会信用代码, 注册号, 索引号 …).
_DECOY_WORDS = ("信用代码", "注册号", "索引号", "文号", "订单号", "流水号")
_DECOY_WINDOW = 8

EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_GROUP_RE = re.compile(r"[0-9]+[Xx]?")


def luhn_ok(digits: str) -> bool:
    """Return True when a digit string passes the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@dataclass(frozen=True)
class Match:
    kind: str
    value: str  # normalised (ASCII digits, no separators)
    start: int  # in the original text
    end: int


_DASHES = ("\u2010", "\u2011", "\u2012", "\u2013", "\u2212")  # hyphen and dash look-alikes
_changing_re: re.Pattern | None = None
_folded: dict[str, str] = {}


def _changing() -> re.Pattern:
    """The characters normalisation changes: every non-ASCII character that NFKC changes, the
    invisible ones and the dash look-alikes (built once per process, ~0.2 s)."""
    global _changing_re
    if _changing_re is None:
        chars = set(_INVISIBLE) | set(_DASHES)
        chars.update(chr(cp) for cp in range(0x80, sys.maxunicode + 1)
                     if not 0xD800 <= cp <= 0xDFFF and not unicodedata.is_normalized("NFKC", chr(cp)))
        points = sorted(map(ord, chars))
        ranges, start = [], points[0]
        for prev, cp in zip(points, points[1:] + [None]):
            if cp != prev + 1:
                ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev != start else ""))
                start = cp
        _changing_re = re.compile("[" + "".join(ranges) + "]")
    return _changing_re


def _fold(ch: str) -> str:
    folded = _folded.get(ch)
    if folded is None:
        folded = "" if ch in _INVISIBLE else unicodedata.normalize("NFKC", ch)
        if folded in _DASHES:
            folded = "-"
        _folded[ch] = folded
    return folded


def normalise(text: str) -> tuple[str, list[int]]:
    """Return (NFKC text without invisible characters, original index of each character).

    Each character is folded on its own (NFKC), so every normalised character maps back to exactly
    one original character; only the characters normalisation changes are visited one by one, the
    runs between them are copied whole.
    """
    text = text or ""
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _changing().finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            index.extend(range(pos, i))
        folded = _fold(m.group())
        if folded:
            out.append(folded)
            index.extend([i] * len(folded))
        pos = i + 1
    if pos < len(text):
        out.append(text[pos:])
        index.extend(range(pos, len(text)))
    return "".join(out), index


def _groups(norm: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).upper()) for m in _GROUP_RE.finditer(norm)]


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _decoy_context(norm: str, start: int, end: int) -> bool:
    before = norm[max(0, start - _DECOY_WINDOW):start]
    if any(word in before for word in _DECOY_WORDS):
        return True
    if re.match(r"/\d{4}-\d", norm[end:end + 7]):  # an index number {code}/{year}-{serial}
        return True
    return False


def _classify(digits: str, cuts: tuple[int, ...]) -> tuple[str, str] | None:
    """Return (kind, value) for a candidate digit string whose group boundaries are `cuts`, or None."""
    n = len(digits)
    if n == 18 and set(cuts) <= {6, 10, 14} and identity.is_id_number(digits):
        return "id_number", digits
    if "X" in digits:
        return None
    if n == 15 and set(cuts) <= {6, 12} and identity.is_id_number(digits):
        return "id_number", digits
    if 16 <= n <= 19 and all(c % 4 == 0 for c in cuts) and luhn_ok(digits):
        return "bank_card", digits
    if n == 11 and set(cuts) <= {3, 7} and re.fullmatch(r"1[3-9]\d{9}", digits):
        return "mobile", digits
    if n == 13 and digits.startswith("86") and set(cuts) <= {2, 5, 9} and re.fullmatch(r"1[3-9]\d{9}", digits[2:]):
        return "mobile", digits[2:]
    return None


_PRIORITY = {"id_number": 0, "bank_card": 1, "mobile": 2}


def _numbers(norm: str) -> list[tuple[int, int, str, str]]:
    """Return (start, end, kind, value) in the normalised text for every ID, card and mobile number."""
    groups = _groups(norm)
    candidates = []
    for i, (start, _end, _text) in enumerate(groups):
        if start > 0 and (_is_letter(norm[start - 1]) or norm[start - 1] in "/."):
            continue
        digits, cuts = "", []
        for j in range(i, len(groups)):
            g_start, g_end, g_text = groups[j]
            if j > i:
                gap = norm[groups[j - 1][1]:g_start]
                if len(gap) != 1 or gap not in _SEPARATORS or "X" in digits:
                    break
                cuts.append(len(digits))
            digits += g_text
            if len(digits) > 19:
                break
            after = norm[g_end:g_end + 1]
            if after and (_is_letter(after) or (after == "." and norm[g_end + 1:g_end + 2].isdigit())):
                continue  # glued to letters or a decimal part: not a number of its own
            found = _classify(digits, tuple(cuts))
            if found and not _decoy_context(norm, start, g_end):
                # "+86 138…": the prefix belongs to the finding
                lead = start - 1 if found[0] == "mobile" and digits.startswith("86") and norm[start - 1:start] == "+" else start
                candidates.append((lead, g_end, found[0], found[1]))
    chosen: list[tuple[int, int, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (_PRIORITY[c[2]], -(c[1] - c[0]), c[0])):
        if all(cand[1] <= s or cand[0] >= e for s, e, *_ in chosen):
            chosen.append(cand)
    return chosen


def scan(text: str) -> list[Match]:
    """Return the personal data found in `text`, in order, without overlaps (positions in `text`)."""
    if not text:
        return []
    norm, index = normalise(text)
    found = [(s, e, kind, value) for s, e, kind, value in _numbers(norm)]
    for m in EMAIL_RE.finditer(norm):
        s, e = m.span(1)
        if all(e <= fs or s >= fe for fs, fe, *_ in found):
            found.append((s, e, "email", m.group(1)))
    return sorted((Match(kind, value, index[s], index[e - 1] + 1) for s, e, kind, value in found),
                  key=lambda m: m.start)


def mask_value(kind: str, value: str) -> str:
    """Return the masked form shown to the public (enough left to tell entries apart)."""
    if kind == "id_number":
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    if kind == "mobile":
        return value[:3] + "****" + value[-4:]
    if kind == "bank_card":
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    if kind == "email":
        local, _, domain = value.partition("@")
        return (local[:1] + "***@" + domain) if domain else "***"
    return "*" * len(value)


def mask_text(text: str, targets: set[tuple[str, str]]) -> tuple[str, int]:
    """Return `text` with every occurrence of the (kind, value) targets masked, and the count."""
    if not text or not targets:
        return text, 0
    out, pos, count = [], 0, 0
    for m in scan(text):
        if (m.kind, m.value) in targets:
            out.append(text[pos:m.start])
            out.append(mask_value(m.kind, m.value))
            pos, count = m.end, count + 1
    out.append(text[pos:])
    return "".join(out), count


def context_of(text: str, m: Match, width: int = 30) -> str:
    """Return the words around a match with the value itself masked (safe to show in lists)."""
    before = text[max(0, m.start - width):m.start]
    after = text[m.end:m.end + width]
    return f"{before}[{mask_value(m.kind, m.value)}]{after}".replace("\n", " ")
