"""Back up the database and the uploaded files into one .tar.gz.

    python manage.py backup [--output PATH] [--keep N]

Default: var/backups/gongkai-YYYYmmdd-HHMMSS.tar.gz; --keep N then deletes all but the newest N
backups in that directory (the scheduled nightly backup: GONGKAI_SCHEDULED_COMMANDS="backup=02:30").
"""
from django.core.management.base import BaseCommand

from gongkai.ops import backup


class Command(BaseCommand):
    help = "Back up the database (one consistent snapshot) and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the .tar.gz to write")
        parser.add_argument("--keep", type=int, default=14,
                            help="in the default directory, keep only the newest N backups (default 14; 0 keeps all)")

    def handle(self, *args, output=None, keep=14, **options):
        path = output or backup.default_backup_path()
        manifest = backup.backup_write(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"备份完成：{path}（{rows} 条数据，{len(manifest['files'])} 个文件）")
        for name in manifest["missing_files"]:
            self.stderr.write(f"警告：数据库引用的文件不存在，未能备份：{name}")
        if output is None and keep > 0:
            for old in sorted(path.parent.glob("gongkai-*.tar.gz"))[:-keep]:
                old.unlink()
                self.stdout.write(f"已删除旧备份：{old.name}")
