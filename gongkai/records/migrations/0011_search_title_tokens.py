"""PostgreSQL search rows get their title's own tokens (issue 25 item 4: search within titles).

The relevance order looks up the documents whose title holds the query in the whole index, not only
among the newest thousand matches; on PostgreSQL that needs each row's title tokens marked
(``PostgresBackend.TITLE`` + bigram) in its array. New rows get them from ``grams_of``; this adds
them to the rows written before. SQLite's FTS5 table has its own title column: nothing to do.
"""
from django.db import migrations

CHUNK = 2000


def add_title_tokens(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongkai.records.search.backends import GRAMS_TABLE, PostgresBackend

    SearchDocument = apps.get_model("records", "SearchDocument")
    rows = SearchDocument.objects.order_by("pk").values_list("pk", "title")
    if not rows.exists():
        return
    last = 0
    with schema_editor.connection.cursor() as cursor:
        # Rewriting a row rewrites its every key in a GIN index without pending list (≈ 400 keys a
        # row): measured at 100,000 rows that took over 10 minutes on a loaded machine. The index
        # is dropped for the update and built once after it, as a restore does.
        cursor.execute(f"DROP INDEX IF EXISTS {GRAMS_TABLE}_gin")
        while True:
            chunk = list(rows.filter(pk__gt=last)[:CHUNK])
            if not chunk:
                break
            cursor.executemany(
                f"UPDATE {GRAMS_TABLE} SET grams = ARRAY(SELECT DISTINCT g FROM unnest(grams || %s::text[]) AS g "
                "ORDER BY g) WHERE doc_id = %s",
                [(sorted(PostgresBackend.title_grams(title)), pk) for pk, title in chunk])
            last = chunk[-1][0]
        PostgresBackend.install(cursor)


class Migration(migrations.Migration):
    dependencies = [("records", "0010_kernel_self_check_states")]

    operations = [migrations.RunPython(add_title_tokens, migrations.RunPython.noop)]
