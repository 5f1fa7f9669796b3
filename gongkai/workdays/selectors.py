"""Reads of the workdays app."""
from . import calendar
from .models import HolidayYear


def holiday_years():
    """Return the entered years with their days, newest first."""
    return HolidayYear.objects.prefetch_related("days").select_related("entered_by")


def calendar_coverage() -> list[dict]:
    """Return one row per year the calendar can compute: year, source, provisional."""
    cal = calendar.get_calendar()
    return [
        {"year": year, "source": cal.schedule(year).source, "provisional": cal.is_provisional_year(year)}
        for year in range(cal.first_year, cal.last_year + 1)
    ]
