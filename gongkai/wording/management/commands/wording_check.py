"""``manage.py wording_check PATH --date YYYY-MM-DD [--json] [--organisation CODE]`` (issue 23 item 5).

Checks one text file (UTF-8, else GB18030) and prints its findings; offsets are character offsets
in the file's decoded text (a UTF-8 byte-order mark, if any, counts as character 0).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.wording import services

MAX_BYTES = 64 * 1024 * 1024


def read_text(path: str) -> str:
    file = Path(path)
    try:
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，无法检查：{path}")
        data = file.read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if b"\x00" in data:
        raise CommandError(f"不是文本文件（含有二进制内容）：{path}")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(f"无法识别文件编码（支持 UTF-8 和 GB18030）：{path}")


class Command(BaseCommand):
    help = "检查文本文件中的过时机构名称、领导职务、禁用用语、易错词和公文格式问题。"

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--date", help="文档日期 YYYY-MM-DD（默认：今天），用于判断机构名称和任职")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--organisation", help="按该机构（含上级机构）维护的规则检查；默认只用国家规则")

    def handle(self, *args, **options):
        on_date = None
        if options["date"]:
            try:
                on_date = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from None
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"找不到机构代码为 {options['organisation']} 的机构")
        text = read_text(options["path"])
        try:
            findings = services.check_text(text, organisation=organisation, on_date=on_date)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if options["json"]:
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, ensure_ascii=False))
            return
        for f in findings:
            hint = f" → {f.suggestion}" if f.suggestion else ""
            self.stdout.write(f"{f.start}-{f.end} [{f.severity}/{f.kind}] {f.text}{hint}  {f.explanation}")
        self.stdout.write(f"共 {len(findings)} 处")
