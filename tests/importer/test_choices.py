"""The importer's choice columns accept the labels the app shows: kept equal to the models'
choices here, so a label renamed in a model cannot leave the importer behind."""

from __future__ import annotations

import pytest

from coaching.models import SupportContact
from employers.models import EmployerContact
from importer import schema
from ips.models import TimeEntry
from ips.roles import Role
from jobseekers.models import Job, JobSeeker


@pytest.mark.parametrize(
    ("options", "choices"),
    [
        (schema.ROLES, Role.choices),
        (schema.CONTACT_MODES, EmployerContact.Mode.choices),
        (schema.PURPOSES, EmployerContact.Purpose.choices),
        (schema.SUPPORT_MODES, SupportContact.Mode.choices),
        (schema.SUPPORT_LOCATIONS, SupportContact.Location.choices),
        (schema.SUPPORT_TYPES, SupportContact.SupportType.choices),
        (schema.CLOSE_REASONS, [c for c in JobSeeker.CloseReason.choices if c[0]]),
        (schema.END_REASONS, Job.EndReason.choices),
        (schema.ACTIVITIES, TimeEntry.Activity.choices),
        (schema.TIME_LOCATIONS, TimeEntry.Location.choices),
    ],
)
def test_each_choice_column_offers_the_models_values_with_their_labels(options, choices):
    assert [(o.value, o.label) for o in options] == [(v, str(label)) for v, label in choices]
