"""Explanations of computed deadlines: which days were skipped and why, in words."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass



from .base import Extension, _short, format_date


@dataclass(frozen=True)
class DayNote:
    day: dt.date
    name: str


@dataclass(frozen=True)
class PauseNote:
    start: dt.date
    end: dt.date | None
    kind: str
    excluded_working_days: int
    restarted: bool = False


@dataclass(frozen=True)
class Explanation:
    """How a deadline was computed, structured for any UI and rendered as Chinese text."""

    rule: str
    start: dt.date | None = None
    start_label: str = "起算日"
    receipt_rule: str = ""
    working_days: int | None = None
    counted_from: dt.date | None = None
    due_date: dt.date | None = None
    skipped_holidays: tuple[DayNote, ...] = ()
    skipped_weekends: tuple[dt.date, ...] = ()
    makeup_workdays: tuple[DayNote, ...] = ()
    pauses: tuple[PauseNote, ...] = ()
    extension: Extension | None = None
    provisional_reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Return the explanation as Chinese sentences, one per step."""
        out: list[str] = []
        year = self.start.year if self.start else None
        if self.start is not None:
            out.append(f"{self.start_label}：{format_date(self.start)}。")
        out.append(f"计算规则：{self.rule}。")
        if self.receipt_rule:
            out.append(f"起算方式：{self.receipt_rule}。")
        if self.counted_from is not None:
            out.append(f"第一个计入的工作日：{format_date(self.counted_from)}。")
        for group_name, first, last, count in _group_holidays(self.skipped_holidays):
            span = _short(first, year) if first == last else f"{_short(first, year)}至{_short(last, year)}"
            out.append(f"跳过法定节假日：{group_name} {span}（{count}天）。")
        if self.skipped_weekends:
            days = "、".join(_short(d, year) for d in self.skipped_weekends)
            out.append(f"跳过周末：{days}（共{len(self.skipped_weekends)}天）。")
        for note in self.makeup_workdays:
            out.append(f"计入调休上班日：{format_date(note.day)}，{note.name}。")
        for p in self.pauses:
            end = format_date(p.end) if p.end else "尚未恢复"
            if p.restarted:
                out.append(
                    f"{p.kind}：{format_date(p.start)}至{end}；依《条例》第三十条，"
                    f"自收到补正申请之日重新起算。"
                )
            else:
                out.append(
                    f"暂停计时（{p.kind}）：{format_date(p.start)}至{end}，"
                    f"其间{p.excluded_working_days}个工作日不计入期限（暂停开始当日照常计入，"
                    f"恢复当日不计入）。"
                )
        if self.extension is not None:
            ext = self.extension
            text = f"延长期限：{ext.working_days}个工作日，经{ext.approved_by}同意"
            if ext.approved_on:
                text += f"（{format_date(ext.approved_on)}）"
            if ext.reason:
                text += f"，理由：{ext.reason}"
            out.append(text + "。")
        out.extend(self.notes)
        if self.due_date is not None:
            out.append(f"截止日期：{format_date(self.due_date)}。")
        else:
            out.append("截止日期：无法定日期。")
        for reason in self.provisional_reasons:
            out.append(f"暂定：{reason}")
        return out

    @property
    def text(self) -> str:
        return "\n".join(self.lines())

    def as_dict(self) -> dict:
        """Return a JSON-ready dict (ISO dates)."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "rule": self.rule,
            "start": iso(self.start),
            "start_label": self.start_label,
            "receipt_rule": self.receipt_rule,
            "working_days": self.working_days,
            "counted_from": iso(self.counted_from),
            "due_date": iso(self.due_date),
            "skipped_holidays": [{"date": n.day.isoformat(), "name": n.name} for n in self.skipped_holidays],
            "skipped_weekends": [d.isoformat() for d in self.skipped_weekends],
            "makeup_workdays": [{"date": n.day.isoformat(), "name": n.name} for n in self.makeup_workdays],
            "pauses": [
                {"start": iso(p.start), "end": iso(p.end), "kind": p.kind,
                 "excluded_working_days": p.excluded_working_days, "restarted": p.restarted}
                for p in self.pauses
            ],
            "extension": None if self.extension is None else {
                "working_days": self.extension.working_days,
                "approved_by": self.extension.approved_by,
                "reason": self.extension.reason,
                "approved_on": iso(self.extension.approved_on),
            },
            "provisional_reasons": list(self.provisional_reasons),
            "notes": list(self.notes),
            "lines": self.lines(),
            "text": self.text,
        }


def _group_holidays(notes: Iterable[DayNote]):
    groups: list[list] = []
    for note in notes:
        last = groups[-1] if groups else None
        if last and last[0] == note.name and (note.day - last[2]).days == 1:
            last[2] = note.day
            last[3] += 1
        else:
            groups.append([note.name, note.day, note.day, 1])
    return [tuple(g) for g in groups]


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: the date (None when the rule has none), its status and explanation."""

    due_date: dt.date | None
    explanation: Explanation
    provisional: bool = False
    kind: str = "working_days"

    @property
    def provisional_reasons(self) -> tuple[str, ...]:
        return self.explanation.provisional_reasons

    @property
    def text(self) -> str:
        return self.explanation.text

    def as_dict(self) -> dict:
        """Return a JSON-ready dict with due_date, provisional and explanation."""
        return {
            "kind": self.kind,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "provisional": self.provisional,
            "provisional_reasons": list(self.provisional_reasons),
            "explanation": self.explanation.as_dict(),
        }
