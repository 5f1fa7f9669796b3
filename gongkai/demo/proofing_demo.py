"""Demo of the wording check in the workflow (issue 23 item 2): one draft in 阳城县's records queue whose
text has wording findings to show in place — an abolished bureau's name (severe: it blocks 报审
until fixed or kept by the leader), a 文号 in square brackets and 截止 before a date (minor).

Made through the records' own create service (which runs the check), so the findings are the real
engine's. Synthetic text, no person named. Idempotent: nothing is added when the draft exists.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.catalog.selectors import active_items
from gongkai.organisations.models import Organisation, User
from gongkai.proofing.models import WordingFinding
from gongkai.records import services
from gongkai.records.models import Record

TITLE = "（演示）关于做好2027年元旦春节期间安全防范工作的通知"
BODY = ("各乡镇人民政府、县直有关单位：\n"
        "根据市应急管理局《关于做好岁末年初安全防范工作的通知》（晋市应急[2026]41号）要求，县安全生产监督管理局"
        "牵头组织节日期间安全检查。截止2026年11月底，全县已排查一般隐患186处。\n"
        "一、压实安全生产责任。\n二、加强重点行业领域隐患排查。\n三、严格落实值班值守制度。")


def load_proofing_demo() -> str:
    org = Organisation.objects.filter(code="sx-jc-yc").first()
    drafter = User.objects.filter(username="yc_drafter").first()
    items = list(active_items(org)) if org is not None else []
    if org is None or drafter is None or not items:
        return "Wording demo skipped (run the records demo first)."
    if Record.objects.filter(organisation=org, title=TITLE).exists():
        return "Wording demo draft already present."
    item = next((i for i in items if i.second_level == "法律法规"), items[0])
    with transaction.atomic():
        record = services.record_create(organisation=org, catalog_item=item, actor=drafter, data={
            "title": TITLE, "issuing_unit": org.name, "attribute": "proactive", "formation_date": dt.date(2026, 12, 1),
            "summary": "部署元旦春节期间安全防范工作。", "body": BODY})
    found = WordingFinding.objects.filter(object_id=record.pk, content_type__model="record").count()
    return f"Wording demo: draft “{TITLE}” in 阳城县's records queue with {found} wording findings."
