"""The public deadline calculator (issue 21 item 18): "if my request arrives on this day, by when
must the office answer?" — the office's own clock (deadlines.build_clock's rules on the workdays
engine), with the same explanation: holidays, 调休 working weekends, the 补正 restart and the
longest extension.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core import clock
from gongkai.core.errors import DomainError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.engine import CaseClock, Deadline, Extension, Pause, PauseKind

from . import deadlines
from .constants import RECEIPT_RULES
from .forms import DateInput

# Years the calculator answers for: the holiday arrangements on record start in 2000.
FIRST_YEAR = 2000


class CalculatorForm(forms.Form):
    received = forms.DateField(label=_("收到申请之日"), widget=DateInput, required=False,
                               help_text=_("不填即按今天提交计算。"))
    corrected = forms.DateField(label=_("收到补正申请之日（如被要求补正）"), widget=DateInput, required=False)

    def clean(self):
        data = super().clean()
        today = clock.today()
        received = data.get("received") or today
        last = dt.date(today.year + 1, 12, 31)
        for name in ("received", "corrected"):
            day = data.get(name)
            if day and not dt.date(FIRST_YEAR, 1, 1) <= day <= last:
                self.add_error(name, _("请填写%(first)s年至%(last)s年之间的日期。") % {"first": FIRST_YEAR, "last": last.year})
        corrected = data.get("corrected")
        if corrected and corrected < received:
            self.add_error("corrected", _("收到补正的日期不能早于收到申请之日。"))
        data["received"] = received
        return data


@dataclass
class Answer:
    received: dt.date
    deadline: Deadline
    extended: Deadline
    correction_notice_due: dt.date
    corrected: dt.date | None


def calculate(received: dt.date, corrected: dt.date | None = None) -> Answer:
    """Return the answer deadline, the latest extended one and the 补正 notice limit for `received`."""
    pauses = ()
    if corrected is not None:
        pauses = (Pause(received, corrected, PauseKind.CORRECTION, "申请人补正"),)
    base = dict(received=received, working_days=deadlines.ANSWER_WORKING_DAYS, pauses=pauses,
                max_extension=deadlines.MAX_EXTENSION_WORKING_DAYS, rule=deadlines.ANSWER_RULE,
                start_label="收到申请之日")
    calendar = get_calendar()
    try:
        deadline = CaseClock(**base).deadline(calendar)
        extended = CaseClock(**base, extension=Extension(
            deadlines.MAX_EXTENSION_WORKING_DAYS, "政府信息公开工作机构负责人", "需要延长答复期限的", None,
        )).deadline(calendar)
    except (DomainError, ValueError, OverflowError) as exc:
        raise DomainError(str(_("无法计算该日期的答复期限，请换一个日期。"))) from exc
    return Answer(received, deadline, extended, deadlines.correction_notice_due(received), corrected)


def receipt_rules() -> list[str]:
    """How the day of receipt is fixed, per channel (条例第三十一条)."""
    return [rule for _which, rule in RECEIPT_RULES.values()]
