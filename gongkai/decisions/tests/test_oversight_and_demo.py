"""What other apps read: the oversight metric and indicator (through sources.py), and the demo."""
import datetime as dt

from django.utils import timezone

from gongkai.core import clock
from gongkai.decisions import services
from gongkai.decisions.demo import load_decisions_demo
from gongkai.decisions.models import Decision
from gongkai.oversight import evaluation, metrics

from .factories import data, pin


def test_the_on_time_rate_indicator_reads_the_register_and_names_its_sources(w):
    office = w.users["zz_office"]
    on_time = services.decision_create(organisation=w.zz, actor=office, data=data())
    late = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕2号"))
    pin(dt.date(2026, 10, 15))
    services.decision_publish(decision=on_time, actor=office)
    pin(dt.date(2026, 10, 30))
    services.decision_publish(decision=late, actor=office)
    period = metrics.Period.of(2026, 4, clock.now())
    scope = {"ids": [w.zz.pk, w.yc.pk]}
    assert metrics.METRICS["decisions_on_time"].compute(scope, period) == {w.zz.pk: 1.0}
    assert metrics.METRICS["decisions_due"].compute(scope, period) == {w.zz.pk: 2.0}
    rows = metrics.METRICS["decisions_on_time"].rows(w.zz, period)
    assert [r.detail.rsplit("；", 1)[1] for r in rows] == ["按时公示", "逾期11个工作日公示"]
    assert rows[0].url == f"/office/decisions/{on_time.pk}/"
    [ind] = [i for i in evaluation.DEFAULT_INDICATORS if i[0] == "dual_publicity"]
    assert ind[4:7] == ("decisions_on_time", "decisions_due", True)
    assert "国办发〔2015〕51号" in ind[-1] and "7个工作日" in ind[-1] and "附件2" in ind[-1]
    assert sum(i[3] for i in evaluation.DEFAULT_INDICATORS) == 100
    indicator = next(i for i in evaluation.default_rows() if i["code"] == "dual_publicity")
    from gongkai.oversight.models import Indicator

    score = evaluation.indicator_score(Indicator(**indicator), {"decisions_on_time": 1.0, "decisions_due": 2.0,
                                                                "records_published": 1.0})
    assert score == 2.5  # half on time: half of 5 points
    nothing = evaluation.indicator_score(Indicator(**indicator), {"decisions_on_time": 0.0, "decisions_due": 0.0,
                                                                  "records_published": 1.0})
    assert nothing == evaluation.NOT_APPLICABLE  # no decision due: no free marks


def test_the_demo_fills_the_register_with_one_overdue_decision_and_is_idempotent(w):
    clock.pin(timezone.now())
    created = load_decisions_demo()
    assert len(created) == 16 and load_decisions_demo() == []
    today = clock.today()
    overdue = [d for d in Decision.objects.all() if d.is_overdue(today)]
    assert {d.organisation.code for d in overdue} == {"sx-jc-zz", "sx-jc-yc"}
    statuses = set(Decision.objects.values_list("status", flat=True))
    assert statuses == {"draft", "published", "withdrawn"}
    assert any(d.is_late for d in Decision.objects.all())
    assert all("演示" in d.subject_name for d in Decision.objects.all())
    person = Decision.objects.filter(subject_type="person").first()
    assert person and person.id_number and not person.credit_code
