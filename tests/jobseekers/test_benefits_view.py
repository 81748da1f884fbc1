"""The benefits screen: issue 19's findings in plain words, through the real URL, with
the shipped 2026 figures. Hours x wage x 52 / 12 gives each worked example's pay."""

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobseekers import services
from jobseekers.models import JobSeeker
from tests.support.html_forms import form_data

pytestmark = pytest.mark.django_db
NOT_ADVICE = "an estimate, not advice; talk to a benefits planner"


def screen(client, seeker, **params):
    query = {"year": "2026", "ssi_eligible": "on", **params}
    return client.get(reverse("jobseekers:benefits", args=[seeker.pk]), query)


def words(response) -> str:
    """The page's text with tags dropped and spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.fixture
def specialist_client(client, users):
    client.force_login(users["specialist"])
    return client


def test_contract_example_in_plain_words(specialist_client, seeker):
    response = screen(specialist_client, seeker, hours_per_week="24", hourly_wage="10")
    assert response.status_code == 200
    text = words(response)
    assert (
        "Your SSI would go from $994 to $516.50; your total income would go from $994 to $1,556.50."
        in text
    )
    assert NOT_ADVICE in text
    assert "Estimate using 2026 Social Security figures" in text


def test_every_step_is_one_click_away(specialist_client, seeker):
    response = screen(specialist_client, seeker, hours_per_week="24", hourly_wage="10")
    page = response.content.decode()
    steps = page[page.index('id="steps-ssi-job"') :]
    steps = steps[: steps.index("</details>")]
    assert "<summary>How SSI was worked out, with this job</summary>" in steps
    assert "$65 earned income exclusion" in steps
    assert "One half of the rest" in steps
    assert "$516.50" in steps


def test_student_keeps_full_ssi(specialist_client, seeker):
    response = screen(
        specialist_client, seeker, hours_per_week="26", hourly_wage="10", student_under_22="on"
    )
    assert "Your SSI would stay $994; your total income would go from $994 to $2,120.67." in (
        words(response)
    )


def test_irwe_comes_off_before_the_half(specialist_client, seeker):
    response = screen(
        specialist_client, seeker, hours_per_week="30", hourly_wage="11.54", irwe="80"
    )
    assert "Your SSI would go from $994 to $326.40" in words(response)


def after_twp(**more) -> dict:
    return {
        "hours_per_week": "30",
        "hourly_wage": "15",  # $1,950 a month
        "ssi_eligible": "",
        "ssdi": "1300",
        "epe": "on",
        "twp_months_used": "9",
        "grace_months_used": "3",
        **more,
    }


def test_ssdi_stops_above_sga_after_the_trial_work_period(specialist_client, seeker):
    text = words(screen(specialist_client, seeker, **after_twp()))
    assert "Your total income would go from $1,300 to $1,950." in text
    assert "Your SSDI would go from $1,300 to $0." in text
    assert "above the SGA amount of $1,690 a month after the grace months" in text


def test_sga_is_judged_on_earnings_less_irwe(specialist_client, seeker):
    text = words(screen(specialist_client, seeker, **after_twp(irwe="300")))
    assert "Your total income would go from $1,300 to $3,250." in text
    assert "Counted earnings $1,650 (pay less IRWE and subsidy) would not be above" in text


def test_trial_work_month_is_flagged(specialist_client, seeker):
    text = words(screen(specialist_client, seeker, **after_twp(epe="", twp_months_used="2")))
    assert "This would be trial work month 3 of 9" in text
    assert "Your SSDI would stay $1,300." in text


def test_couple_both_working(specialist_client, seeker):
    response = screen(
        specialist_client,
        seeker,
        hours_per_week="24",
        hourly_wage="10",
        couple="on",
        spouse_earnings="866.67",
    )
    # now: 1491 - (866.67 - 85) / 2; with the job: 1491 - (1906.67 - 85) / 2
    assert "Your SSI would go from $1,100.16 to $580.16" in words(response)


def test_ssi_only_never_hears_of_sga_and_hears_of_1619b(specialist_client, seeker):
    response = screen(specialist_client, seeker, hours_per_week="40", hourly_wage="20", state="MD")
    text = words(response)
    assert "Your SSI would go from $994 to $0" in text
    assert "SGA" not in text
    assert "Medicaid would continue under 1619(b)" in text


def test_a_state_without_a_threshold_says_so(specialist_client, seeker):
    text = words(
        screen(specialist_client, seeker, hours_per_week="40", hourly_wage="20", state="MI")
    )
    assert "No 1619(b) threshold is stored for MI" in text


def test_pick_the_job_from_the_record(specialist_client, seeker, employer):
    job = services.record_job_start(
        seeker=seeker,
        employer=employer,
        title="Baker",
        start_date=dt.date(2026, 2, 1),
        hours_per_week=Decimal("16"),  # x $15 = $1,040 a month
        hourly_wage=Decimal("15"),
    )
    response = screen(specialist_client, seeker, job=f"job-{job.pk}")
    assert "Your SSI would go from $994 to $516.50" in words(response)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"hours_per_week": "-5", "hourly_wage": "10"}, "greater than or equal to 0"),
        ({"hours_per_week": "20", "hourly_wage": "10", "irwe": "-1"}, "greater than or equal to 0"),
        ({}, "Pick the job, or enter its hours per week and wage."),
        ({"hours_per_week": "20", "hourly_wage": "10", "bwe": "30"}, "only for a blind person"),
        ({"hours_per_week": "20", "hourly_wage": "10", "job": "job-999999"}, "valid choice"),
    ],
)
def test_bad_input_shows_the_message_and_no_estimate(specialist_client, seeker, params, message):
    before = JobSeeker.objects.get(pk=seeker.pk).version
    response = screen(specialist_client, seeker, **params)
    assert response.status_code == 200
    text = words(response)
    assert message in text
    assert "Estimate using" not in text
    assert JobSeeker.objects.get(pk=seeker.pk).version == before


def test_outsider_gets_404(client, seeker, outsider):
    client.force_login(outsider)
    response = screen(client, seeker, hours_per_week="24", hourly_wage="10")
    assert response.status_code == 404


# --- the planner's workflow ----------------------------------------------------------


def test_referral_to_a_planner_with_bpqy_and_twp_months_prefills_the_estimate(
    specialist_client, seeker
):
    response = specialist_client.post(
        reverse("jobseekers:counselling", args=[seeker.pk]),
        {
            "date": "2026-02-03",
            "planner": "wipa",
            "counsellor": "Dana (CWIC)",
            "outcome": "seen",
            "bpqy_received_on": "2026-02-20",
            "twp_months_used": "4",
            "notes": "",
        },
    )
    assert response.status_code == 302
    row = seeker.benefits_counselling.get()
    assert (row.planner, row.outcome, row.twp_months_used) == ("wipa", "seen", 4)
    assert row.bpqy_received_on == dt.date(2026, 2, 20)
    record = words(specialist_client.get(reverse("jobseekers:record", args=[seeker.pk])))
    assert "Outcome: Seen: a benefits plan was made. BPQY received" in record
    assert "Trial work months used: 4 of 9" in record
    page = specialist_client.get(reverse("jobseekers:benefits", args=[seeker.pk]))
    assert re.search(r'name="twp_months_used"[^>]*value="4"', page.content.decode())


@pytest.mark.parametrize(
    ("field", "value"), [("twp_months_used", "10"), ("outcome", "won"), ("planner", "x")]
)
def test_planner_record_refuses_bad_values_and_saves_nothing(
    specialist_client, seeker, field, value
):
    data = {"date": "2026-02-03", "counsellor": "", "notes": "", field: value}
    response = specialist_client.post(reverse("jobseekers:counselling", args=[seeker.pk]), data)
    assert response.status_code == 200
    assert not seeker.benefits_counselling.exists()


TODAY = dt.date(2026, 11, 30)
HEADING = "Pay to report to Social Security"


def _month(today: dt.date, back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _working_on(seeker, employer, benefits_received, *, start=None):
    """On `benefits_received`, working since `start` (default: four months ago)."""
    services.update_career_profile(
        seeker=seeker, changes={"benefits_received": benefits_received}, by=None
    )
    start = start or _month(timezone.localdate(), 4)
    return services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=start
    )


def test_home_lists_each_month_of_pay_not_yet_reported_for_people_on_ssi(
    client, users, seeker, employer
):
    _working_on(seeker, employer, ["ssi", "medicaid"])
    client.force_login(users["specialist"])
    text = words(client.get(reverse("wagtailadmin_home")))
    assert HEADING in text
    last = _month(timezone.localdate(), 1)
    assert f"{seeker.name} : pay for {last:%B %Y} (SSI)" in text
    assert f"pay for {_month(timezone.localdate(), 3):%B %Y} (SSI) Not reported, was due" in text


def test_reported_today_on_the_home_records_the_month_and_returns_home(
    client, users, seeker, employer
):
    from jobseekers.models import WageReport

    _working_on(seeker, employer, ["ssi"])
    client.force_login(users["specialist"])
    home = reverse("wagtailadmin_home")
    page = client.get(home).content.decode()
    data = form_data(page, having="reported_on")  # the first month listed: the oldest
    oldest = _month(timezone.localdate(), 3)
    assert data["month"] == f"{oldest:%Y-%m}"
    response = client.post(reverse("jobseekers:wage_report", args=[seeker.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == home
    report = WageReport.objects.get()
    assert (report.month, report.reported_on) == (oldest, timezone.localdate())
    assert report.recorded_by == seeker.specialist
    text = words(client.get(home))
    assert f"pay for {oldest:%B %Y}" not in text
    assert f"pay for {_month(timezone.localdate(), 1):%B %Y}" in text
    record = words(client.get(reverse("jobseekers:record", args=[seeker.pk])))
    assert f"{oldest:%B %Y}: reported" in record


def test_the_return_address_must_be_this_site(client, users, seeker, employer):
    _working_on(seeker, employer, ["ssi"])
    client.force_login(users["specialist"])
    last = _month(timezone.localdate(), 1)
    data = {
        "month": f"{last:%Y-%m}",
        "reported_on": timezone.localdate().isoformat(),
        "next": "https://evil.example/",
    }
    response = client.post(reverse("jobseekers:wage_report", args=[seeker.pk]), data)
    assert response["Location"] == reverse("jobseekers:record", args=[seeker.pk])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"month": "current"}, "Select a valid choice"),
        ({"month": "before the job"}, "held no job in"),
        ({"reported_on": "future"}, "The date is in the future"),
        ({"reported_on": "in the month"}, "cannot be made before"),
        ({"how": "carrier pigeon"}, "Select a valid choice"),
        ({"again": True}, "recorded as reported already"),
    ],
    ids=["month not ended", "no job", "future", "too early", "unknown way", "twice"],
)
def test_a_bad_wage_report_is_refused_with_a_message_and_saves_nothing(
    client, users, seeker, employer, change, message
):
    from jobseekers.models import WageReport

    today = timezone.localdate()
    _working_on(seeker, employer, ["ssi"], start=_month(today, 2))
    client.force_login(users["specialist"])
    last = _month(today, 1)
    data = {"month": f"{last:%Y-%m}", "reported_on": today.isoformat(), "how": "app"}
    url = reverse("jobseekers:wage_report", args=[seeker.pk])
    if change.get("again"):
        assert client.post(url, data).status_code == 302
    months = {"current": f"{today:%Y-%m}", "before the job": f"{_month(today, 5):%Y-%m}"}
    days = {"future": today + dt.timedelta(days=1), "in the month": last + dt.timedelta(days=3)}
    if "month" in change:
        data["month"] = months[change["month"]]
    if "reported_on" in change:
        data["reported_on"] = days[change["reported_on"]].isoformat()
    if "how" in change:
        data["how"] = change["how"]
    before = WageReport.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in words(response)
    assert WageReport.objects.count() == before


@pytest.mark.parametrize("benefits_received", [[], ["snap"]])
def test_no_wage_reminder_without_ssi_or_ssdi(client, users, seeker, employer, benefits_received):
    _working_on(seeker, employer, benefits_received)
    client.force_login(users["specialist"])
    assert HEADING not in words(client.get(reverse("wagtailadmin_home")))


def test_no_wage_reminder_before_a_job_or_for_someone_elses_caseload(
    client, users, seeker, employer
):
    services.update_career_profile(seeker=seeker, changes={"benefits_received": ["ssdi"]}, by=None)
    client.force_login(users["specialist"])
    assert HEADING not in words(client.get(reverse("wagtailadmin_home")))
    _working_on(seeker, employer, ["ssdi"])
    client.force_login(users["supervisor"])  # not their own caseload
    assert HEADING not in words(client.get(reverse("wagtailadmin_home")))


def test_wage_reminders_read_in_five_queries_whatever_the_caseload(
    users, seeker, employer, django_assert_num_queries
):
    from jobseekers import selectors
    from tests.factories import JobSeekerFactory

    _working_on(seeker, employer, ["ssi"], start=dt.date(2026, 9, 15))
    second = JobSeekerFactory(program=seeker.program, specialist=seeker.specialist, name="Bo")
    second.entry_date, second.stage = dt.date(2026, 1, 5), JobSeeker.Stage.JOB_SEARCH
    second.save()
    _working_on(second, employer, ["ssdi"], start=dt.date(2026, 8, 1))
    with django_assert_num_queries(5):
        due = selectors.wage_reporting_due(users["specialist"], TODAY)
    assert [(row.seeker.name, f"{row.month:%Y-%m}", row.benefits) for row in due] == [
        ("Alex Rivera", "2026-09", ("SSI",)),
        ("Alex Rivera", "2026-10", ("SSI",)),
        ("Bo", "2026-08", ("SSDI",)),
        ("Bo", "2026-09", ("SSDI",)),
        ("Bo", "2026-10", ("SSDI",)),
    ]
    assert [row.report_by for row in due][:2] == [dt.date(2026, 10, 10), dt.date(2026, 11, 10)]
    assert all(row.overdue for row in due)


def test_a_job_that_ended_leaves_only_the_months_worked(users, seeker, employer):
    from jobseekers import selectors

    job = _working_on(seeker, employer, ["ssi"], start=dt.date(2026, 8, 20))
    services.record_job_end(job=job, end_date=dt.date(2026, 9, 3), reason="quit", by=None)
    due = selectors.wage_reporting_due(users["specialist"], TODAY)
    assert [f"{row.month:%Y-%m}" for row in due] == ["2026-08", "2026-09"]  # not October


def test_home_asks_to_offer_a_benefits_planner_until_a_referral_is_recorded(client, users, seeker):
    services.update_career_profile(seeker=seeker, changes={"benefits_received": ["ssi"]}, by=None)
    client.force_login(users["specialist"])
    home = reverse("wagtailadmin_home")
    text = words(client.get(home))
    assert "Offer a benefits planner" in text
    assert seeker.name in text
    client.post(
        reverse("jobseekers:counselling", args=[seeker.pk]),
        {"date": timezone.localdate().isoformat(), "planner": "wipa", "outcome": "referred"},
    )
    assert "Offer a benefits planner" not in words(client.get(home))


@pytest.mark.parametrize(
    ("who", "status"),
    [("coach", "refused"), ("supervisor", "saved"), ("outsider", 404)],
)
def test_recording_pay_reported_by_role(client, users, other_staff, seeker, employer, who, status):
    from jobseekers.models import WageReport

    _working_on(seeker, employer, ["ssi"])
    user = other_staff["specialist"].user if who == "outsider" else users[who]
    client.force_login(user)
    last = _month(timezone.localdate(), 1)
    data = {"month": f"{last:%Y-%m}", "reported_on": timezone.localdate().isoformat()}
    response = client.post(reverse("jobseekers:wage_report", args=[seeker.pk]), data)
    if status == "refused":  # no benefits-planning permission: back to the home, with a message
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    elif status == "saved":
        assert response["Location"] == reverse("jobseekers:record", args=[seeker.pk])
    else:
        assert response.status_code == status
    assert WageReport.objects.exists() is (status == "saved")


def test_closing_the_record_ends_the_pay_reminders(client, users, seeker, employer):
    _working_on(seeker, employer, ["ssi"])
    client.force_login(users["specialist"])
    assert HEADING in words(client.get(reverse("wagtailadmin_home")))
    services.close_seeker(
        seeker=seeker, closed_date=timezone.localdate(), reason="moved", by=users["specialist"]
    )
    assert HEADING not in words(client.get(reverse("wagtailadmin_home")))


def test_counselling_sent_twice_is_saved_once(client, users, seeker):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:counselling", args=[seeker.pk])
    data = {"date": timezone.localdate().isoformat(), "planner": "cwic", "outcome": "referred"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 200
    assert "recorded already" in words(again)
    assert seeker.benefits_counselling.count() == 1


@pytest.mark.parametrize("field", ["date", "bpqy_received_on"])
def test_counselling_dated_after_today_is_refused(client, users, seeker, field):
    client.force_login(users["specialist"])
    data = {"date": timezone.localdate().isoformat(), "planner": "wipa"}
    data[field] = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(reverse("jobseekers:counselling", args=[seeker.pk]), data)
    assert response.status_code == 200
    assert not seeker.benefits_counselling.exists()
