"""The site inspection: vetoes and deductions from real data, the wording engine's findings, history,
ranking, the evaluation indicator reading the latest run, the pages, exports, the command, wrong actors."""
import datetime as dt
import io
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from gongkai.core import clock
from gongkai.oversight import sources
from gongkai.oversight.inspection import selectors, sweep
from gongkai.oversight.metrics import METRICS, Period
from gongkai.oversight.models import Column, InspectionFinding, InspectionRun
from gongkai.oversight.states import UpdateRule

from .factories import at, record


@dataclass
class FakeFinding:
    start: int
    end: int
    text: str
    kind: str
    severity: str
    suggestion: str
    rule: str
    explanation: str


def fake_engine(monkeypatch):
    """The wording engine's API (gongkai.wording.services.check_text) as the inspection calls it."""
    calls = []

    def check_text(text, *, organisation=None, on_date=None):
        calls.append((organisation.code, on_date))
        out = []
        for word, kind, severity, fix in (("安全生产监督管理局", "outdated_name", "severe", "应急管理局"),
                                          ("再接再励", "typo", "minor", "再接再厉")):
            at_ = text.find(word)
            if at_ >= 0:
                out.append(FakeFinding(at_, at_ + len(word), word, kind, severity, fix, f"rule-{kind}", f"{kind}说明"))
        return out

    monkeypatch.setattr(sources, "wording", lambda: SimpleNamespace(check_text=check_text))
    return calls


def items(run):
    return {i.code: i for i in run.items.all()}


@pytest.fixture
def site(w):
    # 阳城县: fresh news, one periodic column stale, everything else fine; 泽州县: nothing published.
    for n in range(3):
        record(w, w.yc, published_at=at(2026, 11, 10 + n, 9, 0), title=f"阳城县第{n}号通知")
    Column.objects.create(organisation=w.yc, name="工作动态", rule=UpdateRule.MONTHLY,
                          last_manual_update=at(2026, 9, 1, 9, 0))
    Column.objects.create(organisation=w.yc, name="通知公告", rule=UpdateRule.MONTHLY,
                          catalog_keys=[w.items["sx-jc-yc"][0].key])
    return w


def test_dead_links_stale_column_and_typos_cost_points_without_veto(site, monkeypatch):
    w = site
    calls = fake_engine(monkeypatch)
    page = record(w, w.yc, published_at=at(2026, 11, 15, 9, 0), title="隐患排查通知")
    page.body = "望各乡镇再接再励。详见 /records/999999/ 和 /records/999998/ 。"
    page.save()
    run = sweep.inspect(w.yc)
    got = items(run)
    assert not run.vetoed and run.vetoes == 0
    assert (got["dead_links"].count, got["dead_links"].deduction) == (2, 2)
    assert (got["typos"].count, got["typos"].deduction) == (1, pytest.approx(0.5))
    assert (got["columns_stale"].count, got["columns_stale"].deduction) == (1, 2)
    assert run.score == pytest.approx(100 - 2 - 0.5 - 2)
    assert ("sx-jc-yc", dt.date(2026, 11, 15)) in calls  # the document's date, for names and tenures
    typo = run.findings.get(code="typos")
    assert typo.edit_url == f"/office/records/{page.pk}/" and typo.page_url == f"/records/{page.pk}/"
    assert "再接再厉" in typo.detail
    assert run.findings.filter(code="dead_links").count() == 2
    assert got["site_unreachable"].available is False


def test_a_severe_wording_finding_is_a_single_veto(site, monkeypatch):
    fake_engine(monkeypatch)
    page = record(site, site.yc, published_at=at(2026, 11, 16, 9, 0), title="阳城县安全生产监督管理局关于……的通知")
    run = sweep.inspect(site.yc)
    assert run.vetoed and items(run)["serious_wording"].triggered
    assert run.findings.get(code="serious_wording").edit_url == f"/office/records/{page.pk}/"
    assert selectors.report(run)["verdict"] == "不合格（单项否决）"


def test_without_the_wording_engine_the_wording_items_are_not_inspected(site, monkeypatch):
    monkeypatch.setattr(sources, "wording", lambda: None)
    run = sweep.inspect(site.yc)
    assert not run.wording_checked
    assert items(run)["typos"].available is False and items(run)["serious_wording"].triggered is False


