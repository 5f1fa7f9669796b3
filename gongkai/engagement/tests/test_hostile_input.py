"""Every engagement URL, with real and hostile path values, hostile query strings and form bodies,
anonymously and as staff: no answer is a 500 (the project-wide walk covers the same URLs with
fewer real ids)."""
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.engagement.models import CommentGroup, Consultation, DecisionCatalog, Meeting, Message, OpinionEvent

from . import factories as f

HOSTILE = ["0", "9" * 20, "abc\x00", "'\"<x>;--", "a" * 300, "-1"]
FORM_NAMES = ["kind", "name", "phone", "email", "body", "subject", "answer", "challenge", "comments", "group",
              "new_title", "tags", "adoption", "reason", "summary", "record", "year", "title", "unit", "decision_time",
              "hearing", "source", "link", "summary", "first_seen_at", "severity", "text", "held_at", "note",
              "catalog_item", "attendance", "attendees", "minutes", "starts_at", "place", "invitation", "opens_at",
              "closes_at", "report_due", "draft_text", "basis", "explanation", "decision_entry", "number", "secret",
              "consent_publish", "to_leader", "reply_text"]


def _routes():
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)
    return [r for r in walk(get_resolver()) if r.startswith(("participation/", "office/engagement/"))]


@pytest.fixture
def demo(tree):
    f.pin(f.at(2026, 6, 10, 10))
    call_command("load_engagement_demo", stdout=io.StringIO())
    from gongkai.foi.services import Application, foi_request_submit
    from gongkai.foi.tests.factories import synthetic_id

    req = foi_request_submit(organisation=tree[0]["sx-jc-zz"], application=Application(
        applicant_type="natural", applicant_name="测试", id_document_type="id_card", id_number=synthetic_id(),
        phone="13800000000", description="投诉", info_form="electronic", delivery="online"))[0]
    return {
        "pk": str(Consultation.objects.first().pk), "org_code": "sx-jc-zz", "year": "2026",
        "number": Message.objects.first().number, "entry_pk": str(DecisionCatalog.objects.get().entries.first().pk),
        "request_pk": str(req.pk), "action": "publish",
    }, {
        "consultations": Consultation, "groups": CommentGroup, "decisions": DecisionCatalog, "opinions": OpinionEvent,
        "messages": Message, "meetings": Meeting,
    }


def _fill(route, values):
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def test_no_engagement_url_answers_500(demo, users):
    plausible, models = demo
    anonymous, staff = Client(raise_request_exception=False), Client(raise_request_exception=False)
    staff.force_login(users["zz_office"])
    failures, walked = [], 0
    for route in _routes():
        values = dict(plausible)
        first = route.split("/")[2] if route.startswith("office/") else route.split("/")[1]
        if first in models and "<int:pk>" in route:
            values["pk"] = str(models[first].objects.order_by("pk").first().pk)
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        paths = [_fill(route, values)] + [_fill(route, {**values, n: h}) for n in names for h in HOSTILE]
        walked += 1
        for client in (anonymous, staff):
            for path in paths:
                for response in (client.get(path), client.get(path + "?page=abc&phase=%00&organisation=x" * 1)):
                    if response.status_code >= 500:
                        failures.append(("get", path, response.status_code))
            for value in ("abc", "-5", "9" * 20, "\x00", "x" * 6000):
                response = client.post(paths[0], {n: value for n in FORM_NAMES})
                if response.status_code >= 500:
                    failures.append(("post", paths[0], value[:10], response.status_code))
            staff.force_login(users["zz_office"])
    assert walked >= 25 and not failures, failures[:20]


@pytest.mark.parametrize("path", ["/api/engagement/consultations/?phase=%00&organisation=%00",
                                  "/api/engagement/consultations/99999999999999999999",
                                  "/api/engagement/messages/%00", "/api/engagement/decision-catalogs/?year=abc",
                                  "/api/engagement/meetings/?organisation=" + "x" * 500])
def test_api_never_answers_500(demo, client, path):
    assert client.get(path).status_code < 500
