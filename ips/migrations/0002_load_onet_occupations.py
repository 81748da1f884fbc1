"""Load the O*NET-SOC occupation list (O*NET 29.2, USDOL/ETA, CC BY 4.0) shipped in data/."""

import csv
from pathlib import Path

from django.db import migrations

TSV = Path(__file__).resolve().parents[2] / "data" / "onet_occupations.tsv"


def load(apps, schema_editor):
    Occupation = apps.get_model("ips", "Occupation")
    with TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    Occupation.objects.bulk_create(
        [
            Occupation(
                code=row["O*NET-SOC Code"], title=row["Title"], description=row["Description"]
            )
            for row in rows
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def unload(apps, schema_editor):
    apps.get_model("ips", "Occupation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ips", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
