"""The two index backends. Each offers: install(cursor), add(cursor, rows), remove(cursor, rows),
clear(cursor) and search(cursor, terms, facets, cap) → up to `cap` ids, newest first.

`rows` are tuples (doc_id, title, text, facets); `facets` are tokens such as "o12", "c政策文件/1",
"y2024", indexed with the document so filters are answered by the same index.
Both backends take a DB-API cursor and plain SQL so the benchmark can drive them on a database
of its own.
"""
from __future__ import annotations

from . import tokens as tk

FTS_TABLE = "records_search_fts"
TITLE_FTS_TABLE = "records_search_title_fts"
GRAMS_TABLE = "records_search_grams"
DOC_TABLE = "records_searchdocument"


def facet_token(kind: str, value) -> str:
    """Return an index token for a filter value (kept out of the text tokens' alphabet)."""
    raw = f"{kind}{value}"
    return "f" + raw.encode("utf-8").hex()


EXACT_UPTO = 60  # matches rechecked as substrings, at most; the rest of the candidates follow unchecked


def _term_runs(term: str) -> list[str]:
    return tk.runs(term)


def checked_first(found: list[int], exact_upto: int, recheck) -> tuple[list[int], bool]:
    """Return (the candidates `found` with those rechecked so far kept only if `recheck` keeps them,
    whether every candidate was rechecked). Candidates are rechecked 50 at a time, newest first,
    until `exact_upto` passed; the rest follow unchecked, so a count beyond is an upper bound."""
    checked: list[int] = []
    pos = 0
    while pos < len(found) and len(checked) < exact_upto:
        chunk = found[pos:pos + 50]
        checked.extend(recheck(chunk))
        pos += len(chunk)
    return checked + found[pos:], pos >= len(found)


class _Rechecking:
    """What both backends share: candidates rechecked as substrings (``plan``), and whether the last
    search over the whole text counted exactly (``exact``: the count shown is then not "约")."""

    exact = True

    def _kept(self, cursor, found: list[int], rechecks: list[str], exact_upto: int, in_title: bool) -> list[int]:
        if not rechecks:
            return found
        found, exact = checked_first(found, exact_upto, lambda ids: self._recheck(cursor, ids, rechecks, in_title))
        if not in_title:
            self.exact = exact
        return found


