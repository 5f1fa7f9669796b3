"""Context of a match in the normalised text: word boundaries (jieba) and historical mentions.

Word boundaries come from jieba's own dictionary (shipped inside the package; nothing is
downloaded), run without its HMM so every token of two or more characters is a dictionary word.
Only a short window round a candidate is segmented, and only when a candidate was found, so a
clean text never pays for segmentation.
"""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

_tokenizer = None
_lock = threading.Lock()

# Characters that end a clause or sentence in the normalised text (full-width punctuation is
# already half-width there: "，" is ",", "；" is ";").
_SENTENCE_END = re.compile(r"[。;!?\n\r]")
_CLAUSE_END = re.compile(r"[。;!?\n\r,:、()\[\]《》“”\"]")
# Markers that make a mention of an abolished or renamed body historical. 原 counts only right
# before the name in the same clause and not as the first character of an ordinary word.
_HISTORY_BEFORE = ("前身", "原名", "曾用名", "旧称", "改革前", "改革以前", "更名前", "不再保留", "撤销", "撤并",
                   "整合", "划入", "划转", "组建", "转制", "转隶", "改为", "改称", "更名为", "曾任", "曾在",
                   "时任", "原任", "退出现役")
_HISTORY_AFTER = ("改革前", "更名", "改为", "改称", "撤销", "已撤销", "前身", "转制", "转隶", "整合",
                  "划入", "不再保留", "时期")
_NOT_HISTORICAL_YUAN = set("则因始料告件文创本先地定稿貌址样理")


def _sentence_before(norm: str, start: int, limit: int = 40) -> str:
    lo = max(0, start - limit)
    chunk = norm[lo:start]
    ends = list(_SENTENCE_END.finditer(chunk))
    return chunk[ends[-1].end():] if ends else chunk


def _sentence_after(norm: str, end: int, limit: int = 12) -> str:
    chunk = norm[end:end + limit]
    m = _SENTENCE_END.search(chunk)
    return chunk[:m.start()] if m else chunk


def historical(norm: str, start: int, end: int) -> bool:
    """Return True when the name at norm[start:end] is mentioned as history (原…, 前身为…, 改革前…)."""
    before = _sentence_before(norm, start)
    if any(marker in before for marker in _HISTORY_BEFORE):
        return True
    clause = before
    m = list(_CLAUSE_END.finditer(clause))
    if m:
        clause = clause[m[-1].end():]
    pos = clause.rfind("原", max(0, len(clause) - 12))
    if pos >= 0 and (pos + 1 == len(clause) or clause[pos + 1] not in _NOT_HISTORICAL_YUAN):
        return True
    after = _sentence_after(norm, end)
    return any(after.startswith(marker) or after[:6].find(marker) >= 0 for marker in _HISTORY_AFTER)


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


# jieba segments each run of these characters on its own (its ``re_han_default``); a run is
# therefore all the context a word boundary depends on. Runs are capped so a text without
# punctuation still costs a bounded window per candidate.
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
_MAX_SIDE = 40


@lru_cache(maxsize=8192)
def _interior(run: str) -> frozenset[int]:
    """Positions strictly inside a dictionary word of two or more characters of `run`."""
    inside = set()
    pos = 0
    for word in _get_tokenizer().cut(run, HMM=False):
        inside.update(range(pos + 1, pos + len(word)))
        pos += len(word)
    return frozenset(inside)


def tokens(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each jieba token of `text` (dictionary words, no HMM)."""
    spans = []
    pos = 0
    for word in _get_tokenizer().cut(text, HMM=False):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


def whole_word(norm: str, start: int, end: int) -> bool:
    """Return False when a dictionary word crosses a boundary of norm[start:end].

    E.g. 按装 in 按装修 (按/装修: 装修 crosses the end) or 既使 in 既使用 (既/使用).
    """
    lo = start
    while lo > 0 and start - lo < _MAX_SIDE and _RUN_CHAR.match(norm, lo - 1):
        lo -= 1
    hi = end
    while hi < len(norm) and hi - end < _MAX_SIDE and _RUN_CHAR.match(norm, hi):
        hi += 1
    inside = _interior(norm[lo:hi])
    return start - lo not in inside and end - lo not in inside
