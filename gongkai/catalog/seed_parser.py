"""Parse the two national standard catalogs out of seed 000 (附件2 tables, as extracted text).

The extracted text lays a table out one cell per line: a cell starts with a TAB at the start
of a line, a line without a leading TAB continues the previous cell, and an empty line ends a
row. A data row is: 一级事项 (empty when merged with the row above), 序号, 二级事项, 公开内容,
公开依据, 公开时限, 公开主体, 公开渠道和载体 (■/□ boxes over several lines), then six √ columns
(全社会, 特定群体, 主动, 依申请, 县级, 乡级).

The extraction is imperfect. This parser keeps every cell's source text, and where the text
does not fit the layout it records an anomaly instead of guessing: an anomaly has a code, the
field it concerns and a message in Chinese for the staff who must resolve it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .constants import CHANNELS, DOMAIN_RELIEF, DOMAIN_SAFETY, DOMAIN_TITLES, MARK_COLUMNS
from .timelimits import parse_time_limit

# First-level items as the surrounding text names them (seed 000, 三、公开事项与标准目录).
EXPECTED_FIRST_LEVEL = {
    DOMAIN_SAFETY: ("政策文件", "依法行政", "行政管理", "公共服务", "重点领域信息公开"),
    DOMAIN_RELIEF: ("政策文件", "备灾管理", "灾后救助", "款物管理", "工作动态"),
}
# Second-level counts the text announces ("其中二级公开事项共 28 项" / "二级公开事项 20 项").
ANNOUNCED_SECOND_LEVEL = {DOMAIN_SAFETY: 28, DOMAIN_RELIEF: 20}
# Label variants seen in the table that are not the announced first-level name.
KNOWN_LABEL_VARIANTS = {"灾害救助": "灾后救助"}

_BOX = re.compile(r"([■□])\s*([^■□]+)")


@dataclass
class Anomaly:
    code: str
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "message": self.message}


@dataclass
class ParsedItem:
    first_level: str
    number: int
    second_level: str
    content: str
    basis: str
    time_limit_text: str
    time_limit_rule: dict
    subject: str
    channels: list[str] | None
    audience: list[str] | None
    mode: list[str] | None
    level: list[str] | None
    source: dict
    anomalies: list[Anomaly] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.first_level}/{self.number}"


@dataclass
class ParsedCatalog:
    domain: str
    title: str
    items: list[ParsedItem]
    anomalies: list[Anomaly]
    note: str = ""


class SeedFormatError(ValueError):
    """The seed text does not contain the tables where they are expected."""


def _rows(lines: list[str]) -> list[list[str]]:
    rows, current = [], []
    for line in lines:
        if line == "":
            if current:
                rows.append(current)
                current = []
            continue
        current.append(line)
    if current:
        rows.append(current)
    return rows


def _cells(row: list[str]) -> list[str]:
    cells: list[str] = []
    for line in row:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells:
            cells[-1] += "\n" + line
        else:
            cells.append(line)
    return cells


def parse_channels(text: str) -> tuple[list[str], list[Anomaly]]:
    """Return the checked channels of a ■/□ cell, and anomalies for unknown or missing boxes."""
    anomalies: list[Anomaly] = []
    seen: dict[str, bool] = {}
    for mark, label in _BOX.findall(text):
        label = label.strip()
        if label not in CHANNELS:
            anomalies.append(Anomaly("unknown_channel", "channels", f"渠道框“{label}”不在官方渠道清单中，需人工核对。"))
            continue
        seen[label] = mark == "■"
    missing = [c for c in CHANNELS if c not in seen]
    if missing:
        anomalies.append(Anomaly("channels_incomplete", "channels", "渠道框缺少：" + "、".join(missing) + "，需人工核对。"))
    return [c for c in CHANNELS if seen.get(c)], anomalies


def _is_channel_cell(cell: str) -> bool:
    return "■" in cell or "□" in cell


def _parse_row(cells: list[str], first_level: str, domain: str, anomalies: list[Anomaly]) -> ParsedItem:
    source = {"cells": list(cells)}
    label, number_text, second_level = cells[0].strip(), cells[1].strip(), cells[2].strip()
    rest = cells[3:]
    if rest and rest[-1] == "":
        rest = rest[:-1]  # the row's closing TAB

    channel_idx = next((i for i, c in enumerate(rest) if _is_channel_cell(c)), None)
    channels: list[str] | None
    if channel_idx is not None:
        before, channel_text, marks = rest[:channel_idx], rest[channel_idx], rest[channel_idx + 1:]
        channels, channel_anomalies = parse_channels(channel_text)
        anomalies.extend(channel_anomalies)
    else:
        # No ■/□ cell at all: the channel cell is empty. Fall back on the layout (content,
        # basis, time limit, subject, channels, six marks) only to place the other cells.
        before, channel_text, marks = rest[:4], "", rest[5:] if len(rest) > 4 else []
        if len(rest) > 4 and rest[4].strip():
            before, marks = rest[:4], rest[4:]
        channels = None
        anomalies.append(Anomaly("channels_empty", "channels", "原表“公开渠道和载体”单元格为空，未勾选任何渠道；须人工确定。"))

    # `before` should be exactly: content, basis, time limit, subject.
    empties = [c for c in before[1:-3] if not c.strip()] if len(before) > 4 else []
    if len(before) > 4:
        if len(empties) == len(before) - 4:
            anomalies.append(Anomaly(
                "extra_cells", "content",
                f"原表该行在“公开内容”之后多出 {len(empties)} 个空单元格（版面错位），已按内容识别各要素。",
            ))
        else:
            anomalies.append(Anomaly("layout", "content", "原表该行单元格数量异常，须人工核对各要素。"))
        before = [before[0]] + before[-3:]
    while len(before) < 4:
        before.append("")
        anomalies.append(Anomaly("missing_cell", "content", "原表该行缺少单元格，须人工核对。"))
    content, basis, time_limit_text, subject = (c.strip() for c in before)

    values: dict[str, list[str] | None] = {"audience": [], "mode": [], "level": []}
    mark_cells = [m.strip() for m in marks]
    if len(mark_cells) == len(MARK_COLUMNS) and all(m in ("", "√") for m in mark_cells):
        for (field_name, label_), mark in zip(MARK_COLUMNS, mark_cells):
            if mark == "√":
                values[field_name].append(label_)
        for field_name, title in (("audience", "公开对象"), ("mode", "公开方式"), ("level", "公开层级")):
            if not values[field_name]:
                anomalies.append(Anomaly("marks_missing", field_name, f"原表“{title}”两栏均未打√，须人工确定。"))
                values[field_name] = None
    else:
        anomalies.append(Anomaly(
            "marks_shifted", "marks",
            f"原表该行的√标记应有 6 栏，实有 {len(mark_cells)} 栏（{'|'.join(mark_cells) or '空'}），"
            "无法确定对应关系；公开对象、公开方式、公开层级须人工确定。",
        ))
        values = {"audience": None, "mode": None, "level": None}
    source["marks"] = mark_cells
    source["channels"] = channel_text

    try:
        number = int(number_text)
    except ValueError:
        anomalies.append(Anomaly("bad_number", "number", f"序号“{number_text}”不是数字。"))
        number = 0

    rule = parse_time_limit(time_limit_text)
    if rule["kind"] == "manual":
        anomalies.append(Anomaly("time_limit_manual", "time_limit", f"公开时限“{time_limit_text}”无法对应到结构化规则，须人工设定。"))
    for name, value in (("content", content), ("basis", basis), ("time_limit", time_limit_text), ("subject", subject)):
        if not value:
            anomalies.append(Anomaly("empty_element", name, "原表该要素为空，须人工补充。"))

    return ParsedItem(
        first_level=first_level, number=number, second_level=second_level, content=content, basis=basis,
        time_limit_text=time_limit_text, time_limit_rule=rule, subject=subject, channels=channels,
        audience=values["audience"], mode=values["mode"], level=values["level"], source=source,
        anomalies=anomalies,
    )


def _parse_table(lines: list[str], domain: str) -> ParsedCatalog:
    expected = EXPECTED_FIRST_LEVEL[domain]
    items: list[ParsedItem] = []
    catalog_anomalies: list[Anomaly] = []
    note = ""
    current_l1 = ""
    for row in _rows(lines):
        cells = _cells(row)
        if len(cells) == 1 and cells[0].startswith("注："):
            note = cells[0].strip()
            continue
        if len(cells) < 8 or not cells[1].strip().isdigit():
            continue  # title, header rows and blank layout rows
        label = cells[0].strip()
        anomalies: list[Anomaly] = []
        if label:
            if label in expected:
                current_l1 = label
            elif label in KNOWN_LABEL_VARIANTS and KNOWN_LABEL_VARIANTS[label] in expected:
                meant = KNOWN_LABEL_VARIANTS[label]
                anomalies.append(Anomaly(
                    "first_level_label", "first_level",
                    f"原表一级事项写作“{label}”，与正文列举的“{meant}”不一致；按正文归入“{meant}”，请人工确认。",
                ))
                current_l1 = meant
            else:
                anomalies.append(Anomaly("unknown_first_level", "first_level", f"一级事项“{label}”不在正文列举之列，须人工核对。"))
                current_l1 = label
        if not current_l1:
            raise SeedFormatError("a data row precedes any first-level item")
        items.append(_parse_row(cells, current_l1, domain, anomalies))

    announced = ANNOUNCED_SECOND_LEVEL[domain]
    if len(items) != announced:
        catalog_anomalies.append(Anomaly(
            "item_count", "catalog",
            f"正文称二级公开事项 {announced} 项，原表实有 {len(items)} 行；未自行补造缺失事项，请人工核对。",
        ))
    found_l1 = list(dict.fromkeys(i.first_level for i in items))
    if tuple(found_l1) != expected:
        catalog_anomalies.append(Anomaly(
            "first_level_set", "catalog", "原表一级事项与正文不一致：" + "、".join(found_l1),
        ))
    return ParsedCatalog(domain=domain, title=DOMAIN_TITLES[domain], items=items, anomalies=catalog_anomalies, note=note)


def parse_seed(text: str) -> list[ParsedCatalog]:
    """Return the 安全生产 and 救灾 catalogs found in the seed text, in that order."""
    lines = text.replace("\r\n", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == "附件2："]
    titles = {DOMAIN_TITLES[d]: d for d in (DOMAIN_SAFETY, DOMAIN_RELIEF)}
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        block = lines[start:end]
        domain = next((titles[line.strip()] for line in block[:40] if line.strip() in titles), None)
        if domain:
            sections.append(_parse_table(block, domain))
    if [s.domain for s in sections] != [DOMAIN_SAFETY, DOMAIN_RELIEF]:
        raise SeedFormatError("seed 000 must contain the 安全生产 and 救灾 tables (附件2)")
    # The note under the relief table (channels may be adjusted locally) applies to both.
    note = next((s.note for s in sections if s.note), "")
    for s in sections:
        s.note = s.note or note
    return sections