class SQLiteBackend(_Rechecking):
    """FTS5 over text pre-split into overlapping bigrams; contentless (the text lives in DOC_TABLE).

    Titles are indexed twice: in FTS_TABLE's ``title`` column (a search over title and text) and
    alone in TITLE_FTS_TABLE (a search within titles). A column filter on FTS_TABLE would read the
    same doclists as the whole-text search — every occurrence in every text — and, when few titles
    hold the query, walk them to the end; the titles' own table holds only title occurrences
    (issue 25 item 4: a title fragment at a million records).
    """

    vendor = "sqlite"

    def __init__(self, param_marker: str = "%s"):
        # Django's cursor takes "%s"; a raw sqlite3 cursor (the benchmark) takes "?".
        self.p = param_marker

    @staticmethod
    def install(cursor) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, body, facets, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_FTS_TABLE} USING fts5("
            "title, facets, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
        )

    @staticmethod
    def drop(cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {TITLE_FTS_TABLE}")

    @staticmethod
    def _values(row):
        doc_id, title, text, facets = row
        return (doc_id, tk.bigram_text(title), tk.bigram_text(text), " ".join(facets))

    def add(self, cursor, rows) -> None:
        values = [self._values(r) for r in rows]
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) VALUES ({self.p}, {self.p}, {self.p}, {self.p})",
            values,
        )
        self.add_titles(cursor, [(v[0], v[1], v[3]) for v in values])

    def add_titles(self, cursor, values) -> None:
        """Index (doc_id, title bigram text, facet text) rows in the titles' own table."""
        cursor.executemany(
            f"INSERT INTO {TITLE_FTS_TABLE}(rowid, title, facets) VALUES ({self.p}, {self.p}, {self.p})", values)

    def remove(self, cursor, rows) -> None:
        # A contentless table deletes by replaying the exact tokens that were inserted.
        values = [self._values(r) for r in rows]
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, facets) "
            f"VALUES ('delete', {self.p}, {self.p}, {self.p}, {self.p})",
            values,
        )
        cursor.executemany(
            f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}, rowid, title, facets) "
            f"VALUES ('delete', {self.p}, {self.p}, {self.p})",
            [(v[0], v[1], v[3]) for v in values],
        )

    @staticmethod
    def clear(cursor) -> None:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute(f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}) VALUES ('delete-all')")

    @staticmethod
    def plan(terms: list[str], facets: list[str], *, in_title: bool = False) -> tuple[str, list[str]]:
        """Return (the MATCH expression, substrings to recheck).

        A one-character CJK run beside other runs of its term (年 in 2020年5月, 发 in 发《通知》) is
        not looked up: in the index it is a lone character or the start of a bigram, and a prefix
        query ``"年"*`` merges the doclists of every bigram starting with it — at a million documents
        hundreds of milliseconds. The other runs are looked up and the character is rechecked as a
        substring, as on PostgreSQL. A term of one-character runs only keeps the prefix query.
        """
        columns = "title" if in_title else "{title body}"
        parts, rechecks = [], []
        for term in terms:
            runs = _term_runs(term)
            lone = [r for r in runs if len(r) == 1 and not r.isascii()]
            for run in runs:
                if run in lone and len(lone) < len(runs):
                    rechecks.append(run)
                elif run in lone:
                    # One character: the bigrams that start with it, or the lone character.
                    parts.append(f'{columns}: "{run}"*')
                else:
                    parts.append(f'{columns}: "' + " ".join(tk.run_tokens(run)) + '"')
        parts.extend(f"facets: {f}" for f in facets)
        return " AND ".join(parts), rechecks

    @classmethod
    def match_expression(cls, terms: list[str], facets: list[str], *, in_title: bool = False) -> str:
        return cls.plan(terms, facets, in_title=in_title)[0]

    def search(self, cursor, terms, facets, cap, exact_upto: int = EXACT_UPTO, *, in_title: bool = False) -> list[int]:
        """Return up to `cap` matching ids, newest first (FTS5 walks its doclists in rowid order).

        With `in_title`, only documents whose title holds every term (the titles' own table).
        Substrings to recheck (``plan``) are checked as far as `exact_upto` (``checked_first``).
        """
        expression, rechecks = self.plan(terms, facets, in_title=in_title)
        table = TITLE_FTS_TABLE if in_title else FTS_TABLE
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH {self.p} ORDER BY rowid DESC LIMIT {self.p}",
            [expression, cap],
        )
        found = [r[0] for r in cursor.fetchall()]
        if not in_title:
            self.exact = True
        return self._kept(cursor, found, rechecks, exact_upto, in_title)

    def _recheck(self, cursor, ids, rechecks, in_title: bool = False) -> list[int]:
        where = "lower(title)" if in_title else "lower(title || char(10) || text)"
        clauses = " AND ".join([f"instr({where}, {self.p}) > 0"] * len(rechecks))
        marks = ", ".join([self.p] * len(ids))
        cursor.execute(f"SELECT id FROM {DOC_TABLE} WHERE id IN ({marks}) AND {clauses}", list(ids) + rechecks)
        keep = {r[0] for r in cursor.fetchall()}
        return [i for i in ids if i in keep]


