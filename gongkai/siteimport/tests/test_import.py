"""Real imports: records with their original numbers and dates, files, review queue, mapping, duplicates,
all-or-nothing batches, wrong actors, and the old address answered with a permanent redirect."""
import io
import json
import shutil

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from gongkai.core.models import AuditEvent
from gongkai.records.models import Attachment, Record
from gongkai.records.states import RecordStatus
from gongkai.records.tests import factories
from gongkai.siteimport import services
from gongkai.siteimport.models import ColumnMapping, ImportBatch, ImportedFile, ImportedPage, PageStatus
from gongkai.siteimport.sources import open_source

from .conftest import FIXTURES, fixture_bytes, row_counts, tiny_pdf, write_warc

HTML = [("Content-Type", "text/html; charset=utf-8")]
BASE = "http://www.example.gov.cn"


@pytest.fixture
def w(tree, seed_templates):
    w = factories.world(tree)
    w.office = w.users["yc_office"]
    return w


@pytest.fixture
def site(tmp_path):
    """A saved site: the TRS notice with its PDF, the relief notice (a finding), an undated page, a list page."""
    root = tmp_path / "site"
    (root / "tzgg").mkdir(parents=True)
    (root / "tzgg" / "a.html").write_bytes(fixture_bytes("trs_article.html"))
    (root / "tzgg" / "P020240305_1.pdf").write_bytes(tiny_pdf())
    (root / "tzgg" / "P020240305_2.docx").write_bytes(b"not really a docx")
    for name in ("epoint_article_gb18030.html", "no_date_article.html", "list_page.html", "static_article.html"):
        shutil.copy(FIXTURES / name, root / name)
    return root


def run(w, actor, *paths, dry_run=False):
    return services.import_pages(organisation=w.org, actor=actor, items_by_source=services.sources_from_paths(paths),
                                 dry_run=dry_run, source_label="test")


def confirm_all(w, actor, columns=("通知公告", "")):
    for column in columns:
        services.mapping_confirm(organisation=w.org, actor=actor, column=column, catalog_key=w.item.key)


@pytest.mark.django_db
def test_import_keeps_original_numbers_dates_and_files(w, site, django_capture_on_commit_callbacks):
    confirm_all(w, w.office)
    with django_capture_on_commit_callbacks(execute=True):
        result = run(w, w.office, site)
    assert result.summary["written"] == {"imported": 2, "review": 1, "unmapped": 0, "held": 1}
    notice = Record.objects.get(index_number="EX0001/2024-00012")
    assert notice.status == RecordStatus.PUBLISHED and notice.organisation == w.org
    assert (notice.doc_number, notice.issuing_unit) == ("示应急发〔2024〕3号", "示例县应急管理局")
    assert notice.formation_date.isoformat() == "2024-03-01"
    assert notice.published_at.date().isoformat() == "2024-03-05"
    assert (notice.validity, notice.document_type) == ("valid", "normative")
    assert "城关镇\t0356-0000001" in notice.body
    # the PDF became a record attachment in storage; the fake docx (wrong content) stays in the import only
    attachment = Attachment.objects.get(record=notice)
    assert attachment.kind == "pdf" and attachment.sha256 == ImportedFile.objects.get(kind="pdf").sha256
    with attachment.file.open("rb") as handle:
        assert handle.read() == tiny_pdf()
    stored = ImportedFile.objects.filter(page__record=notice).order_by("id")
    assert [f.kind for f in stored] == ["pdf", "docx"] and all(f.file.storage.exists(f.file.name) for f in stored)
    # repealed static page keeps its validity
    assert Record.objects.get(index_number="EX0001/2019-00005").validity == "repealed"
    # the relief notice with an ID number is imported but held for review: approved, not public
    relief = Record.objects.get(index_number="EX0001/2024-00031")
    assert relief.status == RecordStatus.APPROVED and relief.findings.filter(kind="id_number").exists()
    assert ImportedPage.objects.get(record=relief).status == PageStatus.REVIEW
    # undated page held without a record, with its problem
    held = ImportedPage.objects.get(status=PageStatus.HELD)
    assert held.record is None and held.problems[0]["code"] == "no_date"
    # one audit row per kernel transition: the import of each record
    assert AuditEvent.objects.filter(action="record.imported").count() == 3


@pytest.mark.django_db
def test_rerunning_the_same_source_changes_nothing(w, site):
    confirm_all(w, w.office)
    run(w, w.office, site)
    before = row_counts()
    result = run(w, w.office, site)
    assert row_counts() == before and result.batch is None
    assert result.summary["duplicate"] == 4


@pytest.mark.django_db
def test_dry_run_with_mappings_writes_nothing(w, site):
    confirm_all(w, w.office)
    before = row_counts()
    result = run(w, w.office, site, dry_run=True)
    assert row_counts() == before
    assert result.summary["mapping"]["通知公告"] == {"catalog_key": w.item.key, "confirmed": True}


