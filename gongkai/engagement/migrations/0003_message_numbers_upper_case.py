"""Message numbers in upper case (issue 21 item 11): ``sx-jc-zz-LY-2026-00001`` → ``SX-JC-ZZ-LY-2026-00001``,
like the disclosure requests' tracking numbers. Old spellings still resolve (selectors.normalise_number)."""
from django.db import migrations


def upper_case(apps, schema_editor):
    Message = apps.get_model("engagement", "Message")
    for pk, number in Message.objects.values_list("pk", "number").iterator():
        if number != number.upper():
            Message.objects.filter(pk=pk).update(number=number.upper())


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_consultation_report_due")]

    operations = [migrations.RunPython(upper_case, migrations.RunPython.noop)]
