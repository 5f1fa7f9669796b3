from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0005_kernel_sequence_validity_conversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="record",
            name="document_type",
            field=models.CharField(blank=True, choices=[("rule", "规章"), ("normative", "行政规范性文件")], default="",
                                   max_length=12, verbose_name="文件类型"),
        ),
        migrations.AddField(
            model_name="record",
            name="issued_here",
            field=models.BooleanField(default=False, verbose_name="本机关制发"),
        ),
    ]
