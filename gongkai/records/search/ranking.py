"""Relevance for search results (used by the search and by bench/bench_search.py).

The index answers which documents match, newest first, up to the count cap. Ordering them by
relevance must not cost much more than that, so nothing is read back into Python and only a
bounded set is scored:

1. **Title hits first.** One SQL query over the titles of the matched ids (short, stored before
   the text in the row, never the text) returns the ids whose title holds a needle, how often,
   and how many of the needles it holds. A title holding every needle (and every term of several
   runs as typed, e.g. 巴公镇2024年度) outranks a title holding only some, which outranks a
   document that matches in its text only.
2. **Each tier scores its newest RANK_WINDOW documents** in SQL: TITLE_WEIGHT per needle
   occurrence in the title plus one per occurrence in the first TEXT_WINDOW characters of the
   text (the opening of a notice says what it is about). The rest of a tier follows newest first.
3. **Ties go to the newest** (higher id). The order depends only on the matched ids and the
   documents, so paging through it is stable.

So the cost is one pass over the titles of the matched ids plus at most 3 × RANK_WINDOW openings,
whatever the size of the index, and both databases run the same SQL (only the name of the
substring function differs).
"""
from __future__ import annotations

from . import tokens as tk
from .backends import DOC_TABLE

# The ids and titles of the documents, apart from their text (migration 0013): the title pass and the
# existence check read this index, not the rows — a row holds its text, so a thousand matched ids
# were a thousand table pages (at a million documents, mostly not in memory: up to seconds).
# SQLite's planner prefers the rowid to any index, so its queries name the index (INDEXED BY).
TITLE_INDEX = "records_searchdocument_id_title"


def title_index_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON {DOC_TABLE} (id) INCLUDE (title)"
    return f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON {DOC_TABLE} (id, title)"


def _titles(vendor: str) -> str:
    return f"{DOC_TABLE} INDEXED BY {TITLE_INDEX}" if vendor == "sqlite" else DOC_TABLE


TITLE_WEIGHT = 10
TEXT_WINDOW = 600
RANK_WINDOW = 100  # per tier (title hits, text-only hits): the newest this many are scored


def needles(terms: list[str]) -> list[str]:
    """Return the folded runs of the query terms, longest first (what is counted and highlighted)."""
    out = []
    for term in terms:
        out.extend(tk.runs(term))
    return sorted(set(out), key=len, reverse=True)


def phrases(terms: list[str]) -> list[str]:
    """Return the folded terms made of several runs ("巴公镇2024年度", "“9·7”事故"), whole: a title
    holding the term as typed ranks above one holding its runs apart."""
    out = []
    for term in terms:
        folded = tk.normalise(term).strip()
        if len(tk.runs(term)) > 1 and folded not in out:
            out.append(folded)
    return out


# Needles are folded (tokens.runs: NFKC, lower case): CJK characters, or ASCII letters and digits.
# The documents are only lower-cased in SQL, so an ASCII needle is also counted in its full-width
# form, which is all NFKC would have changed for these needles.
_TO_FULL_WIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}


def variants(found: list[str]) -> list[str]:
    """Return the needles plus the full-width form of each ASCII needle (what SQL counts)."""
    out = []
    for n in found:
        out.append(n)
        if n.isascii():
            out.append(n.translate(_TO_FULL_WIDTH))
    return out


def _count_sql(expr: str, found: list[str], p: str) -> tuple[str, list[str]]:
    """Return SQL summing the occurrences of every needle in `expr`, and its parameters."""
    parts = [f"(length({expr}) - length(replace({expr}, {p}, ''))) / {len(n)}" for n in found]
    return " + ".join(parts), list(found)


def _ids_sql(ids, vendor: str, p: str) -> tuple[str, list]:
    if vendor == "postgresql":
        return f"id = ANY({p})", [list(ids)]
    return f"id IN ({', '.join([p] * len(ids))})", list(ids)


def existing(cursor, ids, *, vendor: str, p: str = "%s") -> set[int]:
    """Return the ids that are documents still (the index tables may hold ids of removed documents).

    One array parameter on PostgreSQL (``id = ANY(…)``): an ``IN`` list of two thousand literals was
    planned afresh on every search and now and then took 60 ms instead of 3 (issue 25, cold pages)."""
    if not ids:
        return set()
    where, params = _ids_sql(ids, vendor, p)
    cursor.execute(f"SELECT id FROM {_titles(vendor)} WHERE {where}", params)
    return {row[0] for row in cursor.fetchall()}


def title_hits(cursor, ids, found: list[str], *, vendor: str, p: str = "%s",
               whole: list[str] = ()) -> tuple[dict[int, int], set[int]]:
    """Return ({id: needle occurrences in the title}, ids whose title holds every needle and every
    `whole` term), for the ids whose title holds a needle."""
    counts, complete, _present = _title_rows(cursor, ids, found, vendor=vendor, p=p, whole=whole)
    return counts, complete


