"""Exit 0 when the PostgreSQL server named by the URL accepts connections, else 1.

The database itself need not exist: the test runner creates its own test_<name> database
through the server's maintenance database.
"""
import sys

import dj_database_url
import psycopg

cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"],
        dbname="postgres", password=cfg.get("PASSWORD") or None, connect_timeout=3,
    ).close()
except psycopg.Error as exc:
    print(f"PostgreSQL not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
