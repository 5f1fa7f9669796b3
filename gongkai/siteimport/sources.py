"""Where saved pages come from: .html files, folders, .zip archives and WARC files.

Each source yields ``SourcePage`` objects (the page's bytes, its path or URL) and answers
``fetch(page, href)`` for the page's attachments from the same source — never from the network,
never outside the source (a ``../`` link cannot leave the folder or archive). Oversized files,
zip bombs and redirect loops become ``SourceIssue`` entries in the report; they never stop a batch.
"""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import limits

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")

from .pages import ISSUES, SourceIssue, SourcePage  # noqa: F401  (re-exported: the source types)


def _read_capped(handle, cap: int) -> bytes:
    """Read at most cap bytes; raise too_large when more follow (never trusts a declared size)."""
    data = handle.read(cap + 1)
    if len(data) > cap:
        raise SourceIssue("too_large", limit=cap // (1024 * 1024))
    return data


def _is_page(name: str) -> bool:
    return name.lower().endswith(PAGE_SUFFIXES)


class FolderSource:
    def __init__(self, root: Path):
        self.root = root.resolve()

    def pages(self):
        from . import spreadsheet

        if self.root.is_file() and self.root.suffix.lower() == ".xlsx":
            yield from spreadsheet.pages(self.root.read_bytes(), str(self.root), {"file": self.root})
            return
        paths = [self.root] if self.root.is_file() else sorted(p for p in self.root.rglob("*") if p.is_file() and _is_page(p.name))
        for sheet in ([] if self.root.is_file() else sorted(self.root.glob("*.xlsx"))):
            data = sheet.read_bytes()
            if spreadsheet.is_template(data):
                yield from spreadsheet.pages(data, str(sheet), {"file": sheet})
        for path in paths:
            shown = str(path)
            try:
                with path.open("rb") as handle:
                    yield SourcePage(shown, _read_capped(handle, limits.max_page_bytes()), locator={"file": path})
            except SourceIssue as issue:
                yield SourcePage(shown, None, issue=issue)

    def fetch(self, page: SourcePage, href: str) -> bytes:
        target = _local_target(href)
        base = page.locator["file"].parent
        candidate = (self.root / target.lstrip("/")) if target.startswith("/") else (base / target)
        candidate = candidate.resolve()
        scope = self.root if self.root.is_dir() else self.root.parent
        if scope not in candidate.parents or not candidate.is_file():
            raise SourceIssue("missing")
        with candidate.open("rb") as handle:
            return _read_capped(handle, limits.max_attachment_bytes())


def _local_target(href: str) -> str:
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.query and "filename=" in parts.query:  # download.jsp?filename=a.pdf
        for pair in parts.query.split("&"):
            if pair.startswith("filename="):
                path = posixpath.join(posixpath.dirname(path), unquote(pair[len("filename="):]))
    return path


class ZipSource:
    def __init__(self, path: Path):
        self.path = path
        self.archive = None
        self.names: dict[str, zipfile.ZipInfo] = {}
        self.expanded = 0

    def _open(self):
        if self.archive is None:
            self.archive = zipfile.ZipFile(self.path)
            infos = self.archive.infolist()[: limits.max_archive_members()]
            self.names = {info.filename: info for info in infos if not info.is_dir()}
        return self.archive

    def _member(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio():
            raise SourceIssue("zip_bomb")
        if self.expanded + info.file_size > limits.max_archive_expanded_bytes():
            raise SourceIssue("archive_too_large")
        with self.archive.open(info) as handle:
            data = _read_capped(handle, cap)
        self.expanded += len(data)
        return data

    def pages(self):
        try:
            self._open()
        except (zipfile.BadZipFile, OSError):
            yield SourcePage(str(self.path), None, issue=SourceIssue("bad_archive"))
            return
        from . import spreadsheet

        for name in sorted(self.names):
            if name.lower().endswith(".xlsx") and name.count("/") <= 1:
                try:
                    data = self._member(self.names[name], limits.max_attachment_bytes())
                except SourceIssue:
                    continue  # an oversized workbook at the top is an attachment, reported with its page
                if spreadsheet.is_template(data):
                    yield from spreadsheet.pages(data, f"{self.path.name}:{name}", {"member": name})
                continue
            if not _is_page(name):
                continue
            shown = f"{self.path.name}:{name}"
            try:
                yield SourcePage(shown, self._member(self.names[name], limits.max_page_bytes()), locator={"member": name})
            except SourceIssue as issue:
                yield SourcePage(shown, None, issue=issue)
            except (zipfile.BadZipFile, OSError, EOFError):
                yield SourcePage(shown, None, issue=SourceIssue("bad_archive"))

    def fetch(self, page: SourcePage, href: str) -> bytes:
        target = _local_target(href)
        base = posixpath.dirname(page.locator["member"])
        name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
        info = self.names.get(name)
        if info is None or name.startswith(".."):
            raise SourceIssue("missing")
        try:
            return self._member(info, limits.max_attachment_bytes())
        except (zipfile.BadZipFile, OSError, EOFError):
            raise SourceIssue("bad_archive") from None


class WarcSource:
    """A WARC (or .warc.gz) web archive: responses by URL; 3xx answers followed, loops reported."""

    MAX_REDIRECTS = 10

    def __init__(self, path: Path):
        self.path = path
        self.responses: dict[str, tuple[int, str | None, str | None, int]] = {}  # url → (status, location, type, offset)

    def _index(self):
        from warcio.archiveiterator import ArchiveIterator

        with self.path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = int(record.http_headers.get_statuscode() or 0)
                self.responses.setdefault(url, (status, record.http_headers.get_header("Location"),
                                                record.http_headers.get_header("Content-Type"), iterator.get_record_offset()))

    def _body(self, offset: int, cap: int) -> bytes:
        from warcio.archiveiterator import ArchiveIterator

        with self.path.open("rb") as stream:
            stream.seek(offset)
            for record in ArchiveIterator(stream):
                return _read_capped(record.content_stream(), cap)
        raise SourceIssue("bad_archive")

    def _resolve(self, url: str) -> tuple[str, tuple]:
        seen = []
        while True:
            entry = self.responses.get(url)
            if entry is None:
                raise SourceIssue("missing")
            status, location = entry[0], entry[1]
            if not (300 <= status < 400 and location):
                return url, entry
            seen.append(url)
            url = _join(url, location)
            if url in seen or len(seen) > self.MAX_REDIRECTS:
                raise SourceIssue("redirect_loop")

    def pages(self):
        try:
            self._index()
        except Exception:  # warcio raises its own errors for a damaged archive
            self.responses = {}
        if not self.responses:  # damaged, or no HTTP response in it at all
            yield SourcePage(str(self.path), None, issue=SourceIssue("bad_archive"))
            return
        for url, (status, _location, content_type, _offset) in self.responses.items():
            html = content_type is None or "html" in content_type.lower()
            if not html or not (200 <= status < 400):
                continue
            try:
                final, entry = self._resolve(url)
            except SourceIssue as issue:
                yield SourcePage(url, None, url=url, issue=issue)
                continue
            if final != url:
                continue  # the page itself is reported under its final URL
            try:
                yield SourcePage(url, self._body(entry[3], limits.max_page_bytes()), url=url, content_type=content_type)
            except SourceIssue as issue:
                yield SourcePage(url, None, url=url, issue=issue)

    def fetch(self, page: SourcePage, href: str) -> bytes:
        _url, entry = self._resolve(_join(page.url, href))
        return self._body(entry[3], limits.max_attachment_bytes())


def _join(base: str | None, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base or "", href)


def open_source(path: str):
    p = Path(path)
    if not p.exists():
        raise SourceIssue("not_found")
    low = p.name.lower()
    if p.is_file() and low.endswith(".zip"):
        return ZipSource(p)
    if p.is_file() and (low.endswith(".warc") or low.endswith(".warc.gz")):
        return WarcSource(p)
    return FolderSource(p)


__all__ = ["FolderSource", "ISSUES", "SourceIssue", "SourcePage", "WarcSource", "ZipSource", "open_source"]
