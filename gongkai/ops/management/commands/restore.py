"""Restore a backup made by `manage.py backup` into an empty installation.

    python manage.py migrate && python manage.py restore PATH
"""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed
from gongkai.ops import backup


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup into an empty, migrated installation."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .tar.gz written by manage.py backup")

    def handle(self, *args, path, **options):
        try:
            manifest = backup.restore_read(path)
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from None
        except Exception as exc:  # whatever else: a Chinese sentence, not a traceback (--traceback shows it)
            if options.get("traceback"):
                raise
            raise CommandError(_("恢复失败，未恢复任何内容：%(error)s") % {"error": f"{type(exc).__name__}: {exc}"[:300]}) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"恢复完成：{rows} 条数据，{len(manifest['files'])} 个文件（备份时间 {manifest['created_at']}）。")
