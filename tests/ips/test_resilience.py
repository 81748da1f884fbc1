"""Two staff editing one record never overwrite each other silently; exports are safe."""

import re

import pytest

from employers.models import Employer
from ips.spreadsheets import neutralise_formula


@pytest.fixture
def employer(program):
    return Employer.objects.create(program=program, name="Corner Bakery", zip="48226")


def form_data(employer, **changes):
    data = {"program": employer.program_id, "name": employer.name, "zip": employer.zip}
    data.update(changes)
    return data


def colleague_saves(employer, **changes) -> None:
    row = Employer.objects.get(pk=employer.pk)
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()


def opened_version(client, employer) -> str:
    page = client.get(f"/admin/employers/edit/{employer.pk}/").content.decode()
    return re.search(r'name="version" value="([0-9]+)"', page).group(1)


def test_a_save_based_on_a_stale_copy_is_refused_and_explained(client, users, employer):
    client.force_login(users["specialist"])
    version = opened_version(client, employer)
    colleague_saves(employer, industry="Food")

    response = client.post(
        f"/admin/employers/edit/{employer.pk}/",
        form_data(employer, name="Corner Bakery Ltd", version=version),
    )
    assert response.status_code == 200
    assert b"Someone else saved changes to this record" in response.content
    employer.refresh_from_db()
    assert (employer.name, employer.industry) == ("Corner Bakery", "Food")


def test_saving_again_after_seeing_the_conflict_keeps_your_changes(client, users, employer):
    client.force_login(users["specialist"])
    stale = opened_version(client, employer)
    colleague_saves(employer, industry="Food")
    refused = client.post(
        f"/admin/employers/edit/{employer.pk}/",
        form_data(employer, name="Corner Bakery Ltd", industry="Food", version=stale),
    )
    fresh = re.search(r'name="version" value="([0-9]+)"', refused.content.decode())
    response = client.post(
        f"/admin/employers/edit/{employer.pk}/",
        form_data(employer, name="Corner Bakery Ltd", industry="Food", version=fresh.group(1)),
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.name, employer.industry) == ("Corner Bakery Ltd", "Food")


def test_an_edit_of_an_unchanged_record_saves(client, users, employer):
    client.force_login(users["specialist"])
    version = opened_version(client, employer)
    response = client.post(
        f"/admin/employers/edit/{employer.pk}/",
        form_data(employer, name="Corner Bakery Ltd", version=version),
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.name == "Corner Bakery Ltd"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-3.5", "-3.5"),
        ("Bakery", "Bakery"),
        (42, 42),
        (None, None),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(value, safe):
    assert neutralise_formula(value) == safe


def test_csv_export_of_a_listing_neutralises_formulas(client, users, program):
    Employer.objects.create(program=program, name='=HYPERLINK("http://evil")', zip="48226")
    client.force_login(users["specialist"])
    response = client.get("/admin/employers/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body
    assert ",=HYPERLINK" not in body
