"""Retention checks become derived (step 1 of 3): the stored due date may be empty.

Three migrations, not one: PostgreSQL refuses to ALTER a table with rows changed earlier
in the same transaction (pending foreign-key trigger events), so the data step runs alone.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0003_version_column"),
    ]

    operations = [
        migrations.AlterField(
            model_name="retentionmilestone",
            name="due_date",
            field=models.DateField(null=True),
        ),
    ]
