"""Pages, feeds, the dashboard panel and the JSON API."""
import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from gongkai.organisations.models import User
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.states import RecordStatus

from .factories import SAMPLE_ID, create_record, docx_bytes, publish, record_data


def login(username):
    client = Client()
    # force_login: these tests are about the records pages, not the login throttle in front of them
    client.force_login(User.objects.get(username=username))
    return client


def test_record_page_has_the_official_metadata_table_and_mark(w):
    record = publish(w, create_record(w))
    html = Client().get(f"/records/{record.pk}/").content.decode()
    for text in ("索引号", record.index_number, "发布机构", "阳城县应急管理局", "文号", "阳应急〔2026〕12号",
                 "成文日期", "2026年3月2日", "发布日期", "主题分类", w.item.second_level, "此件公开发布"):
        assert text in html, text


def test_interpretation_and_record_link_to_each_other(w):
    record = create_record(w, needs_interpretation=True)
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={
        "title": "政策问答", "form": "text", "interpreting_body": "阳城县应急管理局", "background": "背景依据"})
    publish(w, record)
    record_html = Client().get(f"/records/{record.pk}/").content.decode()
    interp_html = Client().get(f"/records/{record.pk}/interpretation/").content.decode()
    assert f"/records/{record.pk}/interpretation/" in record_html and "政策问答" in record_html
    assert f"/records/{record.pk}/" in interp_html and "出台背景依据" in interp_html


def test_browse_by_organisation_and_item_and_catalog_item_page_lists_records(w):
    record = publish(w, create_record(w, title="法规汇编"))
    client = Client()
    assert "法规汇编" in client.get("/records/").content.decode()
    assert "法规汇编" in client.get(f"/records/?org={w.org.code}&item={w.item.key}").content.decode()
    catalog = w.item.version.catalog
    page = client.get(f"/catalogs/{catalog.pk}/items/{w.item.pk}/").content.decode()
    assert "法规汇编" in page and record.get_absolute_url() in page and "RSS" in page


def test_the_public_list_counts_no_further_than_the_cap(w, monkeypatch):
    publish(w, create_record(w, title="较早的通知"))
    publish(w, create_record(w, title="最新的通知"))
    monkeypatch.setattr("gongkai.core.paging.PUBLIC_LIST_CAP", 1)
    html = Client().get("/records/").content.decode()
    assert "最新的通知" in html and "较早的通知" not in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_per_catalog_item(w, kind):
    publish(w, create_record(w, title="订阅测试"))
    response = Client().get(f"/records/feeds/{kind}/{w.org.code}/{w.item.key}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert "订阅测试" in response.content.decode()
    assert root.tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
    assert Client().get(f"/records/feeds/{kind}/{w.org.code}/nope/1").status_code == 404


def test_search_page_with_two_character_query_and_filters(w):
    publish(w, create_record(w, title="隐患排查通报"))
    client = Client()
    html = client.get("/records/search/", {"q": "隐患", "org": w.org.code}).content.decode()
    assert "<mark>隐患</mark>" in html and "找到 1 条结果" in html
    assert "没有找到" in client.get("/records/search/", {"q": "台风"}).content.decode()


def test_office_workflow_through_the_pages(w):
    drafter, office, secrecy = login("yc_drafter"), login("yc_office"), login("yc_secrecy")
    data = record_data(body=f"受助人身份证号{SAMPLE_ID}")
    data["catalog_item"] = w.item.pk
    data["formation_date"] = "2026-03-02"
    response = drafter.post(f"/office/records/new/{w.org.code}/", data)
    assert response.status_code == 302
    record = Record.objects.get()
    page = drafter.get(f"/office/records/{record.pk}/").content.decode()
    assert "居民身份证号码" in page and SAMPLE_ID not in page.split("发布前隐私检查")[1].split("</table>")[0]
    upload = drafter.post(f"/office/records/{record.pk}/attachments/", {
        "file": _upload("名单.docx", docx_bytes("附件正文"))})
    assert upload.status_code == 302 and record.attachments.count() == 1
    drafter.post(f"/office/records/{record.pk}/do/submit/")
    secrecy.post(f"/office/records/{record.pk}/do/secrecy/", {"outcome": "cleared"})
    office.post(f"/office/records/{record.pk}/do/publish/")
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED  # blocked by the finding
    finding = record.findings.get()
    office.post(f"/office/records/{record.pk}/findings/{finding.pk}/mask/")
    office.post(f"/office/records/{record.pk}/do/publish/")
    record.refresh_from_db()
    assert record.status == RecordStatus.PUBLISHED
    history = drafter.get(f"/office/records/{record.pk}/").content.decode()
    audit_trail = history.split("审计记录")[1]
    for words in ("登记政府信息", "报审", "保密审查", "遮蔽个人信息", "发布", "状态：起草中 → 保密审查中",
                  "状态：待发布 → 已发布"):
        assert words in audit_trail, words
    for code in ("record.created", "record.submitted", "record.published", "yc_drafter", "yc_office", "{'"):
        assert code not in audit_trail, code


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_bad_upload_is_refused_with_the_reason(w):
    record = create_record(w)
    response = login("yc_drafter").post(f"/office/records/{record.pk}/attachments/",
                                        {"file": _upload("x.pdf", b"not a pdf")}, follow=True)
    assert "只接受" in response.content.decode() and record.attachments.count() == 0


def test_office_pages_render_for_each_role(w):
    record = create_record(w)
    for username in ("yc_drafter", "yc_office", "yc_secrecy", "yc_leader", "jc_supervisor"):
        client = login(username)
        assert client.get("/office/records/").status_code == 200
        assert client.get(f"/office/records/{record.pk}/").status_code == 200
        assert client.get("/office/records/interpretation-quota/").status_code == 200
        assert client.get("/office/").status_code == 200
    office = login("yc_office")
    assert office.get("/office/records/self-checks/").status_code == 200
    assert office.get("/office/records/negative-list/").status_code == 200
    assert login("yc_drafter").get("/office/records/self-checks/").status_code == 403
    form = login("yc_drafter").get(f"/office/records/new/{w.org.code}/").content.decode()
    assert "不予公开负面清单" in form


def test_dashboard_lists_overdue_records_with_the_explanation(w):
    from gongkai.core import clock

    clock.pin(dt.datetime(2026, 4, 1, 2, tzinfo=dt.timezone.utc))
    try:
        create_record(w, title="逾期未发布的文件", formation_date=dt.date(2026, 3, 2))
        html = login("yc_office").get("/office/").content.decode()
    finally:
        clock.pin(None)
    assert "已逾期未发布" in html and "逾期未发布的文件" in html and "计算过程" in html and "20个工作日" in html
    assert "逾期未发布的文件" not in login("zz_office").get("/office/").content.decode()


def test_api_lists_published_records_only_for_anonymous(w):
    published = publish(w, create_record(w, title="公开的"))
    draft = create_record(w, title="未公开的")
    data = Client().get("/api/records/").json()
    assert [r["id"] for r in data] == [published.pk]
    assert data[0]["mark"] == "此件公开发布" and data[0]["index_number"] == published.index_number
    staff = login("yc_office").get("/api/records/").json()
    assert {r["id"] for r in staff} == {published.pk, draft.pk}
    detail = Client().get(f"/api/records/{published.pk}/").json()
    assert detail["body"] and detail["attachments"] == []
    found = Client().get("/api/records/search", {"q": "公开"}).json()
    assert found["count"] == 1 and found["hits"][0]["title_html"] == "<mark>公开</mark>的"
    schema = Client().get("/api/openapi.json").json()
    assert "/api/records/" in schema["paths"] and "/api/interpretations/" in schema["paths"]


def test_api_interpretations(w):
    record = create_record(w, needs_interpretation=True)
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={
        "title": "视频解读", "form": "video", "interpreting_body": "阳城县应急管理局", "media_link": "/media/x"})
    assert Client().get("/api/interpretations/").json() == []
    publish(w, record)
    items = Client().get("/api/interpretations/").json()
    assert items[0]["non_text"] is True and items[0]["form_label"] == "视频"
    assert Client().get(f"/api/records/{record.pk}/interpretation").json()["title"] == "视频解读"


