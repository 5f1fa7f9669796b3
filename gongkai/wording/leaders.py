"""Leaders and titles: a name written with a post the person does not hold on the document's date.

A name alone is never a finding; only a post written right next to it counts (局长张三, 党委书记、
局长张三, 张三局长, 张三同志). The posts recognised are the posts of the office's tenure table
plus the generic titles of ``data/posts.json``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from gongkai.core.privacy import normalise

_DATA = Path(__file__).resolve().parent / "data" / "posts.json"
_JOINERS = "、兼"
_AFTER_NAME = ("同志",)


def generic_posts() -> tuple[str, ...]:
    return tuple(json.loads(_DATA.read_text(encoding="utf-8"))["posts"])


@dataclass(frozen=True)
class LeaderHit:
    start: int      # normalised offsets
    end: int
    suggestion: str
    rule: str
    explanation: str


def _fmt(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


class LeaderIndex:
    def __init__(self, tenures, posts=()):
        self.by_name: dict[str, list] = {}
        for tenure in tenures:
            self.by_name.setdefault(normalise(tenure.name)[0], []).append(tenure)
        vocabulary = {normalise(p)[0] for p in (*posts, *(t.post for t in tenures)) if p}
        self.posts = vocabulary
        self.lengths = sorted({len(p) for p in vocabulary}, reverse=True)

    @property
    def names(self) -> list[str]:
        return list(self.by_name)

    def _post_ending_at(self, norm: str, pos: int):
        for n in self.lengths:
            if n <= pos and norm[pos - n:pos] in self.posts:
                return pos - n
        return None

    def _post_starting_at(self, norm: str, pos: int):
        for n in self.lengths:
            if norm[pos:pos + n] in self.posts:
                return pos + n
        return None

    def _adjacent_posts(self, norm: str, start: int, end: int) -> list[tuple[int, int]]:
        found = []
        pos = start
        while True:
            post_start = self._post_ending_at(norm, pos)
            if post_start is None:
                break
            found.append((post_start, pos))
            pos = post_start
            if pos and norm[pos - 1] in _JOINERS:
                pos -= 1
            else:
                break
        after = end
        for word in _AFTER_NAME:
            if norm.startswith(word, after):
                after += len(word)
        post_end = self._post_starting_at(norm, after)
        if post_end is not None:
            found.append((after, post_end))
        return found

    def check(self, norm: str, start: int, end: int, day: dt.date) -> list[LeaderHit]:
        name = norm[start:end]
        tenures = self.by_name.get(name)
        if not tenures:
            return []
        adjacent = self._adjacent_posts(norm, start, end)
        if not adjacent:
            return []
        wrong = [(s, e) for s, e in adjacent
                 if not any(t.post == norm[s:e] and t.holds_on(day) for t in tenures)]
        if not wrong:
            return []
        span_start = min(start, *(s for s, _ in adjacent))
        span_end = max(end, *(e for _, e in adjacent))
        persons = {t.person for t in tenures}
        current = sorted({t.post for t in tenures if t.holds_on(day)})
        suggestion = ""
        if len(persons) == 1 and len(current) == 1 and len(adjacent) == 1:
            s, e = adjacent[0]
            suggestion = norm[span_start:s] + current[0] + norm[e:span_end]
        posts_written = "、".join(norm[s:e] for s, e in wrong)
        held = "；".join(
            f"{t.organisation}{t.post}（{_fmt(t.start) or '—'}至{_fmt(t.end) or '今'}）" for t in tenures)
        explanation = (f"根据本机构维护的领导任职表，{name}在{_fmt(day)}不担任“{posts_written}”"
                       f"（任职记录：{held}）。")
        rule = "leader:" + sorted(persons)[0]
        return [LeaderHit(span_start, span_end, suggestion, rule, explanation)]
