"""Every follow-along screen x every role, the outsider and the job seeker: the refusal
is asserted and so is that nothing changed. Bad input gets a clear message."""

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from coaching.models import FollowUpTask, JobSupportPlan, SupportContact
from ips.domain import CONTACT_DATE_TOO_LATE
from ips.models import TimeEntry
from ips.roles import Role
from jobseekers.models import Job
from jobseekers.services import record_job_end
from tests.support.html_forms import form_data

HOME_ROLES = ["specialist", "coach", "supervisor", "director"]
DUE = "/admin/coaching/due/"
LOG = "/admin/coaching/log/"
HOURS = "/admin/coaching/hours/"


def _login(client, request, who):
    """Log in as a home role, the outsider, the seeker's portal user, or nobody."""
    if who in HOME_ROLES:
        client.force_login(request.getfixturevalue("users")[who])
    elif who == "outsider":
        client.force_login(request.getfixturevalue("outsider"))
    elif who == "seeker_user":
        client.force_login(request.getfixturevalue("seeker_user"))
    return client


ALL = [*HOME_ROLES, "outsider", "seeker_user", "anonymous"]


def _refused_outside_the_workspace(response):
    assert response.status_code == 302
    assert "/admin/" in response["Location"]


@pytest.mark.parametrize("who", ALL)
def test_due_list_by_role(client, request, who, make_job, seeker):
    make_job(seeker, days_ago=40)
    response = _login(client, request, who).get(DUE + "?show=program")
    if who in HOME_ROLES:
        assert response.status_code == 200
        assert "30-day check" in response.content.decode()
    elif who == "outsider":
        assert response.status_code == 200
        assert "Alex Rivera" not in response.content.decode()
    else:
        _refused_outside_the_workspace(response)


def test_due_list_rejects_an_unknown_view(client, users):
    client.force_login(users["coach"])
    response = client.get(DUE + "?show=everything", follow=True)
    assert "Unknown view of the list" in response.content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_due_list_page_query_count_does_not_grow(
    size, client, users, program, staff, make_job, django_assert_max_num_queries
):
    from jobseekers.models import JobSeeker

    for i in range(size):
        person = JobSeeker.objects.create(
            program=program, name=f"P{i}", specialist=staff["specialist"]
        )
        make_job(person, days_ago=30 + i)
    client.force_login(users["specialist"])
    with django_assert_max_num_queries(25):
        response = client.get(DUE)
    assert response.content.decode().count("30-day check") == size


