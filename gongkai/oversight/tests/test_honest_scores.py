"""Issue 24 items 1–5: no free marks, a veto is a veto, ties share a rank, messages are late by the
seeds' rule, sources in words and rates as percentages."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse

from gongkai.core import clock
from gongkai.oversight import evaluation, metrics, selectors, services
from gongkai.oversight.models import Indicator, Score
from gongkai.oversight.templatetags.oversight_tags import target_text

from .factories import at
from .test_services import _province_set, message


def _ind(code, metric, weight, target, higher=False, base=""):
    return Indicator(code=code, category="c", name=code, weight=Decimal(weight), metric=metric, base_metric=base,
                     higher_is_better=higher, target=Decimal(str(target)))


def _default_indicators():
    return [Indicator(**r) for r in evaluation.default_rows()]


# ------------------------------------------------------------------ 1. no free marks

def test_lower_is_better_with_nothing_to_measure_is_not_applicable_and_its_weight_redistributed():
    late = _ind("foi", "requests_late", 50, 3)
    published = _ind("pub", "records_published", 50, 10, higher=True)
    nothing_due = {"requests_late": 0, "requests_due": 0, "records_published": 5}
    assert evaluation.indicator_score(late, nothing_due) == evaluation.NOT_APPLICABLE
    result = evaluation.score([late, published], nothing_due)
    assert result["not_applicable"] == ["foi"] and result["breakdown"]["foi"] is None
    assert result["total"] == 50.0  # 25 of the applicable 50 points, out of 100 — not 75 with a free 50
    # Something to measure and nothing late: full marks are earned.
    assert evaluation.indicator_score(late, {"requests_late": 0, "requests_due": 4}) == 50.0


def test_an_organisation_that_published_nothing_earns_no_free_marks():
    nothing = {m: 0.0 for m in metrics.METRICS}
    nothing.update({"homepage_idle_days": float(metrics.NEVER), "inspection_vetoes": 1.0, "progress_late": 1.0})
    result = evaluation.score(_default_indicators(), nothing)
    assert result["total"] == 0.0  # it scored 55 before: "lower is better" gave full marks for nothing
    for code in ("publish", "publish_on_time", "interpret", "interpret_forms", "columns"):
        assert result["breakdown"][code] == 0.0  # publishing indicators score 0, never 不适用
    # The outreach duties (press conferences, the head's attendance and article, the open day, live broadcasts)
    # have nothing due or held yet in this world: 不适用 too, never free marks. No 政务新媒体 account is registered either.
    assert set(result["not_applicable"]) == {"foi_on_time", "opinion", "messages", "repost", "dual_publicity",
                                             "press_quarterly", "press", "article", "open_day", "live",
                                             "newmedia"}


def test_a_rate_with_no_base_is_not_applicable():
    forms = _ind("forms", "interpretations_non_text", 10, "0.3", higher=True, base="interpretations")
    assert evaluation.indicator_score(forms, {"interpretations_non_text": 0, "interpretations": 0,
                                              "records_published": 3}) == evaluation.NOT_APPLICABLE
    assert evaluation.indicator_score(forms, {"interpretations_non_text": 1, "interpretations": 4,
                                              "records_published": 3}) == round(10 * 0.25 / 0.3, 2)


# ------------------------------------------------------------------ 2. a veto is a veto; 3. ties share a rank

def _scores(w, s, totals):
    """Store scores for the organisations below the province: {org: (total, vetoed)}."""
    for org, (total, vetoed) in totals.items():
        Score.objects.create(indicator_set=s, organisation=org, quarter=4, total=total, breakdown={},
                             vetoed=vetoed, computed_at=clock.now())


def test_a_veto_ranks_last_whatever_the_points_and_ties_share_a_rank(w):
    s = _province_set(w)
    o = w.orgs
    _scores(w, s, {o["sx-jc"]: (80.0, False), o["sx-jc-zz"]: (70.0, False), o["sx-jc-yc"]: (70.0, False),
                   w.zz.children.first(): (60.0, False), w.yc.children.first(): (95.0, True)})
    rows = selectors.ranking_for(w.users["sx_supervisor"], w.sx, s, 4)
    assert [(r.organisation.code, r.rank) for r in rows][:4] == [("sx-jc", 1), ("sx-jc-yc", 2), ("sx-jc-zz", 2),
                                                                   (w.zz.children.first().code, 4)]
    assert rows[-1].vetoed and rows[-1].rank == 5 and rows[-1].total == 95.0


def test_scoring_marks_a_veto(w):
    result = evaluation.score(_default_indicators(), {"inspection_vetoes": 1.0, "records_published": 9.0})
    assert result["vetoed"] is True
    assert evaluation.score(_default_indicators(), {"inspection_vetoes": 0.0})["vetoed"] is False


def _row(code, total, vetoed=False):
    return SimpleNamespace(organisation=SimpleNamespace(code=code), total=total, vetoed=vetoed, rank=0)


def test_ranks_are_shared_by_equal_totals():
    rows = selectors.share_ranks([_row("a", 90), _row("b", 80), _row("c", 80), _row("d", 70)])
    assert [r.rank for r in rows] == [1, 2, 2, 4]


def test_the_notice_names_every_tied_organisation_at_the_bottom():
    rows = selectors.share_ranks([_row("a", 90), _row("b", 85), _row("c", 80)]
                                 + [_row(x, 50) for x in "defgh"])
    best, worst = selectors.top_and_bottom(rows)
    assert [r.organisation.code for r in best] == ["a", "b", "c"]
    assert sorted(r.organisation.code for r in worst) == list("defgh")  # five tied: all five, not three of them
    # Everyone tied: nobody is singled out.
    assert selectors.top_and_bottom(selectors.share_ranks([_row(x, 50) for x in "abcde"])) == ([], [])
    # A vetoed organisation is among the last, whatever its points.
    rows = selectors.share_ranks([_row("a", 90), _row("b", 85), _row("c", 80), _row("d", 70), _row("e", 60),
                                  _row("v", 99, vetoed=True)])
    assert [r.organisation.code for r in selectors.top_and_bottom(rows)[1]][0] == "v"


def test_the_dashboard_and_notice_show_veto_ties_and_the_rule(w, client):
    s = _province_set(w)
    o = w.orgs
    _scores(w, s, {o["sx-jc"]: (80.0, False), o["sx-jc-zz"]: (70.0, False), o["sx-jc-yc"]: (70.0, True)})
    client.force_login(w.users["sx_supervisor"])
    page = client.get(reverse("oversight:evaluation", args=["sx"]) + "?year=2026&quarter=4").content.decode()
    assert "不合格（单项否决）" in page and "不适用" in page
    from gongkai.oversight.views.evaluation import _notice_context
    from django.test import RequestFactory
    request = RequestFactory().get("/?year=2026&quarter=4")
    request.user = w.users["sx_supervisor"]
    ctx = _notice_context(request, "sx")
    assert [r.rank for r in ctx["ranking"]] == [1, 2, 3]
    assert "不适用" in str(ctx["rule"])


# ------------------------------------------------------------------ 4. messages late by the seeds' rule

def test_messages_answered_after_their_working_day_deadline_are_late(w):
    received = dt.date(2026, 10, 9)
    on_time = message(w, w.yc, received=received, answered=received + dt.timedelta(days=5))
    late = message(w, w.yc, received=received, answered=received + dt.timedelta(days=60))  # ≈ 40 working days
    never = message(w, w.yc, received=received)
    for m, due in ((on_time, 9), (late, 9), (never, 9)):  # 7 working days from 9 October
        m.due_date = received + dt.timedelta(days=due)
        m.save()
    period = metrics.Period.of(2026, 4, clock.now())
    assert metrics.messages_late({"ids": [w.yc.pk]}, period) == {w.yc.pk: 2.0}
    assert metrics.messages_due({"ids": [w.yc.pk]}, period) == {w.yc.pk: 3.0}
    titles = {r.title for r in metrics.METRICS["messages_late"].rows(w.yc, period)}
    assert titles == {late.subject, never.subject}
    # The 3-month rule of the inspection is not the answer deadline: none of them is 3 months old yet.
    assert metrics.messages_unanswered({"ids": [w.yc.pk]}, period) == {}
    assert next(i for i in evaluation.DEFAULT_INDICATORS if i[0] == "messages")[4] == "messages_late"


# ------------------------------------------------------------------ 5. sources in words, rates as percentages

def test_sources_name_documents_never_internal_notes():
    for row in evaluation.DEFAULT_INDICATORS:
        source = row[-1]
        assert "seed" not in source.lower() and "FACTS" not in source and "§" not in source, source
        assert source.startswith("《"), source
    assert "国办秘函〔2019〕19号" in next(r for r in evaluation.DEFAULT_INDICATORS if r[0] == "inspection")[-1]


def test_targets_of_rates_show_as_percentages():
    assert target_text(_ind("f", "interpretations_non_text", 5, "0.3", higher=True, base="interpretations")) == "≥30%"
    assert target_text(_ind("p", "records_published", 15, 30, higher=True)) == "≥30"
    assert "5" in target_text(_ind("o", "records_overdue", 10, 5)) and "%" not in target_text(
        _ind("o", "records_overdue", 10, 5))


def test_the_organisation_page_shows_percent_targets_and_document_sources(w, client):
    s = _province_set(w)
    evaluation.refresh(year=2026)
    client.force_login(w.users["sx_supervisor"])
    page = client.get(reverse("oversight:evaluation_org", args=["sx", "sx-jc-yc"]) + "?year=2026&quarter=4")
    text = page.content.decode()
    assert page.status_code == 200 and "≥30%" in text and "≥0.3" not in text
    assert "seed 000" not in text and "FACTS" not in text and "国办秘函〔2019〕19号" in text
    assert s.indicators.get(code="messages").metric == "messages_late"
    assert services  # the set was created through the service


# ------------------------------------------------------------------ years in the English interface

def test_years_read_as_years_in_english(w, client):
    """A year followed by a translated fragment read “2026Year …”; whole phrases are translated now."""
    from django.conf import settings

    s = _province_set(w)
    evaluation.refresh(year=2026)
    client.force_login(w.users["yc_office"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("oversight:accountabilities", args=["sx-jc-yc"]) + "?year=2026").content.decode()
    assert "Yearly responsibilities, 2026" in page and "2026Year" not in page and "2026Annual" not in page
    client.force_login(w.users["sx_supervisor"])
    page = client.get(reverse("oversight:evaluation_org", args=["sx", "sx-jc-yc"]) + "?year=2026&quarter=4")
    assert "Evaluation score, 2026 Q4" in page.content.decode()
    page = client.get(reverse("oversight:indicator_set", args=[s.pk])).content.decode()
    assert "2026, version 1" in page