def _title_rows(cursor, ids, found: list[str], *, vendor: str, p: str = "%s", whole=(),
                every: bool = False) -> tuple[dict[int, int], set[int], set[int]]:
    """``title_hits`` plus the ids read. With `every`, every id that is still a document is read (not
    only those whose title holds a needle), so the third value is the existence check too."""
    if not ids or not found:
        return {}, set(), set()
    needles_ = list(found) + [w for w in whole if w not in found]
    found = variants(found)
    where, id_params = _ids_sql(ids, vendor, p)
    contains = "strpos(lower(title), {p}) > 0" if vendor == "postgresql" else "instr(lower(title), {p}) > 0"
    any_clause = " OR ".join([contains.format(p=p)] * len(found))
    count, count_params = _count_sql("lower(title)", found, p)
    # How many of the needles (in either width) the title holds.
    held, held_params = [], []
    for n in needles_:
        forms = variants([n])
        held.append("CASE WHEN " + " OR ".join([contains.format(p=p)] * len(forms)) + " THEN 1 ELSE 0 END")
        held_params.extend(forms)
    if every:
        cursor.execute(f"SELECT id, {count}, {' + '.join(held)} FROM {_titles(vendor)} WHERE {where}",
                       count_params + held_params + id_params)
    else:
        cursor.execute(f"SELECT id, {count}, {' + '.join(held)} FROM {_titles(vendor)} WHERE {where} AND ({any_clause})",
                       count_params + held_params + id_params + list(found))
    counts, complete, present = {}, set(), set()
    for pk, n, k in cursor.fetchall():
        present.add(pk)
        if n:
            counts[pk] = n
        if n and k >= len(needles_):
            complete.add(pk)
    return counts, complete, present


def title_counts(cursor, ids, found: list[str], *, vendor: str, p: str = "%s") -> dict[int, int]:
    """Return {id: needle occurrences in the title} for the ids whose title holds a needle."""
    return title_hits(cursor, ids, found, vendor=vendor, p=p)[0]


def opening_counts(cursor, ids, found: list[str], *, vendor: str, p: str = "%s") -> dict[int, int]:
    """Return {id: needle occurrences in the first TEXT_WINDOW characters of the text}."""
    if not ids or not found:
        return {}
    found = variants(found)
    where, id_params = _ids_sql(ids, vendor, p)
    count, count_params = _count_sql("x", found, p)
    # The opening is cut and folded once per row (a materialised CTE), not once per needle: every
    # substr() of the text reads it again (on PostgreSQL, de-TOASTs it again).
    cursor.execute(f"WITH o AS MATERIALIZED (SELECT id, lower(substr(text, 1, {TEXT_WINDOW})) AS x "
                   f"FROM {DOC_TABLE} WHERE {where}) SELECT id, {count} FROM o", id_params + count_params)
    return {pk: n for pk, n in cursor.fetchall()}


def _tiers(ids: list[int], titles: dict[int, int], complete: set[int] | None) -> list[list[int]]:
    """Return the tiers of `ids` (each newest first): titles holding every needle, titles holding
    some (when `complete` is given), then text-only hits."""
    if complete is None:
        return [[i for i in ids if i in titles], [i for i in ids if i not in titles]]
    return [[i for i in ids if i in complete], [i for i in ids if i in titles and i not in complete],
            [i for i in ids if i not in titles]]


def arrange(ids: list[int], titles: dict[int, int], openings: dict[int, int],
            complete: set[int] | None = None) -> list[int]:
    """Return `ids` (newest first) by relevance: title hits, then text-only hits; with `complete`,
    titles holding every needle come before titles holding only some. In each tier the newest
    RANK_WINDOW by score (then newest), the rest newest first."""
    out: list[int] = []
    for tier in _tiers(ids, titles, complete):
        head = tier[:RANK_WINDOW]
        out.extend(sorted(head, key=lambda pk: (-(TITLE_WEIGHT * titles.get(pk, 0) + openings.get(pk, 0)), -pk)))
        out.extend(tier[RANK_WINDOW:])
    return out


def scored(ids: list[int], titles: dict[int, int], complete: set[int] | None = None) -> list[int]:
    """Return the ids whose opening is scored: the newest RANK_WINDOW of each tier."""
    return [i for tier in _tiers(ids, titles, complete) for i in tier[:RANK_WINDOW]]


def order_alive(cursor, ids: list[int], found: list[str], *, vendor: str, p: str = "%s",
                whole: list[str] = ()) -> list[int]:
    """Return the matched `ids` that are still documents, by relevance. The pass over the titles reads
    every id, so it is the existence check as well (``existing`` would read the same rows again: at a
    million documents on SQLite, a thousand rows' pages, the costliest step of a search)."""
    if not found:
        alive = existing(cursor, ids, vendor=vendor, p=p)
        return [i for i in ids if i in alive]
    titles, complete, present = _title_rows(cursor, ids, found, vendor=vendor, p=p, whole=list(whole), every=True)
    ids = [i for i in ids if i in present]
    if len(ids) < 2:
        return ids
    openings = opening_counts(cursor, scored(ids, titles, complete), found, vendor=vendor, p=p)
    return arrange(ids, titles, openings, complete)


def order(cursor, ids: list[int], found: list[str], *, vendor: str, p: str = "%s",
          whole: list[str] = ()) -> list[int]:
    """Return the matched `ids` (newest first) ordered by relevance; two SQL queries, bounded (what
    ``order_alive`` does, for callers with nothing to rank: one id, or no needle).
    `whole`: the terms of several runs (``phrases``), which a complete title hit holds as typed."""
    if len(ids) < 2 or not found:
        return list(ids)
    return order_alive(cursor, ids, found, vendor=vendor, p=p, whole=whole)
