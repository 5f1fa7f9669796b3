"""Export a catalog version as the JSON document, the official xlsx table or the printable PDF."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.exports import catalog_json, catalog_pdf, catalog_xlsx
from gongkai.catalog.models import Catalog

RENDERERS = {"json": catalog_json, "xlsx": catalog_xlsx, "pdf": catalog_pdf}


class Command(BaseCommand):
    help = "Export one catalog version (default: the published one, else the latest) as json, xlsx or pdf."

    def add_arguments(self, parser):
        parser.add_argument("--catalog", type=int, required=True, help="catalog id")
        parser.add_argument("--catalog-version", dest="version_number", type=int, default=None, help="version number")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="json")
        parser.add_argument("--output", type=Path, required=True, help="file to write")

    def handle(self, *args, catalog: int, version_number, format: str, output: Path, **options):
        obj = Catalog.objects.filter(pk=catalog).select_related("organisation").first()
        if obj is None:
            raise CommandError(f"no catalog with id {catalog}")
        if version_number is not None:
            version = obj.versions.filter(number=version_number).first()
        else:
            version = obj.published_version or obj.latest_version
        if version is None:
            raise CommandError(f"catalog {catalog} has no version {version_number or ''}".rstrip())
        data = RENDERERS[format](obj, version)
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        self.stdout.write(f"{obj.title} v{version.number} → {output} ({format}, {len(data)} bytes)")
