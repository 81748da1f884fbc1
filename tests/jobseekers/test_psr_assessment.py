"""The PSR assessment as the practice parameters ask (issue 24): per domain the setting
and skills, every domain covered (or "chose not to discuss") before it is complete."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobseekers import services
from jobseekers.models import Domain, DomainAssessment, DomainRating
from tests.jobseekers.test_views import with_opened_version

D = dt.date


def all_domains(**extra) -> dict:
    """Every domain assessed with a setting and skills; `extra` overrides some domains."""
    domains = {
        value: {
            "strengths": f"Good at {value}",
            "setting": f"At home ({value})",
            "current_skills": "Some",
            "skills_to_build": "More",
        }
        for value in Domain.values
    }
    return {**domains, **extra}


def test_incomplete_assessment_cannot_be_completed_and_names_the_missing_domains(seeker):
    with pytest.raises(ValidationError) as error:
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 2, 1),
            domains={"employment": {"strengths": "Punctual"}},
            complete=True,
            by=None,
        )
    message = " ".join(error.value.message_dict["complete"])
    assert "Housing" in message
    assert "Transportation" in message
    assert "Employment" not in message
    assert not DomainAssessment.objects.exists()
    assert not DomainRating.objects.exists()


def test_assessment_with_every_domain_covered_is_completed(seeker):
    domains = all_domains(justice={"not_discussed": True})
    assessment = services.record_assessment(
        seeker=seeker, date=D(2026, 2, 1), domains=domains, complete=True, by=None
    )
    assert assessment.completed_on == D(2026, 2, 1)
    assert assessment.uncovered_domains() == []
    housing = assessment.ratings.get(domain="housing")
    assert (housing.setting, housing.skills_to_build) == ("At home (housing)", "More")
    assert assessment.ratings.get(domain="justice").not_discussed


def test_words_in_a_domain_not_discussed_are_refused(seeker):
    with pytest.raises(ValidationError, match="chose not to discuss"):
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 2, 1),
            domains={"justice": {"not_discussed": True, "needs": "court date"}},
            by=None,
        )
    assert not DomainAssessment.objects.exists()


def test_an_incomplete_assessment_is_continued_then_completed(seeker):
    first = services.record_assessment(
        seeker=seeker, date=D(2026, 2, 1), domains={"housing": {"setting": "Flat"}}, by=None
    )
    assert first.completed_on is None
    assert len(first.uncovered_domains()) == 10
    done = services.record_assessment(
        seeker=seeker,
        date=D(2026, 2, 3),
        domains=all_domains(),
        complete=True,
        assessment=first,
        expected_version=first.version,
        by=None,
    )
    assert done.pk == first.pk
    assert done.completed_on == D(2026, 2, 3)
    assert DomainAssessment.objects.count() == 1
    assert done.ratings.count() == 11
    with pytest.raises(ValidationError, match="was completed on"):
        services.record_assessment(
            seeker=seeker, date=D(2026, 2, 4), domains=all_domains(), assessment=done, by=None
        )


def test_the_form_refuses_to_complete_and_says_which_domains_are_missing(client, seeker, users):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:assessment", args=[seeker.pk]),
        {"date": "2026-02-01", "housing__strengths": "Own flat", "complete": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not complete yet" in page
    assert "Daily living skills" in page
    assert not seeker.assessments.exists()


def test_the_form_prefills_from_the_last_assessment(client, seeker, users):
    services.record_assessment(
        seeker=seeker,
        date=D(2026, 2, 1),
        domains={"housing": {"setting": "Sister's flat", "barriers": "Stairs"}},
        by=None,
    )
    client.force_login(users["specialist"])
    page = client.get(reverse("jobseekers:assessment", args=[seeker.pk])).content.decode()
    assert "Sister&#x27;s flat" in page
    assert "Stairs" in page
    assert "Filled in from the assessment of Sun 1 Feb 2026" in page


def test_record_names_the_domains_not_yet_covered_and_continues(client, seeker, users):
    assessment = services.record_assessment(
        seeker=seeker, date=D(2026, 2, 1), domains={"housing": {"setting": "Flat"}}, by=None
    )
    client.force_login(users["specialist"])
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Not yet covered: Daily living skills, Symptom management" in page
    url = reverse("jobseekers:assessment_continue", args=[assessment.pk])
    assert url in page
    data = {"date": "2026-02-02", "complete": "on"}
    for value in Domain.values:
        data[f"{value}__not_discussed" if value == "justice" else f"{value}__strengths"] = (
            "on" if value == "justice" else "Yes"
        )
    response = client.post(url, with_opened_version(client, url, data))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.completed_on == D(2026, 2, 2)
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Complete (Mon 2 Feb 2026)" in page


def test_another_programs_assessment_cannot_be_continued(client, other_seeker, users):
    assessment = services.record_assessment(
        seeker=other_seeker, date=D(2026, 2, 1), domains={"housing": {"setting": "x"}}, by=None
    )
    client.force_login(users["specialist"])
    url = reverse("jobseekers:assessment_continue", args=[assessment.pk])
    response = client.post(url, {"date": "2026-02-02", "housing__setting": "changed"})
    assert response.status_code == 404
    assert assessment.ratings.get().setting == "x"
