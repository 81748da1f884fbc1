"""Benefits written as labels ("SSI", by an older demo) become the profile form's keys, so
the wage-reporting and benefits-planner lists see them (jobseekers migration 0010)."""

import importlib

import pytest
from django.apps import apps

from jobseekers.models import CareerProfile

migration = importlib.import_module("jobseekers.migrations.0010_benefits_received_keys")


@pytest.mark.django_db
def test_labels_become_keys_and_unknown_values_are_kept(seeker):
    written = ["SSI", "Medicaid", "ssi", "SNAP (food help)", "state supplement"]
    profile = CareerProfile.objects.create(
        program=seeker.program, seeker=seeker, is_current=True, benefits_received=written
    )
    migration.to_keys(apps, None)
    profile.refresh_from_db()
    assert profile.benefits_received == ["ssi", "medicaid", "snap", "state supplement"]
