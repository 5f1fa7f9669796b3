"""Who may do what with records, and who can reach an unpublished record or attachment.

The matrix: the user holds the role in 泽州县 (sx-jc-zz); the target organisation is the same
(OWN), a township below it (CHILD), the city above (PARENT) or the neighbouring county (SIBLING).
Then: no unpublished record, attachment or API object is reachable by anyone outside its
organisation and its supervisors — not by guessing URLs or ids either (404, not 403).
"""
import pytest
from django.test import Client

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can
from gongkai.records import services

from .factories import PNG_1PX, attach, create_record, docx_bytes, make_user, mask, publish

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
RECORD_ACTIONS = [A.RECORD_VIEW_UNPUBLISHED, A.RECORD_DRAFT, A.RECORD_REVIEW_ATTRIBUTE, A.RECORD_REVIEW_SECRECY,
                  A.RECORD_APPROVE, A.RECORD_PUBLISH, A.RECORD_MANAGE]
NONE: set = set()
EXPECTED = {
    Role.DRAFTER: {A.RECORD_VIEW_UNPUBLISHED: {OWN}, A.RECORD_DRAFT: {OWN}, A.RECORD_REVIEW_ATTRIBUTE: NONE,
                   A.RECORD_REVIEW_SECRECY: NONE, A.RECORD_APPROVE: NONE, A.RECORD_PUBLISH: NONE, A.RECORD_MANAGE: NONE},
    Role.OFFICE: {A.RECORD_VIEW_UNPUBLISHED: {OWN}, A.RECORD_DRAFT: {OWN}, A.RECORD_REVIEW_ATTRIBUTE: {OWN},
                  A.RECORD_REVIEW_SECRECY: NONE, A.RECORD_APPROVE: NONE, A.RECORD_PUBLISH: {OWN},
                  A.RECORD_MANAGE: {OWN}},
    Role.SECRECY: {A.RECORD_VIEW_UNPUBLISHED: {OWN}, A.RECORD_DRAFT: NONE, A.RECORD_REVIEW_ATTRIBUTE: NONE,
                   A.RECORD_REVIEW_SECRECY: {OWN}, A.RECORD_APPROVE: NONE, A.RECORD_PUBLISH: NONE, A.RECORD_MANAGE: NONE},
    Role.LEADER: {A.RECORD_VIEW_UNPUBLISHED: {OWN}, A.RECORD_DRAFT: NONE, A.RECORD_REVIEW_ATTRIBUTE: NONE,
                  A.RECORD_REVIEW_SECRECY: NONE, A.RECORD_APPROVE: {OWN}, A.RECORD_PUBLISH: NONE, A.RECORD_MANAGE: NONE},
    Role.SUPERVISOR: {A.RECORD_VIEW_UNPUBLISHED: {OWN, CHILD}, A.RECORD_DRAFT: NONE, A.RECORD_REVIEW_ATTRIBUTE: NONE,
                      A.RECORD_REVIEW_SECRECY: NONE, A.RECORD_APPROVE: NONE, A.RECORD_PUBLISH: NONE,
                      A.RECORD_MANAGE: NONE},
    Role.ADMIN: {a: NONE for a in RECORD_ACTIONS},
    Role.OFFICE_HEAD: {a: NONE for a in RECORD_ACTIONS},  # approves request extensions (gongkai.foi) only
}


