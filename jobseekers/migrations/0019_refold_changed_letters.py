"""ips.search.fold now drops an acute accent used as an apostrophe ("O´Brien", as a Spanish
keyboard types it) instead of splitting the word there, and writes the letters NFKD does
not take apart as plain letters (œ, æ, ø, ł, …: ips.search.PLAIN_LETTERS): the job seekers
whose name, preferred name or reference holds one are folded again, so the staff search
finds them by "obrien" or "lodz" as it finds O'Brien and Łódź written otherwise."""

from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

from ips.search import PLAIN_LETTERS, refold

# Each of these folds differently since this migration (the capitals of PLAIN_LETTERS but
# the dotless ı, whose capital is a plain I).
CHANGED = ["\u00b4", *PLAIN_LETTERS, "Œ", "Æ", "Ø", "Ł", "Đ", "Ð", "Þ", "Ħ", "Ŧ"]


def refold_changed(apps, schema_editor):
    JobSeeker = apps.get_model("jobseekers", "JobSeeker")
    holding = reduce(
        or_,
        (
            Q(**{f"{field}__contains": mark})
            for mark in CHANGED
            for field in ("name", "preferred_name", "ref")
        ),
    )
    refold(JobSeeker.objects.filter(holding))


class Migration(migrations.Migration):
    dependencies = [("jobseekers", "0018_alter_careerprofile_home_zip")]

    operations = [migrations.RunPython(refold_changed, migrations.RunPython.noop)]
