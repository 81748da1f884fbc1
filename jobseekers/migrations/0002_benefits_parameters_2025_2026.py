"""Ship the SSA work-incentive parameters for 2025 and 2026 (spec/metrics.md, Benefits)."""

from decimal import Decimal

from django.db import migrations

YEARS = {
    2025: dict(
        sga_non_blind="1620", sga_blind="2700", trial_work_month_above="1160",
        ssi_fbr_individual="967", ssi_fbr_couple="1450",
    ),
    2026: dict(
        sga_non_blind="1690", sga_blind="2830", trial_work_month_above="1210",
        ssi_fbr_individual="994", ssi_fbr_couple="1491",
    ),
}


def load(apps, schema_editor):
    BenefitsParameters = apps.get_model("jobseekers", "BenefitsParameters")
    for year, values in YEARS.items():
        BenefitsParameters.objects.update_or_create(
            year=year, defaults={key: Decimal(value) for key, value in values.items()}
        )


def unload(apps, schema_editor):
    apps.get_model("jobseekers", "BenefitsParameters").objects.filter(year__in=YEARS).delete()


class Migration(migrations.Migration):
    dependencies = [("jobseekers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
