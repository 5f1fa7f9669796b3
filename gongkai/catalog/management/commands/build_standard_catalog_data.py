"""Regenerate the shipped national catalogs (gongkai/catalog/data/*.json) from seed 000."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.seed_parser import SeedFormatError, parse_seed
from gongkai.catalog.standard_data import SEED_FILE, write_shipped


class Command(BaseCommand):
    help = "Parse seed 000 and write the shipped standard catalog data (a development step; commit the result)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, default=None, help="path of seed 000 (default: SEEDS_DIR)")
        parser.add_argument("--output", type=Path, default=None, help="directory to write (default: the package's data/)")

    def handle(self, *args, seed=None, output=None, **options):
        path = seed or Path(settings.SEEDS_DIR) / SEED_FILE
        try:
            parsed = parse_seed(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"cannot read the seed file {path}: {exc}") from exc
        except SeedFormatError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        for written in write_shipped(parsed, output):
            self.stdout.write(f"wrote {written}")
