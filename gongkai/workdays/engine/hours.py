"""Hour limits (政务舆情 48/24/5 hours) computed in Asia/Shanghai and stored in UTC."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass



from .base import OPINION_AUTHORITATIVE_INFO_HOURS, OPINION_PRESS_CONFERENCE_HOURS, OPINION_RESPONSE_HOURS, SHANGHAI, UTC


@dataclass(frozen=True)
class HourDeadline:
    """A limit counted in natural hours; datetimes are aware UTC."""

    start: dt.datetime
    due: dt.datetime
    hours: int
    basis: str = ""

    def is_overdue(self, at: dt.datetime) -> bool:
        """Return True when the aware moment `at` is after the due moment."""
        _require_aware(at)
        return at > self.due

    def remaining(self, at: dt.datetime) -> dt.timedelta:
        """Return the time left at `at` (negative when overdue)."""
        _require_aware(at)
        return self.due - at

    @property
    def text(self) -> str:
        fmt = "%Y年%m月%d日 %H:%M"
        local_start = self.start.astimezone(SHANGHAI).strftime(fmt)
        local_due = self.due.astimezone(SHANGHAI).strftime(fmt)
        text = (
            f"起算时间：{local_start}（北京时间）。按自然小时连续计算{self.hours}小时，"
            f"夜间和节假日不中断。截止时间：{local_due}（北京时间）。"
        )
        return text + (f"依据：{self.basis}。" if self.basis else "")

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(), "due": self.due.isoformat(),
            "hours": self.hours, "basis": self.basis, "text": self.text,
        }


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an aware datetime is required")


def add_hours(start: dt.datetime, hours: int, *, basis: str = "") -> HourDeadline:
    """Return the deadline `hours` natural hours after the aware `start`, in UTC."""
    _require_aware(start)
    if hours < 1:
        raise ValueError("hours must be positive")
    start_utc = start.astimezone(UTC)
    return HourDeadline(start_utc, start_utc + dt.timedelta(hours=hours), hours, basis)


def opinion_response_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 48-hour response deadline for 政务舆情 (国办发〔2016〕61号)."""
    return add_hours(start, OPINION_RESPONSE_HOURS, basis="国办发〔2016〕61号：其他政务舆情应在48小时内予以回应")


def press_conference_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 24-hour press-conference deadline (国办发〔2016〕61号、80号)."""
    return add_hours(start, OPINION_PRESS_CONFERENCE_HOURS, basis="国办发〔2016〕61号、80号：最迟在24小时内举行新闻发布会")


def authoritative_info_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 5-hour deadline for authoritative information (国办发〔2016〕80号)."""
    return add_hours(start, OPINION_AUTHORITATIVE_INFO_HOURS, basis="国办发〔2016〕80号：最迟要在5小时内发布权威信息")
