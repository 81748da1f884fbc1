"""Load the O*NET-SOC occupation list (O*NET 29.2, USDOL/ETA, CC BY 4.0) shipped in data/."""

from django.db import migrations

from ips.reference import load_occupations


def load(apps, schema_editor):
    load_occupations(apps.get_model("ips", "Occupation"))


def unload(apps, schema_editor):
    apps.get_model("ips", "Occupation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ips", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