def _log_data(seeker, job=None, **extra):
    data = {
        "seeker": seeker.pk,
        "job": job.pk if job else "",
        "date": timezone.localdate().isoformat(),
        "mode": "face_to_face",
        "location": "workplace",
        "with_whom": ["worker"],
        "minutes": "30",
        "support_types": ["coaching"],
        "notes": "Went well.",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("who", ALL)
def test_log_support_by_role(client, request, who, seeker, job):
    response = _login(client, request, who).post(LOG, _log_data(seeker, job))
    if who in HOME_ROLES:
        assert response.status_code == 302
        assert response["Location"] == f"/admin/coaching/jobs/{job.pk}/"
        assert SupportContact.objects.get().staff.user.username == f"{who}_north"
    elif who == "outsider":
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not SupportContact.objects.exists()
    else:
        _refused_outside_the_workspace(response)
        assert not SupportContact.objects.exists()


def test_log_form_is_prefilled_from_a_check_and_hides_others_checks(
    client, users, outsider, make_job, seeker, other_seeker
):
    job = make_job(seeker, days_ago=30)
    client.force_login(users["coach"])
    page = client.get(f"{LOG}?job={job.pk}&check=30").content.decode()
    assert 'name="check" value="30"' in page
    assert "30-day check: still in this job?" in page
    assert f"30-day retention check</strong> for {seeker.name}" in page
    # A check that is not one of the schedule's is not named (nor kept).
    page = client.get(f"{LOG}?job={job.pk}&check=31").content.decode()
    assert "retention check</strong>" not in page
    assert 'name="check" value="31"' not in page
    assert "<legend>Still in this job?</legend>" in page
    # A refused sending still names the check it was for.
    refused = client.post(LOG, {"job": job.pk, "check": "30", "seeker": seeker.pk, "date": ""})
    assert "30-day retention check</strong>" in refused.content.decode()
    client.force_login(outsider)
    assert client.get(f"{LOG}?job={job.pk}&check=30").status_code == 404
    assert client.get(f"{LOG}?job={job.pk}").status_code == 404
    assert client.get(f"{LOG}?seeker={seeker.pk}").status_code == 404


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"minutes": "0"}, "Give the minutes as a whole number from 1 to 1440"),
        ({"minutes": "1441"}, "Give the minutes as a whole number from 1 to 1440"),
        ({"minutes": "ten"}, "Give the minutes as a whole number from 1 to 1440"),
        ({"mode": "pigeon"}, "Select a valid choice"),
        ({"date": "yesterday"}, "Enter a valid date"),
        ({"date": "2099-01-01"}, CONTACT_DATE_TOO_LATE),
    ],
)
def test_bad_support_log_gets_a_clear_message_and_saves_nothing(
    client, users, seeker, job, extra, message
):
    client.force_login(users["coach"])
    response = client.post(LOG, _log_data(seeker, job, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SupportContact.objects.exists()


def test_support_log_takes_the_same_dates_as_the_quick_log(client, users, seeker, job):
    """One rule for every contact or visit (issue 17): today or earlier, tomorrow at most
    (a phone a time zone ahead), never later; the refusal says so beside the date."""
    client.force_login(users["specialist"])
    today = timezone.localdate()
    later = (today + dt.timedelta(days=2)).isoformat()
    refused = client.post(LOG, _log_data(seeker, job, date=later)).content.decode()
    # Said once beside the date, and once in the summary at the top that links to it.
    assert unescape(refused).count(CONTACT_DATE_TOO_LATE) == 2
    assert f'<a href="#id_date">Date: {CONTACT_DATE_TOO_LATE}' in unescape(refused)
    assert not SupportContact.objects.exists()
    quick = client.post("/admin/crm/log/", {"employer": "", "date": later, "mode": "phone"})
    assert CONTACT_DATE_TOO_LATE in unescape(quick.content.decode())
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert client.post(LOG, _log_data(seeker, job, date=tomorrow)).status_code == 302
    assert [c.date for c in SupportContact.objects.all()] == [today + dt.timedelta(days=1)]


def test_log_refuses_a_job_of_another_person(client, users, seeker, program, make_job):
    from jobseekers.models import JobSeeker

    someone = JobSeeker.objects.create(program=program, name="Kim Else")
    their_job = make_job(someone, days_ago=2)
    client.force_login(users["specialist"])
    response = client.post(LOG, _log_data(seeker, their_job))
    assert response.status_code == 200
    assert "not one of this person&#x27;s jobs" in response.content.decode()
    assert not SupportContact.objects.exists()


def test_log_with_still_employed_confirms_the_check(client, users, seeker, make_job):
    job = make_job(seeker, days_ago=31)
    client.force_login(users["coach"])
    data = _log_data(seeker, job, check="30", still_employed="yes")
    assert client.post(LOG, data).status_code == 302
    answer = job.milestones.get(days=30)
    assert (answer.still_employed, answer.confirmed_by) == (True, SupportContact.objects.get())
    page = client.get(f"/admin/coaching/jobs/{job.pk}/").content.decode()
    assert "30-day check recorded: still working there." in page


def test_log_opened_for_a_check_may_leave_it_unasked_and_the_check_stays_due(
    client, users, seeker, make_job
):
    """Red team (issue 17): opened from "Record the check", "Not asked this time" was
    chosen by default and the save was then refused. It now says the check stays due, and
    the contact is logged with the check left open."""
    job = make_job(seeker, days_ago=31)
    client.force_login(users["coach"])
    form = client.get(f"{LOG}?job={job.pk}&check=30").content.decode()
    assert "Not asked this time: the check stays due" in form
    response = client.post(LOG, _log_data(seeker, job, check="30", still_employed=""))
    assert response.status_code == 302
    assert SupportContact.objects.get().still_employed is None
    assert not job.milestones.exists()
    page = client.get(response["Location"]).content.decode()
    assert f"Support for {seeker.name} logged. The 30-day check is still due." in page


def test_a_refused_log_opens_on_a_summary_linking_to_each_field(client, users, seeker):
    client.force_login(users["coach"])
    response = client.post(LOG, _log_data(seeker, minutes="0", mode=""))
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index('id="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'href="#id_minutes"' in summary
    assert 'href="#id_mode_0"' in summary
    assert not SupportContact.objects.exists()


@pytest.mark.parametrize("who", ALL)
def test_job_page_by_role(client, request, who, job):
    response = _login(client, request, who).get(f"/admin/coaching/jobs/{job.pk}/")
    if who in HOME_ROLES:
        assert response.status_code == 200
        assert "Week 1" in response.content.decode()
        assert "Support plan" in response.content.decode()
    elif who == "outsider":
        assert response.status_code == 404
    else:
        _refused_outside_the_workspace(response)


PLAN = {
    "what_helps": "A quiet start to the shift.",
    "natural_supports_work": "Shift lead, Dee.",
    "natural_supports_home": "Sister drives on Mondays.",
    "employer_knows": "",
    "fading_plan": "Visits every other week after month two.",
}


def plan_form(job, **changes) -> dict:
    """The plan form as posted from the job's page (with the plan version it showed)."""
    plan = JobSupportPlan.objects.filter(job=job).first()
    return {**PLAN, "version": str(plan.version if plan else 0), **changes}


@pytest.mark.parametrize("who", ALL)
def test_plan_edit_by_role(client, request, who, job):
    response = _login(client, request, who).post(
        f"/admin/coaching/jobs/{job.pk}/plan/", plan_form(job)
    )
    plan = JobSupportPlan.objects.get(job=job)
    if who in HOME_ROLES:
        assert response.status_code == 302
        assert plan.what_helps == PLAN["what_helps"]
    else:
        if who == "outsider":
            assert response.status_code == 404
        else:
            _refused_outside_the_workspace(response)
        assert plan.what_helps == ""


def test_plan_refuses_employer_notes_when_the_person_chose_no_disclosure(client, users, job):
    Job.objects.filter(pk=job.pk).update(disclosure=Job.Disclosure.NONE)
    client.force_login(users["coach"])
    data = plan_form(job, employer_knows="Has schizophrenia")
    response = client.post(f"/admin/coaching/jobs/{job.pk}/plan/", data)
    assert response.status_code == 200
    assert "chose not to tell this employer" in response.content.decode()
    assert JobSupportPlan.objects.get(job=job).employer_knows == ""


def test_plan_follows_the_career_profile_choice_when_the_job_has_none(client, users, job, seeker):
    from jobseekers.models import CareerProfile

    CareerProfile.objects.create(
        program=seeker.program, seeker=seeker, disclosure_preference=CareerProfile.Disclosure.NONE
    )
    client.force_login(users["specialist"])
    data = plan_form(job, employer_knows="Gets support from us")
    assert client.post(f"/admin/coaching/jobs/{job.pk}/plan/", data).status_code == 200
    Job.objects.filter(pk=job.pk).update(disclosure=Job.Disclosure.FULL)
    assert client.post(f"/admin/coaching/jobs/{job.pk}/plan/", data).status_code == 302
    assert JobSupportPlan.objects.get(job=job).employer_knows == "Gets support from us"


def test_workspace_plan_form_keeps_the_disclosure_rule(client, users, job):
    Job.objects.filter(pk=job.pk).update(disclosure=Job.Disclosure.NONE)
    plan = JobSupportPlan.objects.get(job=job)
    client.force_login(users["supervisor"])
    data = dict(PLAN, program=job.program_id, job=job.pk, coach="", employer_knows="All of it")
    response = client.post(f"/admin/support_plans/edit/{plan.pk}/", data)
    assert response.status_code == 200
    assert "chose not to tell this employer" in response.content.decode()
    assert JobSupportPlan.objects.get(pk=plan.pk).employer_knows == ""


@pytest.mark.parametrize("who", ALL)
def test_follow_up_done_by_role(client, request, who, job):
    record_job_end(job=job, end_date=timezone.localdate(), reason=Job.EndReason.FIRED)
    task = FollowUpTask.objects.get()
    response = _login(client, request, who).post(f"/admin/coaching/follow-ups/{task.pk}/done/")
    task.refresh_from_db()
    if who in HOME_ROLES:
        assert response.status_code == 302
        assert task.done_on == timezone.localdate()
    else:
        if who == "outsider":
            assert response.status_code == 404
        else:
            _refused_outside_the_workspace(response)
        assert task.done_on is None


MONDAY = dt.date(2026, 3, 2)


def _hours(**cells):
    data = {"week": MONDAY.isoformat()}
    data.update(cells)
    return data


@pytest.mark.parametrize("who", ALL)
def test_week_of_hours_by_role(client, request, who, staff, other_staff):
    data = _hours(d0_employment_services_community="6", d1_other_office="1.5")
    response = _login(client, request, who).post(HOURS, data)
    if who in HOME_ROLES:
        assert response.status_code == 302
        entries = TimeEntry.objects.filter(staff=staff[who])
        assert sorted(entries.values_list("date", "activity")) == [
            (MONDAY, "employment_services"),
            (MONDAY + dt.timedelta(days=1), "other"),
        ]
    elif who == "outsider":
        assert response.status_code == 302
        assert set(TimeEntry.objects.values_list("staff", flat=True)) == {
            other_staff["specialist"].pk
        }
    else:
        _refused_outside_the_workspace(response)
        assert not TimeEntry.objects.exists()


def test_week_of_hours_shows_saved_hours(client, users, staff):
    client.force_login(users["coach"])
    client.post(HOURS, _hours(d2_other_community="3.25"))
    page = client.get(f"{HOURS}?week=2026-03-04").content.decode()
    assert 'value="3.25"' in page
    assert "Saved for this week: 3.25 hours" in page
    assert "0.0% on employment services, 100.0% in the community" in page
    assert "Mon 2 Mar" in page


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"d0_other_office": "25"}, "less than or equal to 24"),
        ({"d0_other_office": "-1"}, "greater than or equal to 0"),
        ({"d0_other_office": "lots"}, "Enter a number"),
        ({"d0_other_office": "13", "d0_other_community": "12"}, "more than 24 hours in one day"),
    ],
)
def test_bad_hours_get_a_clear_message_and_change_nothing(client, users, staff, cells, message):
    TimeEntry.objects.create(
        program=staff["coach"].program,
        staff=staff["coach"],
        date=MONDAY,
        hours=2,
        activity="other",
        location="office",
    )
    client.force_login(users["coach"])
    response = client.post(HOURS, _hours(**cells))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(TimeEntry.objects.values_list("hours", flat=True)) == [2]


