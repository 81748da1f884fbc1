"""Retention checks become derived (step 2 of 3): keep every recorded answer, drop the
rows that only held a due date (unconfirmed checks).

Reverse: each kept row's due date is filled from its job's start date, and every job
gets its unconfirmed checks again, as the old JOB_STARTED scheduling made them.
"""

import datetime as dt

from django.db import migrations

DAYS = (30, 90, 180, 365)  # frozen here: a migration must not follow later code


def drop_unconfirmed_checks(apps, schema_editor):
    RetentionMilestone = apps.get_model("coaching", "RetentionMilestone")
    RetentionMilestone.objects.filter(confirmed_on__isnull=True).delete()


def restore_due_dates(apps, schema_editor):
    RetentionMilestone = apps.get_model("coaching", "RetentionMilestone")
    Job = apps.get_model("jobseekers", "Job")
    kept = set(RetentionMilestone.objects.values_list("job_id", "days"))
    for row in RetentionMilestone.objects.select_related("job").iterator():
        row.due_date = row.job.start_date + dt.timedelta(days=row.days)
        row.save(update_fields=["due_date"])
    RetentionMilestone.objects.bulk_create(
        [
            RetentionMilestone(
                program_id=job.program_id,
                job_id=job.pk,
                days=days,
                due_date=job.start_date + dt.timedelta(days=days),
            )
            for job in Job.objects.only("pk", "program_id", "start_date").iterator()
            for days in DAYS
            if (job.pk, days) not in kept
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0004_retention_due_date_optional"),
        ("jobseekers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(drop_unconfirmed_checks, restore_due_dates),
    ]
