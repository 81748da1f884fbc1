"""The coordination log (issue 24, item 5): per person, the other services, the contact
person, each contact's date and what was agreed; on the record and counted as evidence
for the fidelity review's integration items."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobseekers import selectors, services
from jobseekers.models import CoordinationContact

D = dt.date


def log(seeker, **extra):
    values = {
        "seeker": seeker,
        "service": "psychiatry",
        "contact_person": "Dr Okoye",
        "date": D(2026, 2, 3),
        "agreed": "Move the clinic visit to Friday so it does not clash with shifts",
        "by": None,
    }
    return services.log_coordination_contact(**{**values, **extra})


def test_the_record_shows_each_contact_and_the_form_starts_from_the_last(client, seeker, users):
    log(seeker, service="vocational_rehabilitation", service_name="MRS Detroit", date=D(2026, 2, 1))
    client.force_login(users["specialist"])
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Sun 1 Feb 2026: Vocational rehabilitation (MRS Detroit), Dr Okoye" in page
    url = reverse("jobseekers:coordination", args=[seeker.pk])
    form = client.get(url).content.decode()
    assert 'value="Dr Okoye"' in form
    response = client.post(
        url,
        {
            "service": "supported_housing",
            "contact_person": "Lee at Cass House",
            "date": "2026-02-10",
            "agreed": "Lee reminds her of the interview",
        },
    )
    assert response.status_code == 302
    assert seeker.coordination_contacts.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"service": "astrology"}, "Select a valid choice"),
        ({"agreed": ""}, "This field is required"),
        ({"date": "2099-01-01"}, "still to come"),
    ],
)
def test_bad_coordination_input_gets_a_message_and_changes_nothing(
    client, seeker, users, data, message
):
    client.force_login(users["specialist"])
    base = {
        "service": "primary_care",
        "contact_person": "Nurse Ada",
        "date": "2026-02-10",
        "agreed": "Shares the work schedule",
    }
    response = client.post(reverse("jobseekers:coordination", args=[seeker.pk]), {**base, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoordinationContact.objects.exists()


def test_a_contact_in_the_future_is_refused(seeker):
    with pytest.raises(ValidationError, match="still to come"):
        log(seeker, date=timezone.localdate() + dt.timedelta(days=1))
    assert not CoordinationContact.objects.exists()


def test_coordination_is_counted_as_integration_evidence(
    seeker, other_seeker, program, django_assert_max_num_queries
):
    log(seeker, date=D(2026, 1, 5))
    log(seeker, service="substance_use", date=D(2026, 2, 5))
    log(seeker, date=D(2025, 12, 31))  # before the period
    log(other_seeker, date=D(2026, 1, 5))  # another program
    with django_assert_max_num_queries(2):
        evidence = selectors.coordination_evidence([program.pk], D(2026, 1, 1), D(2026, 3, 31))
    assert (evidence.contacts, evidence.people) == (2, 1)
    assert evidence.by_service == {"Psychiatry": 1, "Substance use services": 1}


def test_erasure_removes_the_coordination_log(client, seeker, users):
    log(seeker)
    client.force_login(users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert not CoordinationContact.objects.exists()