def test_bad_week_in_the_address_gets_a_message(client, users):
    client.force_login(users["coach"])
    response = client.get(f"{HOURS}?week=last-tuesday", follow=True)
    assert "The week must be a date written like 2026-03-02." in response.content.decode()


def test_menu_shows_the_follow_along_screens_to_staff_only(client, users):
    client.force_login(users["coach"])
    page = client.get("/admin/").content.decode()
    assert "What&#x27;s due" in page or "What's due" in page
    assert "/admin/coaching/hours/" in page


@pytest.mark.parametrize("who", ALL)
def test_digest_setting_by_role(client, request, who, staff, other_staff):
    response = _login(client, request, who).post("/admin/coaching/due/email/", {"digest": "off"})
    from ips.models import StaffMember

    off = set(
        StaffMember.objects.filter(digest_opt_in=False).values_list("user__username", flat=True)
    )
    if who in HOME_ROLES:
        assert response.status_code == 302
        assert off == {f"{who}_north"}
    elif who == "outsider":
        assert off == {"specialist_south"}
    else:
        _refused_outside_the_workspace(response)
        assert off == set()


def test_digest_setting_refuses_an_unknown_choice(client, users, staff):
    client.force_login(users["coach"])
    response = client.post("/admin/coaching/due/email/", {"digest": "maybe"}, follow=True)
    assert "Choose whether to get the morning email" in response.content.decode()
    staff["coach"].refresh_from_db()
    assert staff["coach"].digest_opt_in is True


