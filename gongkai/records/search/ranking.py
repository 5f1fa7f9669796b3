"""Relevance for search results (pure Python: used by the search and by bench/bench_search.py).

The index answers which documents match (newest first); ordering by relevance re-ranks the
matched documents only — at most the count cap — so its cost is bounded whatever the size of
the index. A hit in the title weighs TITLE_WEIGHT hits in the text; the text is read up to
TEXT_WINDOW characters (the opening of a notice says what it is about; a longer window costs
more to read back than it adds); ties go to the newest.
"""
from __future__ import annotations

from . import tokens as tk

TITLE_WEIGHT = 10
TEXT_WINDOW = 600


def needles(terms: list[str]) -> list[str]:
    """Return the folded runs of the query terms, longest first (what is counted and highlighted)."""
    out = []
    for term in terms:
        out.extend(tk.runs(term))
    return sorted(set(out), key=len, reverse=True)


# Needles are folded (tokens.runs: NFKC, lower case): CJK characters, or ASCII letters and digits.
# Folding each document with NFKC would cost ~0.5 ms per 2,000 characters — half a second for 1,000
# documents — so the text is only lower-cased and an ASCII needle is also counted in its full-width
# form, which is all NFKC would have changed for these needles.
_TO_FULL_WIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}


def _count(text: str, needle: str) -> int:
    n = text.count(needle)
    if needle.isascii():
        n += text.count(needle.translate(_TO_FULL_WIDTH))
    return n


def score(title: str, opening: str, found: list[str]) -> int:
    """Return the relevance of one document: needle occurrences, the title weighted."""
    title, opening = (title or "").lower(), (opening or "")[:TEXT_WINDOW].lower()
    return sum(TITLE_WEIGHT * _count(title, n) + _count(opening, n) for n in found)


def order(rows, found: list[str]) -> list[int]:
    """Return the ids of `rows` ((id, title, opening) …) by relevance, then newest (highest id) first."""
    scores = {pk: score(title, opening, found) for pk, title, opening in rows}
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))
