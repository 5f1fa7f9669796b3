"""The rules 政务新媒体 accounts are kept by, with their sources.

Opening, adjusting and closing (seed 000 二(三)): "开设（调整、关闭）政务新媒体的，须由政务新媒体主办部门
逐级向本级政府提出开设（调整、关闭）申请，经批准后方可实施". 《国务院办公厅关于推进政务新媒体健康有序发展的
意见》（国办发〔2018〕123号） makes the government office of each level the 主管单位 of its area's accounts and the
opening unit their 主办单位 ("谁开设、谁主办"); local rules applying it have the unit's head agree first, then
the request goes up level by level and the account is filed (备案) once approved. The product models this as:
the office drafts the request, the organisation's leader agrees (本单位负责人同意), the supervising organisation
(the parent in the tree, the 主管单位 of this installation) approves, returns or refuses it, or forwards it one
level further up (逐级); the office then carries it out and records the filing (备案).

Update monitoring (seed 003 四(二): "对…政务微博、微信、政务客户端信息内容更新情况实行动态监测"): the
inspection indicators 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号） make an account with no update
in the two weeks before the monitoring date a 单项否决 item (the "僵尸号" of 123号). Read in texts applying
the indicators (second-hand; the 19号 text itself was not at hand), hence a setting:
``GONGKAI_NEWMEDIA_STALE_DAYS`` (default 14 calendar days) and ``GONGKAI_NEWMEDIA_WARN_DAYS`` (default 10: the
office is warned before the limit).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings

STALE_DAYS = 14
WARN_DAYS = 10


def stale_days() -> int:
    """Days without an update after which an account is stale (单项否决)."""
    return int(getattr(settings, "GONGKAI_NEWMEDIA_STALE_DAYS", STALE_DAYS))


def warn_days() -> int:
    return min(int(getattr(settings, "GONGKAI_NEWMEDIA_WARN_DAYS", WARN_DAYS)), stale_days())


def idle_days(last_update: dt.date | None, registered_on: dt.date | None, today: dt.date) -> int:
    """Days since the last update (since registration for an account never updated; 0 when neither is known)."""
    since = last_update or registered_on
    return max(0, (today - since).days) if since else 0


def is_stale(last_update: dt.date | None, registered_on: dt.date | None, today: dt.date) -> bool:
    """No update in the `stale_days()` days before `today` ("监测时间点前2周内无更新"): an update exactly
    14 days ago is still inside the window; a new account gets the same grace from its registration."""
    return idle_days(last_update, registered_on, today) > stale_days()


def freshness(last_update, registered_on, today) -> str:
    """"stale", "warn" or "ok" for the register and the queues."""
    days = idle_days(last_update, registered_on, today)
    if days > stale_days():
        return "stale"
    if days >= warn_days():
        return "warn"
    return "ok"
