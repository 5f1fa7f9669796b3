"""Validation of a catalog document: the JSON Schema, then the semantic rules, in Chinese messages."""
from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from ..timelimits import parse_time_limit

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "catalog.schema.json"

@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def load_schema() -> dict:
    """Return (a copy of) the catalog document's JSON Schema."""
    return copy.deepcopy(_schema())


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value) -> bool:
        # RFC 3339 requires the offset; fromisoformat alone would accept naive times.
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return Draft202012Validator(_schema(), format_checker=checker)


_TYPE_NAMES = {
    "object": "对象", "array": "数组", "string": "字符串", "integer": "整数", "number": "数字",
    "boolean": "布尔值", "null": "null",
}


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _error_messages(error) -> list[str]:
    """Translate one jsonschema error (and, for oneOf, the errors of the branch meant) into Chinese."""
    path = error.json_path
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind in ("oneOf", "anyOf") and error.context:
        # A nullable element (null | array …): report the errors of the branch whose type fits.
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [
            errs for errs in branches.values()
            if not any(e.validator == "type" and not e.relative_path for e in errs)
        ]
        if len(fitting) == 1:
            return [m for sub in fitting[0] for m in _error_messages(sub)]
        allowed = "或".join(
            _TYPE_NAMES.get(b.get("type"), str(b.get("type"))) for b in value if isinstance(b, dict)
        )
        return [f"{path}：类型应为{allowed}，实为{_type_of(instance)}。"]
    if kind == "required":
        missing = re.match(r"^'(.+)' is a required property$", error.message)
        name = missing.group(1) if missing else error.message
        return [f"{path}：缺少必填字段“{name}”。"]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known] if isinstance(instance, dict) else []
        return [f"{path}：含有不允许的字段“{'”、“'.join(extra)}”。"]
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = "或".join(_TYPE_NAMES.get(t, t) for t in wanted)
        return [f"{path}：类型应为{names}，实为{_type_of(instance)}。"]
    if kind == "enum":
        return [f"{path}：值 {_show(instance)} 不在允许的取值中（{'、'.join(map(str, value))}）。"]
    if kind == "const":
        return [f"{path}：值应为 {_show(value)}，实为 {_show(instance)}。"]
    if kind == "minLength":
        return [f"{path}：不能为空。"] if value == 1 else [f"{path}：长度不能少于 {value} 个字符。"]
    if kind == "maxLength":
        return [f"{path}：长度不能超过 {value} 个字符（实为 {len(instance)} 个）。"]
    if kind == "pattern":
        if path.endswith(".retired_reason"):
            return [f"{path}：停用事项必须填写停用理由。"]
        if path.endswith(".key"):
            return [f"{path}：事项标识 {_show(instance)} 格式不符，应为“一级事项/序号”或“local/序号”。"]
        return [f"{path}：值 {_show(instance)} 格式不符（应匹配 {value}）。"]
    if kind == "minimum":
        return [f"{path}：不能小于 {value}（实为 {_show(instance)}）。"]
    if kind == "maximum":
        return [f"{path}：不能大于 {value}（实为 {_show(instance)}）。"]
    if kind == "uniqueItems":
        return [f"{path}：含有重复的值。"]
    if kind == "format":
        return [f"{path}：{_show(instance)} 不是带时区的 ISO 8601 日期时间。"]
    if kind == "not" and value == {}:
        # `{"not": {}}` marks a field that does not belong here (a time-limit parameter of another kind).
        return [f"{path}：该字段不适用于此类时限规则（kind）。"]
    return [f"{path}：{error.message}"]


def _semantic_problems(data: dict) -> list[str]:
    problems: list[str] = []
    items = data.get("items")
    if not isinstance(items, list):
        return problems
    keys: dict[str, int] = {}
    numbers: dict[tuple[str, int], int] = {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        key = item.get("key")
        if isinstance(key, str):
            if key in keys:
                problems.append(f"$.items[{n}].key：事项标识“{key}”重复（与 $.items[{keys[key]}] 相同）。")
            else:
                keys[key] = n
        first_level, number = item.get("first_level"), item.get("number")
        if isinstance(first_level, str) and isinstance(number, int) and not isinstance(number, bool):
            pair = (first_level, number)
            if pair in numbers:
                problems.append(
                    f"$.items[{n}].number：一级事项“{first_level}”下序号 {number} 重复（与 $.items[{numbers[pair]}] 相同）。"
                )
            else:
                numbers[pair] = n
        text, rule = item.get("time_limit_text"), item.get("time_limit_rule")
        if isinstance(text, str) and isinstance(rule, dict):
            if rule.get("text") != text:
                problems.append(f"$.items[{n}].time_limit_rule.text：与公开时限文本“{text}”不一致。")
            expected = parse_time_limit(text)
            # A recognised text fixes the rule; an unrecognised one ("manual") may carry a rule a person set.
            if expected["kind"] != "manual":
                fields = ("kind", "days", "month", "day")
                if any(rule.get(f) != expected.get(f) for f in fields):
                    wanted = {f: expected[f] for f in fields if f in expected}
                    problems.append(
                        f"$.items[{n}].time_limit_rule：与公开时限文本不符，按文本应为 {_show(wanted)}。"
                    )
    return problems


def validate_document(data) -> list[str]:
    """Return every problem of a catalog document (empty when it is valid)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: (e.json_path, list(e.schema_path).__repr__()))
    problems = [m for e in errors for m in _error_messages(e)]
    if isinstance(data, dict):
        problems.extend(_semantic_problems(data))
    return list(dict.fromkeys(problems))
