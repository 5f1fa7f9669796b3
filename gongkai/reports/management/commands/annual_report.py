"""Write an organisation's annual report (JSON, .docx or .pdf by extension) and print its checks."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation
from gongkai.reports.checks import run_checks
from gongkai.reports.formats import FormatError, format_for_year, get_format
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import live_tables


class Command(BaseCommand):
    help = "Generate the annual disclosure report of an organisation; exit 1 when a consistency check fails."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="organisation code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format-version", choices=["2019", "2021"], default=None)
        parser.add_argument("--output", type=Path, required=True, help="FILE.json, FILE.docx or FILE.pdf")
        parser.add_argument("--rollup", action="store_true",
                            help="sum the published reports of the organisation and every unit below it (JSON only)")

    def handle(self, *args, organisation, year, format_version, output, rollup=False, **options):
        try:
            org = Organisation.objects.get(code=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"no organisation with code {organisation!r}")
        suffix = output.suffix.lower()
        if rollup:
            if suffix != ".json":
                raise CommandError("--rollup writes JSON: --output must end in .json")
            from gongkai.core.errors import ValidationFailed
            from gongkai.reports.rollup import rollup as compute_rollup

            try:
                data = compute_rollup(org, year).as_dict()
            except ValidationFailed as exc:
                raise CommandError(" ".join([exc.message, *exc.problems]))
            output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            self.stdout.write(f"Wrote {output}: {len(data['included'])} included, {len(data['missing'])} missing, "
                              f"{len(data['late'])} late, {len(data['failed_checks'])} failed check(s).")
            return
        if suffix not in (".json", ".docx", ".pdf"):
            raise CommandError("--output must end in .json, .docx or .pdf")
        try:
            fmt = get_format(format_version) if format_version else format_for_year(year)
        except FormatError as exc:
            raise CommandError(str(exc))
        report = AnnualReport.objects.filter(organisation=org, year=year).first()
        if report is None or report.format_version != fmt["version"]:
            # Not stored: render from the live data with empty narrative sections.
            report = AnnualReport(organisation=org, year=year, format_version=fmt["version"],
                                  manual_figures=report.manual_figures if report else {})
        tables = live_tables(report)
        results = run_checks(tables)
        if suffix == ".json":
            data = tables.as_dict()
            data["checks"] = [{"code": r.code, "ok": r.ok, "message": r.message} for r in results]
            output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            from gongkai.reports import render

            output.write_bytes(render.report_docx(report) if suffix == ".docx" else render.report_pdf(report))
        failed = [r for r in results if not r.ok]
        for r in results:
            self.stdout.write(f"[{'OK' if r.ok else 'FAIL'}] {r.message}")
        self.stdout.write(f"Wrote {output} (format {fmt['version']}).")
        if failed:
            raise CommandError(f"{len(failed)} consistency check(s) failed")
