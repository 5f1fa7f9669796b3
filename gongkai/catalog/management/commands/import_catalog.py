"""Import a catalog document (JSON, schema gongkai.catalog/1) as a new draft version of an organisation's catalog."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.importing import catalog_import_document, catalog_import_plan
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import a catalog JSON document for an organisation; every problem is listed and nothing is written on error."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the catalog document (.json)")
        parser.add_argument("--organisation", required=True, help="code of the organisation whose catalog is imported")
        parser.add_argument("--user", required=True, help="username of the person importing (needs catalog.edit)")
        parser.add_argument("--dry-run", action="store_true", help="check the document and report what would be written")

    def handle(self, *args, file: Path, organisation: str, user: str, dry_run: bool, **options):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        org = Organisation.objects.filter(code=organisation).first()
        if org is None:
            raise CommandError(f"no organisation with code {organisation!r}")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"no user {user!r}")
        try:
            if dry_run:
                plan = catalog_import_plan(organisation=org, data=raw, actor=actor)
                summary = plan.summary()
                target = f"catalog {summary['catalog']}" if summary["catalog"] else "a new catalog"
                self.stdout.write(
                    f"dry run: {file} is valid; would create version {summary['version']} of {target} "
                    f"for {org.code} with {summary['items']} items ({summary['local']} local, "
                    f"{summary['retired']} retired). Nothing was written."
                )
                return
            version = catalog_import_document(organisation=org, data=raw, actor=actor)
        except DomainError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(exc.message) from exc
        except PermissionDenied as exc:
            raise CommandError(f"{user}: {exc}") from exc
        self.stdout.write(
            f"imported {file}: {version.catalog} version {version.number} (draft, id {version.pk}) "
            f"with {version.items.count()} items"
        )
