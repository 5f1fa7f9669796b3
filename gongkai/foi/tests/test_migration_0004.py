"""Migration 0004 moves the tracking counters into core sequences and the reply letters into Letter rows."""
import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("foi", "0003_appeal_filed_on_index")]
AFTER = [("foi", "0004_kernel_letters_extension_requests")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_counters_become_sequences_and_letters_keep_their_files(tree):
    orgs, _users = tree
    try:
        old = _migrate(BEFORE)
        Request = old.get_model("foi", "DisclosureRequest")
        org_id = orgs["sx-jc-zz"].pk
        old.get_model("foi", "TrackingCounter").objects.create(organisation_id=org_id, year=2025, last=41)
        now = dt.datetime(2025, 6, 1, 8, tzinfo=dt.timezone.utc)
        req = Request.objects.create(
            organisation_id=org_id, tracking_number="SX-JC-ZZ-2025-00041", secret_digest="x", channel="online",
            applicant_type="natural", applicant_name="测试申请人", id_document_type="other", id_number="T-1",
            phone="13800000000", applicant_key="other:T-1", description="x", info_form="paper", delivery="collect",
            submitted_at=now, arrived_on=dt.date(2025, 5, 6), received_on=dt.date(2025, 5, 6), receipt_basis="x",
            status="closed", outcome="disclosed", closed_on=dt.date(2025, 5, 20), created_at=now, updated_at=now)
        old.get_model("foi", "ReplyLetter").objects.create(request_id=req.pk, title="答复告知书", basis="第三十六条",
                                                           docx=b"PK as issued", pdf=b"%PDF as issued", created_at=now)
        new = _migrate(AFTER)
        assert new.get_model("core", "Sequence").objects.get(key=f"foi.tracking.{org_id}.2025").last == 41
        letter = new.get_model("foi", "Letter").objects.get(request_id=req.pk)
        assert (letter.kind, bytes(letter.docx_data), bytes(letter.pdf_data)) == ("reply", b"PK as issued", b"%PDF as issued")
        assert letter.issued_on == dt.date(2025, 5, 20) and letter.recipient == "测试申请人"
    finally:
        # Back to the latest schema (not 0004): later tests need every migration applied.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        _migrate(executor.loader.graph.leaf_nodes())
