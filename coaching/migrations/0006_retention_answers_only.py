"""Retention checks become derived (step 3 of 3): a row is a recorded answer, so its
date and outcome are required and it has no due date (coaching.schedule derives it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0005_drop_unconfirmed_retention_checks"),
    ]

    operations = [
        migrations.RemoveField(model_name="retentionmilestone", name="due_date"),
        migrations.RemoveConstraint(
            model_name="retentionmilestone",
            name="milestone_confirmation_records_outcome",
        ),
        migrations.AlterField(
            model_name="retentionmilestone",
            name="confirmed_on",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="retentionmilestone",
            name="still_employed",
            field=models.BooleanField(),
        ),
        migrations.AlterModelOptions(
            name="retentionmilestone",
            options={"ordering": ["job", "days"], "verbose_name": "retention check answer"},
        ),
    ]
