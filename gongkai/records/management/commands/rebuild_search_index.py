from django.core.management.base import BaseCommand

from gongkai.records.search import index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the published records (oldest publication first)."

    def handle(self, *args, **options):
        count = index.rebuild()
        self.stdout.write(f"Indexed {count} documents (records and interpretations).")
