"""ips.versioning: every save raises the version; an edit saves only from the latest one."""

from __future__ import annotations

import pytest

from employers.models import Employer
from ips.versioning import StaleCopyError, bump_versions, parse_version, save_if_unchanged
from tests import factories as f


def test_every_save_of_a_row_raises_its_version_by_one(program):
    employer = f.EmployerFactory(program=program)
    assert employer.version == 1
    employer.industry = "Retail"
    employer.save()
    employer.save(update_fields=["industry"])
    assert Employer.objects.get(pk=employer.pk).version == 3
    assert employer.version == 3  # read again from the database when asked for


def test_edit_from_the_latest_version_saves_and_says_the_new_one(program):
    employer = f.EmployerFactory(program=program)
    employer.name = "Corner Cafe"
    save_if_unchanged(employer, expected_version=1)
    stored = Employer.objects.get(pk=employer.pk)
    assert (stored.name, stored.version, employer.version) == ("Corner Cafe", 2, 2)


def test_edit_from_an_older_version_writes_nothing(program):
    employer = f.EmployerFactory(program=program, name="Corner Bakery")
    Employer.objects.get(pk=employer.pk).save()  # someone else saved: version 2
    employer.name = "Corner Cafe"
    with pytest.raises(StaleCopyError):
        save_if_unchanged(employer, expected_version=1)
    stored = Employer.objects.get(pk=employer.pk)
    assert (stored.name, stored.version) == ("Corner Bakery", 2)


def test_edit_of_a_row_deleted_meanwhile_is_refused_not_inserted_again(program):
    employer = f.EmployerFactory(program=program)
    Employer.objects.filter(pk=employer.pk).delete()
    employer.name = "Corner Cafe"
    with pytest.raises(StaleCopyError):
        save_if_unchanged(employer, expected_version=1)
    assert not Employer.objects.filter(pk=employer.pk).exists()


def test_bulk_writes_raise_the_version_of_each_row_they_touch(program):
    touched = [f.EmployerFactory(program=program) for _ in range(3)]
    untouched = f.EmployerFactory(program=program)
    assert bump_versions(Employer, [e.pk for e in touched]) == 3
    versions = dict(Employer.objects.values_list("pk", "version"))
    assert [versions[e.pk] for e in touched] == [2, 2, 2]
    assert versions[untouched.pk] == 1


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [("3", 3), (" 0 ", 0), ("", None), (None, None), ("-1", None), ("2.5", None), ("٣", None)],
)
def test_a_submitted_version_is_a_plain_whole_number(raw, parsed):
    assert parse_version(raw) == parsed
