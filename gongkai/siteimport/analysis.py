"""A batch of saved pages → one report per page: the fields read, attachments, findings, problems, status.

The same analysis serves the dry run and the import: ``analyse`` only reads (the source, and the
database for duplicates through ``known``); the import then writes what the analysis decided.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from gongkai.core.errors import DomainError
from gongkai.core import files as record_files
from gongkai.core import privacy

from .parse import MESSAGES, ParsedPage, parse_html
from .sources import SourceIssue, SourcePage

# Page statuses, with their Chinese names for reports.
IMPORT, REVIEW, HELD, SKIPPED, DUPLICATE = "import", "review", "held", "skipped", "duplicate"
STATUS_LABELS = {IMPORT: "导入", REVIEW: "导入并待审（发现个人信息）", HELD: "暂存待补充", SKIPPED: "跳过",
                 DUPLICATE: "重复，未导入"}
DUPLICATE_KEYS = {"index_number": "索引号", "document_number": "文号", "content": "内容"}


@dataclass
class PageReport:
    path: str
    url: str | None
    page: ParsedPage | None
    status: str = IMPORT
    attachments: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    content_hash: str | None = None
    duplicate_of: str | None = None
    files: dict[int, bytes] = field(default_factory=dict, repr=False)  # attachment position → bytes

    def problem(self, code: str, message: str) -> None:
        self.problems.append({"code": code, "message": message})

    def keys(self, issuer: str) -> list[tuple[str, str, str]]:
        page = self.page
        keys = []
        if page.index_number:
            keys.append(("index_number", issuer, page.index_number))
        if page.document_number:
            keys.append(("document_number", issuer, page.document_number))
        keys.append(("content", "", self.content_hash))
        return keys

    def as_json(self) -> dict:
        page = self.page or ParsedPage(path=self.path)
        day = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "path": self.path, "url": self.url or page.url, "title": page.title, "publish_date": day(page.publish_date),
            "index_number": page.index_number, "document_number": page.document_number, "issuer": page.issuer,
            "written_date": day(page.written_date), "validity": page.validity, "column": page.column,
            "body_text": page.body_text if self.page else None,
            "attachments": [{k: a.get(k) for k in ("name", "url", "kind", "size", "sha256", "problem")}
                            for a in self.attachments],
            "findings": self.findings, "problems": self.problems,
        }


def content_hash(page: ParsedPage) -> str:
    text = re.sub(r"\s+", "", f"{page.title or ''}\n{page.body_text}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _scan(report: PageReport, where: str, text: str) -> None:
    for m in privacy.scan(text or ""):
        report.findings.append({"field": where, "kind": m.kind, "value": privacy.mask_value(m.kind, m.value),
                                "context": privacy.context_of(text, m)})


def _host(url: str | None) -> str:
    return (urlsplit(url).hostname or "").lower() if url else ""


def _attachments(report: PageReport, source, item: SourcePage) -> None:
    page_host = _host(report.url or report.page.url)
    for position, found in enumerate(report.page.attachments):
        entry = {"name": found["text"] or found["href"].rsplit("/", 1)[-1], "url": found["url"], "kind": found["kind"],
                 "size": None, "sha256": None, "problem": None, "inline": found["inline"]}
        report.attachments.append(entry)
        host = _host(found["url"]) if found["url"].startswith(("http://", "https://")) else ""
        if host and host != page_host:
            entry["problem"] = SourceIssue("other_host", host=host).message
            continue
        try:
            data = source.fetch(item, found["url"] if host else found["href"])
        except SourceIssue as issue:
            entry["problem"] = issue.message
            continue
        entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        report.files[position] = data
        kind = record_files.detect_kind(data)
        if kind in record_files.TEXT_KINDS:
            try:
                _scan(report, f"attachment:{entry['name']}", record_files.extract_text(kind, data))
            except DomainError as exc:
                entry["problem"] = f"附件内容无法读取：{exc.message}"


def analyse_page(source, item: SourcePage) -> PageReport:
    report = PageReport(path=item.path, url=item.url, page=None)
    if item.issue is not None:
        report.status = SKIPPED
        report.problem(item.issue.code, item.issue.message)
        return report
    page = item.parsed or parse_html(item.data, path=item.path, url=item.url, content_type=item.content_type)
    report.page = page
    if page.skipped:
        report.status = SKIPPED
        report.problem(page.skipped, MESSAGES[page.skipped])
        return report
    report.content_hash = content_hash(page)
    _scan(report, "title", page.title or "")
    _scan(report, "body", page.body_text)
    _attachments(report, source, item)
    for code in page.problems:
        report.problem(code, MESSAGES[code])
    if page.problems:
        report.status = HELD
    elif report.findings:
        report.status = REVIEW
    return report


class Deduplicator:
    """Duplicates within the batch and against what is already in the database (``known``)."""

    def __init__(self, issuer: str, known=None):
        self.issuer = issuer
        self.known = known  # callable: list of keys → {key: description} of those already imported
        self.seen: dict[tuple, str] = {}

    def check(self, report: PageReport) -> None:
        if report.status in (SKIPPED,) or report.page is None:
            return
        keys = report.keys(report.page.issuer or self.issuer)
        existing = self.known(keys) if self.known else {}
        for key in keys:
            where = self.seen.get(key) or existing.get(key)
            if where:
                report.status = DUPLICATE
                report.duplicate_of = where
                report.problem("duplicate", f"与{where}重复（{DUPLICATE_KEYS[key[0]]}相同），未重复导入")
                return
        for key in keys:
            self.seen[key] = f"本批页面 {report.path}"


def summary(reports: list[PageReport], *, dry_run: bool) -> dict:
    counts = {status: 0 for status in STATUS_LABELS}
    for report in reports:
        counts[report.status] += 1
    return {"dry_run": dry_run, "pages": len(reports), **counts,
            "attachments": sum(len(r.attachments) for r in reports),
            "attachment_problems": sum(1 for r in reports for a in r.attachments if a["problem"]),
            "findings": sum(len(r.findings) for r in reports)}
