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


@pytest.fixture
def site_zip(tmp_path):
    """The fixture pages and a few attachment files, saved as an office's backup .zip."""
    path = tmp_path / "site.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in sorted(FIXTURES.glob("*.html")):
            archive.writestr(f"site/{page.name}", page.read_bytes())
    return path
