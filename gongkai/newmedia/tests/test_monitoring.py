"""Update monitoring: the stale rule at its boundary, the log behind past quarters, the figures oversight reads,
and the indicator in the evaluation (a stale account is a 单项否决)."""
import datetime as dt

import pytest

from gongkai.core import clock
from gongkai.newmedia import rules, selectors, services
from gongkai.oversight import evaluation, metrics
from gongkai.oversight.models import Indicator

from . import factories as f
from .conftest import SH


def test_stale_after_two_weeks_not_on_the_fourteenth_day():
    today = dt.date(2026, 6, 10)
    assert not rules.is_stale(dt.date(2026, 5, 27), None, today)  # 14 days ago: inside "前2周内"
    assert rules.is_stale(dt.date(2026, 5, 26), None, today)  # 15 days
    assert not rules.is_stale(None, dt.date(2026, 6, 1), today)  # new account: grace from registration
    assert rules.is_stale(None, dt.date(2026, 5, 1), today)
    assert rules.freshness(dt.date(2026, 5, 31), None, today) == "warn"  # 10 days: the office is warned
    assert rules.freshness(dt.date(2026, 6, 1), None, today) == "ok"


def test_the_limit_is_a_setting(settings):
    settings.GONGKAI_NEWMEDIA_STALE_DAYS = 7
    assert rules.is_stale(dt.date(2026, 6, 2), None, dt.date(2026, 6, 10))


@pytest.mark.django_db
def test_figures_follow_the_update_log_at_each_monitoring_date(w):
    account = f.account(w, registered_days_ago=60)
    services.account_record_update(account=account, actor=w.zz_office, published_on="2026-05-20")
    today = dt.date(2026, 6, 10)
    assert selectors.supervision_active_counts([w.zz.pk, w.yc.pk], today) == {w.zz.pk: 1}
    assert selectors.supervision_stale_counts([w.zz.pk], today) == {w.zz.pk: 1}  # 21 days
    assert selectors.supervision_stale_counts([w.zz.pk], dt.date(2026, 5, 30)) == {}  # 10 days then
    assert selectors.supervision_active_counts([w.zz.pk], dt.date(2026, 4, 1)) == {}  # not yet opened
    services.account_record_update(account=account, actor=w.zz_office, published_on="2026-06-08")
    assert selectors.supervision_stale_counts([w.zz.pk], today) == {}
    # The figure of the earlier date does not change with a later update.
    assert selectors.supervision_stale_counts([w.zz.pk], dt.date(2026, 6, 5)) == {w.zz.pk: 1}
    [row] = selectors.supervision_account_list(w.zz.pk, dt.date(2026, 6, 5))
    assert row["stale"] and "单项否决" in row["detail"] and row["date"] == dt.date(2026, 5, 20)


@pytest.mark.django_db
def test_a_closed_account_no_longer_counts(w):
    account = f.account(w, registered_days_ago=60)
    services.request_carry_out(request=f.approved(w, kind="close", account=account), actor=w.zz_office,
                               done_on="2026-06-10")
    assert selectors.supervision_active_counts([w.zz.pk], dt.date(2026, 6, 10)) == {}
    assert selectors.supervision_active_counts([w.zz.pk], dt.date(2026, 6, 9)) == {w.zz.pk: 1}


def _indicator():
    row = next(r for r in evaluation.default_rows() if r["code"] == "newmedia")
    return Indicator(**row)


@pytest.mark.django_db
def test_metric_and_indicator(w):
    fresh = f.account(w, registered_days_ago=60)
    stale = f.account(w, registered_days_ago=60, name="泽州应急", platform="douyin")
    services.account_record_update(account=fresh, actor=w.zz_office, published_on="2026-06-09")
    services.account_record_update(account=stale, actor=w.zz_office, published_on="2026-05-01")
    period = metrics.Period.of(2026, 2, clock.now())
    scope = {"ids": [w.zz.pk, w.yc.pk]}
    assert metrics.METRICS["newmedia_active"].compute(scope, period) == {w.zz.pk: 2.0}
    assert metrics.METRICS["newmedia_stale"].compute(scope, period) == {w.zz.pk: 1.0}
    [row] = metrics.METRICS["newmedia_stale"].rows(w.zz, period)
    assert "泽州应急" in row.title
    ind = _indicator()
    values = {"newmedia_stale": 1.0, "newmedia_active": 2.0, "records_published": 3.0}
    assert evaluation.indicator_score(ind, values) == 1.5  # half (of 3 points) the accounts updated within the limit
    assert evaluation.score([ind], values)["vetoed"] is True  # and any stale account is a veto
    ok = {"newmedia_stale": 0.0, "newmedia_active": 2.0, "records_published": 3.0}
    assert evaluation.indicator_score(ind, ok) == 3.0 and evaluation.score([ind], ok)["vetoed"] is False
    none = {"newmedia_stale": 0.0, "newmedia_active": 0.0, "records_published": 3.0}
    assert evaluation.indicator_score(ind, none) == evaluation.NOT_APPLICABLE


def test_the_indicator_names_its_documents():
    row = next(r for r in evaluation.DEFAULT_INDICATORS if r[0] == "newmedia")
    assert "国办秘函〔2019〕19号" in row[-1] and "国办发〔2018〕123号" in row[-1] and row[-1].startswith("《")
    assert sum(r[3] for r in evaluation.DEFAULT_INDICATORS) == 100
    assert "newmedia_stale" in evaluation.VETO_METRICS


@pytest.mark.django_db
def test_a_past_quarter_is_judged_on_its_last_day(w):
    account = f.account(w, registered_days_ago=120)
    clock.pin(dt.datetime(2026, 3, 25, 10, tzinfo=SH))
    services.account_record_update(account=account, actor=w.zz_office, published_on="2026-03-25")
    clock.pin(dt.datetime(2026, 6, 10, 10, tzinfo=SH))
    q1 = metrics.Period.of(2026, 1, clock.now())
    assert metrics.METRICS["newmedia_stale"].compute({"ids": [w.zz.pk]}, q1) == {}  # 6 days before 31 March
    q2 = metrics.Period.of(2026, 2, clock.now())
    assert metrics.METRICS["newmedia_stale"].compute({"ids": [w.zz.pk]}, q2) == {w.zz.pk: 1.0}


@pytest.mark.django_db
def test_the_running_quarter_is_judged_on_beijing_today(w):
    """At 02:00 Beijing time it is still the previous day in UTC: the monitoring day is Beijing's."""
    account = f.account(w, registered_days_ago=60)
    services.account_record_update(account=account, actor=w.zz_office, published_on="2026-05-27")
    clock.pin(dt.datetime(2026, 6, 11, 2, tzinfo=SH))  # 15 days after 27 May in Beijing, 14 in UTC
    period = metrics.Period.of(2026, 2, clock.now())
    assert metrics.METRICS["newmedia_stale"].compute({"ids": [w.zz.pk]}, period) == {w.zz.pk: 1.0}
