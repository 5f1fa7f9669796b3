"""Backup and restore: every request, record, attachment and audit event comes back, files included."""
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.models import AuditEvent
from gongkai.foi.models import DisclosureRequest, RequestAttachment
from gongkai.foi.tests.factories import submitted, synthetic_id
from gongkai.organisations.models import Organisation, User
from gongkai.records.models import Attachment, Record

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot():
    return {
        "requests": sorted(DisclosureRequest.objects.values_list("pk", "tracking_number", "applicant_name", "status")),
        "request_attachments": sorted((a.pk, bytes(a.data)) for a in RequestAttachment.objects.all()),
        "records": sorted(Record.objects.values_list("pk", "title", "status")),
        "attachments": sorted(Attachment.objects.values_list("pk", "file", "sha256")),
        "audit": sorted(AuditEvent.objects.values_list("pk", "action", "target_type", "target_id", "actor_id")),
        "organisations": Organisation.objects.count(),
        "users": sorted(User.objects.values_list("username", "password")),
    }


def make_data():
    call_command("import_standard_catalogs", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_records_demo", stdout=io.StringIO())
    org = Organisation.objects.get(code="sx-jc-zz")
    for n in range(3):
        req, _ = submitted(org, id_number=synthetic_id(n + 1))
    RequestAttachment.objects.create(request=req, name="说明.txt", content_type="text/plain", size=6,
                                     data="说明".encode(), created_at=req.submitted_at)
    record = Record.objects.order_by("pk").first()
    attachment = Attachment(record=record, original_name="通知.pdf", kind="pdf", content_type="application/pdf",
                            size=13, sha256="x" * 64)
    attachment.file.save("通知.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return attachment


def test_backup_then_restore_into_an_empty_installation(media, tmp_path):
    attachment = make_data()
    before = snapshot()
    assert before["requests"] and before["records"] and before["attachments"] and before["audit"]
    path = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out)
    assert "备份完成" in out.getvalue()

    # A new, empty installation: the database emptied and migrated, no uploaded files.
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(attachment.file.name)
    assert not default_storage.exists(attachment.file.name) and not Record.objects.exists()

    call_command("restore", str(path), stdout=io.StringIO())
    assert snapshot() == before
    restored = Attachment.objects.get(pk=attachment.pk)
    with restored.file.open("rb") as fh:
        assert fh.read() == b"%PDF-1.4 test"
    # The restored installation keeps issuing new numbers after the restored ones.
    org = Organisation.objects.get(code="sx-jc-zz")
    new, _ = submitted(org, id_number=synthetic_id(9))
    assert new.tracking_number not in {t for _pk, t, _n, _s in before["requests"]}
    assert new.pk > max(pk for pk, *_rest in before["requests"])

    # Restoring again over live data is refused and changes nothing.
    with pytest.raises(CommandError, match="只能恢复到空的安装"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert DisclosureRequest.objects.count() == len(before["requests"]) + 1


def test_a_damaged_backup_restores_nothing(media, tmp_path):
    make_data()
    path = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(path), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = b"tampered"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    for name in default_storage.listdir("")[1]:
        default_storage.delete(name)
    with pytest.raises(CommandError, match="备份中的文件已损坏"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    assert not Organisation.objects.exists() and not AuditEvent.objects.exists()

    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("restore", str(not_a_backup), stdout=io.StringIO())


def test_the_default_directory_keeps_the_newest_backups(media, settings, tmp_path):
    import datetime as dt

    from gongkai.core import clock

    settings.VAR_DIR = tmp_path
    try:
        for day in (1, 2, 3):
            clock.pin(dt.datetime(2026, 3, day, 2, 30, tzinfo=dt.timezone.utc))
            call_command("backup", keep=2, stdout=io.StringIO())
    finally:
        clock.pin(None)
    kept = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert kept == ["gongkai-20260302-023000.tar.gz", "gongkai-20260303-023000.tar.gz"]


# ---------------------------------------------- issue 20, item 9: a Chinese message, never a traceback


def write_backup(path, *, manifest=None, database=b"[]", members=("database.json", "manifest.json")):
    import json

    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from gongkai.ops.backup import FORMAT

    if manifest is None:
        manifest = {"format": FORMAT, "created_at": "2026-12-07T10:00:00+08:00", "database": connection.vendor,
                    "migrations": [list(m) for m in MigrationRecorder(connection).applied_migrations()],
                    "counts": {}, "files": {}, "missing_files": []}
    contents = {"database.json": database, "manifest.json": json.dumps(manifest).encode()}
    with tarfile.open(path, "w:gz") as tar:
        for name in members:
            info = tarfile.TarInfo(name)
            info.size = len(contents[name])
            tar.addfile(info, io.BytesIO(contents[name]))
    return path


def restore_fails(path, message):
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_a_truncated_backup_gets_a_chinese_message(media, tmp_path):
    import os

    rows = [{"model": "organisations.organisation", "pk": n, "fields": {
        "code": f"o{n}", "name": os.urandom(40).hex(), "level": "county", "path": f"o{n}/",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}} for n in range(1, 400)]
    import json

    whole = write_backup(tmp_path / "whole.tar.gz", database=json.dumps(rows).encode())
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    restore_fails(cut, "备份文件已损坏或不完整")


def test_a_backup_without_its_database_or_a_whole_manifest_gets_a_chinese_message(media, tmp_path):
    restore_fails(write_backup(tmp_path / "a.tar.gz", members=("manifest.json",)), "缺少 database.json")
    restore_fails(write_backup(tmp_path / "b.tar.gz", members=("database.json",)), "缺少清单")
    restore_fails(write_backup(tmp_path / "c.tar.gz", manifest={"format": 1}), "清单.*不完整")
    restore_fails(write_backup(tmp_path / "d.tar.gz", manifest=["format", 1]), "不支持的备份格式")
    manifest_with_file = {"format": 1, "migrations": [], "counts": {}, "files": {"x.pdf": "0" * 64}}
    restore_fails(write_backup(tmp_path / "e.tar.gz", manifest=manifest_with_file), "缺少 media/x.pdf")


@pytest.mark.parametrize("database", [
    b"{not json",                                                                    # unreadable
    b'[{"model": "nosuch.model", "pk": 1, "fields": {}}]',                           # unknown table
    b'[{"model": "organisations.organisation", "pk": 1, "fields": {"code": "x", "name": "x", "level": "county",'
    b' "path": "x/", "parent": 999999, "created_at": "2026-01-01T00:00:00Z",'
    b' "updated_at": "2026-01-01T00:00:00Z"}}]',                                     # a row the database refuses
])
def test_rows_this_database_refuses_get_a_chinese_message_and_nothing_is_restored(media, tmp_path, database):
    restore_fails(write_backup(tmp_path / "bad.tar.gz", database=database), "备份中的数据无法写入本数据库")


def test_the_command_line_shows_no_traceback(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    result = subprocess.run([sys.executable, "manage.py", "restore", str(cut)], cwd=root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "无法读取备份文件" in result.stderr + result.stdout


def test_a_backup_from_a_newer_version_is_refused(media, tmp_path):
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    migrations = [list(m) for m in MigrationRecorder(connection).applied_migrations()] + [["records", "9999_future"]]
    manifest = {"format": 1, "migrations": migrations, "counts": {}, "files": {}}
    restore_fails(write_backup(tmp_path / "newer.tar.gz", manifest=manifest), "备份来自更新的版本（1 个迁移")
