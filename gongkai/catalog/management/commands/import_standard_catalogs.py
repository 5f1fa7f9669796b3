"""Import the two national standard catalogs from the seed text (idempotent)."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.seed_parser import SeedFormatError, parse_seed
from gongkai.catalog.services import template_import

SEED_FILE = "000_88ec8d416793215e.txt"
SOURCE_NOTE = "应急管理部办公厅《安全生产和救灾领域基层政务公开标准目录指引》（应急厅函〔2019〕390号）附件，转引自豫应急办〔2020〕62号附件2。"


class Command(BaseCommand):
    help = "Import the 安全生产 and 救灾 national standard catalogs from seed 000 (re-running changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, default=None, help="path of seed 000 (default: SEEDS_DIR)")

    def handle(self, *args, seed=None, **options):
        path = seed or Path(settings.SEEDS_DIR) / SEED_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read the seed file {path}: {exc}") from exc
        try:
            parsed = parse_seed(text)
        except SeedFormatError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        note = parsed[0].note
        for catalog in parsed:
            obj, changed = template_import(parsed=catalog, source_note=SOURCE_NOTE + ("\n" + note if note else ""))
            flags = sum(len(i.anomalies) for i in catalog.items) + len(catalog.anomalies)
            self.stdout.write(
                f"{obj.title}: {len(catalog.items)} items, {flags} anomaly flags, "
                f"{'imported' if changed else 'unchanged'}"
            )
