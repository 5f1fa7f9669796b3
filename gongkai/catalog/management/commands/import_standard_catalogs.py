"""Import the two national standard catalogs (idempotent).

By default the data shipped in the package (``gongkai/catalog/data``, generated from seed 000) is
imported; ``--seed PATH`` parses a seed file instead (development only).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.seed_parser import SeedFormatError, parse_seed
from gongkai.catalog.services import template_import
from gongkai.catalog.standard_data import load_shipped

SOURCE_NOTE = "应急管理部办公厅《安全生产和救灾领域基层政务公开标准目录指引》（应急厅函〔2019〕390号）附件，转引自豫应急办〔2020〕62号附件2。"


class Command(BaseCommand):
    help = "Import the 安全生产 and 救灾 national standard catalogs shipped with the package (re-running changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, default=None,
                            help="parse this copy of seed 000 instead of the shipped data (development)")

    def handle(self, *args, seed=None, **options):
        if seed is not None:
            try:
                parsed = parse_seed(seed.read_text(encoding="utf-8"))
            except OSError as exc:
                raise CommandError(f"cannot read the seed file {seed}: {exc}") from exc
            except SeedFormatError as exc:
                raise CommandError(f"{seed}: {exc}") from exc
        else:
            try:
                parsed = load_shipped()
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"the shipped catalog data is missing or damaged: {exc}") from exc
        note = parsed[0].note
        for catalog in parsed:
            obj, changed = template_import(parsed=catalog, source_note=SOURCE_NOTE + ("\n" + note if note else ""))
            flags = sum(len(i.anomalies) for i in catalog.items) + len(catalog.anomalies)
            self.stdout.write(
                f"{obj.title}: {len(catalog.items)} items, {flags} anomaly flags, "
                f"{'imported' if changed else 'unchanged'}"
            )
