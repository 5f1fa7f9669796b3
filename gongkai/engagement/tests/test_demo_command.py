"""load_engagement_demo builds the demo through the services and is idempotent."""
import io

from django.core.management import call_command

from gongkai.engagement import selectors
from gongkai.engagement.models import Consultation, Meeting, Message, OpinionEvent
from gongkai.engagement.management.commands.load_engagement_demo import DEMO_MARK
from gongkai.engagement.states import ConsultationStatus, MessageStatus

from . import factories as f


def test_demo_loads_once(tree):
    f.pin(f.at(2026, 6, 10, 10))
    call_command("load_engagement_demo", stdout=io.StringIO())
    counts = (Consultation.objects.count(), Message.objects.count(), OpinionEvent.objects.count(),
              Meeting.objects.count())
    assert counts == (2, 4, 1, 1)
    # Issue 21 item 8: messages in every state (one of them late), all marked as demo.
    assert set(Message.objects.values_list("status", flat=True)) == set(MessageStatus.values)
    late = Message.objects.get(status=MessageStatus.RECEIVED)
    assert late.due_date < f.clock.today()
    assert all(m.subject.startswith("【演示】") and "演示" in m.name for m in Message.objects.all())
    assert all(c.title.endswith(DEMO_MARK) for c in Consultation.objects.all())
    assert all(m.title.endswith(DEMO_MARK) for m in Meeting.objects.all())
    assert Consultation.objects.filter(status=ConsultationStatus.REPORTED).count() == 1
    assert selectors.open_consultations().count() == 1 and selectors.published_messages().count() == 1
    assert selectors.published_catalogs().get().entries.count() == 2
    out = io.StringIO()
    call_command("load_engagement_demo", stdout=out)
    assert "already loaded" in out.getvalue() and Consultation.objects.count() == 2
