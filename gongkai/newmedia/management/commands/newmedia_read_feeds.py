"""Read the RSS/Atom feeds of registered 政务新媒体 accounts and note their latest update dates.

Scheduled through ``settings.GONGKAI_SCHEDULED_COMMANDS`` (gongkai.ops.jobs). Does nothing unless the
administrator allowed feed hosts (``GONGKAI_NEWMEDIA_FEED_HOSTS``; gongkai.newmedia.feeds).
"""
from django.core.management.base import BaseCommand

from gongkai.newmedia import feeds
from gongkai.newmedia.models import Account
from gongkai.newmedia.services import account_feed_result
from gongkai.newmedia.states import AccountStatus


class Command(BaseCommand):
    help = "Read the feeds of active 政务新媒体 accounts (only hosts listed in GONGKAI_NEWMEDIA_FEED_HOSTS)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="accounts per run (oldest check first)")

    def handle(self, *args, limit=500, **options):
        if not feeds.enabled():
            self.stdout.write("feed reading is off (GONGKAI_NEWMEDIA_FEED_HOSTS is empty)")
            return
        accounts = (Account.objects.filter(status=AccountStatus.ACTIVE).exclude(feed_url="")
                    .order_by("feed_checked_at", "pk")[:max(1, limit)])
        read = failed = 0
        for account in accounts:
            try:
                dates = feeds.item_dates(feeds.fetch(account.feed_url))
            except feeds.FeedProblem as problem:
                account_feed_result(account=account, dates=[], error=str(problem))
                failed += 1
            else:
                account_feed_result(account=account, dates=dates)
                read += 1
        self.stdout.write(f"{read} feeds read, {failed} with problems")
