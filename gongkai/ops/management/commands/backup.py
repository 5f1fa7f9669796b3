"""Back up the database and the uploaded files into one .tar.gz.

    python manage.py backup [--output PATH]      (default var/backups/gongkai-YYYYmmdd-HHMMSS.tar.gz)
"""
from django.core.management.base import BaseCommand

from gongkai.ops import backup


class Command(BaseCommand):
    help = "Back up the database (one consistent snapshot) and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the .tar.gz to write")

    def handle(self, *args, output=None, **options):
        path = output or backup.default_backup_path()
        manifest = backup.backup_write(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"备份完成：{path}（{rows} 条数据，{len(manifest['files'])} 个文件）")
        for name in manifest["missing_files"]:
            self.stderr.write(f"警告：数据库引用的文件不存在，未能备份：{name}")
