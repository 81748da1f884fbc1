"""Culture and family involvement (issue 24, item 3): cultural values and preferences and
family-involvement consent as dated records, shown where staff decide whom to contact."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobseekers import services
from jobseekers.models import CulturalPreference, FamilyConsent
from tests.jobseekers.test_views import with_opened_version

D = dt.date


@pytest.fixture
def consent(seeker):
    return services.record_family_consent(
        seeker=seeker,
        contact_name="Rosa Rivera",
        relationship="aunt",
        phone="313-555-0177",
        scope="How the job search is going; not health",
        given_on=D(2026, 1, 10),
        by=None,
    )


def test_consent_withdrawal_hides_the_family_contact_from_staff(client, seeker, users, consent):
    client.force_login(users["specialist"])
    record = reverse("jobseekers:record", args=[seeker.pk])
    page = client.get(record).content.decode()
    assert "313-555-0177" in page
    assert "How the job search is going; not health" in page
    url = reverse("jobseekers:withdraw_consent", args=[consent.pk])
    response = client.post(url, with_opened_version(client, url, {"withdrawn_on": "2026-02-01"}))
    assert response.status_code == 302
    page = client.get(record).content.decode()
    assert "313-555-0177" not in page
    assert "Rosa Rivera (aunt): consent withdrawn on Sun 1 Feb 2026" in page
    assert list(FamilyConsent.objects.in_force(D(2026, 2, 1))) == []
    assert list(FamilyConsent.objects.in_force(D(2026, 1, 31))) == [consent]
    # The number is gone from the record held, so no export can show it (red-team finding).
    consent.refresh_from_db()
    assert consent.phone == ""
    client.force_login(users["supervisor"])
    export = client.get(f"/admin/privacy/seeker/{seeker.pk}/record.json").content.decode()
    assert "313-555-0177" not in export
    assert "Rosa Rivera" in export


def test_consent_cannot_be_withdrawn_from_a_future_day(seeker, consent):
    from django.utils import timezone

    later = timezone.localdate() + __import__("datetime").timedelta(days=3)
    with pytest.raises(ValidationError, match="from today"):
        services.withdraw_family_consent(consent=consent, withdrawn_on=later, by=None)
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.phone) == (None, "313-555-0177")


def test_a_coach_sees_no_psr_family_coordination_or_benefits_section(
    client, seeker, users, consent
):
    from jobseekers.services import record_job_start
    from tests.factories import EmployerFactory

    record_job_start(  # a coach sees the records of people who have or had a job
        seeker=seeker, employer=EmployerFactory(program=seeker.program), title="Cook",
        start_date=D(2026, 2, 2),
    )  # fmt: skip
    client.force_login(users["coach"])
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert seeker.name in page
    for hidden in (
        "313-555-0177",
        "PSR domain assessments",
        "Culture and family",
        "Coordination with other services",
        "Benefits (",
        "Sensitive (",
    ):
        assert hidden not in page, hidden


def test_consent_cannot_be_withdrawn_before_it_was_given_or_twice(seeker, consent):
    with pytest.raises(ValidationError, match="withdraw it after"):
        services.withdraw_family_consent(consent=consent, withdrawn_on=D(2026, 1, 1), by=None)
    services.withdraw_family_consent(consent=consent, withdrawn_on=D(2026, 2, 1), by=None)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.withdraw_family_consent(consent=consent, withdrawn_on=D(2026, 3, 1), by=None)
    consent.refresh_from_db()
    assert consent.withdrawn_on == D(2026, 2, 1)


def test_withdrawal_before_consent_from_the_form_changes_nothing(client, users, consent):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:withdraw_consent", args=[consent.pk])
    response = client.post(url, with_opened_version(client, url, {"withdrawn_on": "2025-12-01"}))
    assert response.status_code == 200
    assert "withdraw it after" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_another_programs_consent_cannot_be_withdrawn(client, other_seeker, users):
    theirs = services.record_family_consent(
        seeker=other_seeker, contact_name="X", scope="all", given_on=D(2026, 1, 1), by=None
    )
    client.force_login(users["specialist"])
    url = reverse("jobseekers:withdraw_consent", args=[theirs.pk])
    response = client.post(url, {"withdrawn_on": "2026-02-01", "version": theirs.version})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.withdrawn_on is None


def test_consent_form_records_who_what_and_from_when(client, seeker, users):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:family_consent", args=[seeker.pk]),
        {"contact_name": "Marco", "scope": "Work schedule", "given_on": "2026-02-01"},
    )
    assert response.status_code == 302
    consent = seeker.family_consents.get()
    assert (consent.contact_name, consent.scope, consent.given_on) == (
        "Marco",
        "Work schedule",
        D(2026, 2, 1),
    )


def test_consent_without_a_scope_is_refused(client, seeker, users):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:family_consent", args=[seeker.pk]),
        {"contact_name": "Marco", "scope": "", "given_on": "2026-02-01"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not seeker.family_consents.exists()


def test_cultural_preferences_are_dated_kept_and_prefilled(client, seeker, users):
    services.record_cultural_preferences(
        seeker=seeker,
        recorded_on=D(2026, 1, 10),
        values_and_preferences="Spanish at home; no appointments on Sunday mornings",
        by=None,
    )
    client.force_login(users["specialist"])
    url = reverse("jobseekers:culture", args=[seeker.pk])
    assert "no appointments on Sunday mornings" in client.get(url).content.decode()
    response = client.post(
        url,
        {"recorded_on": "2026-03-01", "values_and_preferences": "Spanish; a woman specialist"},
    )
    assert response.status_code == 302
    assert CulturalPreference.objects.filter(seeker=seeker).count() == 2
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Spanish; a woman specialist" in page
    assert "Sun 1 Mar 2026" in page


def test_erasure_removes_culture_and_consent(client, seeker, users, consent):
    services.record_cultural_preferences(
        seeker=seeker, recorded_on=D(2026, 1, 10), values_and_preferences="x", by=None
    )
    client.force_login(users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert not FamilyConsent.objects.exists()
    assert not CulturalPreference.objects.exists()


def test_the_persons_copy_of_their_record_holds_the_psr_rows(client, seeker, users, consent):
    import json

    services.record_cultural_preferences(
        seeker=seeker, recorded_on=D(2026, 1, 10), values_and_preferences="Spanish", by=None
    )
    services.log_coordination_contact(
        seeker=seeker,
        service="primary_care",
        contact_person="Nurse Ada",
        date=D(2026, 1, 12),
        agreed="Shares the shift pattern",
        by=None,
    )
    client.force_login(users["supervisor"])
    response = client.get(f"/admin/privacy/seeker/{seeker.pk}/record.json")
    sections = json.loads(response.content)["sections"]
    assert sections["jobseekers.FamilyConsent"][0]["scope"] == consent.scope
    assert sections["jobseekers.CulturalPreference"][0]["values_and_preferences"] == "Spanish"
    assert sections["jobseekers.CoordinationContact"][0]["agreed"] == "Shares the shift pattern"
    pdf = client.get(f"/admin/privacy/seeker/{seeker.pk}/record.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_an_older_free_text_family_note_gives_way_to_consent_records(client, seeker, users):
    """Red-team finding: the profile's free-text "Family contacts" showed beside the consent
    records and survived a withdrawal. Staff no longer write it; an older note shows only
    while no consent record exists, marked as one to move into a consent record."""
    services.update_career_profile(
        seeker=seeker, changes={"family_contacts": "Uncle Tomas 313-555-0142"}, by=None
    )
    client.force_login(users["specialist"])
    record = reverse("jobseekers:record", args=[seeker.pk])
    page = client.get(record).content.decode()
    assert "Uncle Tomas 313-555-0142" in page
    assert "Older note of family contacts" in page
    form = client.get(reverse("jobseekers:profile", args=[seeker.pk])).content.decode()
    assert 'name="family_contacts"' not in form
    given = services.record_family_consent(
        seeker=seeker, contact_name="Tomas", scope="all", given_on=D(2026, 1, 2), by=None
    )
    services.withdraw_family_consent(consent=given, withdrawn_on=D(2026, 1, 3), by=None)
    page = client.get(record).content.decode()
    assert "313-555-0142" not in page
    assert "Tomas: consent withdrawn on Sat 3 Jan 2026" in page
