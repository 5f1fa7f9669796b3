"""The rollup of the annual-report statistics over a subtree (issue 24 item 6, first part): count cells
add up cell by cell; units without a published report are missing; the command writes the keys."""
import json

from django.core.management import call_command

from gongkai.reports import rollup
from gongkai.reports.demo import load_reports_demo


def _numbers(tree, path=()):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _numbers(value, path + (key,))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield path + (key,), value


def test_the_rollup_is_the_cell_wise_sum_of_the_included_units(tree, tmp_path):
    orgs, _users = tree
    load_reports_demo()  # both counties publish their last two years' reports
    from gongkai.core import clock
    from gongkai.reports.models import AnnualReport
    year = clock.today().year - 1
    # A county's figure entered by hand, so the sum is not all zeros.
    zz = AnnualReport.objects.get(organisation=orgs["sx-jc-zz"], year=year)
    yc = AnnualReport.objects.get(organisation=orgs["sx-jc-yc"], year=year)
    # Distinct figures in the two published snapshots, so the sum cannot be right by accident.
    path = next(p for p, _v in _numbers(zz.snapshot["tables"]["三、收到和处理政府信息公开申请情况"]))
    for report, value in ((zz, 3), (yc, 4)):
        node = report.snapshot["tables"]["三、收到和处理政府信息公开申请情况"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        report.save(update_fields=["snapshot"])
    data = rollup.rollup(orgs["sx-jc"], year)
    node = data["三、收到和处理政府信息公开申请情况"]
    for key in path:
        node = node[key]
    assert node == 7
    assert sorted(data["included"]) == ["sx-jc-yc", "sx-jc-zz"]
    assert "sx-jc" in data["missing"] and data["failed_checks"] == []
    # The demo publishes today, after 31 January of the following year: late, and still counted.
    assert sorted(data["late"]) == ["sx-jc-yc", "sx-jc-zz"]
    for section in rollup.SECTIONS:
        assert section in data
    sums = dict(_numbers({s: data[s] for s in rollup.SECTIONS}))
    parts = [dict(_numbers({s: r.snapshot["tables"][s] for s in rollup.SECTIONS})) for r in (zz, yc)]
    assert sums and all(sums[k] == sum(p.get(k, 0) or 0 for p in parts) for k in sums)
    out = tmp_path / "rollup.json"
    call_command("annual_report", "--organisation", "sx-jc", "--year", str(year), "--rollup", "--output", str(out),
                 stdout=open("/dev/null", "w"))
    written = json.loads(out.read_text("utf-8"))
    assert {"included", "missing", "late", "failed_checks", *rollup.SECTIONS} <= set(written)
    assert written["included"] == data["included"]
