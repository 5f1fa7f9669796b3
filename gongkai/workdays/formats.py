"""Parsing the holiday list an administrator pastes or imports (plain text or JSON).

Text: one entry per line, `#` starts a comment:

    2027-02-05..2027-02-11 holiday 春节
    2027-02-14 workday 春节调休上班

`holiday`/`放假` and `workday`/`makeup_workday`/`上班`/`补班` are accepted; the name is optional.
JSON: either a list of {"date": "...", "kind": "holiday"|"makeup_workday", "name": "..."} (a
"date" may be "A..B"), or {"year": 2027, "source": "...", "holidays": [...], "makeup_workdays":
[...]} whose entries are {"date", "name"} objects or date strings.
"""
import datetime as dt
import json
from dataclasses import dataclass

from gongkai.core.errors import ValidationFailed

_KINDS = {
    "holiday": "holiday", "放假": "holiday", "休": "holiday",
    "workday": "makeup_workday", "makeup_workday": "makeup_workday", "makeup": "makeup_workday",
    "上班": "makeup_workday", "补班": "makeup_workday", "班": "makeup_workday",
}


@dataclass(frozen=True)
class DayEntry:
    date: dt.date
    kind: str  # "holiday" or "makeup_workday"
    name: str = ""


@dataclass(frozen=True)
class ParsedList:
    days: tuple[DayEntry, ...]
    year: int | None = None
    source: str = ""


def _dates(text: str, problems: list[str], where: str) -> list[dt.date]:
    first, _, last = text.strip().partition("..")
    try:
        a = dt.date.fromisoformat(first.strip())
        b = dt.date.fromisoformat(last.strip()) if last else a
    except ValueError:
        problems.append(f"{where}：无法识别的日期“{text}”（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）。")
        return []
    if b < a:
        problems.append(f"{where}：日期范围结束早于开始。")
        return []
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def _kind(text: str, problems: list[str], where: str) -> str | None:
    kind = _KINDS.get(str(text).strip().lower())
    if kind is None:
        problems.append(f"{where}：未知类型“{text}”（应为 holiday 或 workday）。")
    return kind


def parse_day_list(text: str) -> ParsedList:
    """Return the entries of a text or JSON holiday list; raise ValidationFailed listing every problem."""
    problems: list[str] = []
    entries: list[DayEntry] = []
    year, source = None, ""
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValidationFailed("JSON 格式错误。", problems=[str(exc)]) from None
        items: list[tuple[object, str]] = []
        if isinstance(data, dict):
            year = data.get("year")
            source = data.get("source", "") or ""
            items += [(item, "holiday") for item in data.get("holidays", [])]
            items += [(item, "makeup_workday") for item in data.get("makeup_workdays", [])]
        elif isinstance(data, list):
            items = [(item, "") for item in data]
        for index, (item, default_kind) in enumerate(items, 1):
            where = f"第{index}项"
            if isinstance(item, str):
                item = {"date": item}
            if not isinstance(item, dict) or "date" not in item:
                problems.append(f"{where}：缺少 date。")
                continue
            kind = _kind(item.get("kind", default_kind), problems, where)
            for day in _dates(str(item["date"]), problems, where):
                if kind:
                    entries.append(DayEntry(day, kind, str(item.get("name", "")).strip()))
    else:
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            where = f"第{number}行"
            parts = line.split(None, 2)
            if len(parts) < 2:
                problems.append(f"{where}：应为“日期 类型 [名称]”。")
                continue
            kind = _kind(parts[1], problems, where)
            for day in _dates(parts[0], problems, where):
                if kind:
                    entries.append(DayEntry(day, kind, parts[2].strip() if len(parts) > 2 else ""))
    seen: dict[dt.date, DayEntry] = {}
    for entry in entries:
        if entry.date in seen and seen[entry.date].kind != entry.kind:
            problems.append(f"{entry.date}：同一天既是放假又是调休上班。")
        seen[entry.date] = entry
    if year is not None and not isinstance(year, int):
        problems.append("year 必须是整数。")
    if problems:
        raise ValidationFailed("节假日列表有错误。", problems=problems)
    if not seen:
        raise ValidationFailed("节假日列表为空。", problems=["至少需要一行放假或调休上班日期。"])
    return ParsedList(tuple(sorted(seen.values(), key=lambda e: e.date)), year, source)
