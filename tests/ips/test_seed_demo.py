"""seed_demo: a believable demo of every stage, built once, with a login per role."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from employers.models import Employer, EmployerContact, JobOpening
from ips.demo import DEMO_PASSWORD, demo_logins
from ips.models import Program, StaffMember
from jobseekers.models import CareerProfile, Job, JobSeeker

TODAY = dt.date(2026, 11, 20)
APPS = ("ips", "employers", "jobseekers", "coaching", "auth", "wagtailcore")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo built once for this module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", today=TODAY, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS
    }


def test_second_run_changes_and_duplicates_nothing(demo_output, db):
    before = row_counts()
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    out = StringIO()
    call_command("seed_demo", today=TODAY + dt.timedelta(days=3), stdout=out)
    assert "nothing changed" in out.getvalue()
    assert row_counts() == before
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords


def test_output_lists_a_login_per_role_and_the_password(demo_output, db):
    assert DEMO_PASSWORD in demo_output
    for login in demo_logins():
        assert login.username in demo_output
    roles = {"specialist", "coach", "supervisor", "director", "seeker", "admin"}
    assert roles <= {login.username for login in demo_logins()}


def test_demo_logins_authenticate_with_the_shared_password(demo_output, db):
    User = get_user_model()
    for login in demo_logins():
        assert User.objects.get(username=login.username).check_password(DEMO_PASSWORD)


def test_only_the_demo_superuser_is_django_staff(demo_output, db):
    staff_flags = dict(get_user_model().objects.values_list("username", "is_staff"))
    assert staff_flags.pop("admin") is True
    assert not any(staff_flags.values())


def test_two_detroit_programs_with_the_staff_mix(demo_output, db):
    programs = Program.objects.annotate(n=Count("staff"))
    assert programs.count() == 2
    roles = Counter(StaffMember.objects.values_list("role", flat=True))
    assert roles["specialist"] == 8
    assert roles["coach"] == 3
    assert roles["supervisor"] == 2
    assert roles["director"] == 2  # one director of both programs
    zips = set(Employer.objects.values_list("zip", flat=True))
    assert all(z.startswith("48") for z in zips)  # south-east Michigan


def test_seekers_at_every_stage_with_ips_close_reasons(demo_output, db):
    seekers = JobSeeker.objects.all()
    assert 140 <= seekers.count() <= 160
    assert set(seekers.values_list("stage", flat=True)) == set(JobSeeker.Stage.values)
    closed = seekers.filter(stage="closed")
    assert closed.exclude(closed_date__isnull=False).count() == 0
    assert set(closed.values_list("close_reason", flat=True)) <= set(JobSeeker.CloseReason.values)
    assert seekers.exclude(stage="closed").exclude(close_reason="").count() == 0


def test_every_seeker_has_one_current_profile_with_wanted_occupations(demo_output, db):
    current = CareerProfile.objects.current()
    assert current.count() == JobSeeker.objects.count()
    assert not current.filter(preferred_occupations__isnull=True).exists()
    assert CareerProfile.objects.filter(is_current=False).exists()  # history kept


def test_a_year_of_frequent_face_to_face_employer_contacts(demo_output, db):
    contacts = EmployerContact.objects.all()
    first = contacts.order_by("date").first().date
    assert (TODAY - first).days >= 350
    per_specialist = contacts.face_to_face().values("specialist").annotate(n=Count("id"))
    for row in per_specialist:
        assert 5 <= row["n"] / 52 <= 7.5  # fidelity item V6: about 6 a week
    assert contacts.exclude(mode="face_to_face").exists()
    assert contacts.filter(seekers__isnull=False).exists()
    assert contacts.filter(date__gt=TODAY).count() == 0


def test_openings_jobs_and_follow_along(demo_output, db):
    openings = JobOpening.objects.all()
    assert 50 <= openings.count() <= 75
    assert {"open", "filled", "closed"} == set(openings.values_list("status", flat=True))
    assert openings.public().count() >= 10
    assert not openings.filter(latitude__isnull=True).exists()
    jobs = Job.objects.all()
    assert 50 <= jobs.count() <= 75
    assert jobs.filter(competitive=True).count() / jobs.count() >= 0.9
    assert jobs.filter(end_date__isnull=False).exclude(end_reason="").exists()
    assert not jobs.filter(support_contacts__isnull=True).exists()


def test_seeker_portal_login_belongs_to_a_job_seeker(demo_output, db):
    seeker = JobSeeker.objects.get(portal_user__username="seeker")
    assert seeker.stage == "job_search"
    assert seeker.profiles.current().exists()


@pytest.mark.parametrize(
    ("username", "programs"),
    [("specialist", 1), ("coach", 1), ("supervisor", 1), ("director", 2)],
)
def test_each_demo_role_sees_data_of_its_programs_only(demo_output, db, username, programs):
    user = get_user_model().objects.get(username=username)
    seekers = JobSeeker.objects.for_user(user)
    assert seekers.exists()
    assert seekers.values("program").distinct().count() == programs
    assert Employer.objects.for_user(user).values("program").distinct().count() == programs


def test_no_follow_along_after_a_seeker_left_the_caseload(demo_output, db):
    from django.db.models import F

    from coaching.models import SupportContact

    late = SupportContact.objects.filter(
        seeker__closed_date__isnull=False, date__gt=F("seeker__closed_date")
    )
    assert not late.exists()
    assert SupportContact.objects.filter(seeker__stage="closed").exists()


def test_demo_psr_assessments_are_complete_across_all_eleven_domains(demo_output, db):
    from jobseekers.models import DomainAssessment

    assessments = list(DomainAssessment.objects.prefetch_related("ratings"))
    assert assessments
    assert all(a.completed_on == a.date and a.uncovered_domains() == [] for a in assessments)


def test_the_demo_coach_follows_people_and_their_home_lists_late_checks(demo_output, client, db):
    """Red-team finding (issue 17): no demo support plan had a coach, so the demo coach's
    home said "Nothing late" while retention checks were late. Coaches are assigned as a
    job start does: the coach following the fewest people, so the program's coaches share
    the people in a job."""
    from coaching.models import JobSupportPlan

    current = JobSupportPlan.objects.filter(
        job__end_date__isnull=True, job__seeker__closed_date__isnull=True
    )
    assert current.exists()
    assert not current.filter(coach__isnull=True).exists()
    per_coach = Counter(current.values_list("coach__user__username", flat=True))
    # Fewest first: the two coaches of the demo coach's program share the people out.
    assert per_coach["coach"] > 0
    assert abs(per_coach["coach"] - per_coach["pdombrowski"]) <= 1
    client.force_login(get_user_model().objects.get(username="coach"))
    home = client.get("/admin/").content.decode()
    late = home.split("Late checks and visits")[1].split("In a job, without a coach")[0]
    assert "Nothing late." not in late
    assert "Record the check" in late
    assert "Everyone in a job has a coach." in home
