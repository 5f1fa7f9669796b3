"""Every outreach service refuses a wrong actor (wrong role; the same role in another organisation; a
supervisor; anonymous) with PermissionDenied and writes nothing. The transitions are covered row by row in
test_transitions; here the creations, and the meeting live link of gongkai.engagement."""
import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.engagement import services as engagement_services
from gongkai.engagement.models import Meeting
from gongkai.outreach import services
from gongkai.outreach.models import OpenDay, PressConference, SignedArticle

from . import factories as f

NOW = f.at(2026, 6, 10, 10)
LATER = NOW + dt.timedelta(days=8)

CREATIONS = {
    "conference": (PressConference, lambda org, u: services.conference_create(organisation=org, actor=u, data={
        "title": "发布会", "starts_at": LATER, "place": "发布厅", "speakers": "新闻发言人"})),
    "article": (SignedArticle, lambda org, u: services.article_create(organisation=org, actor=u, title="文章",
                                                                      author_post="局长")),
    "open_day": (OpenDay, lambda org, u: services.open_day_create(organisation=org, actor=u, data={
        "title": "开放日", "starts_at": LATER, "place": "局机关", "capacity": 10, "description": "参观",
        "signup_opens_at": NOW, "signup_closes_at": LATER - dt.timedelta(days=1)})),
}


@pytest.mark.parametrize("kind", CREATIONS)
@pytest.mark.parametrize("actor", ["zz_leader", "zz_drafter", "zz_secrecy", "yc_office", "jc_supervisor",
                                   "sx_admin", None])
def test_creations_refuse_a_wrong_actor(tree, kind, actor):
    orgs, users = tree
    f.pin(NOW)
    model, create = CREATIONS[kind]
    count = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        create(orgs["sx-jc-zz"], users[actor] if actor else AnonymousUser())
    assert model.objects.count() == 0 and AuditEvent.objects.count() == count
    create(orgs["sx-jc-zz"], users["zz_office"])
    assert model.objects.count() == 1


@pytest.mark.parametrize("actor", ["zz_leader", "yc_office", "jc_supervisor"])
def test_meeting_live_link_refuses_a_wrong_actor(tree, actor):
    orgs, users = tree
    f.pin(NOW)
    m = engagement_services.meeting_create(organisation=orgs["sx-jc-zz"], actor=users["zz_office"], data={
        "title": "会议", "starts_at": LATER, "place": "会议室", "invitation": "欢迎列席"})
    count = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        engagement_services.meeting_set_live_url(meeting=m, actor=users[actor], live_url="https://live.example.cn/1")
    assert Meeting.objects.get(pk=m.pk).live_url == "" and AuditEvent.objects.count() == count
