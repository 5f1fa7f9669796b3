"""An index of the search documents' ids and titles (issue 25 item 4: search at a million records).

Relevance reads the titles of up to a thousand matched documents, and the search checks that the
matched ids are still documents. Read from the table, each id is a page holding the document's text;
read from this index, a page holds dozens of titles (SQLite: an index on (id, title); PostgreSQL:
on id, including the title, for an index-only scan). See ``ranking.TITLE_INDEX``.
"""
from django.db import migrations


def add_index(apps, schema_editor):
    from gongkai.records.search.ranking import title_index_sql

    schema_editor.execute(title_index_sql(schema_editor.connection.vendor))


def drop_index(apps, schema_editor):
    from gongkai.records.search.ranking import TITLE_INDEX

    schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("records", "0012_search_title_table")]

    operations = [migrations.RunPython(add_index, drop_index)]