def test_matrix_covers_every_role_and_record_action():
    assert set(EXPECTED) == set(Role)
    assert all(set(row) == set(RECORD_ACTIONS) for row in EXPECTED.values())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_matrix(tree, role, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    for action in RECORD_ACTIONS:
        assert can(user, action, orgs[relation]) is (relation in EXPECTED[role][action]), action


@pytest.fixture
def unpublished(w):
    """An unpublished record of 阳城县 with a DOCX and a PNG attachment."""
    record = create_record(w, title="内部讨论稿：救灾资金分配方案")
    att = attach(record=record, actor=w.users["yc_drafter"], name="方案.docx", data=docx_bytes("分配方案"))
    attach(record=record, actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)
    return record, att


def _client(username=None):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


OUTSIDERS = [None, "zz_drafter", "zz_office", "zz_secrecy", "zz_leader", "sx_admin"]
INSIDERS = ["yc_drafter", "yc_office", "yc_secrecy", "yc_leader", "jc_supervisor", "sx_supervisor"]


@pytest.mark.parametrize("username", OUTSIDERS)
def test_outsiders_cannot_reach_an_unpublished_record_by_any_url(unpublished, username):
    record, att = unpublished
    client = _client(username)
    urls = [
        f"/records/{record.pk}/", f"/records/{record.pk}/interpretation/",
        f"/records/{record.pk}/attachments/{att.pk}/", f"/records/{record.pk}/attachments/{att.pk}/?original=1",
        f"/office/records/{record.pk}/", f"/office/records/{record.pk}/edit/",
        f"/office/records/{record.pk}/interpretation/", f"/api/records/{record.pk}/",
        f"/api/records/{record.pk}/interpretation",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (404, 302), (url, response.status_code)
        if response.status_code == 302:
            assert "/office/login/" in response["Location"]
    assert record.title not in client.get("/api/records/").content.decode()
    assert record.title not in client.get("/records/").content.decode()
    for action in ("submit", "publish", "withdraw"):
        assert client.post(f"/office/records/{record.pk}/do/{action}/").status_code in (404, 302)


@pytest.mark.parametrize("username", INSIDERS)
def test_its_organisation_and_supervisors_can_see_it(unpublished, username):
    record, att = unpublished
    client = _client(username)
    assert client.get(f"/office/records/{record.pk}/").status_code == 200
    response = client.get(f"/records/{record.pk}/attachments/{att.pk}/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}
    assert client.get(f"/api/records/{record.pk}/").status_code == 200
    assert client.get(f"/records/{record.pk}/").status_code == 404  # the public page exists only once published


def test_attachments_have_no_public_media_url(unpublished, settings):
    record, att = unpublished
    assert not getattr(settings, "MEDIA_URL", "") or settings.MEDIA_URL in ("", "/")
    assert _client().get("/media/" + att.file.name).status_code == 404
    assert att.file.name.startswith(f"records/{record.organisation_id}/") and "方案" not in att.file.name


def test_attachment_ids_of_another_record_are_not_served(w, unpublished):
    _record, att = unpublished
    public = publish(w, create_record(w, title="公开文件"))
    assert _client().get(f"/records/{public.pk}/attachments/{att.pk}/").status_code == 404


def test_published_attachment_is_public_and_the_original_is_not(w):
    from .factories import SAMPLE_ID

    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="名单.docx",
                                  data=docx_bytes(f"身份证号{SAMPLE_ID}"))
    mask(finding=record.findings.get(), actor=w.users["yc_drafter"])
    publish(w, record)
    response = _client().get(f"/records/{record.pk}/attachments/{att.pk}/?original=1")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    from gongkai.core.files import extract_text

    assert SAMPLE_ID not in extract_text("docx", body)
    assert "遮蔽版" in response["Content-Disposition"] or "%E9%81%AE%E8%94%BD" in response["Content-Disposition"]


def test_other_organisation_staff_cannot_act_on_it(w, unpublished):
    record, _att = unpublished
    make_user("zz_secrecy2", w.orgs["sx-jc-zz"], Role.SECRECY)
    from django.core.exceptions import PermissionDenied

    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    with pytest.raises(PermissionDenied):
        services.record_secrecy_review(record=record, actor=w.users["zz_secrecy"], outcome="cleared")
    with pytest.raises(PermissionDenied):
        services.record_secrecy_review(record=record, actor=w.users["jc_supervisor"], outcome="cleared")
