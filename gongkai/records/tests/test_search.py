"""Search over published records: two-character queries, filters, snippets, index maintenance."""
import datetime as dt

from django.core.management import call_command
from django.db import connection

from gongkai.records import services
from gongkai.records.models import SearchDocument
from gongkai.records.search import tokens
from gongkai.records.search.backends import PostgresBackend, facet_token
from gongkai.records.search.query import COUNT_CAP, highlight, search

from .factories import attach, create_record, docx_bytes, publish


def test_tokens_are_overlapping_bigrams_per_run():
    assert tokens.tokens("应急管理，救灾") == ["应急", "急管", "管理", "救灾"]
    assert tokens.tokens("Ａ级2026年度") == ["a", "级", "2026", "年度"]
    assert tokens.query_terms("  救灾  隐患排查 ") == ["救灾", "隐患排查"]


def test_two_character_queries_find_titles_bodies_and_attachments(w):
    a = publish(w, create_record(w, title="关于做好防汛救灾工作的通知", summary="", body="压实责任。"))
    b = create_record(w, title="一季度工作通报", body="全县排查隐患312处。")
    attach(record=b, actor=w.users["yc_drafter"], name="附件.docx", data=docx_bytes("冬春救灾物资清单"))
    b = publish(w, b)
    create_record(w, title="未发布的救灾通知", body="隐患")  # never published: never found
    assert [h.document.record_id for h in search("救灾").hits] == [b.pk, a.pk]  # newest first
    assert [h.document.record_id for h in search("隐患").hits] == [b.pk]
    assert search("救灾").count == 2 and not search("救灾").capped


def test_phrase_needs_adjacent_characters_and_terms_are_anded(w):
    publish(w, create_record(w, title="安全生产检查", body="开展安全检查和生产调度"))
    assert search("安全生产").count == 1
    assert search("全生产调").count == 0
    assert search("安全 调度").count == 1
    assert search("安全 台风").count == 0


def test_filters_by_organisation_catalog_item_and_year(w):
    other_item = next(i for i in w.items if i.key != w.item.key)
    r1 = publish(w, create_record(w, title="救灾资金发放"))
    r2 = publish(w, services.record_create(organisation=w.org, catalog_item=other_item, actor=w.users["yc_drafter"],
                                           data={"title": "救灾物资储备", "issuing_unit": "阳城县应急管理局",
                                                 "formation_date": dt.date(2026, 3, 2)}))
    assert {h.document.record_id for h in search("救灾", catalog_key=w.item.key).hits} == {r1.pk}
    assert {h.document.record_id for h in search("救灾", catalog_key=other_item.key).hits} == {r2.pk}
    assert search("救灾", organisation_id=w.orgs["sx-jc-zz"].pk).count == 0
    year = r1.published_at.year
    assert search("救灾", year=year).count == 2 and search("救灾", year=year - 1).count == 0


def test_snippets_are_escaped_and_highlighted():
    html = highlight("<b>防汛</b>救灾工作" * 3, ["救灾"], width=40)
    assert "<b>" not in html and "&lt;b&gt;" in html and "<mark>救灾</mark>" in html


def test_withdrawal_removes_from_the_index_and_rebuild_restores(w):
    record = publish(w, create_record(w, title="地震应急预案"))
    assert search("地震").count == 1
    services.record_withdraw(record=record, actor=w.users["yc_office"], reason="修订中")
    assert search("地震").count == 0 and not SearchDocument.objects.exists()
    services.record_publish(record=record, actor=w.users["yc_office"])
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert search("地震").count == 1 and SearchDocument.objects.count() == 1


def test_interpretations_are_searchable_and_link_to_their_page(w):
    record = create_record(w, title="通知", needs_interpretation=True)
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={
        "title": "一图读懂森林防火", "form": "graphic", "interpreting_body": "阳城县应急管理局", "main_content": "森林防火要点"})
    publish(w, record)
    hits = search("防火").hits
    assert len(hits) == 1 and hits[0].document.is_interpretation


