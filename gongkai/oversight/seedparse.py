"""Parser of seed 003 附件1 (任务分工) and 附件2 (信息公开栏目责任分解).

The extracted tables have lost their cell borders: each cell ends with `` |``, a vertically
merged cell is simply missing, and a row whose first cells are merged is padded at its end. The
parser keeps every cell's source text and raises a flag for each cell it cannot read instead of
guessing. It is used to build the package data (``data/*.json``) shipped with the product and by
the test that compares that data with a fresh parse of the seed; the product never reads the seed
at run time.
"""
from __future__ import annotations

import datetime as dt
import re

RULE_LIKE = re.compile(r"更新|当日|工作日|同步|不少于|公示|说明|意见")
CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff（）()、])\s+(?=[\u3000-\u9fff（）()、])")


def clean(text: str) -> str:
    """Collapse the line-wrap spaces the extraction left between Chinese characters."""
    return CJK_SPACE.sub("", text.strip())


def units(text: str) -> str:
    """Several units in one cell are separated by spaces; a space after “、” or before “(” is a line wrap."""
    t = re.sub(r"、\s+", "、", text.strip())
    t = re.sub(r"\s+(?=[(（])", "", t)
    return "、".join(t.split())


def spaced(text: str) -> str:
    """Keep the words of a free-text cell apart by one space."""
    return " ".join(text.split())


def _section(text: str, start: str, end: str | None) -> list[str]:
    lines = text.splitlines()
    i = lines.index(start)
    j = lines.index(end, i + 1) if end else len(lines)
    return lines[i + 1:j]


def _tokens(lines: list[str]) -> list[str]:
    """Split pipe-terminated cells; text lines without a pipe run on into the next cell."""
    tokens, pending = [], []
    for raw in lines:
        line = raw.rstrip()
        if not line.endswith("|"):
            pending.append(line.strip())
            continue
        body = line.rstrip("|")
        pipes = len(line) - len(body)
        pending.append(body.strip())
        tokens.append(" ".join(p for p in pending if p))
        tokens.extend([""] * (pipes - 1))
        pending = []
    if any(pending):
        tokens.append(" ".join(p for p in pending if p))
    return tokens


# ------------------------------------------------------------------ update rules

def parse_rule(text: str) -> tuple[str, int | None, str | None]:
    """Return (rule, working days, flag) for the text of a “维护更新要求” cell."""
    t = clean(text)
    if not t:
        return "undetermined", None, "更新要求为空"
    if re.match(r"每月", t):
        return "monthly", None, None
    if re.match(r"每季度", t):
        return "quarterly", None, None
    if re.match(r"每半年", t):
        return "half_yearly", None, None
    if re.match(r"每年", t):
        return "yearly", None, None
    if "当日" in t:
        return "same_day", None, None
    m = re.search(r"提前(\d+)个工作日", t)
    if m:
        return "before_plan", int(m.group(1)), None
    m = re.search(r"公开后(\d+)个工作日", t)
    if m:
        return "after_superior", int(m.group(1)), None
    m = re.search(r"(\d+)个工作日内", t)
    if m:
        return "within_working_days", int(m.group(1)), None
    if "同步" in t:
        return "sync", None, None
    return "undetermined", None, f"更新要求“{t}”不是可计算的周期，需人工确定"


# ------------------------------------------------------------------ 附件2: columns

def parse_columns(text: str) -> list[dict]:
    lines = _section(text, "附件2", None)
    lines = lines[lines.index("维护更新要求 |") + 1:]
    tokens = _tokens(lines)
    rows, first, pos = [], None, 0
    while pos < len(tokens):
        t = tokens[pos:pos + 5] + [""] * max(0, pos + 5 - len(tokens))
        flags: list[str] = []
        source = {"cells": t[:]}
        if RULE_LIKE.search(t[3]) and t[4] and not RULE_LIKE.search(t[4]):
            # A row whose first-level cell is merged and which lacks the end padding.
            source["cells"] = t[:4]
            second, lead, coop, rule_text = t[0], t[1], t[2], t[3]
            pos += 4
            shifted = True
        elif t[4]:
            first = clean(t[0]) or first
            second, lead, coop, rule_text = t[1], t[2], t[3], t[4]
            pos += 5
            shifted = False
        else:
            second, lead, coop, rule_text = t[0], t[1], t[2], t[3]
            pos += 5
            shifted = True
        if shifted:
            flags.append("一级栏目为合并单元格，归入上方的一级栏目“%s”" % first)
            if RULE_LIKE.search(lead) and not rule_text:
                rule_text, lead = lead, ""
                flags.append("牵头责任单位为合并单元格，未能读出")
            elif not (lead or coop or rule_text):
                flags.append("牵头责任单位、配合责任单位和更新要求均为合并单元格，未能读出")
        names = second.split()
        leads = lead.split()
        rule_texts = re.findall(r"每[^每\s]+", rule_text)
        if len(names) > 1 and len(names) == len(leads) == len(rule_texts):
            flags.append("一个单元格含%d个栏目，已按原文顺序拆分" % len(names))
            pieces = list(zip(names, leads, rule_texts))
        else:
            pieces = [(clean(second), units(lead), spaced(rule_text))]
        for name, lead_i, rule_i in pieces:
            rule, days, rule_flag = parse_rule(rule_i) if rule_i or not flags else ("undetermined", None, None)
            row_flags = flags + ([rule_flag] if rule_flag else [])
            rows.append({
                "first": first, "second": name, "lead_unit": lead_i, "cooperating_units": units(coop),
                "rule": rule, "rule_days": days, "rule_text": rule_i, "source": source, "flags": row_flags,
            })
    return rows