def test_all_findings_of_a_kind_are_masked_in_one_action_after_a_preview(w):
    from gongkai.core.models import AuditEvent

    from gongkai.core.identity import is_id_number as id_checksum_ok

    other_id = next("11010519491231002" + c for c in "0123456789X" if id_checksum_ok("11010519491231002" + c))
    record = create_record(w, summary=f"涉及{SAMPLE_ID}等", body=f"甲{SAMPLE_ID}，乙{other_id}，电话13800138000")
    assert record.findings.filter(kind="id_number").count() == 3
    drafter = login("yc_drafter")
    page = drafter.get(f"/office/records/{record.pk}/").content.decode()
    assert f"/office/records/{record.pk}/findings/kind/id_number/mask/" in page
    preview = drafter.get(f"/office/records/{record.pk}/findings/kind/id_number/mask/").content.decode()
    assert "1101**********4514" in preview and SAMPLE_ID not in preview and other_id not in preview
    assert "13800138000" in preview  # only the chosen kind is masked
    record.refresh_from_db()
    assert SAMPLE_ID in record.body  # the preview writes nothing
    assert login("yc_secrecy").post(f"/office/records/{record.pk}/findings/kind/id_number/mask/").status_code == 403
    before = AuditEvent.objects.count()
    drafter.post(f"/office/records/{record.pk}/findings/kind/id_number/mask/")
    record.refresh_from_db()
    assert SAMPLE_ID not in record.body + record.summary and other_id not in record.body
    assert not record.findings.filter(kind="id_number", status="open").exists()
    assert record.findings.filter(kind="mobile", status="open").count() == 1
    assert AuditEvent.objects.count() == before + 1
    assert drafter.get(f"/office/records/{record.pk}/findings/kind/not-a-kind/mask/").status_code == 404


def test_staff_record_the_document_type_and_whether_the_organisation_issued_it(w):
    """Section 二 of the annual report counts rules and normative documents the organisation issued:
    the office registers both facts with the record."""
    drafter = login("yc_drafter")
    data = record_data(title="阳城县应急物资储备管理规定")
    data.update(catalog_item=w.item.pk, formation_date="2026-03-02", document_type="normative", issued_here="on")
    assert drafter.post(f"/office/records/new/{w.org.code}/", data).status_code == 302
    record = Record.objects.get()
    assert (record.document_type, record.issued_here) == ("normative", True)
    form = drafter.get(f"/office/records/{record.pk}/edit/").content.decode()
    assert "文件类型" in form and "本机关制发" in form
    bad = dict(data, document_type="bogus", title="另一份文件")
    response = drafter.post(f"/office/records/new/{w.org.code}/", bad)
    assert response.status_code == 200 and Record.objects.count() == 1


def test_the_service_refuses_an_unknown_document_type(w):
    from gongkai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as info:
        create_record(w, document_type="decree")
    assert any("文件类型" in p for p in info.value.problems)
    assert not Record.objects.exists()
