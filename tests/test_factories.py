"""The shared factories build valid rows whose related rows all share one program."""

import pytest
from django.apps import apps

from tests.factories import FACTORIES, PROGRAM_OWNED_FACTORIES, EmployerFactory, JobFactory

OUR_APPS = ("ips", "employers", "jobseekers", "coaching")


def related_program_ids(obj) -> set[int]:
    """Programs of every row `obj` points at (foreign keys and many-to-many)."""
    ids = {obj.program_id}
    for field in obj._meta.get_fields():
        if not (field.is_relation and field.concrete) or field.name == "program":
            continue
        targets = list(getattr(obj, field.name).all()) if field.many_to_many else []
        if field.many_to_one or field.one_to_one:
            target = getattr(obj, field.name)
            targets = [target] if target is not None else []
        ids.update(t.program_id for t in targets if hasattr(t, "program_id"))
    return ids


def test_every_model_of_our_apps_has_a_factory():
    models = {m for label in OUR_APPS for m in apps.get_app_config(label).get_models()}
    assert models - set(FACTORIES) == set()


@pytest.mark.parametrize(
    "factory", PROGRAM_OWNED_FACTORIES.values(), ids=lambda f: f._meta.model.__name__
)
def test_factory_builds_related_rows_in_the_same_program(db, factory):
    obj = factory()
    obj.full_clean()
    assert related_program_ids(obj) == {obj.program_id}


@pytest.mark.parametrize(
    "factory", PROGRAM_OWNED_FACTORIES.values(), ids=lambda f: f._meta.model.__name__
)
def test_factory_given_a_program_builds_everything_in_it(db, program, factory):
    obj = factory(program=program)
    assert related_program_ids(obj) == {program.pk}


def test_row_takes_the_program_of_the_parent_it_is_given(db, other_program):
    employer = EmployerFactory(program=other_program)
    job = JobFactory(employer=employer)
    assert job.program == other_program
    assert job.seeker.program == other_program