# ------------------------------------------------------------------ 附件1: tasks

def parse_due(text: str, task_text: str = "") -> dict:
    """Read a “完成时限” cell: a date, a recurrence or both. An ambiguous cell is flagged, never guessed:
    “X年前” may mean before X begins or by the end of X, so no date is stored for it."""
    t = clean(text)
    out = {"due_date": None, "recurrence": "once", "recurrence_month": None, "flags": []}
    m = re.search(r"(\d{4})年(\d{1,2})月底", t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        out["due_date"] = (nxt - dt.timedelta(days=1)).isoformat()
    m2 = re.search(r"(\d{4})年前", t)
    ambiguous = bool(m2 and not m)
    if ambiguous:
        year = int(m2.group(1))
        said = re.search(r"%d年底前" % year, clean(task_text))
        out["flags"].append("完成时限“%s”有歧义（可理解为%d年底前或%d年底前%s），未设期限，需人工确定" % (
            m2.group(0), year - 1, year, "；任务正文写“%d年底前”" % year if said else ""))
    if "持续改进" in t:
        out["recurrence"] = "continuous"
    elif "长期坚持" in t:
        out["recurrence"] = "long_term"
    elif re.search(r"每年(\d{1,2})月前", t):
        out["recurrence"] = "yearly"
        out["recurrence_month"] = int(re.search(r"每年(\d{1,2})月前", t).group(1))
        out["flags"].append("“每年11月前”与正文三(四)“每年11月份”表述不一，按当年11月底计")
    elif t.startswith("每年"):
        out["recurrence"] = "yearly"
        out["flags"].append("“%s”没有固定日期，需人工确定每年的期限" % t)
    elif "部署" in t or "要求" in t:
        out["recurrence"] = "as_directed"
        if out["due_date"] is None and not ambiguous:
            out["flags"].append("“%s”没有固定日期，按上级统一部署办理" % t)
    if out["due_date"] is None and out["recurrence"] == "once":
        out["recurrence"] = "undetermined"
        out["flags"].append("未能识别完成时限“%s”" % t)
    return out


def parse_tasks(text: str) -> list[dict]:
    lines = _section(text, "附件1", "附件2")
    lines = lines[lines.index("完成时限 |") + 1:]
    # Rows start with their number; a due cell sometimes runs on into the next number's line.
    starts, expected = [], 1
    for i, line in enumerate(lines):
        if line.strip() == f"{expected} |":
            starts.append(i)
            expected += 1
    rows = []
    for n, start in enumerate(starts, 1):
        end = starts[n] if n < len(starts) else len(lines)
        cells = _tokens(lines[start + 1:end])
        flags = []
        if len(cells) != 4:
            flags.append("本行读出%d个单元格（应为4个），请核对原表" % len(cells))
        cells = (cells + [""] * 4)[:4]
        task_text, lead, responsible, due_text = cells
        due = parse_due(due_text, task_text)
        if not responsible:
            flags.append("责任处室为空")
        rows.append({
            "number": n, "text": spaced(task_text),
            "lead_units": units(lead), "responsible_units": units(responsible), "due_text": spaced(due_text),
            "due_date": due["due_date"], "recurrence": due["recurrence"],
            "recurrence_month": due["recurrence_month"], "flags": flags + due["flags"],
            "source": {"cells": [str(n)] + [c for c in cells]},
        })
    return rows


SEED_FILE = "003_34125ed482c3098e.txt"


def package_data(text: str) -> dict:
    """The data shipped in ``data/seed003.json``: the two parsed tables and where they come from."""
    return {
        "source": f"seed {SEED_FILE}: 附件1 任务分工, 附件2 信息公开栏目责任分解",
        "columns": parse_columns(text),
        "tasks": parse_tasks(text),
    }
