"""What every source yields: a saved page (``SourcePage``) or a reported problem (``SourceIssue``).

Kept apart from ``sources`` so that the readers of each kind of source (folders and archives in
``sources``, spreadsheets in ``spreadsheet``) share them without importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Issue codes with their Chinese report messages.
ISSUES = {
    "too_large": "文件超过大小上限（%(limit)d MB），未读取",
    "zip_bomb": "压缩包成员解压后异常膨胀（疑似压缩炸弹），未读取",
    "archive_too_large": "压缩包解压后总量超过上限，其余内容未读取",
    "bad_archive": "压缩包或 WARC 文件无法读取",
    "redirect_loop": "重定向循环，未导入",
    "other_host": "附件位于其他网站（%(host)s），未下载",
    "missing": "在导入的文件中找不到该附件",
    "not_found": "路径或网址不存在",
    "robots": "网站的 robots.txt 不允许抓取该页面",
    "http_error": "网站返回错误（HTTP %(status)d），未导入",
}


class SourceIssue(Exception):
    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return ISSUES[self.code] % self.params if self.params else ISSUES[self.code].split("（%")[0]


@dataclass
class SourcePage:
    path: str  # what the report names: a file path, "archive.zip:member" or the WARC record's URL
    data: bytes | None
    url: str | None = None
    content_type: str | None = None
    issue: SourceIssue | None = None
    locator: dict = field(default_factory=dict)
    parsed: object | None = None  # a ParsedPage already read (a spreadsheet row), not HTML to parse
