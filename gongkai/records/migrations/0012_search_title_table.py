"""SQLite: the titles get an FTS5 table of their own (issue 25 item 4: a title fragment at a million records).

A search within titles on the main FTS5 table's ``title`` column reads the doclists of the whole
text; ``SQLiteBackend`` now keeps the titles alone in ``TITLE_FTS_TABLE`` as well. This creates the
table and indexes the documents written before. PostgreSQL's rows already carry their title tokens
(migration 0011): nothing to do.
"""
from django.db import migrations

CHUNK = 5000


def add_title_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from gongkai.records.search import tokens as tk
    from gongkai.records.search.backends import TITLE_FTS_TABLE, SQLiteBackend, facet_token

    SearchDocument = apps.get_model("records", "SearchDocument")
    backend = SQLiteBackend()
    rows = SearchDocument.objects.order_by("pk").values_list("pk", "title", "organisation_ref", "catalog_key", "year")
    with schema_editor.connection.cursor() as cursor:
        backend.install(cursor)
        last = 0
        while True:
            chunk = list(rows.filter(pk__gt=last)[:CHUNK])
            if not chunk:
                break
            backend.add_titles(cursor, [
                (pk, tk.bigram_text(title), " ".join([facet_token("o", org), facet_token("c", key), facet_token("y", year)]))
                for pk, title, org, key, year in chunk])
            last = chunk[-1][0]
        if last:
            cursor.execute(f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}) VALUES ('optimize')")


def drop_title_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from gongkai.records.search.backends import TITLE_FTS_TABLE

        schema_editor.execute(f"DROP TABLE IF EXISTS {TITLE_FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("records", "0011_search_title_tokens")]

    operations = [migrations.RunPython(add_title_table, drop_title_table)]
