"""Create an organisation's task division from seed 003 附件1 (27 tasks; the parsed copy shipped in
gongkai/oversight/data/seed003.json; ``--seed FILE`` parses a seed file instead)."""
from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation
from gongkai.oversight import seedparse, services


class Command(BaseCommand):
    help = "Import the task division of seed 003 附件1 for one or more organisations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--org", action="append", required=True, help="organisation code (repeatable)")
        parser.add_argument("--seed", help="parse this seed file instead of the shipped data")

    def handle(self, *args, org, seed=None, **options):
        data = None
        if seed:
            try:
                with open(seed, encoding="utf-8") as fh:
                    data = seedparse.package_data(fh.read())
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read {seed}: {exc}") from exc
        data = data or services.package_data()
        for code in org:
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                raise CommandError(f"unknown organisation {code!r}")
            result = services.tasks_import(organisation=organisation, actor=None, data=data, trusted=True)
            self.stdout.write(f"{code}: {result['created']} of {len(data['tasks'])} tasks created")
