"""Writes of the workdays app: entering a year's holiday arrangement."""
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, can_anywhere

from . import calendar, engine, recompute
from .formats import DayEntry
from .models import CalendarDay, HolidayYear


def _snapshot(schedule: engine.YearSchedule | None) -> dict:
    if schedule is None:
        return {}
    return {
        "source": schedule.source,
        "provisional": schedule.provisional,
        "holidays": sorted(d.isoformat() for d in schedule.holidays),
        "makeup_workdays": sorted(d.isoformat() for d in schedule.makeup_workdays),
    }


@audit.register
class WorkdaysEvent(audit.EventType):
    YEAR_ENTERED = "workdays.year_entered", gettext_lazy("登记节假日安排")
    YEAR_REPLACED = "workdays.year_replaced", gettext_lazy("更正节假日安排")


@transaction.atomic
def holiday_year_enter(*, year: int, days: Iterable[DayEntry], source: str, actor, reason: str = "",
                       trusted: bool = False) -> HolidayYear:
    """Store (or replace) the State Council arrangement for `year`, recompute deadlines, audit.

    The actor must hold the calendar administrator role in some organisation (or be a
    superuser); ``trusted=True`` — the one bypass — is for the command-line operator. Every
    registered recompute hook runs inside this transaction with the new calendar already in force.
    """
    if not trusted and not can_anywhere(actor, Action.CALENDAR_ADMIN):
        raise PermissionDenied(_("只有系统管理员可以维护工作日历。"))
    days = list(days)
    problems = []
    if not (1900 <= year <= 2100):
        problems.append(_("年份超出范围。"))
    if not source.strip():
        problems.append(_("请填写依据（国务院办公厅通知的名称或文号）。"))
    if not days:
        problems.append(_("至少需要一个放假或调休上班日期。"))
    for entry in days:
        if entry.date.year != year:
            problems.append(_("%(date)s 不属于 %(year)s 年。") % {"date": entry.date, "year": year})
        if entry.kind == "makeup_workday" and entry.date.weekday() < 5:
            problems.append(_("%(date)s 是工作日，不能登记为调休上班日。") % {"date": entry.date})
    if len({e.date for e in days}) != len(days):
        problems.append(_("同一日期出现多次。"))
    if problems:
        raise ValidationFailed(_("节假日安排有错误。"), problems=problems)

    try:
        before = _snapshot(calendar.get_calendar().schedule(year))
    except engine.MissingYearError:
        before = {}
    holiday_year = HolidayYear.objects.select_for_update().filter(year=year).first()
    replaced = holiday_year is not None
    if holiday_year is None:
        holiday_year = HolidayYear(year=year)
    holiday_year.source = source.strip()
    holiday_year.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    holiday_year.save()
    holiday_year.days.all().delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(holiday_year=holiday_year, date=e.date, kind=e.kind, name=e.name) for e in days
    )
    calendar.invalidate()
    after = _snapshot(calendar.get_calendar().schedule(year))
    results = recompute.run(year, actor=actor)
    after["recomputed"] = {name: count for name, count in results.items()}
    audit.record(
        WorkdaysEvent.YEAR_REPLACED if replaced else WorkdaysEvent.YEAR_ENTERED,
        actor=actor, target=holiday_year, before=before, after=after, reason=reason or source,
    )
    transaction.on_commit(calendar.invalidate)
    return holiday_year
