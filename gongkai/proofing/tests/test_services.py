"""The proofing services on their own: wrong actors, re-checks that follow edits, stale and impossible
applies, the findings panel and its two buttons. Objects: a draft consultation (written through its
own edit service) and the 指南 (texts held by proofing)."""
import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import services as engagement
from gongkai.portal.models import DisclosureGuide
from gongkai.proofing import selectors, services
from gongkai.proofing.models import HeldText, WordingFinding

from . import fakes

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def consultation(tree, fake_wording):
    orgs, users = tree
    clock.pin(dt.datetime(2026, 5, 20, 9, tzinfo=SH))
    return engagement.consultation_create(organisation=orgs["sx-jc-zz"], actor=users["zz_office"], data={
        "title": "征求意见稿", "draft_text": "第一条……", "basis": "《安全生产法》",
        "explanation": f"一、{fakes.SEVERE}；二、{fakes.SEVERE}。", "opens_at": dt.datetime(2026, 6, 1, 9, tzinfo=SH),
        "closes_at": dt.datetime(2026, 6, 30, 17, tzinfo=SH)})


@pytest.fixture
def guide(tree):
    return DisclosureGuide.objects.create(organisation=tree[0]["sx-jc-zz"])


def _findings(obj, **kw):
    return WordingFinding.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **kw)


def _update(c, actor, **changes):
    data = {k: getattr(c, k) for k in engagement.CONSULTATION_FIELDS} | changes
    return engagement.consultation_update(consultation=c, actor=actor, data=data)


# ---------------------------------------------------------------- wrong actors

@pytest.mark.parametrize("username", ["zz_leader", "zz_secrecy", "jc_supervisor", "yc_office"])
def test_check_object_refuses_the_wrong_role_or_organisation_and_writes_nothing(tree, guide, fake_wording, username):
    users = tree[1]
    with pytest.raises(PermissionDenied):
        services.check_object(guide, {"functions": fakes.SEVERE}, organisation=guide.organisation,
                              actor=users[username], hold=True)
    assert not WordingFinding.objects.exists() and not HeldText.objects.exists()


@pytest.mark.parametrize("username", ["zz_leader", "zz_secrecy", "yc_office"])
def test_apply_refuses_the_wrong_role_or_organisation_and_writes_nothing(tree, consultation, username):
    finding = _findings(consultation).first()
    with pytest.raises(PermissionDenied):
        services.apply_finding(finding, tree[1][username])
    consultation.refresh_from_db()
    finding.refresh_from_db()
    assert consultation.explanation.count(fakes.SEVERE) == 2 and finding.status == "open"
    assert not AuditEvent.objects.filter(action="proofing.applied").exists()


@pytest.mark.parametrize("username", ["zz_office", "zz_drafter", "zz_secrecy", "yc_leader", "jc_supervisor"])
def test_override_is_for_the_leader_of_that_organisation_only(tree, consultation, username):
    finding = _findings(consultation).first()
    with pytest.raises(PermissionDenied):
        services.override(finding, tree[1][username], "理由")
    finding.refresh_from_db()
    assert finding.status == "open" and finding.override_reason == ""
    assert not AuditEvent.objects.filter(action="proofing.overridden").exists()


def test_override_needs_a_reason_of_bounded_length(tree, consultation):
    finding = _findings(consultation).first()
    leader = tree[1]["zz_leader"]
    for reason in ("", " \u3000 ", "长" * 501):
        with pytest.raises(ValidationFailed):
            services.override(finding, leader, reason)
    assert _findings(consultation, status="open").count() == 2


# ---------------------------------------------------------------- re-checks

def test_each_occurrence_is_a_finding_and_an_override_follows_its_own_text(tree, consultation):
    office, leader = tree[1]["zz_office"], tree[1]["zz_leader"]
    first, second = _findings(consultation).order_by("start")
    services.override(second, leader, "第二处为历史沿革。")
    _update(consultation, office, explanation="前言。" + consultation.explanation)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("open", "overridden")
    assert consultation.explanation[second.start:second.end] == fakes.SEVERE and second.start > first.start
    # The overridden one is edited away: it is dropped; the open one stands.
    text = consultation.explanation
    _update(consultation, office, explanation=text[:second.start] + text[second.end:])
    assert list(_findings(consultation).values_list("status", flat=True)) == ["open"]


