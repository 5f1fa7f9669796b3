"""Holiday arrangements entered by an administrator from the State Council's annual notice."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")


class HolidayYear(TimeStampedModel):
    """One year's arrangement; when present it replaces the library's data for that year."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("依据"), max_length=300, help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day off or a make-up working day of an entered year (weekdays/weekends are implied)."""

    holiday_year = models.ForeignKey(HolidayYear, verbose_name=_("年度"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"
