import zipfile
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def row_counts() -> dict[str, int]:
    """Rows of every table in the database (a dry run must leave every figure unchanged)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            try:
                with transaction.atomic():  # a savepoint: SQLite's FTS5 table cannot be scanned (its shadow tables are)
                    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # introspected names
                    counts[table] = cursor.fetchone()[0]
            except DatabaseError:
                counts[table] = None
    return counts


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def tiny_pdf(text_marker: str = "") -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), __import__("io").BytesIO()
    writer.add_blank_page(width=100, height=100)
    if text_marker:
        writer.add_metadata({"/Title": text_marker})
    writer.write(out)
    return out.getvalue()


def write_warc(path, records):
    """A WARC file of (url, status line, headers, body) responses, written with warcio."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for url, status, headers, body in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


@pytest.fixture
def site_zip(tmp_path):
    """The fixture pages and a few attachment files, saved as an office's backup .zip."""
    path = tmp_path / "site.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in sorted(FIXTURES.glob("*.html")):
            archive.writestr(f"site/{page.name}", page.read_bytes())
    return path
