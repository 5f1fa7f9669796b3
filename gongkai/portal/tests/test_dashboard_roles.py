"""Each role's dashboard shows its own queues, not other roles' work (issue 21 item 13).

The demo data (records of 阳城县, engagement of 泽州县) through the real loaders; one test per role.
"""
import io
from contextlib import redirect_stdout

import pytest
from django.core.management import call_command
from django.urls import reverse

from .conftest import login

ENGAGEMENT = 'id="engagement-dashboard"'
OPINIONS = "待回应的政务舆情"
MESSAGES = "待答复的留言"
READING_ROOM = "待移送查阅点纸质件"
CATALOG_REVIEW = "待审核的目录"


@pytest.fixture
def demo(tree, seed_templates):
    with redirect_stdout(io.StringIO()):
        call_command("load_demo")
        call_command("load_records_demo")
        call_command("load_engagement_demo")
    return tree


def dashboard(client, username) -> str:
    login(client, username)
    return client.get(reverse("office:dashboard")).content.decode()


def test_demo_has_work_in_every_queue(demo):
    from gongkai.engagement.models import Message, OpinionEvent
    from gongkai.records.models import Record

    assert OpinionEvent.objects.filter(organisation__code="sx-jc-zz").exists()
    assert Message.objects.filter(organisation__code="sx-jc-zz").exists()
    assert Record.objects.filter(organisation__code="sx-jc-yc", status="published", reading_room_copy__isnull=True).exists()


def test_the_county_office_sees_opinions_messages_and_its_paper_copies(client, demo):
    html = dashboard(client, "zz_office")
    assert ENGAGEMENT in html and OPINIONS in html and MESSAGES in html
    client.logout()
    assert READING_ROOM in dashboard(client, "yc_office")  # the county whose records are published


def test_the_secrecy_reviewer_sees_no_opinion_or_message_panel(client, demo):
    html = dashboard(client, "zz_secrecy")
    assert ENGAGEMENT not in html and OPINIONS not in html and MESSAGES not in html and READING_ROOM not in html


def test_the_leader_sees_no_opinion_message_or_paper_copy_queue(client, demo):
    html = dashboard(client, "zz_leader")
    assert ENGAGEMENT not in html and OPINIONS not in html and MESSAGES not in html
    client.logout()
    assert READING_ROOM not in dashboard(client, "yc_leader")


def test_the_head_of_the_office_sees_no_engagement_queue(client, demo):
    html = dashboard(client, "zz_office_head")
    assert ENGAGEMENT not in html and READING_ROOM not in html


def test_the_drafting_unit_sees_the_messages_it_answers_but_not_opinions(client, demo):
    html = dashboard(client, "zz_drafter")
    assert MESSAGES in html and OPINIONS not in html and READING_ROOM not in html


@pytest.mark.parametrize("username", ["jc_supervisor", "sx_supervisor"])
def test_supervisors_do_not_carry_a_countys_paper_copies_or_answer_its_messages(client, demo, username):
    html = dashboard(client, username)
    assert READING_ROOM not in html and MESSAGES not in html and OPINIONS not in html


def test_the_administrator_sees_no_office_queue(client, demo):
    html = dashboard(client, "sx_admin")
    assert ENGAGEMENT not in html and READING_ROOM not in html and CATALOG_REVIEW not in html
