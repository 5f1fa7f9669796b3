"""Chinese working-day calendar, deadline counting, case clocks and hour limits (pure Python).

Counting convention (the one every function here implements):

* A period "自收到申请之日起N个工作日内" (条例第三十三条) or "自该政府信息形成或者变更之日起
  20个工作日内" (第二十六条) does not count the start day itself: counting starts on the first
  working day after the start date (民法典第二百零一条 "开始的当日不计入，自下一日开始计算",
  FACTS.md §9 — recalled, and the reading local rules on 依申请公开 commonly state). The due
  date is the N-th working day after the start date. A start on a non-working day therefore
  also counts from the next working day.
* Working days: Monday–Friday, minus statutory holidays, plus make-up working days (调休补班)
  as arranged by the State Council for that year. Because the last day is always a working day,
  民法典第二百零三条 (a period ending on a holiday ends on the next day) is satisfied by
  construction.
* A pause from date P to date R (waiting for a third party's opinion, 第三十二条/第三十三条第二款)
  excludes the working days in (P, R]: the clock ran on day P, and the day the reply arrives is
  treated like a day of receipt — not counted, counting resumes on the next working day.
* A correction (补正, 第三十条) restarts the count: "答复期限自行政机关收到补正的申请之日起
  计算", so the resume date R becomes the new start date and earlier days are discarded.
* An extension adds working days to the limit (第三十三条: at most 20, approved by the head of
  the disclosure office).

Years come from YearSchedule objects: the maintained chinese_calendar data (2004–2026), years an
administrator entered (which replace the library's), and — for years with no announced
arrangement — a provisional schedule built from the statutory holidays alone (no make-up days),
which marks every deadline touching it as provisional. In strict mode a provisional year raises
MissingYearError instead.
"""
from .base import (  # noqa: F401
    DayKind,
    Extension,
    LIBRARY_NAMES,
    MissingYearError,
    OPINION_AUTHORITATIVE_INFO_HOURS,
    OPINION_PRESS_CONFERENCE_HOURS,
    OPINION_RESPONSE_HOURS,
    PAUSE_LABELS,
    Pause,
    PauseKind,
    RECEIPT_RULE_TEXT,
    SHANGHAI,
    UTC,
    YearSchedule,
    _WEEKDAYS,
    _short,
    format_date,
    library_schedules,
    provisional_reason,
    provisional_schedule,
)
from .explanation import (  # noqa: F401
    DayNote,
    Deadline,
    Explanation,
    PauseNote,
    _group_holidays,
)
from .calendar import (  # noqa: F401
    WorkdayCalendar,
)
from .clock import (  # noqa: F401
    CaseClock,
    ClockStatus,
)
from .clock import deadline as clock_deadline  # noqa: F401
from .rules import (  # noqa: F401
    _DEFAULT,
    _FROM_LABELS,
    _non_working_note,
    deadline_for_rule,
    default_calendar,
)
from .hours import (  # noqa: F401
    HourDeadline,
    _require_aware,
    add_hours,
    authoritative_info_deadline,
    opinion_response_deadline,
    press_conference_deadline,
)