def test_count_is_capped(w, monkeypatch):
    from gongkai.records.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    for _ in range(3):
        publish(w, create_record(w, title="演练通知"))
    results = search("演练")
    assert results.capped and results.count == 2 and results.count_label == "约 2+"
    assert COUNT_CAP == 1000


def test_postgres_blocks_cover_every_id_newest_first():
    blocks = list(PostgresBackend.blocks(1_000_000))
    assert blocks[0] == "~b0:244"
    covered = []
    for token in blocks:
        level, index = token[2:].split(":")
        size = PostgresBackend.BLOCK * 4 ** int(level)
        covered.append((int(index) * size, (int(index) + 1) * size))
    assert covered[-1][0] == 0
    for newer, older in zip(covered, covered[1:]):
        assert older[1] == newer[0]  # contiguous, no gaps, no overlaps
    assert list(PostgresBackend.blocks(0)) == []


def test_facet_tokens_do_not_collide_with_text():
    assert facet_token("o", 12) != facet_token("c", "12") and facet_token("o", 1).isalnum()


def test_search_runs_on_the_configured_database(w):
    publish(w, create_record(w, title="危化品安全"))
    assert connection.vendor in ("sqlite", "postgresql")
    assert search("危化").count == 1


def test_results_can_be_ordered_by_relevance(w):
    """A title hit outweighs body hits; ties go to the newest (issue 14 item 2)."""
    in_body = publish(w, create_record(w, title="一季度工作通报", body="做好救灾准备。"))
    in_title = publish(w, create_record(w, title="关于做好救灾工作的通知", body="压实责任。"))
    often = publish(w, create_record(w, title="月度通报", body="救灾、救灾、救灾，三次提到救灾。"))
    assert [h.document.record_id for h in search("救灾").hits] == [often.pk, in_title.pk, in_body.pk]
    ranked = [h.document.record_id for h in search("救灾", order="relevance").hits]
    assert ranked == [in_title.pk, often.pk, in_body.pk]


def test_a_title_hit_outranks_any_text_only_hit_and_ties_go_to_the_newest(w):
    """Title hits form the first tier whatever the text says; equal scores keep newest first."""
    old_title = publish(w, create_record(w, title="防汛工作要点", body="压实责任。"))
    crowded = publish(w, create_record(w, title="月度通报", body="防汛" * 15))
    tie_old = publish(w, create_record(w, title="季度通报", body="做好防汛准备。"))
    tie_new = publish(w, create_record(w, title="年度通报", body="做好防汛准备。"))
    ranked = [h.document.record_id for h in search("防汛", order="relevance").hits]
    assert ranked == [old_title.pk, crowded.pk, tie_new.pk, tie_old.pk]
    assert search("防汛", order="relevance").count == search("防汛").count == 4


def test_relevance_pages_are_stable_and_cover_every_match_once(w, monkeypatch):
    from gongkai.records.search import query, ranking

    monkeypatch.setattr(query, "PAGE_SIZE", 3)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 2)  # past the window each tier goes on newest first
    titles = [publish(w, create_record(w, title=f"危化品检查第{n}号", body="开展检查。")) for n in range(3)]
    bodies = [publish(w, create_record(w, title=f"通报第{n}号", body="危化" * (4 - n))) for n in range(4)]
    pages = [[h.document.record_id for h in search("危化", order="relevance", page=p).hits] for p in (1, 2, 3)]
    assert pages == [[h.document.record_id for h in search("危化", order="relevance", page=p).hits] for p in (1, 2, 3)]
    flat = [pk for page in pages for pk in page]
    # scored: the two newest title hits (a tie: newest first), then the oldest title hit; the two
    # newest text-only hits by score (2 and 1 occurrences), then the older ones newest first
    assert flat == [titles[2].pk, titles[1].pk, titles[0].pk, bodies[2].pk, bodies[3].pk, bodies[1].pk, bodies[0].pk]
    assert search("危化", order="relevance", page=1).has_next and not search("危化", order="relevance", page=3).has_next