def test_an_override_does_not_carry_over_to_text_written_again(tree, consultation):
    office, leader = tree[1]["zz_office"], tree[1]["zz_leader"]
    for f in _findings(consultation):
        services.override(f, leader, "保留")
    _update(consultation, office, explanation="无。")
    _update(consultation, office, explanation=fakes.SEVERE)
    assert _findings(consultation, status="open").count() == 1


def test_a_stale_finding_is_not_applied(tree, consultation):
    finding = _findings(consultation).first()
    consultation.explanation = "已在别处修改。"
    consultation.save()  # changed behind the check's back (no re-check)
    with pytest.raises(ValidationFailed, match="刷新"):
        services.apply_finding(finding, tree[1]["zz_office"])


def test_a_finding_without_suggestion_cannot_be_applied(tree, consultation):
    _update(consultation, tree[1]["zz_office"], explanation=fakes.NO_SUGGESTION)
    (finding,) = _findings(consultation, status="open")
    with pytest.raises(InvalidTransition):
        services.apply_finding(finding, tree[1]["zz_office"])


def test_nothing_is_applied_once_the_object_is_no_longer_editable(tree, consultation):
    finding = _findings(consultation).first()
    for f in _findings(consultation):
        services.override(f, tree[1]["zz_leader"], "保留")
    engagement.consultation_publish(consultation=consultation, actor=tree[1]["zz_office"])
    with pytest.raises(InvalidTransition):
        services.apply_finding(finding, tree[1]["zz_office"])


def test_hostile_text_is_stored_and_shown_without_harm(tree, guide, fake_wording):
    office = tree[1]["zz_office"]
    text = "<script>x</script>\u200b\u3000" + fakes.SEVERE + "\U0001F600" * 3
    services.check_object(guide, {"functions": text}, organisation=guide.organisation, actor=office, hold=True)
    (finding,) = _findings(guide)
    assert text[finding.start:finding.end] == fakes.SEVERE
    row = selectors.panel(guide, office)["rows"][0]
    assert row["may_apply"] and "<script>" in row["before"]


# ---------------------------------------------------------------- the panel and its buttons

def test_panel_offers_apply_to_the_office_and_override_to_the_leader(tree, consultation):
    office, leader = tree[1]["zz_office"], tree[1]["zz_leader"]
    rows = selectors.panel(consultation, office)["rows"]
    assert [(r["may_apply"], r["may_override"]) for r in rows] == [(True, False), (True, False)]
    rows = selectors.panel(consultation, leader)["rows"]
    assert [(r["may_apply"], r["may_override"]) for r in rows] == [(False, True), (False, True)]
    assert selectors.panel(consultation, office)["blocking"] == 2


def _login(client, username):
    from gongkai.organisations.models import User

    client.force_login(User.objects.get(username=username))


def test_apply_button_posts_and_comes_back_to_the_page(client, tree, consultation):
    _login(client, "zz_office")
    page = reverse("engagement_office:consultation", args=[consultation.pk])
    html = client.get(page).content.decode()
    assert f"<mark>{fakes.SEVERE}</mark>" in html and "应用建议" in html
    finding = _findings(consultation).order_by("start").first()
    url = reverse("proofing_office:apply", args=[finding.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": page})
    assert response.status_code == 302 and response["Location"] == page + "#wording"
    consultation.refresh_from_db()
    assert consultation.explanation.count(fakes.SEVERE_FIX) == 1


def test_the_buttons_never_redirect_off_site_and_refusals_are_403(client, tree, consultation):
    finding = _findings(consultation).first()
    _login(client, "zz_office")
    response = client.post(reverse("proofing_office:override", args=[finding.pk]),
                           {"next": "https://evil.example/", "reason": "x"})
    assert response.status_code == 403
    response = client.post(reverse("proofing_office:apply", args=[finding.pk]), {"next": "//evil.example/x"})
    assert response.status_code == 302 and response["Location"] == "/office/#wording"
    assert client.post(reverse("proofing_office:apply", args=[999999])).status_code == 404


def test_the_leader_overrides_from_the_page(client, tree, consultation):
    finding = _findings(consultation).first()
    _login(client, "zz_leader")
    page = reverse("engagement_office:consultation", args=[consultation.pk])
    assert "wording-override" in client.get(page).content.decode()
    client.post(reverse("proofing_office:override", args=[finding.pk]), {"next": page, "reason": "历史沿革"})
    finding.refresh_from_db()
    assert finding.status == "overridden" and finding.override_reason == "历史沿革"
    assert "历史沿革" in client.get(page).content.decode()
