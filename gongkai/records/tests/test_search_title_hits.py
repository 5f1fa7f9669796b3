"""Relevance finds the record whose title holds the query (issue 25 item 4: the known item)."""
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction

from gongkai.records.models import SearchDocument
from gongkai.records.search import ranking
from gongkai.records.search.backends import GRAMS_TABLE, PostgresBackend
from gongkai.records.search.index import backend, facets_of
from gongkai.records.search.query import search, text_terms

from .factories import create_record, publish


def _ids(results):
    return [h.document.record_id for h in results.hits]


def test_an_old_title_hit_is_ranked_even_past_the_newest_matches(w, monkeypatch):
    """The index returns the newest COUNT_CAP matches; an older record whose title holds the query
    must still come first by relevance (before: it was never among the ids ranked)."""
    from gongkai.records.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 3)
    wanted = publish(w, create_record(w, title="关于开展地质灾害隐患排查的通知", body="压实责任。"))
    newer = [publish(w, create_record(w, title=f"工作通报第{n}期", body="做好地质灾害防治。")) for n in range(5)]
    ranked = search("地质灾害", order="relevance")
    assert _ids(ranked)[0] == wanted.pk
    assert ranked.capped and ranked.count == 3
    assert wanted.pk not in _ids(search("地质灾害"))[:3]  # newest first is unchanged: the newest matches
    assert newer[-1].pk == _ids(search("地质灾害"))[0]


def test_a_title_holding_every_term_outranks_a_title_repeating_one(w):
    complete = publish(w, create_record(w, title="汛期安全检查通知", body="压实责任。"))
    partial = publish(w, create_record(w, title="汛期汛期汛期工作安排", body="开展检查。"))
    assert _ids(search("汛期 检查", order="relevance")) == [complete.pk, partial.pk]
    ids = [3, 2, 1]
    titles, openings = {3: 3, 2: 1}, {3: 0, 2: 0, 1: 5}
    assert ranking.arrange(ids, titles, openings, complete={2}) == [2, 3, 1]
    assert ranking.arrange(ids, titles, openings) == [3, 2, 1]  # without the tier: by title occurrences


def test_search_within_titles_skips_text_only_matches(w):
    in_title = publish(w, create_record(w, title="危险化学品专项整治方案", body="压实责任。"))
    publish(w, create_record(w, title="一季度通报", body="开展危险化学品专项整治。"))
    doc = SearchDocument.objects.get(record=in_title)
    b = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["化学品专项"], [], 10, in_title=True) == [doc.pk]
        assert len(b.search(cursor, ["化学品专项"], [], 10)) == 2
        assert b.search(cursor, ["化"], [], 10, in_title=True) in ([], [doc.pk])  # one character: never wrong


def test_postgres_rows_carry_their_title_tokens():
    grams = PostgresBackend.grams_of(7, "防汛预案", "正文", [])
    assert {"^防汛", "^汛预", "^预案"} <= set(grams) and "防汛" in grams and "^正文" not in grams


def test_a_doc_number_query_does_not_search_its_closing_hao():
    assert text_terms("阳应急〔2026〕8号") == ["阳应急〔2026〕8"]
    assert text_terms("阳应急[2026]8号") == ["阳应急[2026]8"]
    assert text_terms("编号") == ["编号"] and text_terms("第8号 通知") == ["第8号", "通知"]


def test_doc_number_query_still_finds_its_record_first(w):
    record = publish(w, create_record(w, title="关于防汛的通知", doc_number="阳应急〔2026〕77号"))
    publish(w, create_record(w, title="其他通知", body="依据阳应急〔2026〕77号文件执行。"))
    for order in ("newest", "relevance"):
        assert _ids(search("阳应急〔2026〕77号", order=order))[0] == record.pk
        assert search("阳应急〔2026〕77号", order=order).count == 2  # the citing record is found without 号


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the title tokens live in PostgreSQL's array")
def test_migration_adds_title_tokens_to_rows_written_before(w):
    record = publish(w, create_record(w, title="森林防火督查通报", body="压实责任。"))
    doc = SearchDocument.objects.get(record=record)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {GRAMS_TABLE} SET grams = ARRAY(SELECT g FROM unnest(grams) AS g "
                       "WHERE left(g, 1) <> '^') WHERE doc_id = %s", [doc.pk])
    b = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["防火督查"], [], 10, in_title=True) == []
    migration = importlib.import_module("gongkai.records.migrations.0011_search_title_tokens")
    migration.add_title_tokens(django_apps, SimpleNamespace(connection=connection))
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["防火督查"], [], 10, in_title=True) == [doc.pk]