def test_arrange_tiers_windows_and_ties():
    from gongkai.records.search import ranking

    ids = [9, 8, 7, 6, 5, 4]  # newest first, as the index returns them
    titles = {7: 1, 4: 2}
    openings = {9: 3, 8: 3, 7: 0, 4: 0, 6: 5, 5: 1}
    assert ranking.arrange(ids, titles, openings) == [4, 7, 6, 9, 8, 5]
    assert ranking.scored(ids, titles) == [7, 4, 9, 8, 6, 5]
    assert ranking.order(None, [3], ["救灾"], vendor="sqlite") == [3]  # nothing to rank: no query
    assert ranking.variants(["ab"]) == ["ab", "ａｂ"]


def test_browse_filters_by_organisation_item_and_year_together_and_pages(w, client, settings):
    from django.utils import timezone

    from gongkai.records.models import Record

    other_item = next(i for i in w.items if i.key != w.item.key)
    old = publish(w, create_record(w, title="去年的通知"))
    Record.objects.filter(pk=old.pk).update(published_at=timezone.make_aware(dt.datetime(2025, 6, 1, 9)))
    for n in range(21):
        publish(w, create_record(w, title=f"今年第{n + 1}号通知"))
    publish(w, services.record_create(organisation=w.org, catalog_item=other_item, actor=w.users["yc_drafter"],
                                      data={"title": "其他事项的通知", "issuing_unit": "阳城县应急管理局",
                                            "formation_date": dt.date(2026, 3, 2)}))
    year = timezone.localdate().year
    base = {"org": w.org.code, "item": w.item.key}
    page1 = client.get("/records/", base | {"year": year}).content.decode()
    assert "其他事项的通知" not in page1 and "去年的通知" not in page1
    assert Record.objects.filter(title="今年第21号通知").get().index_number in page1
    assert "page=2" in page1 and f"year={year}" in page1  # the next page keeps the filters
    page2 = client.get("/records/", base | {"year": year, "page": 2}).content.decode()
    assert "今年第1号通知" in page2 and "去年的通知" not in page2
    assert "去年的通知" in client.get("/records/", base | {"year": 2025}).content.decode()
    # malformed filters never give a 500: the page ignores them, or the shared parameter check answers 400
    for bad in ({"year": "99999"}, {"year": "-1"}, {"page": "9" * 20}, {"year": "abc", "page": "x"}):
        assert client.get("/records/", base | bad).status_code in (200, 400)
        assert client.get("/records/search/", {"q": "通知"} | bad).status_code in (200, 400)


def test_a_lone_character_beside_other_runs_is_rechecked_not_prefix_searched():
    """年 in 2020年5月 is not looked up as "年"* (every bigram starting with 年: hundreds of ms at a
    million documents); the other runs are, and 年 and 月 are checked as substrings (issue 25)."""
    from gongkai.records.search.backends import SQLiteBackend

    expression, rechecks = SQLiteBackend.plan(["2020年5月"], [])
    assert "*" not in expression and '"2020"' in expression and '"5"' in expression
    assert rechecks == ["年", "月"]
    expression, rechecks = SQLiteBackend.plan(["发《通知》"], [], in_title=True)
    assert expression == 'title: "通知"' and rechecks == ["发"]
    assert SQLiteBackend.plan(["年"], [])[0] == '{title body}: "年"*' and SQLiteBackend.plan(["年"], [])[1] == []


def test_the_rechecked_characters_must_be_in_the_document(w):
    record = publish(w, create_record(w, title="2020年5月防汛工作通知", body="做好防汛准备。"))
    publish(w, create_record(w, title="防汛物资清单", body="编号2020，第5批。"))  # 2020 and 5, no 年 or 月
    for order in ("newest", "relevance"):
        results = search("2020年5月", order=order)
        assert [h.document.record_id for h in results.hits] == [record.pk]
