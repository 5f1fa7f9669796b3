"""Deadlines from catalog time-limit rules, and the default calendar."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from gongkai.core.errors import ValidationFailed


from .base import DayKind, MissingYearError
from .explanation import Deadline, Explanation
from .calendar import WorkdayCalendar
from .clock import deadline as clock_deadline


# -- structured time-limit rules (catalog `time_limit_rule`) ---------------------------------

_FROM_LABELS = {
    "formation_or_change": ("信息形成或者变更之日", "《政府信息公开条例》第二十六条"),
    "receipt": ("收到申请之日", "《政府信息公开条例》第三十三条"),
}


def deadline_for_rule(
    rule: dict,
    *,
    start: dt.date | None = None,
    event_date: dt.date | None = None,
    period_end: dt.date | None = None,
    org_target_working_days: int | None = None,
    strict: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """Return the deadline of a structured time-limit rule (due_date None when it has no date).

    Rule kinds: working_days, yearly, days_before_event, consultation_period, no_fixed_limit,
    manual (see docs/workdays.md). Missing inputs raise ValidationFailed.
    """
    if not isinstance(rule, dict) or "kind" not in rule:
        raise ValidationFailed("期限规则格式无效。", problems=["规则必须是含 kind 字段的对象。"])
    kind = rule["kind"]
    cal = calendar
    if kind in ("working_days", "no_fixed_limit") and cal is None:
        cal = default_calendar()

    def need(value, name):
        if value is None:
            raise ValidationFailed("计算期限缺少必要信息。", problems=[f"规则 {kind} 需要 {name}。"])
        return value

    if kind == "working_days":
        days = rule.get("days")
        if not isinstance(days, int) or days < 1:
            raise ValidationFailed("期限规则格式无效。", problems=["days 必须是正整数。"])
        label, citation = _FROM_LABELS.get(rule.get("from", ""), ("起算日", ""))
        text = f"自{label}起{days}个工作日内" + (f"（{citation}）" if citation else "")
        result = clock_deadline(cal, need(start, "start"), days, strict=strict, rule=text, start_label=label)
        return replace(result, kind=kind)
    if kind == "yearly":
        month, day = rule.get("month"), rule.get("day")
        base = need(start or event_date, "start")
        try:
            due = dt.date(base.year + 1, month, day)
        except (TypeError, ValueError):
            raise ValidationFailed("期限规则格式无效。", problems=["month/day 不是有效日期。"]) from None
        explanation = Explanation(
            rule=f"每年{month}月{day}日前（{base.year}年度事项于次年{month}月{day}日前完成）",
            start=base, start_label="事项所属日期", due_date=due,
            notes=_non_working_note(due, calendar),
        )
        return Deadline(due, explanation, kind=kind)
    if kind == "days_before_event":
        days = rule.get("days")
        if not isinstance(days, int) or days < 0:
            raise ValidationFailed("期限规则格式无效。", problems=["days 必须是非负整数。"])
        event = need(event_date, "event_date")
        due = event - dt.timedelta(days=days)
        explanation = Explanation(
            rule=f"活动日前{days}个自然日（一周按7天计）", start=event, start_label="活动日期",
            due_date=due, notes=_non_working_note(due, calendar),
        )
        return Deadline(due, explanation, kind=kind)
    if kind == "consultation_period":
        end = need(period_end, "period_end")
        explanation = Explanation(
            rule="征求意见时对外公布的时限内", due_date=end,
            notes=("截止日期为征求意见公告载明的期限届满日。",),
        )
        return Deadline(end, explanation, kind=kind)
    if kind == "no_fixed_limit":
        note = rule.get("note", "")
        if org_target_working_days is not None and start is not None:
            result = clock_deadline(
                cal, start, org_target_working_days, strict=strict,
                rule=f"无法定时限，按本机构自定目标{org_target_working_days}个工作日",
            )
            extra = ("法规未规定具体天数" + (f"（{note}）" if note else "") + "，此日期为本机构自定目标。",)
            return replace(result, kind=kind, explanation=replace(result.explanation, notes=result.explanation.notes + extra))
        explanation = Explanation(
            rule="无法定时限" + (f"：{note}" if note else ""),
            notes=("法规未规定具体天数，由本机构自定目标；未设定目标时不计算截止日期。",),
        )
        return Deadline(None, explanation, kind=kind)
    if kind == "manual":
        text = rule.get("text", "")
        explanation = Explanation(
            rule="需人工确定", notes=(f"期限表述需人工判断：{text}" if text else "期限表述需人工判断。",),
        )
        return Deadline(None, explanation, kind=kind)
    raise ValidationFailed("期限规则格式无效。", problems=[f"未知的规则类型：{kind}。"])


def _non_working_note(day: dt.date, calendar: WorkdayCalendar | None) -> tuple[str, ...]:
    cal = calendar or default_calendar()
    try:
        kind = cal.day_kind(day)
    except MissingYearError:
        return ()
    if kind in (DayKind.WEEKEND, DayKind.HOLIDAY):
        name = cal.day_name(day) or "周末"
        return (f"注意：截止日期为非工作日（{name}），请提前完成。",)
    return ()


_DEFAULT: WorkdayCalendar | None = None


def default_calendar() -> WorkdayCalendar:
    """Return the library-only calendar (no administrator-entered years), built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkdayCalendar.from_library()
    return _DEFAULT


# -- hour limits ---------------------------------------------------------------------------------

