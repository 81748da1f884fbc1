"""Employers, people at employers and job seekers are picked on the workspace forms with a
searchable chooser scoped to the user's programs, not a select of every row (issue 17;
ips.forms.use_choosers, employers.choosers, jobseekers.choosers)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coaching.models import FollowUpTask
from employers.models import EmployerContact, EmployerPerson
from ips.models import AuditEvent
from ips.roles import Role
from jobseekers.models import Goal, JobSeeker
from tests.factories import EmployerFactory, EmployerPersonFactory, JobSeekerFactory
from tests.ips.workspace import workspace_viewsets

SEEKERS = "/admin/jobseekers/seeker-chooser/"
PEOPLE = "/admin/employers/person-chooser/"


def url(model, action, *args) -> str:
    viewset = next(vs for vs in workspace_viewsets() if vs.model is model)
    return reverse(viewset.get_url_name(action), args=args)


@pytest.mark.parametrize(
    ("model", "field", "chooser"),
    [
        (Goal, "seeker", SEEKERS),
        (FollowUpTask, "seeker", SEEKERS),
        (EmployerContact, "employer", "/admin/jobseekers/employer-chooser/"),
        (EmployerContact, "person", PEOPLE),
        (EmployerPerson, "employer", "/admin/jobseekers/employer-chooser/"),
    ],
)
def test_add_form_picks_with_a_chooser_not_a_select(client, users, seeker, model, field, chooser):
    client.force_login(users[Role.SUPERVISOR])

    response = client.get(url(model, "add"))

    page = response.content.decode()
    assert f'<select name="{field}"' not in page
    assert f'name="{field}"' in page
    assert chooser in page  # the chooser's modal URL on the widget


def test_edit_form_names_the_chosen_seeker_and_saves_it_back(client, users, staff, seeker):
    from tests.factories import GoalFactory

    goal = GoalFactory(program=seeker.program, seeker=seeker)
    client.force_login(users[Role.SPECIALIST])

    response = client.get(url(Goal, "edit", goal.pk))

    assert seeker.name in response.content.decode()
    assert response.context["form"]["seeker"].value() == seeker.pk


def test_seeker_chooser_lists_only_people_the_user_may_see(
    client, users, seeker, other_seeker, program
):
    JobSeekerFactory(program=program, name="Bea Zed")
    client.force_login(users[Role.SPECIALIST])

    listing = client.get(f"{SEEKERS}results/", {"q": ""}).content.decode()

    assert seeker.name in listing
    assert "Bea Zed" in listing
    assert other_seeker.name not in listing
    assert client.get(f"{SEEKERS}chosen/{other_seeker.pk}/").status_code == 404
    assert client.get(f"{SEEKERS}chosen/{seeker.pk}/").status_code == 200
    chosen = client.get(f"{SEEKERS}chosen-multiple/", {"id": [other_seeker.pk, seeker.pk]})
    assert [item["id"] for item in json.loads(chosen.content)["result"]] == [str(seeker.pk)]
    # Found by name or agency reference; the names shown are recorded (how many).
    assert seeker.name in client.get(f"{SEEKERS}results/", {"q": "rivera"}).content.decode()
    assert seeker.name in client.get(f"{SEEKERS}results/", {"q": "S-1"}).content.decode()
    assert "Bea Zed" not in client.get(f"{SEEKERS}results/", {"q": "rivera"}).content.decode()
    assert AuditEvent.objects.filter(program=program).exists()


def test_seeker_chooser_puts_the_users_own_caseload_first(client, users, staff, seeker, program):
    JobSeekerFactory(program=program, name="Aaron Apple", specialist=None)
    client.force_login(users[Role.SPECIALIST])

    listing = client.get(f"{SEEKERS}results/").content.decode()

    assert listing.index(seeker.name) < listing.index("Aaron Apple")


def test_person_chooser_lists_only_the_users_programs_people(
    client, users, outsider, program, other_program
):
    home = EmployerPersonFactory(
        program=program, employer=EmployerFactory(program=program, name="Harbor Bakery")
    )
    away = EmployerPersonFactory(
        program=other_program,
        employer=EmployerFactory(program=other_program, name="Southside Foundry"),
    )
    client.force_login(users[Role.SPECIALIST])

    listing = client.get(f"{PEOPLE}results/", {"q": "bakery"}).content.decode()

    assert home.name in listing
    assert "Harbor Bakery" in listing
    assert away.name not in client.get(f"{PEOPLE}results/").content.decode()
    assert client.get(f"{PEOPLE}chosen/{away.pk}/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"{PEOPLE}chosen/{home.pk}/").status_code == 404


def test_another_programs_seeker_posted_to_the_chooser_field_is_refused(
    client, users, seeker, other_seeker
):
    client.force_login(users[Role.SUPERVISOR])
    before = Goal.objects.count()

    response = client.post(
        url(Goal, "add"),
        {"program": seeker.program_id, "seeker": other_seeker.pk, "text": "Work nights"},
    )

    assert response.status_code == 200
    assert "seeker" in response.context["form"].errors
    assert Goal.objects.count() == before
    assert other_seeker.name not in response.content.decode()
    assert JobSeeker.objects.count() == 2
