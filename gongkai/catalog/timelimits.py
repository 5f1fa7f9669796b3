"""Map a catalog item's time-limit text (公开时限) to a structured rule the system can compute with.

Rule kinds (shared with gongkai.workdays, which computes the deadlines):
- ``working_days``: ``{"kind": "working_days", "days": 20, "from": "formation_or_change"}``
  (条例第二十六条: 自该政府信息形成或者变更之日起20个工作日内).
- ``yearly``: ``{"kind": "yearly", "month": 1, "day": 31}`` — by that date of the following year.
- ``days_before_event``: ``{"kind": "days_before_event", "days": 7}`` — natural days before.
- ``consultation_period``: within the consultation period announced with the draft.
- ``no_fixed_limit``: no statutory count (按进展情况及时公开, 按照中央有关要求公开 …); the
  organisation sets its own target and the system says so.
- ``manual``: a text this parser does not recognise; flagged for a human, never an error.
Every rule keeps the source text in ``text``.
"""
from __future__ import annotations

import re

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _cn_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _CN_DIGITS:
        return 10 + _CN_DIGITS[token[1]]
    if len(token) == 2 and token[1] == "十" and token[0] in _CN_DIGITS:
        return _CN_DIGITS[token[0]] * 10
    return None


KIND_LABELS = {
    "working_days": "自信息形成或变更之日起按工作日计算",
    "yearly": "每年固定日期前",
    "days_before_event": "活动前若干日",
    "consultation_period": "征求意见公布的时限内",
    "no_fixed_limit": "无法定固定时限（由本机关自定目标）",
    "manual": "无法自动识别，须人工设定",
}


def parse_time_limit(text: str) -> dict:
    """Return the structured rule for a time-limit text (see the module docstring)."""
    source = (text or "").strip()
    compact = re.sub(r"\s+", "", source)
    if not compact:
        return {"kind": "manual", "text": source}

    m = re.search(r"(\d+|[一二两三四五六七八九十]{1,2})个工作日", compact)
    if m and re.search(r"形成|变更", compact):
        days = _cn_number(m.group(1))
        rule = {"kind": "working_days", "days": days, "from": "formation_or_change", "text": source}
        if "及时公开" in compact[m.end():]:
            rule["updates"] = "promptly"  # "如有更新，及时公开"
        return rule

    m = re.fullmatch(r"每年(\d{1,2})月(\d{1,2})日(?:前|之前)(?:公开)?", compact)
    if m:
        return {"kind": "yearly", "month": int(m.group(1)), "day": int(m.group(2)), "text": source}

    m = re.search(r"提前([一二两三四五六七八九十\d]+[周天日])", compact)
    if m:
        token = m.group(1)
        count = _cn_number(token[:-1])
        # An unreadable count (e.g. 二十一) stays manual rather than defaulting to one week.
        days = count * (7 if token.endswith("周") else 1) if count else None
        if days:
            return {"kind": "days_before_event", "days": days, "text": source}

    if "征求意见" in compact and "时限" in compact:
        return {"kind": "consultation_period", "text": source}

    if "及时公开" in compact or re.search(r"按(?:照)?中央(?:有关)?要求", compact):
        return {"kind": "no_fixed_limit", "text": source,
                "note": "无法定固定工作日时限，由本机关设定目标时限。"}

    return {"kind": "manual", "text": source}


def describe_rule(rule: dict) -> str:
    """Return a one-line Chinese description of a rule for staff."""
    kind = rule.get("kind")
    if kind == "working_days":
        return f"自信息形成或变更之日起 {rule['days']} 个工作日内"
    if kind == "yearly":
        return f"每年 {rule['month']} 月 {rule['day']} 日前"
    if kind == "days_before_event":
        return f"活动前 {rule['days']} 日（自然日）"
    if kind == "consultation_period":
        return "征求意见时对外公布的时限内"
    if kind == "no_fixed_limit":
        return "无法定固定时限，由本机关设定目标"
    return "须人工设定"