def _admin_contact(seeker, staff, job, **extra):
    data = {
        "program": seeker.program_id,
        "date": timezone.localdate().isoformat(),
        "staff": staff.pk,
        "seeker": seeker.pk,
        "job": job.pk,
        "with_whom": ["worker", "family"],
        "mode": "face_to_face",
        "location": "home",
        "minutes": "40",
        "support_types": ["benefits_reporting"],
        "still_employed": "",
        "notes": "",
    }
    data.update(extra)
    return data


def test_workspace_support_contact_form_saves_tick_boxes_as_lists(
    client, users, staff, seeker, job
):
    client.force_login(users["supervisor"])
    response = client.post(
        "/admin/support_contacts/new/", _admin_contact(seeker, staff["coach"], job)
    )
    assert response.status_code == 302
    contact = SupportContact.objects.get()
    assert contact.with_whom == ["worker", "family"]
    assert contact.support_types == ["benefits_reporting"]


def test_workspace_support_contact_form_refuses_another_persons_job(
    client, users, staff, seeker, program, make_job
):
    from jobseekers.models import JobSeeker

    someone = JobSeeker.objects.create(program=program, name="Kim Else")
    client.force_login(users["supervisor"])
    data = _admin_contact(seeker, staff["coach"], make_job(someone, days_ago=1))
    response = client.post("/admin/support_contacts/new/", data)
    assert response.status_code == 200
    assert "not one of this person" in response.content.decode()
    assert not SupportContact.objects.exists()


