"""The wording check: pure Python, no ORM.

A ``RuleSet`` is compiled once from plain rules (shipped data and an organisation's own rules,
already merged by ``gongkai.wording.rules``) and tenures; ``RuleSet.check(text, on_date)`` returns
``Finding``s with offsets in the ORIGINAL text. The text is matched after the privacy check's
normalisation (``core.privacy.normalise``: full-width → half-width, invisible characters removed,
with the index of each normalised character in the original), with one Aho–Corasick automaton
(pyahocorasick) for every term and leader name, the regular-expression format rules of
``formats``, and word boundaries from the jieba segmenter (``boundaries``) where a rule asks
for whole words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import ahocorasick

from gongkai.core.privacy import normalise

from . import boundaries, formats, leaders

OUTDATED_NAME, LEADER, FORBIDDEN, TYPO, FORMAT = "outdated_name", "leader", "forbidden", "typo", "format"
KINDS = (OUTDATED_NAME, LEADER, FORBIDDEN, TYPO, FORMAT)
SEVERE, MAJOR, MINOR = "severe", "major", "minor"
SEVERITIES = (SEVERE, MAJOR, MINOR)
_SEVERITY_RANK = {SEVERE: 0, MAJOR: 1, MINOR: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    start: int          # offsets in the ORIGINAL text (not the normalised one)
    end: int
    text: str           # original_text[start:end]
    kind: str           # "outdated_name" | "leader" | "forbidden" | "typo" | "format"
    severity: str       # "severe" | "major" | "minor"
    suggestion: str     # replacement text ("" when there is none)
    rule: str           # stable rule key (shipped key or "db:<pk>")
    explanation: str = ""   # one Chinese sentence: why, and the source

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "severity": self.severity, "suggestion": self.suggestion, "rule": self.rule}


@dataclass(frozen=True)
class Rule:
    """One term rule. For an outdated name, ``valid_to`` is the day the name stopped being right
    (documents dated on or after it get a finding); for the other kinds the rule applies to
    documents dated within [valid_from, valid_to)."""

    key: str
    kind: str
    term: str
    suggestion: str = ""
    severity: str = MINOR
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    explanation: str = ""
    source: str = ""
    whole_word: bool = True

    def applies_on(self, day: dt.date) -> bool:
        if self.kind == OUTDATED_NAME:
            return (self.valid_to is None or day >= self.valid_to) and (
                self.valid_from is None or day >= self.valid_from)
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_to is None or day < self.valid_to)

    def why(self) -> str:
        if self.source and self.source not in self.explanation:
            return f"{self.explanation}（依据：{self.source}）" if self.explanation else f"依据：{self.source}"
        return self.explanation


@dataclass(frozen=True)
class Tenure:
    """A person's post from ``start`` to ``end`` (inclusive; None = open)."""

    person: str         # stable key of the person (e.g. "db:12")
    name: str
    post: str
    start: dt.date | None = None
    end: dt.date | None = None
    organisation: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class _Candidate:
    start: int      # normalised offsets
    end: int
    kind: str
    severity: str
    suggestion: str
    rule: str
    explanation: str = ""
    orig: tuple[int, int] | None = field(default=None)   # original offsets when already known
    whole_word: bool = False                              # still to be checked against word boundaries


class RuleSet:
    """The compiled matcher of one rule-set version (immutable once built; safe to share)."""

    def __init__(self, rules=(), tenures=(), *, disabled=frozenset(), posts=()):
        self.disabled = frozenset(disabled)
        self.rules = [r for r in rules if r.key not in self.disabled and r.term]
        self.tenures = [t for t in tenures if t.name and t.post]
        self.leaders = leaders.LeaderIndex(self.tenures, posts)
        self.formats = formats.enabled(self.disabled)
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[list[Rule], bool]] = {}
        for rule in self.rules:
            term = normalise(rule.term)[0]
            if term:
                entries.setdefault(term, ([], False))[0].append(rule)
        for name in self.leaders.names:
            term = normalise(name)[0]
            if term:
                entries[term] = (entries.get(term, ([], False))[0], True)
        for term, (term_rules, is_name) in entries.items():
            self._automaton.add_word(term, (len(term), tuple(term_rules), is_name))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.rules)

    def check(self, text: str, on_date: dt.date) -> list[Finding]:
        if not text:
            return []
        norm, index = normalise(text)
        if not norm:
            return []
        candidates: list[_Candidate] = []
        if not self._empty:
            for end_at, (length, term_rules, is_name) in self._automaton.iter(norm):
                start, end = end_at + 1 - length, end_at + 1
                for rule in term_rules:
                    cand = self._term_candidate(rule, norm, start, end, on_date)
                    if cand is not None:
                        candidates.append(cand)
                if is_name:
                    candidates.extend(self._leader_candidates(norm, start, end, on_date))
        candidates = self._word_boundaries(candidates, norm)
        for hit in formats.scan(self.formats, text, norm, index):
            candidates.append(_Candidate(hit.start, hit.end, FORMAT, hit.severity, hit.suggestion,
                                         hit.rule, hit.explanation, orig=hit.orig))
        return self._resolve(candidates, text, index)

    # --- candidates -------------------------------------------------------------------------
    def _term_candidate(self, rule: Rule, norm: str, start: int, end: int, day: dt.date):
        if not rule.applies_on(day):
            return None
        if rule.kind == OUTDATED_NAME and boundaries.historical(norm, start, end):
            return None
        return _Candidate(start, end, rule.kind, rule.severity, rule.suggestion, rule.key, rule.why(),
                          whole_word=rule.whole_word and rule.kind in (OUTDATED_NAME, TYPO))

    @staticmethod
    def _word_boundaries(candidates: list[_Candidate], norm: str) -> list[_Candidate]:
        """Drop the candidates a dictionary word crosses (jieba, on the candidate's run of text)."""
        return [c for c in candidates if not c.whole_word or boundaries.whole_word(norm, c.start, c.end)]

    def _leader_candidates(self, norm: str, start: int, end: int, day: dt.date):
        for hit in self.leaders.check(norm, start, end, day):
            yield _Candidate(hit.start, hit.end, LEADER, SEVERE, hit.suggestion, hit.rule, hit.explanation)

    # --- overlaps and offsets ---------------------------------------------------------------
    @staticmethod
    def _resolve(candidates: list[_Candidate], text: str, index: list[int]) -> list[Finding]:
        # Severe first, then the longest, then the leftmost; a kept span hides what overlaps it.
        candidates.sort(key=lambda c: (_SEVERITY_RANK.get(c.severity, 3), -(c.end - c.start), c.start))
        taken = bytearray(len(text))   # 1 where a kept finding already covers the original text
        findings: list[Finding] = []
        for c in candidates:
            if c.orig is not None:
                o_start, o_end = c.orig
            else:
                o_start, o_end = index[c.start], index[c.end - 1] + 1
            if taken.find(1, o_start, o_end) >= 0:
                continue
            taken[o_start:o_end] = b"\x01" * (o_end - o_start)
            findings.append(Finding(o_start, o_end, text[o_start:o_end], c.kind, c.severity,
                                    c.suggestion, c.rule, c.explanation))
        findings.sort(key=lambda f: (f.start, f.end))
        return findings