def test_idle_home_page_and_empty_columns_are_vetoes(w, monkeypatch):
    monkeypatch.setattr(sources, "wording", lambda: None)
    for n in range(5):
        Column.objects.create(organisation=w.zz, name=f"空栏目{n}", rule=UpdateRule.MONTHLY)
    record(w, w.zz, published_at=at(2026, 10, 1, 9, 0))
    run = sweep.inspect(w.zz)
    got = items(run)
    assert got["homepage_idle"].triggered and got["columns_empty_veto"].triggered and run.vetoes == 2
    assert got["columns_empty"].deduction == 0  # judged by the veto, not twice
    assert run.findings.filter(code="columns_empty_veto").count() == 5
    assert "首页50天未更新" in run.findings.get(code="homepage_idle").text


def test_four_empty_columns_cost_points_instead(w, monkeypatch):
    monkeypatch.setattr(sources, "wording", lambda: None)
    for n in range(4):
        Column.objects.create(organisation=w.yc, name=f"空栏目{n}", rule=UpdateRule.MONTHLY)
    record(w, w.yc, published_at=at(2026, 11, 19, 9, 0))
    got = items(sweep.inspect(w.yc))
    assert not got["columns_empty_veto"].triggered and (got["columns_empty"].count, got["columns_empty"].deduction) == (4, 8)


def test_runs_are_kept_as_history_and_the_evaluation_reads_the_latest(site, monkeypatch):
    w = site
    monkeypatch.setattr(sources, "wording", lambda: None)
    first = sweep.inspect(w.zz)  # nothing published: the home page veto
    assert first.vetoes == 1
    record(w, w.zz, published_at=at(2026, 11, 19, 9, 0))
    second = sweep.inspect(w.zz)
    assert second.vetoes == 0 and selectors.history(w.zz) == [second, first]
    period = Period.of(2026, 4, clock.now())
    assert METRICS["inspection_vetoes"].compute({"ids": [w.zz.pk]}, period) == {w.zz.pk: 0.0}
    InspectionRun.objects.filter(pk=second.pk).update(vetoes=3)  # the figure comes from the stored run
    assert METRICS["inspection_vetoes"].compute({"ids": [w.zz.pk]}, period) == {w.zz.pk: 3.0}
    rows = METRICS["inspection_vetoes"].rows(w.zz, period)
    assert rows[0].url == reverse("oversight:inspection_run", args=[second.pk])


def test_ranking_shares_ranks_and_puts_vetoes_last(site, monkeypatch):
    w = site
    monkeypatch.setattr(sources, "wording", lambda: None)
    sweep.inspect(w.yc)
    sweep.inspect(w.zz)  # vetoed: never published
    rows = selectors.ranking(w.users["jc_supervisor"], w.jc)
    ranked = [(r.organisation.code, r.rank, r.verdict) for r in rows if r.run]
    assert ranked[0][0] == "sx-jc-yc" and ranked[-1] == ("sx-jc-zz", 2, "不合格（单项否决）")
    never = [r for r in rows if r.run is None]
    assert never and all(r.rank > 2 for r in never) and len({r.rank for r in never}) == 1


def test_run_now_wrong_actor_writes_nothing(site, monkeypatch):
    w = site
    monkeypatch.setattr(sources, "wording", lambda: None)
    # wrong role (the leader reads, does not inspect; the head of office), another organisation's office,
    # a supervisor of another branch (泽州县 is a peer, not above)
    from .factories import make_user
    from gongkai.organisations.models import Role
    zz_supervisor = make_user("zz_supervisor_t", w.zz, Role.SUPERVISOR)
    for user in (w.users["yc_leader"], w.users["yc_office_head"], w.users["zz_office"], zz_supervisor):
        with pytest.raises(PermissionDenied):
            sweep.run_now(organisation=w.yc, actor=user)
    assert not InspectionRun.objects.exists() and not InspectionFinding.objects.exists()
    assert sweep.run_now(organisation=w.yc, actor=w.users["yc_office"]).triggered_by == w.users["yc_office"]
    assert sweep.run_now(organisation=w.yc, actor=w.users["jc_supervisor"]).organisation == w.yc


