"""Tokenisation shared by the indexer, the query parser and the benchmark (pure Python)."""
from __future__ import annotations

import re
import unicodedata

# CJK ideographs (unified, extension A, compatibility) — the runs that are split into bigrams.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def normalise(text: str) -> str:
    """Return text folded for matching: NFKC (full-width → half-width) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def runs(text: str) -> list[str]:
    """Return the runs of CJK characters and of ASCII letters/digits, in order."""
    return _RUN.findall(normalise(text))


def run_tokens(run: str) -> list[str]:
    """Return the tokens of one run: overlapping bigrams for CJK, the word itself otherwise."""
    if _IS_CJK.match(run):
        if len(run) == 1:
            return [run]
        return [run[i:i + 2] for i in range(len(run) - 1)]
    return [run]


def tokens(text: str) -> list[str]:
    """Return every token of `text` in order (runs are separated by their boundaries)."""
    out: list[str] = []
    for run in runs(text):
        out.extend(run_tokens(run))
    return out


def bigram_text(text: str) -> str:
    """Return the tokens joined by spaces (what the SQLite FTS5 table stores)."""
    return " ".join(tokens(text))


def query_terms(query: str) -> list[str]:
    """Split a user query into terms (whitespace separates terms); each term keeps its runs."""
    terms = []
    for part in (query or "").split():
        term = "".join(runs(part)) if runs(part) else ""
        if term:
            terms.append(part)
    return terms[:8]
