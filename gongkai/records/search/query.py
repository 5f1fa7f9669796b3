"""Running a search: newest first or by relevance, a capped count, highlighted snippets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from django.db.models import Q

from ..models import Record, SearchDocument
from . import codes, ranking
from . import tokens as tk
from .backends import facet_token
from .index import backend

COUNT_CAP = 1000
PAGE_SIZE = 20
MAX_PAGE = 50  # deep pages are not served: refine the query instead


@dataclass
class Hit:
    document: SearchDocument
    title: SafeString
    snippet: SafeString


@dataclass
class Results:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    capped: bool = False
    page: int = 1
    has_next: bool = False

    @property
    def count_label(self) -> str:
        if self.capped and self.count >= COUNT_CAP:
            return f"约 {COUNT_CAP:,}+"
        if self.capped:
            return f"约 {self.count:,}"
        return f"{self.count:,}"


def highlight(text: str, needles: list[str], *, width: int = 0) -> SafeString:
    """Return escaped text with each needle wrapped in <mark>; with width, a window round the first hit."""
    if not needles:
        return mark_safe(escape(text[:width] if width else text))
    folded = tk.normalise(text)
    if len(folded) != len(text):
        folded = text.lower()
    pattern = re.compile("|".join(re.escape(n) for n in needles))
    start, end = 0, len(text)
    if width:
        first = pattern.search(folded)
        centre = first.start() if first else 0
        start = max(0, centre - width // 3)
        end = min(len(text), start + width)
    out, pos = [], start
    for m in pattern.finditer(folded, start, end):
        out.append(escape(text[pos:m.start()]))
        out.append(f"<mark>{escape(text[m.start():m.end()])}</mark>")
        pos = m.end()
    out.append(escape(text[pos:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


def text_terms(query: str) -> list[str]:
    """Return the query's terms for the text index. A 文号's closing 号 is dropped: it is optional
    in the look-up (codes.py), and as a one-character term it would make the index read every
    bigram that starts with 号 to find what the other characters of the number already find."""
    terms = tk.query_terms(query)
    if len(terms) == 1 and terms[0].endswith("号") and codes.doc_number_keys(query):
        terms = [terms[0][:-1]]
    return terms


def with_title_hits(cursor, b, terms: list[str], facets: list[str], matched: list[int]) -> list[int]:
    """Return `matched` (newest first, as the index gave them) with the documents whose *title* holds
    every term (the newest COUNT_CAP of them) among the first COUNT_CAP ids, even when more than
    COUNT_CAP newer documents match in their text: the index gives only the newest matches, and the
    record someone looks for by a piece of its title is often older than the newest thousand
    documents that merely mention those words. Ids beyond the first COUNT_CAP stay behind them
    (the count says 1,000+)."""
    titled = set(b.search(cursor, terms, facets, COUNT_CAP, in_title=True))
    if not titled.difference(matched):
        return matched
    rest = [i for i in matched if i not in titled]
    room = max(0, COUNT_CAP - len(titled))  # every title hit is ranked; text-only hits fill the rest
    return sorted(titled.union(rest[:room]), reverse=True) + rest[room:]


def known_items(query: str, *, organisation_id: int | None = None) -> list[int]:
    """Return the ids of the published records' documents whose 索引号 or 文号 the query is (issue 21 item 16).

    An exact look-up on indexed columns after normalising the query (codes.py), so it reads the
    same on SQLite and PostgreSQL; the documents come first in the results, in either order.
    """
    index_keys, doc_keys = codes.index_number_keys(query), codes.doc_number_keys(query)
    if not index_keys and not doc_keys:
        return []
    records = Record.objects.filter(status="published").filter(
        Q(index_number__in=index_keys) | Q(doc_number__in=doc_keys))
    if organisation_id:
        records = records.filter(organisation_id=organisation_id)
    return list(SearchDocument.objects.filter(record__in=records.values("pk")[:20], is_interpretation=False)
                .order_by("-pk").values_list("pk", flat=True))


def search(query: str, *, organisation_id: int | None = None, catalog_key: str | None = None,
           year: int | None = None, page: int = 1, order: str = "newest") -> Results:
    """Return the published documents matching every term of `query`, newest first or by relevance.

    A query that is an 索引号 or 文号 finds its record first (``known_items``), then the text matches.
    """
    terms = text_terms(query)
    page = max(1, min(page, MAX_PAGE))
    results = Results(query=query, terms=terms, page=page)
    known = known_items(query, organisation_id=organisation_id)
    if known and codes.index_number_keys(query) and not codes.doc_number_keys(query):
        # An 索引号 is in no text (record_text holds the 文号, not the index number): the look-up is
        # the whole answer. Its pieces (sx, jc, 2026, 00012) as text terms only cost index reads.
        terms = []
    if not terms and not known:
        return results
    facets = []
    if organisation_id:
        facets.append(facet_token("o", organisation_id))
    if catalog_key:
        facets.append(facet_token("c", catalog_key))
    if year:
        facets.append(facet_token("y", year))
    b = backend()
    needles = ranking.needles(terms)
    matched, exact = [], True
    if terms:
        with transaction.atomic(), connection.cursor() as cursor:
            matched = b.search(cursor, terms, facets, COUNT_CAP + 1)
            exact = getattr(b, "exact", True)
            if order == "relevance":
                matched = with_title_hits(cursor, b, terms, facets, matched)
                # Ranked and checked for existence in one pass; ids past the cap only say "more".
                matched = ranking.order_alive(cursor, matched[:COUNT_CAP], needles, vendor=connection.vendor,
                                              whole=ranking.phrases(list(terms))) + matched[COUNT_CAP:]
            else:
                alive = ranking.existing(cursor, matched, vendor=connection.vendor)
                matched = [i for i in matched if i in alive]
    if known:
        first_ids = set(known)
        matched = known + [i for i in matched if i not in first_ids]
    results.count = min(len(matched), COUNT_CAP)
    results.capped = len(matched) > COUNT_CAP or not exact
    first = (page - 1) * PAGE_SIZE
    ids = matched[first:first + PAGE_SIZE]
    results.has_next = len(matched[:COUNT_CAP]) > first + PAGE_SIZE
    docs = SearchDocument.objects.select_related("record__organisation").in_bulk(ids)
    for doc_id in ids:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        results.hits.append(Hit(doc, highlight(doc.title, needles), highlight(doc.text, needles, width=120)))
    return results
