"""Validity (有效性) of normative documents, and the annual report's 现行有效件数 (issue 14 item 3)."""
import datetime as dt

import pytest
from django.test import Client

from gongkai.core.errors import ValidationFailed
from gongkai.records import selectors, services
from gongkai.records.models import Record

from .factories import create_record, publish


def _normative(w, title):
    record = publish(w, create_record(w, title=title))
    Record.objects.filter(pk=record.pk).update(document_type="normative", issued_here=True)
    return Record.objects.get(pk=record.pk)


def test_repealing_marks_the_original_with_a_link_to_its_replacement(w, pinned):
    old = _normative(w, "阳城县安全生产举报奖励办法")
    new = _normative(w, "阳城县安全生产举报奖励办法（修订）")
    office = w.users["yc_office"]
    with pytest.raises(ValidationFailed):  # 废止 needs its date
        services.record_set_validity(record=old, actor=office, validity="repealed")
    with pytest.raises(ValidationFailed):  # a record cannot replace itself
        services.record_set_validity(record=old, actor=office, validity="repealed", changed_on=dt.date(2026, 3, 1),
                                     replaced_by=old)
    with pytest.raises(ValidationFailed):
        services.record_set_validity(record=old, actor=office, validity="no-such-value")
    services.record_set_validity(record=old, actor=office, validity="repealed", changed_on=dt.date(2026, 3, 1),
                                 replaced_by=new)
    page = Client().get(old.get_absolute_url()).content.decode()
    assert "废止" in page and "2026年3月1日" in page and new.get_absolute_url() in page


def test_currently_valid_normative_documents_as_of_a_date(w, pinned):
    kept = _normative(w, "有效的规范性文件")
    gone = _normative(w, "后来废止的规范性文件")
    publish(w, create_record(w, title="一般通知"))  # no document type: not counted
    services.record_set_validity(record=gone, actor=w.users["yc_office"], validity="repealed",
                                 changed_on=dt.date(2026, 3, 11))
    # published on the pinned day, 2026-03-10: nothing was in force the day before
    assert not selectors.valid_normative_documents(w.org, dt.date(2026, 3, 9)).exists()
    assert set(selectors.valid_normative_documents(w.org, dt.date(2026, 3, 10))) == {kept, gone}
    assert set(selectors.valid_normative_documents(w.org, dt.date(2026, 3, 11))) == {kept}


def test_the_office_sets_validity_from_the_record_page(w, pinned):
    old = _normative(w, "旧办法")
    new = _normative(w, "新办法")
    client = Client()
    client.force_login(w.users["yc_office"])
    client.post(f"/office/records/{old.pk}/do/validity/", {"validity": "expired", "changed_on": "2026-03-05",
                                                           "replaced_by": "不存在的索引号"})
    old.refresh_from_db()
    assert old.validity == ""
    client.post(f"/office/records/{old.pk}/do/validity/", {"validity": "expired", "changed_on": "2026-03-05",
                                                           "replaced_by": new.index_number})
    old.refresh_from_db()
    assert (old.validity, old.validity_changed_on, old.replaced_by) == ("expired", dt.date(2026, 3, 5), new)


# -- issue 21 item 10: the public sees the validity of 规章 and 规范性文件 ---------------------------

def _typed(w, title, document_type):
    record = publish(w, create_record(w, title=title))
    Record.objects.filter(pk=record.pk).update(document_type=document_type)
    return Record.objects.get(pk=record.pk)


@pytest.mark.parametrize("validity, label", [("", "现行有效"), ("valid", "现行有效"), ("amended", "已修改"),
                                             ("repealed", "已废止"), ("expired", "失效")])
def test_the_record_page_and_the_list_show_the_validity_of_rules_and_normative_documents(w, pinned, validity, label):
    doc = _typed(w, "阳城县安全生产约谈办法", "rule")
    replacement = _typed(w, "阳城县安全生产约谈办法（2026年修订）", "normative")
    if validity:
        services.record_set_validity(record=doc, actor=w.users["yc_office"], validity=validity,
                                     changed_on=dt.date(2026, 3, 5) if validity != "valid" else None,
                                     replaced_by=replacement if validity != "valid" else None)
    page = Client().get(doc.get_absolute_url()).content.decode()
    assert "有效性" in page and label in page
    listing = Client().get(f"/records/?org={w.org.code}").content.decode()
    assert f"有效性：{label}" in listing
    if validity not in ("", "valid"):
        assert replacement.get_absolute_url() in page and "2026年3月5日" in page
        assert replacement.get_absolute_url() in listing
    assert listing.count("有效性：") == 2  # both documents, nothing for others


def test_an_ordinary_record_shows_no_validity(w, pinned):
    plain = publish(w, create_record(w, title="关于开展防汛演练的通知"))
    assert "有效性" not in Client().get(plain.get_absolute_url()).content.decode()
    assert "有效性：" not in Client().get(f"/records/?org={w.org.code}").content.decode()


def test_amended_needs_a_date_and_stays_in_force_for_the_annual_report(w, pinned):
    doc = _typed(w, "阳城县应急物资管理办法", "normative")
    with pytest.raises(ValidationFailed):
        services.record_set_validity(record=doc, actor=w.users["yc_office"], validity="amended")
    services.record_set_validity(record=doc, actor=w.users["yc_office"], validity="amended",
                                 changed_on=dt.date(2026, 3, 5))
    assert doc.pk in set(selectors.valid_normative_documents(w.org, dt.date(2026, 3, 31)).values_list("pk", flat=True))
