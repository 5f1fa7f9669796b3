"""The building blocks of a metric: the period it covers, the rows of a drill-down, the metric itself."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

# 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标 (seed 003 四(二) 检查 refers to it)
HOMEPAGE_IDLE_DAYS = 14  # 首页栏目信息超过2周未更新
STALE_COLUMNS_VETO = 5  # 应更新而未更新的栏目数量累计超过（含）5个
EMPTY_COLUMNS_VETO = 5  # 空白栏目数量超过（含）5个
MESSAGE_UNANSWERED_DAYS = 92  # 互动回应差: 一年内有留言超过3个月未回应
NEVER = 999  # idle days shown for an organisation that never published


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int
    start: dt.datetime
    end: dt.datetime  # exclusive
    as_of: dt.datetime  # min(end, now): figures of the running quarter are “so far”

    @classmethod
    def of(cls, year: int, quarter: int, now: dt.datetime) -> Period:
        tz = timezone.get_current_timezone()
        start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=tz)
        end = dt.datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1, tzinfo=tz)
        return cls(year, quarter, start, end, min(end, now))

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def year_start(self) -> dt.datetime:
        return self.start.replace(month=1)


@dataclass
class Row:
    title: str
    date: object = None
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    compute: Callable[[dict, Period], dict[int, float | None]]
    rows: Callable[[object, Period], list[Row]]
    note: str = ""
    available: Callable[[], bool] = field(default=lambda: True)


def ids_of(scope: dict):
    """The organisation ids a computation is restricted to (None: every organisation)."""
    return scope.get("ids")


def scoped(qs, scope: dict, prefix: str = "organisation_id"):
    """Restrict one of oversight's own QuerySets to the scope's organisations."""
    ids = ids_of(scope)
    return qs.filter(**{f"{prefix}__in": ids}) if ids is not None else qs


def counts(qs, key="organisation_id") -> dict[int, float]:
    return {row[key]: float(row["n"]) for row in qs.values(key).annotate(n=Count("pk")).order_by()}


def floats(figures: dict[int, int]) -> dict[int, float]:
    return {k: float(v) for k, v in figures.items()}
