import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.records import numbering
from gongkai.records.models import Record

from .factories import create_record
from .factories import publish as _publish


def published(w, **overrides):
    """A record taken through review to publication: the index number is assigned then (issue 21 item 14)."""
    return _publish(w, create_record(w, **overrides))


def test_default_pattern_uses_organisation_code_year_and_serial(w):
    first = published(w)
    second = published(w)
    assert first.index_number == "sx-jc-yc/2026-00001"
    assert second.index_number == "sx-jc-yc/2026-00002"


def test_the_number_is_assigned_at_publication_so_the_public_sequence_has_no_gaps(w):
    """Issue 21 item 14: drafts that are never published (or wait) take no number."""
    from gongkai.records import services

    abandoned = create_record(w, title="起草后放弃的文件")
    waiting = services.record_submit(record=create_record(w, title="仍在审查的文件"), actor=w.users["yc_drafter"])
    on_request = create_record(w, title="依申请公开的文件", attribute="on_request", attribute_reason="涉及第三方。")
    assert abandoned.index_number == waiting.index_number == on_request.index_number == ""
    first = published(w, title="第一件")
    second = published(w, title="第二件")
    assert [first.index_number, second.index_number] == ["sx-jc-yc/2026-00001", "sx-jc-yc/2026-00002"]
    # withdrawn and published again, a record keeps its number
    withdrawn = services.record_withdraw(record=first, actor=w.users["yc_office"], reason="更正后重新发布")
    again = services.record_publish(record=withdrawn, actor=w.users["yc_office"])
    assert again.index_number == "sx-jc-yc/2026-00001"
    assert Record.objects.get(pk=abandoned.pk).index_number == ""


def test_a_number_published_before_the_change_is_kept(w):
    record = create_record(w)
    Record.objects.filter(pk=record.pk).update(index_number="sx-jc-yc/2026-00042")
    assert _publish(w, Record.objects.get(pk=record.pk)).index_number == "sx-jc-yc/2026-00042"


def _demo_credit_code() -> str:
    """An obviously made-up credit code (机关 1, 类别 1, area 140522, organisation code 000000010) with its
    computed check character — not the code of any real body."""
    from stdnum.cn import uscc

    body = "1" + "1" + "140522" + "000000010"
    return body + uscc.calc_check_digit(body)


def test_credit_code_is_preferred_and_the_serial_restarts_each_year(w):
    code = _demo_credit_code()
    w.org.credit_code = code
    w.org.save()
    a = published(w, formation_date=dt.date(2025, 12, 30))
    b = published(w, formation_date=dt.date(2026, 1, 5))
    assert a.index_number == f"{code}/2025-00001"
    assert b.index_number == f"{code}/2026-00001"


def test_a_credit_code_with_a_wrong_check_character_is_not_used(w):
    code = _demo_credit_code()
    w.org.credit_code = code[:-1] + ("0" if code[-1] != "0" else "1")
    w.org.save()
    assert published(w).index_number == "sx-jc-yc/2026-00001"


def test_pattern_is_configurable(w, settings):
    settings.RECORDS_INDEX_PATTERN = "{机构代码}-{事项}-{YYYY}{MM}-{NNN}"
    record = published(w)
    assert record.index_number == f"sx-jc-yc-{w.item.first_level}{w.item.number}-202603-001"


def test_pattern_without_serial_is_refused():
    with pytest.raises(ValidationFailed):
        numbering.validate_pattern("{机构代码}/{YYYY}")
    with pytest.raises(ValidationFailed):
        numbering.validate_pattern("{机构代码}/{YYYY}-{XXX}-{NN}")


def test_each_organisation_has_its_own_sequence(w):
    from gongkai.catalog.demo import publish_demo_catalog  # noqa: F401  (the fixture published 阳城县 only)
    from gongkai.core import sequence
    from gongkai.core.models import Sequence

    published(w)
    assert sequence.peek(numbering.sequence_key(w.org.pk, 2026)) == 1
    assert list(Sequence.objects.filter(key__startswith="records.index.").values_list("key", flat=True)) == [
        numbering.sequence_key(w.org.pk, 2026)]


def test_the_serial_skips_numbers_already_used_by_an_imported_record(w):
    """A record imported with a live-format number ahead of the counter never blocks registration."""
    first = published(w)
    assert first.index_number.endswith("/2026-00001")
    Record.objects.filter(pk=first.pk).update(index_number=first.index_number.replace("00001", "00002"))
    second = published(w, title="第二件")
    assert second.index_number.endswith("/2026-00003")


@pytest.mark.django_db(transaction=True)
def test_concurrent_publication_never_shares_a_number(tree, seed_templates):
    """Several offices publishing at once get distinct serials (row lock on the sequence)."""
    import threading

    from django.db import connection, connections

    from . import factories

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers (transaction_mode IMMEDIATE); the row lock matters there")
    w = factories.world(tree)
    numbers, errors = [], []

    def work():
        try:
            for _ in range(3):
                numbers.append(factories.publish(w, create_record(w)).index_number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(numbers) == 12 and len(set(numbers)) == 12


def test_bad_pattern_is_a_system_check_error(settings):
    from gongkai.records.checks import index_pattern_check

    assert index_pattern_check(None) == []
    settings.RECORDS_INDEX_PATTERN = "{机构代码}/{YYYY}"
    assert [e.id for e in index_pattern_check(None)] == ["records.E001"]
