"""Workspace forms offer only the user's programs and their rows, and refuse a row that
points into another program (ScopedAdminModelForm)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from employers.models import EmployerContact
from ips.models import Program
from ips.roles import ROLE_PERMISSIONS, Role
from jobseekers.viewsets import ToRecordMixin
from tests.factories import (
    EmployerFactory,
    EmployerPersonFactory,
    JobSeekerFactory,
    StaffMemberFactory,
)
from tests.ips.workspace import FACTORIES, is_scoped, workspace_viewsets

SCOPED = [vs for vs in workspace_viewsets() if is_scoped(vs) and vs.model is not Program]
# Read-only listings (the audit trail) have no add form for anyone but superusers, and
# profiles and jobs are added from the person's record (their services keep the rules).
ADDABLE = [
    vs
    for vs in SCOPED
    if not issubclass(vs.add_view_class, ToRecordMixin)
    and "add"
    in ROLE_PERMISSIONS[Role.DIRECTOR].get(
        f"{vs.model._meta.app_label}.{vs.model._meta.model_name}", ()
    )
]


def choice_querysets(form) -> dict:
    return {
        name: field.queryset
        for name, field in form.fields.items()
        if getattr(field, "queryset", None) is not None
    }


def owner(row) -> int | None:
    return row.pk if isinstance(row, Program) else getattr(row, "program_id", None)


@pytest.mark.parametrize("viewset", ADDABLE, ids=lambda vs: vs.name)
def test_add_form_offers_only_the_users_programs_and_their_rows(
    client, viewset, users, program, other_program
):
    FACTORIES[viewset.model](program=program)
    FACTORIES[viewset.model](program=other_program)  # related rows of every kind there too
    client.force_login(users[Role.DIRECTOR])

    form = client.get(reverse(viewset.get_url_name("add"))).context["form"]

    offered = {
        name: {owner(row) for row in queryset} - {None}
        for name, queryset in choice_querysets(form).items()
    }
    assert offered["program"] == {program.pk}
    assert all(owners <= {program.pk} for owners in offered.values()), offered
    assert form.fields["program"].initial == program.pk
    # One program to offer: not asked, the server sets it (issue 17, item 5).
    assert form.fields["program"].widget.is_hidden


@pytest.mark.parametrize("viewset", SCOPED, ids=lambda vs: vs.name)
def test_index_filters_offer_only_the_users_programs_and_their_rows(
    client, viewset, users, program, other_program
):
    FACTORIES[viewset.model](program=program)
    FACTORIES[viewset.model](program=other_program)
    client.force_login(users[Role.DIRECTOR])

    filters = client.get(reverse(viewset.get_url_name("index"))).context["filters"]

    for name, queryset in choice_querysets(filters.form).items():
        assert {owner(row) for row in queryset} - {None} <= {program.pk}, name


def contact_post(program, specialist, employer, person=None) -> dict:
    return {
        "program": program.pk,
        "date": "2026-03-02",
        "specialist": specialist.pk,
        "employer": employer.pk,
        "person": person.pk if person else "",
        "mode": EmployerContact.Mode.FACE_TO_FACE,
        "purpose": EmployerContact.Purpose.LEARN_NEEDS,
        "notes": "Met the kitchen manager",
    }


@pytest.fixture
def two_programs(client, director_of_both, program, other_program):
    client.force_login(director_of_both)
    return {
        "specialist": StaffMemberFactory(program=program),
        "employer": EmployerFactory(program=program, name="Home Diner"),
        "other_employer": EmployerFactory(program=other_program, name="Far Cafe"),
        "other_person": EmployerPersonFactory(program=other_program),
    }


def test_director_of_two_programs_cannot_log_a_contact_at_another_programs_employer(
    client, two_programs, program
):
    url = reverse("employer_contacts:add")
    data = contact_post(program, two_programs["specialist"], two_programs["other_employer"])

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["employer"] == ["This belongs to another program."]
    assert not EmployerContact.objects.exists()


def test_director_of_two_programs_cannot_name_a_person_of_another_program(
    client, two_programs, program
):
    data = contact_post(
        program, two_programs["specialist"], two_programs["employer"], two_programs["other_person"]
    )

    response = client.post(reverse("employer_contacts:add"), data)

    assert response.context["form"].errors["person"] == ["This belongs to another program."]
    assert not EmployerContact.objects.exists()


def test_director_of_two_programs_logs_a_contact_within_one_program(client, two_programs, program):
    data = contact_post(program, two_programs["specialist"], two_programs["employer"])

    response = client.post(reverse("employer_contacts:add"), data)

    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert (contact.program, contact.employer.name) == (program, "Home Diner")


def test_specialist_cannot_post_a_choice_outside_their_program(client, users, program):
    """A forged POST naming another program's employer is refused by the choice field."""
    outside = EmployerFactory()  # a third program
    client.force_login(users[Role.SPECIALIST])
    data = contact_post(program, StaffMemberFactory(program=program), outside)

    response = client.post(reverse("employer_contacts:add"), data)

    assert "employer" in response.context["form"].errors
    assert not EmployerContact.objects.exists()


def test_coach_is_offered_only_seekers_who_have_or_had_a_job(client, users, program):
    from tests.factories import JobFactory

    hired = JobFactory(program=program).seeker
    JobSeekerFactory(program=program, name="Not hired")
    client.force_login(users[Role.COACH])

    form = client.get(reverse("support_contacts:add")).context["form"]

    assert list(form.fields["seeker"].queryset) == [hired]


def test_time_entry_form_offers_others_only_their_own_staff_row_and_leadership_the_team(
    client, staff
):
    offered = {}
    for role in (Role.SPECIALIST, Role.COACH, Role.SUPERVISOR):
        client.force_login(staff[role].user)
        form = client.get(reverse("time_entries:add")).context["form"]
        offered[role] = set(form.fields["staff"].queryset)

    assert offered[Role.SPECIALIST] == {staff[Role.SPECIALIST]}
    assert offered[Role.COACH] == {staff[Role.COACH]}
    assert offered[Role.SUPERVISOR] == set(staff.values())


def test_time_entry_form_names_the_only_staff_row_and_saves_time_to_it(client, staff):
    """Red team: a specialist's time entry asked for the staff member from a select of
    one (themselves). Now it names them and saves without being sent the choice; a changed
    hidden staff row is refused by name and saves nothing."""
    from ips.models import TimeEntry

    specialist = staff[Role.SPECIALIST]
    client.force_login(specialist.user)
    page = client.get(reverse("time_entries:add")).content.decode()
    assert 'name="staff"' in page
    assert not re.search(r'<select[^>]*name="staff"', page)
    assert re.search(rf'<p class="ips-settled-choice">{specialist.display_name}</p>', page)

    data = {
        "date": "2026-11-30",
        "hours": "2",
        "activity": "employment_services",
        "location": "community",
    }
    data["staff"] = staff[Role.COACH].pk
    response = client.post(reverse("time_entries:add"), data)
    assert response.status_code == 200
    refused = f"Staff: You can only choose {specialist.display_name} here."
    assert refused in response.content.decode()
    assert not TimeEntry.objects.exists()

    del data["staff"]
    assert client.post(reverse("time_entries:add"), data).status_code == 302
    assert TimeEntry.objects.get().staff == specialist
