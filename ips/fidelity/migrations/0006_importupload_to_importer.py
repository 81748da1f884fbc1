"""The import upload model now belongs to the importer app (importer/migrations/0001):
it leaves this app's state only; its table stays as it is, in use by the importer."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("fidelity", "0005_importupload_dates_preview"),
        ("importer", "0001_importupload_from_fidelity"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportUpload")],
            database_operations=[],
        ),
    ]