def test_outsider_cannot_add_a_contact_for_the_home_program(client, outsider, staff, seeker, job):
    client.force_login(outsider)
    response = client.post(
        "/admin/support_contacts/new/", _admin_contact(seeker, staff["coach"], job)
    )
    assert response.status_code == 200
    assert not SupportContact.objects.exists()


def test_a_bare_answer_cannot_be_added_on_the_listing_only_on_the_support_log(
    client, users, program, make_job, seeker
):
    from django.urls import reverse

    from coaching.models import RetentionMilestone

    job = make_job(seeker, days_ago=31)
    client.force_login(users["supervisor"])
    data = {"program": program.pk, "job": job.pk, "days": 30, "confirmed_on": "2026-03-01"}
    response = client.post(reverse("milestones:add"), {**data, "still_employed": "on"})
    assert response.status_code == 302
    assert not RetentionMilestone.objects.exists()


def _answer(job, *, still_employed: bool):
    from coaching.models import RetentionMilestone

    return RetentionMilestone.objects.create(
        program=job.program,
        job=job,
        days=30,
        confirmed_on=job.start_date + dt.timedelta(days=30),
        still_employed=still_employed,
    )


def test_an_answer_corrected_to_not_working_opens_the_reengage_task(
    client, users, make_job, seeker
):
    from django.urls import reverse

    from coaching.models import FollowUpTask

    job = make_job(seeker, days_ago=40)
    answer = _answer(job, still_employed=True)
    client.force_login(users["supervisor"])
    url = reverse("milestones:edit", args=[answer.pk])
    data = form_data(client.get(url).content.decode(), having="confirmed_on")
    data.pop("still_employed", None)  # unticked: no longer working
    response = client.post(url, data)
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.still_employed is False
    task = FollowUpTask.objects.get(job=job)
    assert task.kind == FollowUpTask.Kind.REENGAGE
    assert "30-day check" in task.note


def test_an_answer_cannot_be_moved_to_another_check_or_dated_in_the_future(
    client, users, make_job, seeker
):
    from django.urls import reverse

    job = make_job(seeker, days_ago=40)
    answer = _answer(job, still_employed=True)
    client.force_login(users["supervisor"])
    url = reverse("milestones:edit", args=[answer.pk])
    data = form_data(client.get(url).content.decode(), having="confirmed_on")
    future = timezone.localdate() + dt.timedelta(days=2)
    response = client.post(url, {**data, "days": 90, "confirmed_on": future.isoformat()})
    assert response.status_code == 200
    assert "The date is in the future" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.days, answer.confirmed_on) == (30, job.start_date + dt.timedelta(days=30))
    early = job.start_date + dt.timedelta(days=1)  # a 30-day check answered on day 1
    response = client.post(url, {**data, "confirmed_on": early.isoformat()})
    assert "A 30-day check is answered from" in response.content.decode()
    answer.refresh_from_db()
    assert answer.confirmed_on == job.start_date + dt.timedelta(days=30)


def _coach_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="coach".*?</select>', html, re.S).group(0)
    return [unescape(text).strip() for text in re.findall(r"<option[^>]*>(.*?)</option>", select)]


def test_plan_offers_the_same_coaches_as_a_job_start_fewest_people_first(
    client, users, program, staff, job, seeker
):
    """Red team: the plan's coach choice listed specialists without counts, unlike the job
    start's "Who is the job coach?" (coaches, fewest people first, "— n people")."""
    from tests.conftest import make_staff

    JobSupportPlan.objects.filter(job=job).update(coach=staff["coach"])
    second = make_staff(program, Role.COACH, username="second-coach")
    client.force_login(users["supervisor"])
    plan_page = client.get(f"/admin/coaching/jobs/{job.pk}/").content.decode()
    start_page = client.get(f"/admin/jobseekers/record/{seeker.pk}/job/").content.decode()

    offered = _coach_options(plan_page)
    assert offered == _coach_options(start_page)
    plan = JobSupportPlan.objects.get(job=job)
    edit_page = client.get(f"/admin/support_plans/edit/{plan.pk}/").content.decode()
    assert _coach_options(edit_page) == offered
    assert offered == [
        "No coach yet",
        f"{second.display_name} — 0 people",
        f"{staff['coach'].display_name} — 1 person",
    ]
    assert staff["specialist"].display_name not in " ".join(offered)
    # The plan's own coach stays chosen, and the unchanged plan saves.
    assert re.search(rf'<option value="{staff["coach"].pk}" selected>', plan_page)
    data = plan_form(job, coach=str(staff["coach"].pk))
    assert client.post(f"/admin/coaching/jobs/{job.pk}/plan/", data).status_code == 302


