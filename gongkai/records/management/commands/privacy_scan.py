"""manage.py privacy_scan PATH [--json]: check a document for personal data before uploading it.

Uses the same scanner as publication (core.privacy) and the same text extraction and limits
as attachments (core.files). Prints each finding: its kind, the text as written and, for
plain-text files, its start and end character offsets (0-based, end exclusive).
"""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.core import files, privacy
from gongkai.records.states import FindingKind


class Command(BaseCommand):
    help = "扫描文本、.docx、.xlsx 或 .pdf 文件中的个人信息（身份证号码、手机号码、银行卡号、电子邮箱）。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="要检查的文件")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, path, json: bool = False, **options):
        text, offsets = self._read(Path(path))
        findings = []
        for m in privacy.scan(text):
            item = {"kind": m.kind, "label": str(FindingKind(m.kind).label), "text": text[m.start:m.end]}
            if offsets:
                item.update(start=m.start, end=m.end)
            findings.append(item)
        if json:
            self.stdout.write(_dumps({"path": str(path), "findings": findings}))
            return
        if not findings:
            self.stdout.write("未发现个人信息。")
            return
        for f in findings:
            where = f"\t{f['start']}-{f['end']}" if offsets else ""
            self.stdout.write(f"{f['label']}\t{f['text']}{where}")
        self.stdout.write(f"共 {len(findings)} 处。")

    def _read(self, path: Path) -> tuple[str, bool]:
        """Return (text, offsets meaningful) for a file."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
        if len(data) > files.max_bytes():
            raise CommandError(f"文件超过大小上限（{files.max_bytes() // (1024 * 1024)} MB）。")
        kind = files.detect_kind(data)
        if kind in files.TEXT_KINDS:
            try:
                return files.extract_text(kind, data), False
            except DomainError as exc:
                raise CommandError("；".join([exc.message, *map(str, exc.problems)])) from exc
        if kind is not None:
            raise CommandError("图片不作文字识别，请人工核对。")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding), True
            except UnicodeDecodeError:
                continue
        raise CommandError("只支持 UTF-8 或 GB18030 编码的文本文件，以及 .docx、.xlsx、.pdf 文件。")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
