"""Every stored file goes through Django's storage API, never through a path under MEDIA_ROOT.

docs/deployment.md (§9, "Uploaded files on shared storage") lets an installation keep its uploads in
an S3-compatible store through django-storages. That only works if no code writes, reads or
deletes a file by its filesystem path. These tests swap the default storage for Django's
``InMemoryStorage`` (which has no ``path()`` and writes nothing to disk) and point MEDIA_ROOT at an
empty directory, then drive each place the product keeps files through its real views and
services:

* records: an attachment uploaded in the back office, its masked copy, the public and staff
  downloads, its removal;
* foi: the reply attachment and the reply letter (kept in the database, not in file storage);
* ops: ``manage.py backup`` / ``restore`` carry the stored files through the storage API.

Each test reads the bytes back through the storage and over HTTP and checks MEDIA_ROOT stayed
empty: code that used ``FieldFile.path`` would raise (InMemoryStorage has no path), code that
wrote to ``MEDIA_ROOT/...`` would leave a file there.
"""
import hashlib
import io
import json
import os
import tarfile
from urllib.parse import quote

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from gongkai.foi.models import DisclosureRequest, RequestAttachment
from gongkai.foi.tests.factories import submitted, synthetic_id
from gongkai.organisations.models import User
from gongkai.core import files
from gongkai.records.models import Attachment, Record
from gongkai.records.states import FindingStatus, RecordStatus
from gongkai.records.tests.conftest import w  # noqa: F401  (the records test world: 阳城县 and its logins)
from gongkai.records.tests.factories import (
    SAMPLE_ID, committed, create_record, docx_bytes, publish, xlsx_bytes,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def memory_storage(settings, tmp_path):
    """The default storage is in memory; MEDIA_ROOT is an empty directory that must stay empty."""
    media = tmp_path / "media"
    media.mkdir()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.MEDIA_ROOT = media
    # The swap reached both the storage the services use and the one the model fields use.
    assert isinstance(default_storage, InMemoryStorage)
    assert isinstance(Attachment._meta.get_field("file").storage, InMemoryStorage)
    assert isinstance(Attachment._meta.get_field("masked_file").storage, InMemoryStorage)
    assert stored_names() == []
    return media


def stored_names(storage=default_storage, directory=""):
    """Every file name in `storage`, walked through the storage API only."""
    dirs, names = storage.listdir(directory)
    out = [f"{directory}/{n}" if directory else n for n in names]
    for d in dirs:
        out.extend(stored_names(storage, f"{directory}/{d}" if directory else d))
    return sorted(out)


def files_on_disk(root):
    return sorted(os.path.join(dirpath, name) for dirpath, _dirs, names in os.walk(root) for name in names)


def read_stored(name):
    with default_storage.open(name, "rb") as fh:
        return fh.read()


def login(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def upload_attachment(record, name, data):
    """Upload through the back-office page, letting the after-commit file write run."""
    with committed():
        response = login("yc_drafter").post(f"/office/records/{record.pk}/attachments/",
                                            {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return record.attachments.get(original_name=name)


# -------------------------------------------------------------------------------------- records

def test_record_attachment_is_stored_and_served_through_the_storage_api(w, memory_storage):  # noqa: F811
    data = docx_bytes("关于开展安全生产隐患排查治理的通知", "附件正文")
    record = create_record(w)
    att = upload_attachment(record, "通知.docx", data)

    assert att.file.name.startswith(f"records/{w.org.pk}/")
    assert stored_names() == [att.file.name]
    assert read_stored(att.file.name) == data
    assert att.size == len(data) and att.sha256 == hashlib.sha256(data).hexdigest()
    assert "附件正文" in att.extracted_text

    # Staff see the draft's original; the public sees nothing before publication.
    url = att.get_absolute_url()
    assert download(login("yc_drafter"), url)[1] == data
    assert Client().get(url).status_code == 404

    record = publish(w, Record.objects.get(pk=record.pk))
    assert record.status == RecordStatus.PUBLISHED
    response, body = download(Client(), url)
    assert body == data
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"
    assert files_on_disk(memory_storage) == []


def test_masked_copy_is_written_and_served_through_the_storage_api(w, memory_storage):  # noqa: F811
    original = docx_bytes("救助对象名单", f"身份证号：{SAMPLE_ID}")
    record = create_record(w)
    att = upload_attachment(record, "名单.docx", original)
    finding = record.findings.get(attachment=att)

    # Masking reads the original back from storage and writes the copy to storage (after commit).
    with committed():
        response = login("yc_office").post(f"/office/records/{record.pk}/findings/{finding.pk}/mask/")
    assert response.status_code == 302
    att.refresh_from_db()
    assert record.findings.get(pk=finding.pk).status == FindingStatus.MASKED
    assert att.masked_file.name and att.masked_file.name != att.file.name
    assert stored_names() == sorted([att.file.name, att.masked_file.name])
    masked = read_stored(att.masked_file.name)
    assert masked != original
    assert SAMPLE_ID not in files.extract_text("docx", masked)
    assert read_stored(att.file.name) == original  # the original is kept, internally

    publish(w, Record.objects.get(pk=record.pk))
    url = att.get_absolute_url()
    response, public_body = download(Client(), url)
    assert public_body == masked
    assert quote("名单（遮蔽版）.docx") in response["Content-Disposition"]
    assert download(Client(), url, original="1")[1] == masked  # the public cannot ask for the original
    assert download(login("yc_office"), url, original="1")[1] == original
    assert files_on_disk(memory_storage) == []


def test_removing_an_attachment_deletes_its_files_through_the_storage_api(w, memory_storage):  # noqa: F811
    record = create_record(w)
    att = upload_attachment(record, "名单.docx", docx_bytes(f"身份证号：{SAMPLE_ID}"))
    with committed():
        login("yc_office").post(f"/office/records/{record.pk}/findings/kind/id_number/mask/")
    att.refresh_from_db()
    kept = upload_attachment(record, "通知.docx", docx_bytes("留下的附件"))
    names = {att.file.name, att.masked_file.name}
    assert all(names) and names < set(stored_names())

    with committed():
        response = login("yc_drafter").post(f"/office/records/{record.pk}/attachments/{att.pk}/delete/")
    assert response.status_code == 302 and not Attachment.objects.filter(pk=att.pk).exists()
    assert stored_names() == [kept.file.name]
    assert files_on_disk(memory_storage) == []


# ------------------------------------------------------------------------------------------ foi

def test_foi_reply_attachment_and_letter_round_trip_without_file_storage(tree, memory_storage):
    """Reply attachments and letters are kept in the database (BinaryField): nothing in file storage."""
    orgs, _users = tree
    req, secret = submitted(orgs["sx-jc-zz"], id_number=synthetic_id(7))
    table = xlsx_bytes([["年份", "事故起数"], [2025, 3]])
    office = login("zz_office")
    response = office.post(f"/office/requests/{req.pk}/do/answer/", {
        "answer-outcome": "disclosed", "answer-reply_text": "所申请信息见附件。",
        "answer-attachment": SimpleUploadedFile("统计.xlsx", table, content_type="application/octet-stream")})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "closed"
    att = req.attachments.get()
    assert bytes(att.data) == table and att.content_type == XLSX

    citizen = Client()
    assert citizen.post("/requests/track/", {"number": req.tracking_number, "secret": secret}).status_code == 302
    response, body = download(citizen, f"/requests/track/{req.tracking_number}/attachments/{att.pk}/")
    assert body == table and response["Content-Type"].startswith(XLSX)
    assert download(office, f"/office/requests/{req.pk}/attachments/{att.pk}/")[1] == table
    _response, letter_docx = download(citizen, f"/requests/track/{req.tracking_number}/letter.docx")
    _response, letter_pdf = download(citizen, f"/requests/track/{req.tracking_number}/letter.pdf")
    assert letter_pdf.startswith(b"%PDF") and letter_docx.startswith(b"PK")
    letter = DisclosureRequest.objects.get(pk=req.pk).letter
    assert bytes(letter.docx_data) == letter_docx and bytes(letter.pdf_data) == letter_pdf  # kept, in the row

    assert stored_names() == []
    assert files_on_disk(memory_storage) == []


# ------------------------------------------------------------------------------------------- ops

@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_stored_files_through_the_storage_api(w, memory_storage,  # noqa: F811
                                                                           tmp_path):
    original = docx_bytes("救助对象名单", f"身份证号：{SAMPLE_ID}")
    record = create_record(w)
    att = upload_attachment(record, "名单.docx", original)
    with committed():
        login("yc_office").post(f"/office/records/{record.pk}/findings/kind/id_number/mask/")
    publish(w, Record.objects.get(pk=record.pk))
    att.refresh_from_db()
    masked = read_stored(att.masked_file.name)
    req, secret = submitted(w.orgs["sx-jc-zz"], id_number=synthetic_id(8))
    table = xlsx_bytes([["a", "b"]])
    login("zz_office").post(f"/office/requests/{req.pk}/do/answer/", {
        "answer-outcome": "disclosed", "answer-reply_text": "见附件。",
        "answer-attachment": SimpleUploadedFile("数据.xlsx", table)})
    foi_att = RequestAttachment.objects.get(request=req)
    stored = {att.file.name: original, att.masked_file.name: masked}
    assert stored_names() == sorted(stored)

    path = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(path), stdout=io.StringIO())
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        in_tar = {m.name[len("media/"):]: tar.extractfile(m).read() for m in tar.getmembers()
                  if m.name.startswith("media/")}
    assert in_tar == stored
    assert manifest["files"] == {n: hashlib.sha256(d).hexdigest() for n, d in stored.items()}
    assert manifest["missing_files"] == []

    # An empty installation: database flushed, the in-memory store emptied.
    call_command("flush", interactive=False, verbosity=0)
    for name in stored:
        default_storage.delete(name)
    assert stored_names() == [] and not Record.objects.exists()

    call_command("restore", str(path), stdout=io.StringIO())
    assert stored_names() == sorted(stored)
    assert {n: read_stored(n) for n in stored} == stored
    restored = Attachment.objects.get(pk=att.pk)
    assert (restored.file.name, restored.masked_file.name) == (att.file.name, att.masked_file.name)
    url = restored.get_absolute_url()
    assert download(Client(), url)[1] == masked
    assert download(login("yc_office"), url, original="1")[1] == original
    # The FOI reply attachment travels in the database part of the backup.
    citizen = Client()
    citizen.post("/requests/track/", {"number": req.tracking_number, "secret": secret})
    assert download(citizen, f"/requests/track/{req.tracking_number}/attachments/{foi_att.pk}/")[1] == table
    assert files_on_disk(memory_storage) == []
