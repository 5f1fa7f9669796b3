"""The site inspection's demo (issue 23 items 3 and 4): 阳城县's published site carries what an
inspection finds on real sites — a link to a page that no longer exists, a link to an attachment that
was withdrawn, a typo and a 截止/截至 slip — and one periodic column whose last registered update is
two months old; then every organisation's site is inspected once. Idempotent (the text is added once;
each call adds one inspection run, like a nightly sweep)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core import clock, effects
from gongkai.organisations.models import Organisation
from gongkai.oversight import evaluation
from gongkai.oversight.inspection import sweep
from gongkai.oversight.models import Column
from gongkai.oversight.states import UpdateRule
from gongkai.records.models import Record
from gongkai.records.states import RecordStatus

MARK = "（演示：网站检查）"
ADDED = ("\n\n{mark}截止{year}年11月底，全县共排查整治安全隐患312项，望各乡镇再接再励、巩固成效。"
         "相关通知详见 /records/987654/ ，整改台账见 /records/{pk}/attachments/987654/ ；"
         "应急管理部网站：http://www.mem.gov.cn/ 。")


def load_inspection_demo() -> str:
    org = Organisation.objects.filter(code="sx-jc-yc").first()
    if org is None:
        return "inspection demo skipped: no 阳城县"
    with transaction.atomic():
        record = (Record.objects.filter(organisation=org, status=RecordStatus.PUBLISHED).order_by("-published_at", "pk")
                  .first())
        if record is not None and MARK not in record.body:
            record.body += ADDED.format(mark=MARK, year=clock.today().year, pk=record.pk)
            record.save(update_fields=["body"])
            effects.touch(record)
        column = (Column.objects.filter(organisation=org, parent__isnull=False, rule=UpdateRule.MONTHLY,
                                        catalog_keys=[]).order_by("position", "pk").first())
        if column is not None and column.last_manual_update is None:
            column.last_manual_update = clock.now() - dt.timedelta(days=62)
            column.save(update_fields=["last_manual_update"])
    runs = sweep.inspect_all()
    evaluation.refresh(year=clock.today().year)  # the evaluation's inspection indicator reads the new runs
    return f"inspection demo: {runs} site inspection run(s)"