def test_a_title_holding_a_term_as_typed_outranks_one_holding_its_runs_apart(w):
    typed = publish(w, create_record(w, title="巴公镇2024年度安全生产工作总结", body="压实责任。"))
    apart = publish(w, create_record(w, title="2024年巴公镇安全生产年度工作要点", body="压实责任。"))
    assert _ids(search("巴公镇2024年度")) == [apart.pk, typed.pk]  # newest first: both match
    assert _ids(search("巴公镇2024年度", order="relevance")) == [typed.pk, apart.pk]
    assert ranking.phrases(["巴公镇2024年度", "救灾"]) == ["巴公镇2024年度"]


def test_a_found_index_number_does_not_search_the_text_index(w):
    from django.test.utils import CaptureQueriesContext

    record = publish(w, create_record(w, title="关于防汛的通知"))
    record.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        results = search(record.index_number.upper(), order="relevance")
    assert _ids(results) == [record.pk] and results.count == 1
    assert not [q for q in ctx.captured_queries if "records_search_fts" in q["sql"] or GRAMS_TABLE in q["sql"]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the titles' own FTS5 table is SQLite's")
def test_sqlite_migration_indexes_the_titles_written_before_in_their_own_table(w):
    from gongkai.records.search.backends import TITLE_FTS_TABLE

    record = publish(w, create_record(w, title="森林防火督查通报", body="压实责任。"))
    doc = SearchDocument.objects.get(record=record)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}) VALUES ('delete-all')")
    b = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["防火督查"], [], 10, in_title=True) == []
        assert b.search(cursor, ["防火督查"], [], 10) == [doc.pk]  # the main table still has it
    migration = importlib.import_module("gongkai.records.migrations.0012_search_title_table")
    migration.add_title_table(django_apps, SimpleNamespace(connection=connection))
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["防火督查"], [], 10, in_title=True) == [doc.pk]
        assert b.search(cursor, ["防火督查"], facets_of(doc), 10, in_title=True) == [doc.pk]  # facets came along


def test_a_withdrawn_record_leaves_the_title_search_too(w):
    from gongkai.records.search.index import unindex_record

    record = publish(w, create_record(w, title="尾矿库汛期安全检查方案", body="压实责任。"))
    doc = SearchDocument.objects.get(record=record)
    b = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["尾矿库汛期"], [], 10, in_title=True) == [doc.pk]
    unindex_record(record)
    with transaction.atomic(), connection.cursor() as cursor:
        assert b.search(cursor, ["尾矿库汛期"], [], 10, in_title=True) == []
        assert b.search(cursor, ["尾矿库汛期"], [], 10) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner must be told to use the index")
def test_the_title_pass_and_the_existence_check_read_the_title_index_not_the_rows(w):
    """A row holds its document's text: a thousand matched ids read from the table are a thousand
    pages; the index of (id, title) holds dozens of titles a page (migration 0013)."""
    record = publish(w, create_record(w, title="防汛应急预案", body="压实责任。"))
    doc = SearchDocument.objects.get(record=record)
    seen = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: seen.append(sql) or
                                    execute(sql, params, many, context)):
        with connection.cursor() as cursor:
            assert ranking.existing(cursor, [doc.pk], vendor="sqlite") == {doc.pk}
            assert ranking.order_alive(cursor, [doc.pk, doc.pk + 1000], ["防汛"], vendor="sqlite") == [doc.pk]
    reads = [sql for sql in seen if "FROM records_searchdocument" in sql and "substr(text" not in sql]
    assert reads and all(f"INDEXED BY {ranking.TITLE_INDEX}" in sql for sql in reads)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {reads[0]}".replace("%s", "?"), [doc.pk])
        assert ranking.TITLE_INDEX in " ".join(str(r) for r in cursor.fetchall())