@pytest.mark.django_db
def test_unmapped_pages_wait_until_the_office_confirms(w, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(w, w.office, site)
    assert Record.objects.filter(organisation=w.org).count() == 0
    waiting = ImportedPage.objects.filter(status=PageStatus.UNMAPPED)
    assert waiting.count() == 3 and set(ColumnMapping.objects.values_list("column", flat=True)) == {"通知公告", ""}
    with django_capture_on_commit_callbacks(execute=True):
        made = services.mapping_confirm(organisation=w.org, actor=w.office, column="通知公告", catalog_key=w.item.key)
    assert made == 1
    notice = Record.objects.get(index_number="EX0001/2024-00012")
    assert notice.status == RecordStatus.PUBLISHED and notice.attachments.get().kind == "pdf"
    assert ImportedPage.objects.filter(status=PageStatus.UNMAPPED).count() == 2


@pytest.mark.django_db
def test_mapping_to_an_item_outside_the_catalog_is_refused(w):
    from gongkai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.mapping_confirm(organisation=w.org, actor=w.office, column="x", catalog_key="no-such-item")
    assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_duplicate_of_an_existing_record_index_number(w, site):
    confirm_all(w, w.office)
    record = factories.publish(w, factories.create_record(w))  # index numbers are assigned at publication
    (site / "tzgg" / "a.html").write_bytes(fixture_bytes("trs_article.html").replace(
        b"EX0001/2024-00012", record.index_number.encode()))
    result = run(w, w.office, site / "tzgg")
    report = result.reports[0]
    assert report.status == "duplicate" and record.index_number in report.problems[0]["message"]


@pytest.mark.django_db
def test_a_failure_mid_batch_leaves_nothing(w, site, monkeypatch, media_root):
    confirm_all(w, w.office)
    before = row_counts()
    real = services.record_services.record_import_published
    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("crash in the middle of a batch")
        return real(**kwargs)

    monkeypatch.setattr(services.record_services, "record_import_published", failing)
    with pytest.raises(RuntimeError):
        run(w, w.office, site)
    assert row_counts() == before
    assert not any(p.is_file() for p in media_root.rglob("*")) if media_root.exists() else True


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["yc_drafter", "yc_secrecy", "zz_office"])
def test_wrong_actors_are_refused_and_nothing_is_written(w, site, who):
    before = row_counts()
    with pytest.raises(PermissionDenied):
        run(w, w.users[who], site)
    with pytest.raises(PermissionDenied):
        services.mapping_confirm(organisation=w.org, actor=w.users[who], column="通知公告", catalog_key=w.item.key)
    assert row_counts() == before


@pytest.mark.django_db
def test_administrator_above_may_import(w, site):
    from gongkai.organisations.models import Role, RoleAssignment

    admin = next(ra.user for ra in RoleAssignment.objects.filter(role=Role.ADMIN).select_related("user", "organisation")
                 if w.org.path.startswith(ra.organisation.path))
    assert run(w, admin, site).batch is not None


@pytest.mark.django_db
def test_old_address_answers_with_a_permanent_redirect(w, tmp_path, client):
    confirm_all(w, w.office)
    path = tmp_path / "site.warc"
    write_warc(path, [(f"{BASE}/xxgk/tzgg/t20240305_1.html?id=7", "200 OK", HTML, fixture_bytes("trs_article.html"))])
    run(w, w.office, path)
    record = Record.objects.get(index_number="EX0001/2024-00012")
    answer = client.get("/xxgk/tzgg/t20240305_1.html?id=7")
    assert answer.status_code == 301 and answer["Location"] == record.get_absolute_url()
    assert client.get("/xxgk/tzgg/unknown.html").status_code == 404
    assert client.get("/records")["Location"] == "/records/"  # the product's own addresses are untouched
    # a record held for review (not public) is not revealed by its old address
    Record.objects.filter(pk=record.pk).update(status=RecordStatus.APPROVED)
    assert client.get("/xxgk/tzgg/t20240305_1.html?id=7").status_code == 404


@pytest.mark.django_db
def test_command_real_import_and_json(w, site):
    out = io.StringIO()
    call_command("import_pages", "--organisation", w.org.code, "--json", "--map", f"通知公告={w.item.key}",
                 "--map", f"={w.item.key}", str(site), stdout=out)
    result = json.loads(out.getvalue())
    assert result["summary"]["written"]["imported"] == 2 and result["summary"]["dry_run"] is False
    batch = ImportBatch.objects.get()
    assert batch.created_by.username == "siteimport-system" and not batch.created_by.is_active
    assert open_source(str(site))  # the source is untouched
