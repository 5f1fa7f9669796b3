"""Demo data for the oversight app on the demo tree (run after load_demo and load_records_demo).

The counties get the seed 003 column tree and task division; the columns of 阳城县 are mapped to
the catalog items its demo records were published under, so those records count as updates.
The province keeps the default indicator system; a repost notice is pushed down, 阳城县 reposts
it, 泽州县 does not; 阳城县 records a yearly accountability and submits a progress report. The
figures and scores are then computed. Idempotent.
"""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.core import clock
from gongkai.organisations.models import Organisation, User
from gongkai.oversight import evaluation, services, sources
from gongkai.oversight.models import Column, IndicatorSet, Repost, RepostNotice
from gongkai.oversight.states import AccountabilityKind, AccountabilityStatus, IndicatorSetStatus, PeriodKind, UpdateRule


class Command(BaseCommand):
    help = "Load oversight demo data (columns, tasks, a repost, accountabilities, a progress report, scores)."

    def handle(self, *args, **options):
        orgs = {o.code: o for o in Organisation.objects.filter(code__in=["sx", "sx-jc", "sx-jc-zz", "sx-jc-yc"])}
        users = {u.username: u for u in User.objects.filter(username__in=["sx_supervisor", "yc_office", "zz_office"])}
        if len(orgs) < 4 or len(users) < 3:
            raise CommandError("run load_demo (and load_records_demo) first")
        now = clock.now()
        year = now.year
        with transaction.atomic():
            for code in ("sx-jc-zz", "sx-jc-yc"):
                services.columns_import(organisation=orgs[code], actor=None, trusted=True)
                services.tasks_import(organisation=orgs[code], actor=None, trusted=True)
            services.tasks_import(organisation=orgs["sx"], actor=None, trusted=True)
            # Map 阳城县's periodic columns to the catalog items its published records use.
            keys = sources.published_catalog_keys(orgs["sx-jc-yc"].pk)
            periodic = list(Column.objects.filter(organisation=orgs["sx-jc-yc"], parent__isnull=False,
                                                  rule__in=[UpdateRule.MONTHLY, UpdateRule.QUARTERLY,
                                                            UpdateRule.HALF_YEARLY]).order_by("position"))
            for n, key in enumerate(keys):
                column = periodic[n % len(periodic)] if periodic else None
                if column is not None and key not in column.catalog_keys:
                    column.catalog_keys = sorted(set(column.catalog_keys) | {key})
                    column.save(update_fields=["catalog_keys"])
            # Indicators of the province for this year.
            if not IndicatorSet.objects.filter(organisation=orgs["sx"], year=year).exists():
                iset = services.indicator_set_create(organisation=orgs["sx"], actor=users["sx_supervisor"], year=year,
                                                     note="默认指标（演示）")
                services.indicator_set_publish(indicator_set=iset, actor=users["sx_supervisor"])
            # A repost notice pushed three days ago.
            title = "国务院安委会办公室关于做好岁末年初安全生产工作的通知"
            if not RepostNotice.objects.filter(organisation=orgs["sx"], title=title).exists():
                published = now - dt.timedelta(days=3)
                notice = services.repost_notice_issue(organisation=orgs["sx"], actor=users["sx_supervisor"],
                                                      title=title, url="/records/", published_at=published)
                repost = Repost.objects.get(notice=notice, organisation=orgs["sx-jc-yc"])
                services.repost_confirm(repost=repost, actor=users["yc_office"], url="/records/",
                                        reposted_at=published + dt.timedelta(minutes=40))
            # 阳城县's yearly accountabilities: the head heard the disclosure work report.
            items = {a.kind: a for a in services.accountabilities_for(organisation=orgs["sx-jc-yc"], year=year)}
            hear = items[AccountabilityKind.HEAR_REPORT]
            if hear.status == AccountabilityStatus.PENDING:
                services.accountability_complete(item=hear, actor=users["yc_office"],
                                                 done_on=max(dt.date(year, 1, 1), clock.today() - dt.timedelta(days=30)),
                                                 responsible="局长", evidence_url="/records/",
                                                 note="局长办公会听取政务公开工作汇报")
            services.accountabilities_for(organisation=orgs["sx-jc-zz"], year=year)
            # 阳城县's progress report for the previous quarter (submitted) .
            q = (now.month - 1) // 3 + 1
            pyear, pq = (year, q - 1) if q > 1 else (year - 1, 4)
            report = services.progress_open(organisation=orgs["sx-jc-yc"], actor=users["yc_office"],
                                            kind=PeriodKind.QUARTER, year=pyear, period=pq)
            if report.status == "draft":
                services.progress_edit(report=report, actor=users["yc_office"],
                                       narrative="本季度按目录主动公开信息，完成栏目梳理和转载登记。")
                services.progress_submit(report=report, actor=users["yc_office"])
        result = evaluation.refresh(year=year)
        self.stdout.write(f"oversight demo loaded: {result['figures']} figures, {result['scores']} scores")
