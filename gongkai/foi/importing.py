"""Import of historical requests from a spreadsheet (CSV or XLSX), all or nothing.

The column layout is documented in docs/foi.md. Headers may be the Chinese labels or the
English keys below. Every invalid row is reported with its line number and reason; if any row
is invalid nothing is written.

Tracking numbers (issue 20 item 2): the 申请编号 column is folded (NFKC, no spaces, upper case)
and accepted only in the importing organisation's live format ``<ORG>-<YEAR>-<NNNNN>`` with the
year of receipt, so an imported number can never shadow or collide with a live one. A number from
a former system in any other form goes in the 原编号 column: it is kept in ``legacy_number`` (at
most 64 characters) and the row gets the next live number. After an import the live counter of
each year stands at or above the highest imported number of that year.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.core import audit, clock, sequence
from gongkai.core.validators import fold
from gongkai.core.errors import DomainError
from gongkai.organisations.permissions import Action, require

from . import deadlines
from .constants import (
    REASON_REQUIRED, AppealKind, AppealResult, ApplicantType, Channel, Delivery, InfoForm, Outcome, RECEIPT_RULES,
    reasons_for,
)
from .models import Appeal, DisclosureRequest
from .services import applicant_key_for, next_tracking_number, secret_digest, tracking_number_format, tracking_sequence_key
from .states import FoiEvent, RequestStatus

# Rows one file may hold: a dry run parses and checks every row inside the request, so the work
# per request is bounded; a larger history is imported in several files.
MAX_ROWS = 5000
# Historical answers may lack the ground of a 部分公开 (recorded before it was required).
IMPORT_REASON_REQUIRED = REASON_REQUIRED - {Outcome.PARTIAL}


def _too_many_rows() -> ImportRefused:
    return ImportRefused(f"文件超过每次最多{MAX_ROWS}行数据的限制，未检查也未导入任何数据。请拆分为多个文件后分别导入。")

# key → (Chinese header, required)
COLUMNS: dict[str, tuple[str, bool]] = {
    "tracking_number": ("申请编号", False),
    "legacy_number": ("原编号", False),
    "applicant_type": ("申请人类型", True),
    "applicant_name": ("申请人", True),
    "id_number": ("证件号码", False),
    "phone": ("联系电话", False),
    "channel": ("申请渠道", True),
    "received_on": ("收到申请日期", True),
    "description": ("申请内容", True),
    "correction": ("补正", False),
    "pauses": ("征求意见暂停", False),
    "extension_days": ("延长工作日", False),
    "extension_approved_by": ("延期批准人", False),
    "outcome": ("办理结果", False),
    "reason": ("具体情形", False),
    "closed_on": ("办结日期", False),
    "reconsideration": ("行政复议结果", False),
    "reconsideration_on": ("行政复议提起日期", False),
    "litigation_direct": ("直接起诉结果", False),
    "litigation_direct_on": ("直接起诉日期", False),
    "litigation_after": ("复议后起诉结果", False),
    "litigation_after_on": ("复议后起诉日期", False),
}
HEADER_TO_KEY = {v[0]: k for k, v in COLUMNS.items()} | {k: k for k in COLUMNS}
APPEAL_COLUMNS = {
    "reconsideration": AppealKind.RECONSIDERATION,
    "litigation_direct": AppealKind.LITIGATION_DIRECT,
    "litigation_after": AppealKind.LITIGATION_AFTER,
}
CHANNEL_ALIASES = {"邮寄": Channel.POST, "信函": Channel.LETTER, "网上": Channel.ONLINE, "在线": Channel.ONLINE,
                   "当面": Channel.IN_PERSON, "现场": Channel.IN_PERSON, "邮件": Channel.EMAIL}
RESULT_ALIASES = {"维持": AppealResult.UPHELD, "纠正": AppealResult.CORRECTED, "其他": AppealResult.OTHER,
                  "尚未审结": AppealResult.PENDING, "未审结": AppealResult.PENDING}


class ImportRefused(DomainError):
    """The file has invalid rows; `problems` lists each with its line number."""


@dataclass
class ParsedRow:
    line: int
    request: DisclosureRequest
    appeals: list[dict] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: int
    created: list[str]
    dry_run: bool


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_table(name: str, data: bytes) -> list[tuple[int, dict]]:
    """Return (line number, {key: text}) for each non-empty data row of a CSV or XLSX file."""
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ImportRefused("无法读取 XLSX 文件。", problems=[str(exc)]) from None
        rows = []
        for r in ws.iter_rows(values_only=True):
            rows.append(list(r))
            if len(rows) > MAX_ROWS + 1:  # header + MAX_ROWS: refuse without reading further
                raise _too_many_rows()
    elif name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused("无法识别 CSV 文件的编码（应为 UTF-8 或 GB18030）。")
        rows = []
        for r in csv.reader(io.StringIO(text)):
            rows.append(r)
            if len(rows) > MAX_ROWS + 1:  # header + MAX_ROWS: refuse without reading further
                raise _too_many_rows()
    else:
        raise ImportRefused("只支持 .csv 和 .xlsx 文件。")
    if not rows:
        raise ImportRefused("文件为空。")
    # Control characters (NUL above all: PostgreSQL refuses it in text) are no part of any field.
    bad = [n for n, row in enumerate(rows, start=1)
           if any(isinstance(v, str) and _CONTROL.search(v) for v in row)]
    if bad:
        raise ImportRefused("文件含有无效的控制字符，未导入任何数据。",
                            problems=[f"第{n}行含有无效的控制字符（如 NUL）。" for n in bad[:20]])
    header = [str(h or "").strip() for h in rows[0]]
    unknown = [h for h in header if h and h not in HEADER_TO_KEY]
    keys = [HEADER_TO_KEY.get(h) for h in header]
    missing = [COLUMNS[k][0] for k, (_l, req) in COLUMNS.items() if req and k not in keys]
    if unknown or missing:
        problems = [f"第1行：未知的列“{h}”。" for h in unknown] + [f"第1行：缺少必填列“{m}”。" for m in missing]
        raise ImportRefused("表头不符合导入格式（见 docs/foi.md）。", problems=problems)
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {k: row[i] if i < len(row) else None for i, k in enumerate(keys) if k}
        if all(v in (None, "") for v in values.values()):
            continue
        out.append((number, values))
    return out


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            pass
    problems.append(f"{label}“{text}”不是有效日期（格式 2024-03-01）。")
    return None


def _span(value, label: str, problems: list[str]) -> list[tuple[dt.date, dt.date]]:
    spans = []
    for part in filter(None, (p.strip() for p in re.split(r"[;；]", _text(value)))):
        pieces = re.split(r"\.\.|至|~", part)
        if len(pieces) != 2:
            problems.append(f"{label}“{part}”应写成“开始日期..结束日期”。")
            continue
        a, b = (_date(p.strip(), label, problems) for p in pieces)
        if a and b:
            if b < a:
                problems.append(f"{label}“{part}”的结束日期早于开始日期。")
            else:
                spans.append((a, b))
    return spans


def _choice(value, enum, label: str, problems: list[str], aliases=None):
    text = _text(value)
    for member in enum:
        if text in (member.value, str(member.label)):
            return member.value
    for alias, member in (aliases or {}).items():
        if alias in text:
            return member
    problems.append(f"{label}“{text}”无法识别。")
    return None


def _reason(outcome: str, value, problems: list[str]) -> str:
    text = re.sub(r"^\d+[.、．]\s*", "", _text(value))
    if not text:
        return ""
    candidates = reasons_for(outcome)
    for r in candidates:
        if text in (r.code, r.label):
            return r.code
    for r in candidates:
        if any(alias in text for alias in r.aliases):
            return r.code
    problems.append(f"具体情形“{text}”不属于“{Outcome(outcome).label}”的情形。")
    return ""


MAX_NUMBER_LENGTH = DisclosureRequest._meta.get_field("legacy_number").max_length


def own_number_pattern(organisation) -> re.Pattern:
    """The live tracking-number format of `organisation`: ``<ORG-CODE>-<YEAR>-<NNNNN>``."""
    return re.compile(rf"{re.escape(organisation.code.upper())}-(\d{{4}})-(\d{{5}})")


def _tracking_number(organisation, value, received: dt.date | None, problems: list[str]) -> str:
    """Return the row's tracking number folded (NFKC, upper case) if it is in the live format, else ""."""
    raw = fold(_text(value))
    if not raw:
        return ""
    number = raw.upper()
    example = tracking_number_format(organisation, (received or clock.today()).year, 1)
    if len(number) > MAX_NUMBER_LENGTH:
        problems.append(f"申请编号超过{MAX_NUMBER_LENGTH}个字符。")
        return ""
    m = own_number_pattern(organisation).fullmatch(number)
    if m is None:
        problems.append(f"申请编号“{number}”不是本机关的编号格式（如 {example}）；"
                        f"原系统的其他编号请填入“原编号”列，系统将另行编号。")
        return ""
    year, n = int(m.group(1)), int(m.group(2))
    if n == 0:
        problems.append(f"申请编号“{number}”的序号不能为00000。")
        return ""
    if received and year != received.year:
        problems.append(f"申请编号“{number}”的年份与收到申请日期的年份（{received.year}）不一致。")
        return ""
    return number


