"""Ship the SSA work-incentive parameters for 2025 and 2026 (spec/metrics.md, Benefits)."""

from django.db import migrations

from jobseekers.reference import BENEFITS_PARAMETERS, load_benefits_parameters


def load(apps, schema_editor):
    load_benefits_parameters(apps.get_model("jobseekers", "BenefitsParameters"))


def unload(apps, schema_editor):
    apps.get_model("jobseekers", "BenefitsParameters").objects.filter(
        year__in=BENEFITS_PARAMETERS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("jobseekers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
