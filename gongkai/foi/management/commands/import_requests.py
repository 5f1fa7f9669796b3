"""Import historical disclosure requests from CSV or XLSX (all or nothing).

    python manage.py import_requests --organisation CODE FILE [--dry-run]

The column layout is documented in docs/foi.md. Every invalid row is reported with its line
number; if any row is invalid nothing is written and the command exits with status 1.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.foi.importing import ImportRefused, import_requests
from gongkai.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import historical disclosure requests of one organisation from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. sx-jc-zz")
        parser.add_argument("--dry-run", action="store_true", help="validate only, write nothing")

    def handle(self, *args, file, organisation, dry_run=False, **options):
        org = Organisation.objects.filter(code=organisation).first()
        if org is None:
            raise CommandError(f"机构代码不存在：{organisation}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            report = import_requests(organisation=org, name=path.name, data=path.read_bytes(), dry_run=dry_run,
                                     trusted=True)
        except ImportRefused as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(exc.message) from None
        if dry_run:
            self.stdout.write(f"检查通过：{report.rows} 行数据有效（试运行，未写入）。")
        else:
            self.stdout.write(f"已导入 {report.rows} 件申请：{', '.join(report.created)}")
