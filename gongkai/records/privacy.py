"""Finding personal data in text before publication, and masking it (pure Python).

Detected: 18-digit resident ID numbers (GB 11643 check digit), mainland mobile numbers, bank card
numbers (16–19 digits passing the Luhn check) and e-mail addresses. Disaster-relief notices list
victims by name and amount; their ID and card numbers must not reach the public site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![0-9])")
CARD_RE = re.compile(r"(?<![0-9])((?:\d[ -]?){15,18}\d)(?![0-9])")
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def id_checksum_ok(number: str) -> bool:
    """Return True when an 18-character ID number's last character is its check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


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
    value: str  # normalised (no separators)
    start: int
    end: int


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def scan(text: str) -> list[Match]:
    """Return the personal data found in `text`, in order, without overlaps."""
    found: list[Match] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= s or a >= e for s, e in taken)

    for m in ID_RE.finditer(text or ""):
        if id_checksum_ok(m.group(1).upper()):
            found.append(Match("id_number", m.group(1).upper(), m.start(1), m.end(1)))
            taken.append((m.start(1), m.end(1)))
    for m in CARD_RE.finditer(text or ""):
        digits = _digits(m.group(1))
        if 16 <= len(digits) <= 19 and digits.isdigit() and luhn_ok(digits) and free(m.start(1), m.end(1)):
            found.append(Match("bank_card", digits, m.start(1), m.end(1)))
            taken.append((m.start(1), m.end(1)))
    for m in MOBILE_RE.finditer(text or ""):
        if free(m.start(1), m.end(1)):
            found.append(Match("mobile", _digits(m.group(1)), m.start(1), m.end(1)))
            taken.append((m.start(1), m.end(1)))
    for m in EMAIL_RE.finditer(text or ""):
        if free(m.start(1), m.end(1)):
            found.append(Match("email", m.group(1), m.start(1), m.end(1)))
            taken.append((m.start(1), m.end(1)))
    return sorted(found, key=lambda m: m.start)


def mask_value(kind: str, value: str) -> str:
    """Return the masked form shown to the public (enough left to tell entries apart)."""
    if kind == "id_number":
        return value[:4] + "*" * 10 + value[-4:]
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