def _too_long(req: DisclosureRequest) -> list[str]:
    """Problems for text longer than its column holds (PostgreSQL would refuse the whole import)."""
    out = []
    for f in req._meta.concrete_fields:
        limit = getattr(f, "max_length", None)
        value = getattr(req, f.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            label = next((h for k, (h, _r) in COLUMNS.items() if k == f.name), str(f.verbose_name))
            out.append(f"{label}超过{limit}个字符。")
    return out


def parse_rows(organisation, rows: list[tuple[int, dict]]) -> tuple[list[ParsedRow], list[str]]:
    """Validate every row; return the parsed rows and the problems ("第N行：…")."""
    parsed, problems_all = [], []
    seen_numbers: set[str] = set()
    today = clock.today()
    for line, v in rows:
        problems: list[str] = []
        kind = _choice(v.get("applicant_type"), ApplicantType, "申请人类型", problems)
        name = _text(v.get("applicant_name"))
        if not name:
            problems.append("申请人为空。")
        channel = _choice(v.get("channel"), Channel, "申请渠道", problems, CHANNEL_ALIASES)
        received = _date(v.get("received_on"), "收到申请日期", problems)
        if v.get("received_on") in (None, ""):
            problems.append("收到申请日期为空。")
        if received and received > today:
            problems.append("收到申请日期晚于今天。")
        description = _text(v.get("description"))
        if not description:
            problems.append("申请内容为空。")
        number = _tracking_number(organisation, v.get("tracking_number"), received, problems)
        if number:
            if number in seen_numbers:
                problems.append(f"申请编号“{number}”在文件中重复。")
            elif DisclosureRequest.objects.filter(tracking_number=number).exists():
                problems.append(f"申请编号“{number}”已存在。")
            seen_numbers.add(number)
        legacy = fold(_text(v.get("legacy_number")))
        if len(legacy) > MAX_NUMBER_LENGTH:
            problems.append(f"原编号超过{MAX_NUMBER_LENGTH}个字符。")
        corrections = _span(v.get("correction"), "补正", problems)
        if len(corrections) > 1:
            problems.append("补正只能有一次（第三十条：一次性告知）。")
        pauses = _span(v.get("pauses"), "征求意见暂停", problems)
        ext_text = _text(v.get("extension_days"))
        extension = None
        if ext_text:
            if not ext_text.isdigit() or not 1 <= int(ext_text) <= deadlines.MAX_EXTENSION_WORKING_DAYS:
                problems.append("延长工作日应为1至20的整数（第三十三条）。")
            else:
                extension = int(ext_text)
                if not _text(v.get("extension_approved_by")):
                    problems.append("延长答复期限须填写延期批准人。")
        outcome_text = _text(v.get("outcome"))
        outcome = reason = ""
        closed = _date(v.get("closed_on"), "办结日期", problems)
        if outcome_text:
            outcome = _choice(outcome_text, Outcome, "办理结果", problems) or ""
            if outcome:
                reason = _reason(outcome, v.get("reason"), problems)
                if outcome in IMPORT_REASON_REQUIRED and not _text(v.get("reason")):
                    problems.append(f"办理结果为“{Outcome(outcome).label}”的，须填写具体情形。")
            if closed is None and v.get("closed_on") in (None, ""):
                problems.append("已填写办理结果的，必须填写办结日期。")
        elif closed:
            problems.append("填写了办结日期但没有办理结果。")
        if closed and received and closed < received:
            problems.append("办结日期早于收到申请日期。")
        if closed and closed > today:
            problems.append("办结日期晚于今天。")
        spans = sorted(corrections + pauses)
        for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
            if a2 < b1:
                problems.append("补正和征求意见的期间相互重叠。")
        if received and spans and spans[0][0] < received:
            problems.append("补正或暂停早于收到申请日期。")
        appeals = []
        for col, appeal_kind in APPEAL_COLUMNS.items():
            if _text(v.get(col)):
                result = _choice(v.get(col), AppealResult, COLUMNS[col][0], problems, RESULT_ALIASES)
                filed = _date(v.get(f"{col}_on"), COLUMNS[f"{col}_on"][0], problems) or closed or received
                if result:
                    appeals.append({"kind": appeal_kind, "result": result, "filed_on": filed})
        if problems:
            problems_all.extend(f"第{line}行：{p}" for p in problems)
            continue
        pause_rows = []
        for a, b in spans:
            if (a, b) in corrections:
                pause_rows.append({"kind": "correction", "start": a.isoformat(), "end": b.isoformat(), "note": "历史导入"})
            else:
                pause_rows.append({"kind": "third_party", "start": a.isoformat(), "end": b.isoformat(),
                                   "reply_due": deadlines.third_party_reply_due(a).isoformat(), "note": "历史导入"})
        req = DisclosureRequest(
            organisation=organisation, tracking_number=number, channel=channel, applicant_type=kind,
            applicant_name=name, id_document_type="other", id_number=_text(v.get("id_number")),
            phone=_text(v.get("phone")), description=description, info_form=InfoForm.PAPER, delivery=Delivery.COLLECT,
            submitted_at=clock.now(), arrived_on=received, received_on=received,
            receipt_basis=RECEIPT_RULES[Channel(channel)][1] + "（历史数据导入）",
            pauses=pause_rows, extension_days=extension,
            extension_approver_name=_text(v.get("extension_approved_by")),
            extension_reason="历史数据导入" if extension else "",
            correction_asked_on=corrections[0][0] if corrections else None,
            corrected_on=corrections[0][1] if corrections else None,
            outcome=outcome, reason=reason, closed_on=closed if outcome else None,
            status=RequestStatus.CLOSED if outcome else RequestStatus.IN_PROGRESS,
            imported=True, import_note=f"导入文件第{line}行", legacy_number=legacy,
        )
        too_long = _too_long(req)
        if too_long:
            problems_all.extend(f"第{line}行：{p}" for p in too_long)
            continue
        req.applicant_key = applicant_key_for("other", req.id_number, name)
        try:
            deadlines.apply(req)
        except DomainError as exc:
            problems_all.append(f"第{line}行：无法计算答复期限：{exc.message}")
            continue
        parsed.append(ParsedRow(line, req, appeals))
    return parsed, problems_all


def import_requests(*, organisation, name: str, data: bytes, actor=None, dry_run: bool = False,
                    trusted: bool = False) -> ImportReport:
    """Validate the whole file, then (unless dry_run) create every request in one transaction.

    The command line passes trusted=True (the operator of the server is trusted); the back
    office checks that the user handles requests of the organisation. At most MAX_ROWS rows.
    Rows without a tracking number (or with only a 原编号) get the next live number; rows with one
    keep it and the live counter of that year moves above it, so later submissions never collide.
    """
    if not trusted:
        require(actor, Action.FOI_HANDLE, organisation)
    rows = read_table(name, data)
    if not rows:
        raise ImportRefused("文件中没有数据行。")

    parsed, problems = parse_rows(organisation, rows)
    if problems:
        raise ImportRefused(f"{len(problems)}处错误，未导入任何数据。", problems=problems)
    if dry_run:
        return ImportReport(len(parsed), [p.request.tracking_number or f"(第{p.line}行)" for p in parsed], True)
    created = []
    with transaction.atomic():
        # Live numbering continues above every imported number of the same year.
        highest: dict[int, int] = {}
        pattern = own_number_pattern(organisation)
        for p in parsed:
            m = pattern.fullmatch(p.request.tracking_number or "")
            if m:
                year, n = int(m.group(1)), int(m.group(2))
                highest[year] = max(highest.get(year, 0), n)
        for year, n in sorted(highest.items()):
            sequence.set_at_least(tracking_sequence_key(organisation, year), n)
        for p in parsed:
            req = p.request
            if not req.tracking_number:
                req.tracking_number = next_tracking_number(organisation, req.received_on.year)
            req.secret_digest = secret_digest(secrets.token_hex(8))
            req.save()
            for a in p.appeals:
                decided = None if a["result"] == AppealResult.PENDING else a["filed_on"]
                Appeal.objects.create(request=req, kind=a["kind"], filed_on=a["filed_on"], result=a["result"],
                                      decided_on=decided, note="历史数据导入：审结日期未记录，按提起日期登记"
                                      if decided else "历史数据导入", recorded_by=actor if getattr(actor, "pk", None) else None)
            audit.record(FoiEvent.IMPORTED, actor=actor, target=req, organisation=organisation,
                         after={"line": p.line, "file": name, "status": req.status, "outcome": req.outcome})
            created.append(req.tracking_number)
    return ImportReport(len(parsed), created, False)
