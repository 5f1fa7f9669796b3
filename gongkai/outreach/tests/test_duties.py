"""Due dates and the figures oversight reads: a conference each quarter (due at quarter end), the head's
attendance, the signed article and the open day once a year (due 31 December); nothing due is 不适用."""
import datetime as dt

import pytest

from gongkai.outreach import selectors, services
from gongkai.oversight import evaluation, metrics
from gongkai.oversight.models import Indicator

from . import factories as f


@pytest.fixture
def w(tree):
    orgs, users = tree

    class W:
        pass

    x = W()
    x.zz, x.yc, x.users, x.office = orgs["sx-jc-zz"], orgs["sx-jc-yc"], users, users["zz_office"]
    f.pin(f.at(2026, 1, 5))
    f.held_conference(x.zz, x.office, f.at(2026, 2, 26, 10), head=True)  # Q1, the head attended
    f.held_conference(x.zz, x.office, f.at(2026, 7, 16, 15))  # Q3; Q2 has none
    return x


def _figure(name, org, year, quarter, now):
    f.pin(now)
    return metrics.METRICS[name].compute({"ids": [org.pk]}, metrics.Period.of(year, quarter, now))[org.pk]


def test_quarters_are_due_at_quarter_end(w):
    assert _figure("press_quarters_missing", w.zz, 2026, 2, f.at(2026, 6, 30, 23)) == 0  # Q2 not yet due
    assert _figure("press_quarters_due", w.zz, 2026, 2, f.at(2026, 6, 30, 23)) == 1  # only Q1 (held)
    assert _figure("press_quarters_missing", w.zz, 2026, 3, f.at(2026, 7, 20)) == 1  # Q2 ended with none
    assert _figure("press_quarters_due", w.zz, 2026, 3, f.at(2026, 7, 20)) == 3  # Q1, Q2 ended; Q3 held
    assert _figure("press_quarters_missing", w.yc, 2026, 4, f.at(2027, 1, 2)) == 4
    duties = selectors.year_duties(w.zz, 2026)
    assert [d.state(dt.date(2026, 12, 1)) for d in duties["quarters"]] == ["done", "missing", "done", "not_due"]
    assert duties["quarters"][1].due == dt.date(2026, 6, 30)


def test_yearly_duties_are_due_on_31_december(w):
    assert _figure("press_conference_done", w.zz, 2026, 2, f.at(2026, 5, 1)) == 1
    assert _figure("press_head_due", w.zz, 2026, 2, f.at(2026, 5, 1)) == 1  # done early: counted
    assert _figure("press_head_missing", w.yc, 2026, 4, f.at(2026, 12, 31, 23)) == 0  # not yet due
    assert _figure("press_head_due", w.yc, 2026, 4, f.at(2026, 12, 31, 23)) == 0
    assert _figure("press_head_missing", w.yc, 2026, 4, f.at(2027, 1, 1, 8)) == 1
    assert _figure("signed_article_missing", w.zz, 2026, 4, f.at(2027, 1, 1, 8)) == 1
    f.pin(f.at(2026, 9, 1))
    a = f.article(w.zz, w.office)
    services.article_publish(article=a, actor=w.office, outlet="晋城日报", published_on=dt.date(2026, 8, 30),
                             url="https://news.example.cn/1")
    assert _figure("signed_articles", w.zz, 2026, 3, f.at(2026, 9, 1)) == 1
    assert _figure("signed_article_missing", w.zz, 2026, 4, f.at(2027, 1, 1, 8)) == 0
    assert _figure("open_day_missing", w.zz, 2026, 4, f.at(2027, 1, 1, 8)) == 1
    yearly = selectors.year_duties(w.zz, 2026)["yearly"]
    assert [d.state(dt.date(2027, 1, 1)) for d in yearly] == ["done", "done", "missing"]


def _indicator(code):
    row = next(r for r in evaluation.DEFAULT_INDICATORS if r[0] == code)
    _c, cat, name, weight, metric, base, higher, target, source = row
    return Indicator(code=code, category=cat, name=name, weight=weight, metric=metric, base_metric=base,
                     higher_is_better=higher, target=target, source=source)


def test_indicators_score_the_duties_and_name_their_documents(w):
    values = {m: metrics.METRICS[m].compute({"ids": [w.zz.pk]}, metrics.Period.of(2026, 3, f.at(2026, 7, 20))).get(w.zz.pk, 0.0)
              for m in ("press_quarters_missing", "press_quarters_due", "press_head_missing", "press_head_due",
                        "signed_article_missing", "signed_article_due", "records_published")}
    assert evaluation.indicator_score(_indicator("press_quarterly"), values) == round(3 * (1 - 1 / 3), 2)
    assert evaluation.indicator_score(_indicator("press"), values) == 3.0  # the head attended in Q1
    assert evaluation.indicator_score(_indicator("article"), values) == evaluation.NOT_APPLICABLE  # not yet due
    for code in ("press_quarterly", "press", "article", "open_day", "live"):
        source = _indicator(code).source
        assert source.startswith("《") and "》" in source and "internal" not in source


def test_the_drill_down_lists_the_duties(w):
    f.pin(f.at(2026, 7, 20))
    period = metrics.Period.of(2026, 3, f.at(2026, 7, 20))
    rows = metrics.METRICS["press_quarters_missing"].rows(w.zz, period)
    assert [r.title for r in rows] == ["第1季度新闻发布会", "第2季度新闻发布会", "第3季度新闻发布会", "第4季度新闻发布会"]
    assert "逾期未完成" in rows[1].detail and rows[1].url.startswith("/office/outreach/orgs/sx-jc-zz/duties/")


def test_the_overview_agrees_with_the_duties_of_each_organisation(w):
    today = dt.date(2026, 8, 1)
    rows = {r["organisation"].code: r for r in selectors.overview(w.users["jc_supervisor"], 2026, today)}
    for org in (w.zz, w.yc):
        states = [x.state(today) for group in selectors.year_duties(org, 2026).values() for x in group]
        assert (rows[org.code]["done"], rows[org.code]["missing"], rows[org.code]["not_due"]) == (
            states.count("done"), states.count("missing"), states.count("not_due"))
    assert (rows["sx-jc-zz"]["done"], rows["sx-jc-zz"]["missing"]) == (3, 1)