def test_log_support_lists_the_users_own_people_first(
    client, users, staff, seeker, program, other_seeker
):
    from jobseekers.models import JobSeeker

    JobSeeker.objects.create(program=program, name="Aaron Apple")  # nobody's yet
    client.force_login(users["specialist"])

    page = client.get(LOG).content.decode()

    mine = page.index('<optgroup label="Your people">')
    others = page.index('<optgroup label="Everyone else">')
    assert mine < page.index(seeker.name) < others < page.index("Aaron Apple")
    assert other_seeker.name not in page
    # A supervisor with no people of their own gets one plain list, by name.
    client.force_login(users["supervisor"])
    page = client.get(LOG).content.decode()
    assert "<optgroup" not in page
    assert page.index("Aaron Apple") < page.index(seeker.name)


def test_a_new_plan_offers_coaches_fewest_people_first_with_counts(
    client, users, program, staff, job
):
    """Red team (issue 17): the new plan's coach choice listed coaches without how many
    people each supports; it is now the job start's list (offer_coaches)."""
    from tests.conftest import make_staff

    JobSupportPlan.objects.filter(job=job).update(coach=staff["coach"])
    second = make_staff(program, Role.COACH, username="second-coach")
    client.force_login(users["supervisor"])

    page = client.get("/admin/support_plans/new/").content.decode()

    assert _coach_options(page) == [
        "No coach yet",
        f"{second.display_name} — 0 people",
        f"{staff['coach'].display_name} — 1 person",
    ]
    assert staff["specialist"].display_name not in " ".join(_coach_options(page))


def test_a_new_plan_names_each_coachs_program_for_staff_of_two_programs(
    client, staff, other_staff, other_program, django_assert_num_queries
):
    """A director of two programs: the coaches of both, each with their program, so two
    programs' coaches are not confused."""
    from ips.models import Program, StaffMember
    from jobseekers.selectors import coach_choices

    director = staff["director"].user
    StaffMember.objects.create(user=director, program=other_program, role=Role.DIRECTOR)
    client.force_login(director)

    offered = _coach_options(client.get("/admin/support_plans/new/").content.decode())

    assert offered == [
        "No coach yet",
        f"{staff['coach'].display_name} — 0 people, North Team",
        f"{other_staff['coach'].display_name} — 0 people, South Team",
    ]
    with django_assert_num_queries(1):
        coach_choices(Program.objects.filter(pk__in=[other_program.pk, staff["coach"].program_id]))


def test_a_named_check_is_never_moved_onto_another_job(client, users, seeker, program, make_job):
    """Red team (issue 17): with the person changed on a log opened for a check, the check
    went onto the other person's job. It is refused, saying which job the check is about."""
    from jobseekers.models import JobSeeker

    job = make_job(seeker, days_ago=31)
    someone = JobSeeker.objects.create(program=program, name="Kim Else")
    their_job = make_job(someone, days_ago=40)
    client.force_login(users["coach"])
    data = _log_data(someone, their_job, check="30", check_job=str(job.pk), still_employed="yes")
    response = client.post(LOG, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The 30-day check named above is about" in page
    assert "30-day retention check</strong>" in page  # still named, with the job it is about
    assert not SupportContact.objects.exists()
    assert not their_job.milestones.exists()


def test_a_check_already_recorded_is_said_not_asked_again(client, users, seeker, make_job):
    job = make_job(seeker, days_ago=31)
    client.force_login(users["coach"])
    data = _log_data(seeker, job, check="30", check_job=str(job.pk), still_employed="yes")
    assert client.post(LOG, data).status_code == 302
    page = client.get(f"{LOG}?job={job.pk}&check=30").content.decode()
    assert "The 30-day check of this job was already recorded on" in page
    assert "retention check</strong>" not in page
    assert 'name="check" value="30"' not in page


def test_no_longer_working_there_says_to_record_the_jobs_end(client, users, seeker, make_job):
    job = make_job(seeker, days_ago=31)
    client.force_login(users["coach"])
    data = _log_data(seeker, job, check="30", check_job=str(job.pk), still_employed="no")
    response = client.post(LOG, data)
    page = client.get(response["Location"]).content.decode()
    assert "not working there now. Record when the job ended" in page
