"""The statutory clock of a request, built from its stored fields with the workdays engine.

Conventions (docs/workdays.md; 条例第三十条、第三十二条、第三十三条, FACTS.md §1, §9):
* 20 working days from the date of receipt (第三十三条); the receipt day is not counted,
  counting starts on the next working day.
* A correction (补正) restarts the count from the day the corrected application arrives
  (第三十条 "答复期限自行政机关收到补正的申请之日起计算"); the notice itself is due within
  7 working days of receipt.
* A third-party consultation pauses the clock (第三十三条第三款); the third party has 15 working
  days from receiving the letter (第三十二条), so a pause never excludes more than that: while it
  is open the stored due date is the latest possible one (reply on the 15th working day), and a
  reply recorded later is capped at that day.
  The 15 working days run from the day the third party *receives* the letter (第三十二条
  "自收到征求意见书之日起15个工作日内"); until that date is recorded they are counted from the
  sending date (the earliest possible cap), and the explanation says so.
* An extension adds at most 20 working days with the office head's approval (第三十三条第二款);
  it counts only once approved.
* A fee notice stops the clock until the fee is paid (``FOI_FEE_STOPS_CLOCK``, default on): the
  time from the fee notice to payment is not counted in the answer period (国办函〔2020〕109号,
  《政府信息公开信息处理费管理办法》, recalled — FACTS.md §12; only its 第一至五条 were read, so
  this is a documented setting). The notice day still counts; counting resumes the working day
  after payment. While unpaid there is no due date; the payment period (20 working days from
  the notice) is ``fee_payment_due``.
* 第三十五条: when the office has asked for reasons and finds them reasonable but the
  第三十三条 deadline cannot be met, it sets a later deadline (``later_due_date``), which then is
  the due date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.conf import settings

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.engine import CaseClock, Deadline, Extension, Pause, PauseKind

ANSWER_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
THIRD_PARTY_WORKING_DAYS = 15
MAX_EXTENSION_WORKING_DAYS = 20
FEE_PAYMENT_WORKING_DAYS = 20  # "在收到收费通知次日起20个工作日内" (FACTS.md §2, V-2nd)
ANSWER_RULE = "自收到申请之日起20个工作日内答复（《政府信息公开条例》第三十三条）"
FEE_RULE = "收费通知发出后至申请人缴费之日的期间不计算在答复期限内（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）"
LATER_DEADLINE_RULE = "申请数量、频次明显超过合理范围，申请人说明的理由合理但无法在第三十三条规定的期限内答复，" \
    "本机关确定延迟答复的合理期限并告知申请人（《条例》第三十五条）"


def fee_stops_clock() -> bool:
    """The rule of 国办函〔2020〕109号 as a setting (FOI_FEE_STOPS_CLOCK, default True)."""
    return bool(getattr(settings, "FOI_FEE_STOPS_CLOCK", True))


def fee_payment_due(request) -> dt.date | None:
    """Return the last day to pay a notified fee (20 working days after the notice), or None."""
    if not request.fee_notified_on or not request.fee_amount:
        return None
    return get_calendar().add_working_days(request.fee_notified_on, FEE_PAYMENT_WORKING_DAYS)

_d = dt.date.fromisoformat


def correction_notice_due(received_on: dt.date) -> dt.date:
    """Return the last day to send the correction notice (7 working days, 第三十条)."""
    return get_calendar().add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def third_party_reply_due(sent_on: dt.date) -> dt.date:
    """Return the last day of the third party's 15 working days (第三十二条)."""
    return get_calendar().add_working_days(sent_on, THIRD_PARTY_WORKING_DAYS)


def build_clock(request, *, assume_open_pause_ends: bool = True) -> tuple[CaseClock, list[str]]:
    """Return the case clock of `request` and notes on any assumption it makes."""
    pauses: list[Pause] = []
    notes: list[str] = []
    for p in request.pauses:
        if p["kind"] == "fee":
            if not fee_stops_clock():
                continue
            end = _d(p["end"]) if p.get("end") else None
            notes.append(FEE_RULE + "。")
            pauses.append(Pause(_d(p["start"]), end, PauseKind.OTHER, "收费通知至缴费"))
            continue
        kind = PauseKind(p["kind"])
        end = _d(p["end"]) if p.get("end") else None
        if kind is PauseKind.THIRD_PARTY:
            cap = _d(p["reply_due"])
            if not p.get("received"):
                notes.append(
                    f"第三方收到征求意见书的日期尚未登记：第三方答复期限暂按发出日期（{p['start']}）起算，"
                    f"为{cap.isoformat()}（《条例》第三十二条）。"
                )
            if end is None and assume_open_pause_ends:
                end = cap
                notes.append(
                    f"征求第三方意见尚未收回：按第三方答复期限届满日（{cap.isoformat()}）恢复计时，"
                    f"截止日期为最迟日期，意见提前收回后将相应提前（《条例》第三十二条）。"
                )
            elif end is not None and end > cap:
                notes.append(
                    f"第三方意见于{end.isoformat()}收回，晚于自其收到征求意见书之日起15个工作日的答复期限"
                    f"（{cap.isoformat()}），暂停计时只计至期限届满日（《条例》第三十二条）。"
                )
                end = cap
        pauses.append(Pause(_d(p["start"]), end, kind, p.get("note", "")))
    extension = None
    if request.extension_days:
        extension = Extension(
            request.extension_days, request.extension_approver_name or "政府信息公开工作机构负责人",
            request.extension_reason, request.extension_approved_on,
        )
    clock = CaseClock(
        received=request.received_on, working_days=ANSWER_WORKING_DAYS, pauses=tuple(pauses),
        extension=extension, max_extension=MAX_EXTENSION_WORKING_DAYS, rule=ANSWER_RULE,
        start_label="收到申请之日",
    )
    return clock, notes


def compute(request) -> Deadline:
    """Return the answer deadline of `request` with its explanation (due None while awaiting correction or payment)."""
    clock, notes = build_clock(request)
    deadline = clock.deadline(get_calendar())
    due = deadline.due_date
    if request.later_due_date:
        notes.append(LATER_DEADLINE_RULE + f"：答复期限确定为{request.later_due_date.isoformat()}。")
        due = request.later_due_date
    if notes or due != deadline.due_date:
        deadline = replace(deadline, due_date=due, explanation=replace(
            deadline.explanation, due_date=due, notes=deadline.explanation.notes + tuple(notes)))
    return deadline


def apply(request) -> bool:
    """Recompute and store due_date/deadline on `request` (unsaved); return True when the date changed."""
    deadline = compute(request)
    changed = request.due_date != deadline.due_date
    request.due_date = deadline.due_date
    request.deadline = deadline.as_dict()
    request.deadline_provisional = deadline.provisional
    return changed
