"""Issue 21 item 4: the minimum public comment period by kind (30 days for major administrative decisions and
draft rules, 7 working days for normative documents), and a shorter period only with a published reason."""
import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.engagement import periods, services
from gongkai.engagement.models import Consultation
from gongkai.engagement.states import ConsultationKind as K, ConsultationStatus

from . import factories as f

OPENS = f.at(2026, 6, 1, 9)  # Monday


@pytest.fixture(autouse=True)
def now():
    f.pin(f.at(2026, 5, 20))


@pytest.mark.parametrize("kind,closes,short", [
    (K.MAJOR_DECISION, f.at(2026, 7, 1, 17), False),   # open on the 30th day after the opening day
    (K.MAJOR_DECISION, f.at(2026, 7, 1, 0), True),     # comments end on 30 June: 29 days
    (K.MAJOR_DECISION, f.at(2026, 6, 2, 9), True),     # the one-day consultation of the issue
    (K.RULE, f.at(2026, 7, 1, 9, 1), False),
    (K.RULE, f.at(2026, 6, 30, 23, 59), True),
    (K.NORMATIVE, f.at(2026, 6, 10, 17), False),       # the 7th working day after Monday 1 June is 10 June
    (K.NORMATIVE, f.at(2026, 6, 9, 17), True),
])
def test_minimum_period_by_kind(zz, office, kind, closes, short):
    assert periods.is_short(kind, OPENS, closes) is short
    if short:
        with pytest.raises(ValidationFailed) as exc:
            f.consultation(zz, office, opens=OPENS, closes=closes, kind=kind, publish=False)
        assert any("征求意见期限短于规定" in p for p in exc.value.problems)
        assert not Consultation.objects.exists()
    else:
        c = f.consultation(zz, office, opens=OPENS, closes=closes, kind=kind)
        assert c.status == ConsultationStatus.CONSULTING and c.shortened_reason == ""


def test_a_shorter_period_needs_a_reason_that_the_public_sees(zz, office, client):
    reason = "上级部署的专项整治须于6月5日前出台，征求意见期限相应缩短。"
    c = f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 6, 4, 17), kind=K.NORMATIVE,
                       short_period_reason=reason)
    assert c.status == ConsultationStatus.CONSULTING and c.shortened_reason == reason
    page = client.get(f"/participation/consultations/{c.pk}/").content.decode()
    assert "征求意见期限短于规定期限的说明" in page and reason in page and "行政规范性文件" in page
    # A long enough period shows no such note, even if a reason was typed.
    long = f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 7, 10, 17), short_period_reason="无")
    assert "征求意见期限短于规定期限的说明" not in client.get(f"/participation/consultations/{long.pk}/").content.decode()


def test_a_draft_from_before_the_rule_cannot_be_published_without_a_reason(zz, office):
    c = f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 7, 10, 17), publish=False)
    Consultation.objects.filter(pk=c.pk).update(closes_at=f.at(2026, 6, 2, 9))  # as stored before the rule
    with pytest.raises(InvalidTransition, match="征求意见期限短于规定"):
        services.consultation_publish(consultation=Consultation.objects.get(pk=c.pk), actor=office)
    assert Consultation.objects.get(pk=c.pk).status == ConsultationStatus.DRAFT


def test_a_consultation_on_a_catalog_decision_is_a_major_decision(zz, office):
    entry = f.catalog(zz, office).entries.get()
    with pytest.raises(ValidationFailed) as exc:
        f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 7, 10, 17), decision_entry=entry, publish=False)
    assert any("重大行政决策" in p for p in exc.value.problems)
    c = f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 7, 10, 17), decision_entry=entry,
                       kind=K.MAJOR_DECISION, publish=False)
    assert c.decision_entry_id == entry.pk


def test_the_settings_override_a_minimum(zz, office, settings):
    settings.ENGAGEMENT_MIN_CONSULTATION_PERIODS = {K.NORMATIVE: (10, "working_days", "本省规定")}
    assert periods.is_short(K.NORMATIVE, OPENS, f.at(2026, 6, 10, 17))
    assert "本省规定" in periods.minimum(K.NORMATIVE, OPENS).text
    assert periods.minimum(K.NORMATIVE, OPENS).last_day == dt.date(2026, 6, 15)


def test_the_office_form_offers_kind_and_reason(zz, office, client):
    client.force_login(office)
    page = client.get("/office/engagement/orgs/sx-jc-zz/consultations/new/").content.decode()
    assert 'name="kind"' in page and 'name="short_period_reason"' in page
    data = {"title": "征求意见稿", "kind": "major_decision", "draft_text": "草案", "basis": "依据", "explanation": "说明",
            "opens_at": "2026-06-01T09:00", "closes_at": "2026-06-10T17:00"}
    refused = client.post("/office/engagement/orgs/sx-jc-zz/consultations/new/", data)
    assert refused.status_code == 200 and "征求意见期限短于规定" in refused.content.decode()
    ok = client.post("/office/engagement/orgs/sx-jc-zz/consultations/new/", {**data, "short_period_reason": "情况紧急"})
    assert ok.status_code == 302 and Consultation.objects.get().shortened_reason == "情况紧急"


def test_the_api_gives_the_kind_and_the_published_reason(zz, office, client):
    c = f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 6, 4, 17), short_period_reason="情况紧急")
    detail = client.get(f"/api/engagement/consultations/{c.pk}").json()
    assert (detail["kind"], detail["kind_label"], detail["shortened_reason"]) == ("normative", "行政规范性文件", "情况紧急")


def test_an_unknown_kind_is_refused(zz, office):
    """Guard sampling: the kind check of the consultation data (the service is not only called by the form)."""
    with pytest.raises((ValidationFailed, KeyError)) as exc:
        f.consultation(zz, office, opens=OPENS, closes=f.at(2026, 7, 10, 17), kind="bogus", publish=False)
    assert exc.type is ValidationFailed and "请选择征求意见事项类别。" in exc.value.problems
    assert not Consultation.objects.exists()
