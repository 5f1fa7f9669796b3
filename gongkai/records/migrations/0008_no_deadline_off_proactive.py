"""Issue 21 item 5: a 依申请公开 or 不予公开 record carries no proactive publication deadline."""
from django.db import migrations


def clear(apps, schema_editor):
    Record = apps.get_model("records", "Record")
    Record.objects.exclude(attribute="proactive").exclude(publication_due=None).update(
        publication_due=None, due_provisional=False)


class Migration(migrations.Migration):
    dependencies = [("records", "0007_item_targets")]
    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
