"""Nothing about any person reaches the public site, whatever the CRM holds."""

from __future__ import annotations

import datetime as dt

import pytest

from employers.models import EmployerContact, EmployerPerson
from jobseekers.models import CareerProfile, Match

pytestmark = pytest.mark.django_db


def test_no_person_data_on_any_public_page(client, make_opening, openings_url, seeker, staff):
    opening = make_opening(
        title="Warehouse helper", internal_notes="Owner prefers no gaps in work history"
    )
    person = EmployerPerson.objects.create(
        program=opening.program,
        employer=opening.employer,
        name="Jordan Hirer",
        email="jordan@shop.example",
        phone="313-555-0142",
        notes="Met at the chamber breakfast",
    )
    contact = EmployerContact.objects.create(
        program=opening.program,
        date=dt.date(2026, 11, 2),
        specialist=staff["specialist"],
        employer=opening.employer,
        person=person,
        notes="Talked about Alex's schedule",
    )
    contact.seekers.add(seeker)
    opening.source_contact = contact
    opening.save()
    CareerProfile.objects.create(
        program=seeker.program, seeker=seeker, family_contacts="Aunt Rosa 313-555-0177"
    )
    Match.objects.create(
        program=seeker.program, seeker=seeker, opening=opening, score=1, reasons=["near home"]
    )
    secrets = [
        seeker.name,
        "Alex",
        "Jordan Hirer",
        "jordan@shop.example",
        "313-555-0142",
        "chamber breakfast",
        "no gaps",
        "Aunt Rosa",
        "near home",
        staff["specialist"].user.get_full_name(),
        staff["specialist"].user.email,
    ]
    paths = [
        "/",
        "/about-the-program/",
        "/how-ips-works/",
        "/about-the-data/",
        openings_url,
        f"{openings_url}?q=warehouse&zip=48226",
        f"{openings_url}{opening.pk}/",
        "/sitemap.xml",
        "/portal/sign-in/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (path, secret)


def test_signed_in_seeker_sees_im_interested_on_an_opening(
    portal_client, make_opening, openings_url
):
    opening = make_opening()
    body = portal_client.get(f"{openings_url}{opening.pk}/").content.decode()
    assert f'action="/portal/interested/{opening.pk}/"' in body


def test_visitors_are_pointed_to_their_specialist_on_an_opening(client, make_opening, openings_url):
    opening = make_opening()
    body = client.get(f"{openings_url}{opening.pk}/").content.decode()
    assert "Tell your employment specialist" in body
    assert "/portal/interested/" not in body
