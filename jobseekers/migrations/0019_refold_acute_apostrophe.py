"""ips.search.fold now drops an acute accent used as an apostrophe ("O´Brien", as a Spanish
keyboard types it) instead of splitting the word there: the job seekers whose name,
preferred name or reference holds one are folded again, so the staff search finds them by
"obrien" as it finds O'Brien."""

from django.db import migrations
from django.db.models import Q

from ips.search import refold

ACUTE = "\u00b4"


def refold_acute(apps, schema_editor):
    JobSeeker = apps.get_model("jobseekers", "JobSeeker")
    refold(
        JobSeeker.objects.filter(
            Q(name__contains=ACUTE) | Q(preferred_name__contains=ACUTE) | Q(ref__contains=ACUTE)
        )
    )


class Migration(migrations.Migration):
    dependencies = [("jobseekers", "0018_alter_careerprofile_home_zip")]

    operations = [migrations.RunPython(refold_acute, migrations.RunPython.noop)]
