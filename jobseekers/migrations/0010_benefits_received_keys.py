"""Career profiles store benefits by key ("ssi"), as the profile form writes them; the demo
once wrote labels ("SSI"), which the wage-reporting and referral lists did not match."""

from django.db import migrations

KEYS = {
    "ssi": "ssi",
    "ssdi": "ssdi",
    "medicaid": "medicaid",
    "medicare": "medicare",
    "snap": "snap",
    "snap (food help)": "snap",
    "housing": "housing",
    "housing help": "housing",
    "other": "other",
}


def to_keys(apps, schema_editor):
    CareerProfile = apps.get_model("jobseekers", "CareerProfile")
    for profile in CareerProfile.objects.exclude(benefits_received=[]).only("benefits_received"):
        values = profile.benefits_received or []
        keyed = [KEYS.get(str(v).strip().lower(), v) for v in values]
        keyed = list(dict.fromkeys(keyed))  # a value written both ways is kept once
        if keyed != values:
            CareerProfile.objects.filter(pk=profile.pk).update(benefits_received=keyed)


class Migration(migrations.Migration):
    dependencies = [("jobseekers", "0009_wage_report")]

    operations = [migrations.RunPython(to_keys, migrations.RunPython.noop)]
