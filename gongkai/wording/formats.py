"""Format rules of official documents (GB/T 9704-2012, GB/T 15835-2011, GB/T 15834-2011).

Each rule is a regular expression run over the normalised text (a few look at the original
characters, e.g. which bracket was typed); its key, severity, explanation and source are data in
``data/formats.json``. An organisation may disable a format rule by its key like any other rule.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "formats.json"
_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class FormatRule:
    key: str
    label: str
    severity: str
    explanation: str
    source: str

    def why(self) -> str:
        return f"{self.explanation}（依据：{self.source}）"


@dataclass(frozen=True)
class FormatHit:
    start: int              # normalised offsets (used for ordering only when orig is given)
    end: int
    rule: str
    severity: str
    suggestion: str
    explanation: str
    orig: tuple[int, int] | None = None


def shipped() -> dict[str, FormatRule]:
    rows = json.loads(_DATA.read_text(encoding="utf-8"))
    return {row["key"]: FormatRule(**row) for row in rows}


_SHIPPED = shipped()


def enabled(disabled=frozenset()) -> dict[str, FormatRule]:
    return {key: rule for key, rule in _SHIPPED.items() if key not in disabled}


# 文号: issuer's code (CJK) + bracketed year + optional 第 + serial + 号, e.g. 国办发〔2018〕37号.
_DOCNO = re.compile(
    rf"(?<=[{_CJK}])([\[(【〔〖{{<《〈])[ ]*(\d{{4}}|\d{{2}})[ ]*([\])】〕〗}}>》〉])[ ]*(第?)[ ]*(\d{{1,6}})[ ]*号")
_ZERO_LIKE = "○◯OoΟο0零"
_CN_YEAR = re.compile(rf"(?<![一二三四五六七八九〇{_ZERO_LIKE}\d])[一二][一二三四五六七八九〇{_ZERO_LIKE}]{{3}}(?=[ ]*年)")
_JIEZHI = re.compile(
    r"截止(?=[ ]*(?:(?:19|20)\d{2}[ ]*年|\d{1,2}[ ]*[月日]|[一二三四五六七八九十〇]{1,4}[年月日]|目前|当前|现在|今年"
    r"|去年|上年|本年|年底|年末|月底|上半年|下半年|本月|上月|本周|昨天|今天|今日|发稿|本季度|第?[一二三四1-4]季度|日前))")
_DATE_ZERO = re.compile(r"(?:(?<=\d年)0[1-9](?=月)|(?<=\d月)0[1-9](?=日))")
_ASCII_PUNCT = re.compile(rf"(?<=[{_CJK}])[,;:?!](?=[{_CJK}])")
_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _hit(rule: FormatRule, start: int, end: int, suggestion: str, orig=None) -> FormatHit:
    return FormatHit(start, end, rule.key, rule.severity, suggestion, rule.why(), orig)


def _docno(rules, text: str, norm: str, index: list[int]):
    bracket, year_rule = rules.get("format:docno-bracket"), rules.get("format:docno-year")
    di_rule, zero_rule = rules.get("format:docno-di"), rules.get("format:docno-zero")
    for m in _DOCNO.finditer(norm):
        year = m.group(2)
        full_year = year if len(year) == 4 else "20" + year
        o_open, o_close = index[m.start(1)], index[m.start(3)]
        wrong_bracket = text[o_open] != "〔" or text[o_close] != "〕"
        if wrong_bracket and bracket:
            yield _hit(bracket, m.start(1), m.end(3), f"〔{full_year}〕", (o_open, o_close + 1))
        elif len(year) == 2 and year_rule:
            yield _hit(year_rule, m.start(1), m.end(3), f"〔{full_year}〕", (o_open, o_close + 1))
        serial = m.group(5)
        if m.group(4) and di_rule:
            yield _hit(di_rule, m.start(4), m.end(), f"{int(serial)}号")
        elif serial.startswith("0") and len(serial) > 1 and zero_rule:
            yield _hit(zero_rule, m.start(5), m.end(), f"{int(serial)}号")


def scan(rules: dict[str, FormatRule], text: str, norm: str, index: list[int]):
    """Yield the FormatHits of the enabled `rules` in one text."""
    if not rules:
        return
    if any(key.startswith("format:docno") for key in rules):
        yield from _docno(rules, text, norm, index)
    rule = rules.get("format:cn-zero")
    if rule:
        for m in _CN_YEAR.finditer(norm):
            year = m.group(0)
            if any(c in _ZERO_LIKE for c in year) and any(c in "一二三四五六七八九" for c in year):
                fixed = "".join("〇" if c in _ZERO_LIKE else c for c in year)
                yield _hit(rule, m.start(), m.end(), fixed)
    rule = rules.get("format:jiezhi")
    if rule:
        for m in _JIEZHI.finditer(norm):
            yield _hit(rule, m.start(), m.end(), "截至")
    rule = rules.get("format:date-zero")
    if rule:
        for m in _DATE_ZERO.finditer(norm):
            yield _hit(rule, m.start(), m.end(), m.group(0)[1:])
    rule = rules.get("format:ascii-punct")
    if rule:
        for m in _ASCII_PUNCT.finditer(text):   # the original text: which comma was typed matters
            yield _hit(rule, m.start(), m.end(), _FULL_PUNCT[m.group(0)], (m.start(), m.end()))
