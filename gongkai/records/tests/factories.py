"""Test data for records: 阳城县 with its published demo catalog and one login per role."""
import datetime as dt
import io
from contextlib import contextmanager

from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.states import VersionStatus
from gongkai.organisations.models import Role, RoleAssignment, User

ORG = "sx-jc-yc"
# 110101199003074514: a checksum-valid ID number of the kind used in format examples (synthetic).
SAMPLE_ID = "110101199003074514"
SAMPLE_MOBILE = "13800138000"


def luhn_complete(prefix: str) -> str:
    from gongkai.core.privacy import luhn_ok

    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


SAMPLE_CARD = luhn_complete("622202020000000001")


def make_user(username, org, role):
    user, _ = User.objects.get_or_create(username=username)
    user.set_password("test-password-1")
    if not user.display_name:
        user.display_name = f"{org.name}·{Role(role).label}"
    user.save()
    RoleAssignment.objects.get_or_create(user=user, organisation=org, role=role)
    return user


def world(tree):
    """Return a namespace with the county, its catalog items and users for every role."""
    orgs, users = tree
    org = orgs[ORG]
    publish_demo_catalog(org)
    users = dict(users)
    users["yc_drafter"] = make_user("yc_drafter", org, Role.DRAFTER)
    users["yc_secrecy"] = make_user("yc_secrecy", org, Role.SECRECY)
    users["zz_drafter"] = users["zz_drafter"]
    items = list(CatalogItem.objects.filter(version__catalog__organisation=org, version__status=VersionStatus.PUBLISHED,
                                            retired=False).order_by("position"))
    working = next(i for i in items if (i.time_limit_rule or {}).get("kind") == "working_days")

    class W:
        pass

    w = W()
    w.orgs, w.org, w.users, w.items, w.item = orgs, org, users, items, working
    return w


def record_data(**overrides):
    data = {
        "title": "关于开展安全生产隐患排查治理的通知",
        "doc_number": "阳应急〔2026〕12号",
        "issuing_unit": "阳城县应急管理局",
        "formation_date": dt.date(2026, 3, 2),
        "summary": "部署全县安全生产隐患排查治理工作。",
        "body": "各乡镇、各有关单位：为深入开展安全生产隐患排查治理，现将有关事项通知如下。",
        "attribute": "proactive",
    }
    data.update(overrides)
    return data


def create_record(w, **overrides):
    from gongkai.records import services

    return services.record_create(organisation=w.org, catalog_item=w.item, actor=w.users["yc_drafter"],
                                  data=record_data(**overrides))


def publish(w, record):
    """Take a proactive record through submission, secrecy review and publication."""
    from gongkai.records import services

    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")
    return services.record_publish(record=record, actor=w.users["yc_office"])


def docx_bytes(*paragraphs):
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "表格"
    table.rows[0].cells[1].text = "单元格"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_bytes(text):
    from weasyprint import HTML

    return HTML(string=f'<html><body style="font-family: Noto Sans CJK SC"><p>{text}</p></body></html>').write_pdf()


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@contextmanager
def committed():
    """Run the after-commit effects (file writes and deletes) of what happens inside, as a commit would.

    Tests run inside a transaction that is never committed, so effects queued with
    ``transaction.on_commit`` would otherwise never run.
    """
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        yield callbacks


def attach(*, record, actor, name, data):
    """Add an attachment and let its file reach storage (as after a commit)."""
    from gongkai.records import services

    with committed():
        return services.attachment_add(record=record, actor=actor, name=name, data=data)


def mask(*, finding, actor):
    """Mask a finding and let the masked copy reach storage (as after a commit)."""
    from gongkai.records import services

    with committed():
        return services.finding_mask(finding=finding, actor=actor)
