"""A chooser shows its pager only when there is a second page (issue 17, item 6: "Page 1
of 1" under two employers)."""

from __future__ import annotations

import json

import pytest

from employers.models import Employer

BASE = "/admin/jobseekers/employer-chooser/"


def _html(response) -> str:
    """The chooser's HTML: inside the modal's JSON when it opens, plain for its results."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


@pytest.mark.parametrize("path", [BASE, f"{BASE}results/"])
def test_two_employers_are_chosen_without_a_pager(client, users, program, path):
    for name in ("Harbor Bakery", "Harbor Diner"):
        Employer.objects.create(program=program, name=name, zip="48226")
    client.force_login(users["specialist"])
    html = _html(client.get(path, {"q": "harbor"}))
    assert "Harbor Diner" in html
    assert "Page 1 of" not in html
    assert 'class="pagination"' not in html


def test_a_second_page_of_employers_has_its_pager(client, users, program):
    for n in range(21):  # the employer chooser shows 20 a page
        Employer.objects.create(program=program, name=f"Harbor Shop {n:02}", zip="48226")
    client.force_login(users["specialist"])
    html = _html(client.get(f"{BASE}results/", {"q": "harbor"}))
    assert "Page 1 of 2" in html
    assert "Harbor Shop 19" in html
    assert "Harbor Shop 20" not in html