class PostgresBackend(_Rechecking):
    """A GIN index over each document's array of distinct bigrams, facet and block tokens.

    Array containment finds the documents holding all the query's bigrams. The first page must
    be the newest documents, and a GIN bitmap has no order, so every document also carries
    "block" tokens: its position in aligned blocks of ids of 4,096 · 4^k (k = 0…6). A search asks
    the index block by block, newest first, with blocks growing as it goes back: a frequent term
    is answered from the newest block alone, a rare one from a dozen cheap index look-ups, and
    the count stops at the cap the same way. Bitmap scans are forced (SET LOCAL) because reading
    the arrays row by row through the primary key is what makes a frequent term slow.
    A query of several bigrams is rechecked as an exact substring on the documents of the page.
    """

    vendor = "postgresql"
    BLOCK = 4096
    LEVELS = 7
    TITLE = "^"  # prefix of the title's own tokens (text tokens are CJK or [0-9a-z], facets "~…")

    @staticmethod
    def install(cursor) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {GRAMS_TABLE} ("
            # No foreign key: Django's flush truncates model tables without CASCADE; rows are
            # removed by the services, and ids that no longer exist are dropped at query time.
            "doc_id bigint PRIMARY KEY, grams text[] NOT NULL)"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {GRAMS_TABLE}_gin ON {GRAMS_TABLE} USING gin (grams) WITH (fastupdate = off)"
        )

    @staticmethod
    def drop(cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {GRAMS_TABLE}")

    @classmethod
    def block_tokens(cls, doc_id: int) -> list[str]:
        return [f"~b{k}:{doc_id // (cls.BLOCK * 4 ** k)}" for k in range(cls.LEVELS)]

    @classmethod
    def title_grams(cls, title: str) -> set[str]:
        """Return the title's tokens marked as title tokens (what a search within titles looks up)."""
        return {cls.TITLE + t for t in tk.tokens(title)}

    @classmethod
    def grams_of(cls, doc_id: int, title: str, text: str, facets) -> list[str]:
        grams = set(tk.tokens(title)) | set(tk.tokens(text)) | cls.title_grams(title)
        grams.update("~" + f for f in facets)
        grams.update(cls.block_tokens(doc_id))
        return sorted(grams)

    def add(self, cursor, rows) -> None:
        cursor.executemany(
            f"INSERT INTO {GRAMS_TABLE}(doc_id, grams) VALUES (%s, %s)",
            [(doc_id, self.grams_of(doc_id, title, text, facets)) for doc_id, title, text, facets in rows],
        )

    def remove(self, cursor, rows) -> None:
        cursor.executemany(f"DELETE FROM {GRAMS_TABLE} WHERE doc_id = %s", [(r[0],) for r in rows])

    @staticmethod
    def clear(cursor) -> None:
        cursor.execute(f"DELETE FROM {GRAMS_TABLE}")

    @classmethod
    def _plan(cls, terms, facets, in_title: bool = False):
        """Return (bigrams and facet tokens that must all be present, substrings to recheck)."""
        grams: list[str] = ["~" + f for f in facets]
        prefix = cls.TITLE if in_title else ""
        rechecks: list[str] = []
        for term in terms:
            for run in _term_runs(term):
                toks = tk.run_tokens(run)
                if len(run) == 1 and not run.isascii():
                    rechecks.append(run)  # one character: no bigram to look up
                else:
                    grams.extend(prefix + t for t in toks)
                    if len(toks) > 1:
                        rechecks.append(run)
        return sorted(set(grams)), rechecks

    @classmethod
    def blocks(cls, max_id: int):
        """Yield block tokens covering ids max_id … 1, newest first, growing up to fourfold each step."""
        if max_id <= 0:
            return
        size = cls.BLOCK
        index = max_id // size
        yield f"~b0:{index}"
        lo, level = index * size, 0
        while lo > 0:
            k = min(level + 1, cls.LEVELS - 1)
            while k > 0 and lo % (cls.BLOCK * 4 ** k):
                k -= 1
            size = cls.BLOCK * 4 ** k
            yield f"~b{k}:{lo // size - 1}"
            lo, level = lo - size, k

    def _candidates(self, cursor, grams, cap) -> list[int]:
        cursor.execute(f"SELECT coalesce(max(doc_id), 0) FROM {GRAMS_TABLE}")
        max_id = cursor.fetchone()[0]
        found: list[int] = []
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            for block in self.blocks(max_id):
                cursor.execute(
                    f"SELECT doc_id FROM {GRAMS_TABLE} WHERE grams @> %s::text[] ORDER BY doc_id DESC LIMIT %s",
                    [grams + [block], cap - len(found)],
                )
                found.extend(r[0] for r in cursor.fetchall())
                if len(found) >= cap:
                    break
        finally:
            cursor.execute("RESET enable_indexscan")
            cursor.execute("RESET enable_seqscan")
        return found

    def _recheck(self, cursor, ids, rechecks, in_title: bool = False) -> list[int]:
        if not ids:
            return []
        where = "lower(title)" if in_title else "lower(title || chr(10) || text)"
        clauses = " AND ".join([f"strpos({where}, %s) > 0"] * len(rechecks))
        cursor.execute(f"SELECT id FROM {DOC_TABLE} WHERE id = ANY(%s) AND {clauses}", [ids] + rechecks)
        keep = {r[0] for r in cursor.fetchall()}
        return [i for i in ids if i in keep]

    def search(self, cursor, terms, facets, cap, exact_upto: int = EXACT_UPTO, *, in_title: bool = False) -> list[int]:
        """Return up to `cap` ids, newest first.

        When the query needs a substring recheck, the candidates are rechecked as far as
        `exact_upto`; beyond it the remaining candidates (documents holding every bigram of the
        query) are returned unchecked, so a count beyond that is an upper bound.
        With `in_title`, only documents whose title holds every term: the title's own tokens
        (``TITLE`` + bigram) are looked up and the substrings rechecked in the title; ``exact`` is
        left as the last search over the whole text set it.
        """
        grams, rechecks = self._plan(terms, facets, in_title)
        if in_title and not any(g.startswith(self.TITLE) for g in grams):
            return []  # one-character terms only: not worth a scan of the titles
        if not in_title:
            self.exact = True
        if not grams:
            return self._scan(cursor, rechecks, cap)
        return self._kept(cursor, self._candidates(cursor, grams, cap), rechecks, exact_upto, in_title)

    def _scan(self, cursor, rechecks, cap) -> list[int]:
        """One-character queries only: a substring scan, newest first, stopping at the cap."""
        clauses = " AND ".join(["strpos(lower(title || chr(10) || text), %s) > 0"] * len(rechecks))
        cursor.execute(f"SELECT id FROM {DOC_TABLE} WHERE {clauses} ORDER BY id DESC LIMIT %s", rechecks + [cap])
        return [r[0] for r in cursor.fetchall()]


def backend_for(vendor: str):
    """Return the search backend of a database vendor (SQLite and PostgreSQL are supported)."""
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"Chinese full-text search supports SQLite and PostgreSQL, not {vendor}")