def test_pages_exports_and_who_sees_them(site, monkeypatch):
    w = site
    monkeypatch.setattr(sources, "wording", lambda: None)
    page = record(w, w.yc, published_at=at(2026, 11, 15, 9, 0), title="隐患排查通知")
    page.body = "详见 /records/999999/"
    page.save()
    office = Client()
    office.force_login(w.users["yc_office"])
    resp = office.post(reverse("oversight:inspection", args=["sx-jc-yc"]))
    run = InspectionRun.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("oversight:inspection_run", args=[run.pk])
    html = office.get(reverse("oversight:inspection_run", args=[run.pk])).content.decode()
    assert "/records/999999/" in html and f'href="/office/records/{page.pk}/"' in html and "国办秘函〔2019〕19号" in html
    html = office.get(reverse("oversight:inspection", args=["sx-jc-yc"])).content.decode()
    assert 'id="history"' in html
    xlsx = office.get(reverse("oversight:inspection_export", args=[run.pk, "xlsx"]))
    from openpyxl import load_workbook
    cells = [c.value for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row]
    assert "/records/999999/" in cells and "链接不可用" in cells
    pdf = office.get(reverse("oversight:inspection_export", args=[run.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert office.get(reverse("oversight:inspection_export", args=[run.pk, "doc"])).status_code == 404
    peer = Client()
    peer.force_login(w.users["zz_office"])
    assert peer.get(reverse("oversight:inspection_run", args=[run.pk])).status_code == 404
    assert peer.get(reverse("oversight:inspection", args=["sx-jc-yc"])).status_code == 404
    assert peer.get(reverse("oversight:inspection_export", args=[run.pk, "pdf"])).status_code == 404
    leader = Client()
    leader.force_login(w.users["yc_leader"])
    assert leader.get(reverse("oversight:inspection", args=["sx-jc-yc"])).status_code == 200
    assert leader.post(reverse("oversight:inspection", args=["sx-jc-yc"])).status_code == 403
    assert InspectionRun.objects.count() == 1
    supervisor = Client()
    supervisor.force_login(w.users["jc_supervisor"])
    html = supervisor.get(reverse("oversight:inspection", args=["sx-jc"])).content.decode()
    assert 'id="ranking"' in html and "阳城县应急管理局" in html
    assert office.get("/office/oversight/inspection/99999999999999999999/").status_code == 404


def test_links_page_lists_dead_links_per_page(site, monkeypatch):
    w = site
    page = record(w, w.yc, published_at=at(2026, 11, 15, 9, 0), title="隐患排查通知")
    page.body = "详见 /records/999999/"
    page.save()
    sources.sweep_links([w.yc.pk])
    office = Client()
    office.force_login(w.users["yc_office"])
    html = office.get(reverse("links:links", args=["sx-jc-yc"])).content.decode()
    assert "隐患排查通知" in html and "/records/999999/" in html and "所链接的信息不存在或未公开" in html
    assert office.post(reverse("links:links", args=["sx-jc-yc"])).status_code == 302
    peer = Client()
    peer.force_login(w.users["zz_office"])
    assert peer.get(reverse("links:links", args=["sx-jc-yc"])).status_code == 404
    leader = Client()
    leader.force_login(w.users["yc_leader"])
    assert leader.post(reverse("links:links", args=["sx-jc-yc"])).status_code == 403


def test_command(site, monkeypatch):
    monkeypatch.setattr(sources, "wording", lambda: None)
    out = io.StringIO()
    call_command("site_inspection", "--organisation", "sx-jc-yc", stdout=out)
    assert "inspected 1 organisation(s)" in out.getvalue() and InspectionRun.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("site_inspection", "--organisation", "no-such", stdout=out)


def test_the_wording_engine_itself_finds_typos_on_published_pages(site):
    pytest.importorskip("gongkai.wording.services")
    page = record(site, site.yc, published_at=at(2026, 11, 15, 9, 0), title="隐患排查通知")
    page.body = "截止2026年10月底，全县排查隐患312项，望各乡镇再接再励。"
    page.save()
    run = sweep.inspect(site.yc)
    assert run.wording_checked
    found = {f.text for f in run.findings.filter(code="typos")}
    assert {"正文：【截止】2026年10月底，全县…", "正文：…查隐患312项，望各乡镇【再接再励】。"} <= found, found
    assert not run.findings.filter(code="typos", text__contains="隐患排查").exists()
