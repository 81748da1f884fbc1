"""Employers, people at employers and job seekers are picked on the workspace forms with a
searchable chooser scoped to the user's programs, not a select of every row (issue 17;
ips.forms.use_choosers, employers.choosers, jobseekers.choosers)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coaching.models import FollowUpTask, SupportContact
from employers.models import EmployerContact, EmployerPerson
from ips.models import AuditEvent
from ips.roles import Role
from jobseekers.models import Goal, Job, JobSeeker
from tests.factories import (
    EmployerFactory,
    EmployerPersonFactory,
    JobFactory,
    JobOpeningFactory,
    JobSeekerFactory,
)
from tests.ips.workspace import workspace_viewsets

SEEKERS = "/admin/jobseekers/seeker-chooser/"
PEOPLE = "/admin/employers/person-chooser/"
JOBS = "/admin/jobseekers/job-chooser/"
OPENINGS = "/admin/employers/opening-chooser/"


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
        # Red-team finding (issue 17): 42 jobs, 60 openings in native selects.
        (SupportContact, "job", JOBS),
        (FollowUpTask, "job", JOBS),
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


def test_job_edit_picks_its_opening_with_the_opening_chooser(client, users, seeker):
    opening = JobOpeningFactory(program=seeker.program, title="Prep cook")
    job = JobFactory(program=seeker.program, seeker=seeker, opening=opening)
    client.force_login(users[Role.SPECIALIST])

    page = client.get(url(Job, "edit", job.pk)).content.decode()

    assert '<select name="opening"' not in page
    assert OPENINGS in page
    assert "Prep cook" in page  # the opening chosen, named back


def test_job_chooser_lists_only_jobs_the_user_may_see_own_people_first(
    client, users, seeker, other_seeker, program, outsider
):
    mine = JobFactory(program=program, seeker=seeker, title="Baker")
    theirs = JobFactory(
        program=program,
        seeker=JobSeekerFactory(program=program, name="Aaron Apple", specialist=None),
        title="Stocker",
    )
    away = JobFactory(program=other_seeker.program, seeker=other_seeker, title="Welder")
    client.force_login(users[Role.SPECIALIST])

    listing = client.get(f"{JOBS}results/").content.decode()

    assert listing.index("Baker") < listing.index("Stocker")  # own people first
    assert "Welder" not in listing
    assert "Stocker" not in client.get(f"{JOBS}results/", {"q": "rivera"}).content.decode()
    assert "Stocker" in client.get(f"{JOBS}results/", {"q": "stocker"}).content.decode()
    assert "Baker" in client.get(f"{JOBS}results/", {"q": seeker.ref}).content.decode()
    assert client.get(f"{JOBS}chosen/{away.pk}/").status_code == 404
    assert client.get(f"{JOBS}chosen/{mine.pk}/").status_code == 200
    assert client.get(f"{JOBS}chosen/abc/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"{JOBS}chosen/{theirs.pk}/").status_code == 404
    assert "Baker" not in client.get(f"{JOBS}results/").content.decode()


def test_opening_chooser_lists_open_openings_first_and_only_the_users_programs(
    client, users, program, other_program, outsider
):
    from employers.models import JobOpening

    filled = JobOpeningFactory(program=program, title="Dishwasher", status=JobOpening.Status.FILLED)
    still_open = JobOpeningFactory(program=program, title="Host")
    away = JobOpeningFactory(program=other_program, title="Forklift driver")
    client.force_login(users[Role.SPECIALIST])

    listing = client.get(f"{OPENINGS}results/").content.decode()

    assert listing.index("Host") < listing.index("Dishwasher")
    assert "Forklift driver" not in listing
    assert "Host" in client.get(f"{OPENINGS}results/", {"q": "HOST"}).content.decode()
    assert client.get(f"{OPENINGS}chosen/{away.pk}/").status_code == 404
    assert client.get(f"{OPENINGS}chosen/{filled.pk}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"{OPENINGS}chosen/{still_open.pk}/").status_code == 404


def test_a_follow_up_task_cannot_be_put_on_another_persons_job(client, users, seeker, program):
    """Red team (issue 17): the job chooser lists the program's jobs; a task saved with
    someone else's job is refused, the task unchanged."""
    from tests.factories import FollowUpTaskFactory

    task = FollowUpTaskFactory(seeker=seeker)
    someone_else = JobSeekerFactory(program=program, name="Bea Zed")
    their_job = JobFactory(program=program, seeker=someone_else, title="Stocker")
    client.force_login(users[Role.SUPERVISOR])
    edit = url(FollowUpTask, "edit", task.pk)
    form = client.get(edit).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["due_date"] = form["due_date"].value()
    data["job"] = their_job.pk

    response = client.post(edit, data)

    assert response.status_code == 200
    assert "Choose one of this person" in response.content.decode()
    task.refresh_from_db()
    assert task.job_id is None
