from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="annualreport",
            name="status",
            field=models.CharField(choices=[("draft", "编写中"), ("submitted", "待审批"), ("published", "已发布")],
                                   default="draft", max_length=12, verbose_name="状态"),
        ),
    ]
