"""Issue 13, findings 3, 4, 5 and 19 (part): Wagtail's own views check the instance.

The attacker is a staff member of one program using the workspace's own endpoints
(choosers, editing-session pings, reference-data screens) with another program's ids, or
sending malformed ids and query strings. Each test goes through the URL they used.
"""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from wagtail.admin.models import EditingSession
from wagtail.admin.viewsets import viewsets as registry
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ips.models import Occupation
from ips.permissions import ProgramPermissionPolicy, ReferencePermissionPolicy
from ips.roles import REFERENCE_MODELS, ROLE_PERMISSIONS
from ips.workspace import ScopedChooserViewSet
from jobseekers.models import BenefitsParameters
from tests.factories import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db
OUR_APPS = ("ips", "employers", "jobseekers", "coaching", "cms", "fidelity")


def our_choosers() -> list[ChooserViewSet]:
    reverse("wagtailadmin_home")  # loading the admin URLs populates the registry
    return [
        vs
        for vs in registry.viewsets
        if isinstance(vs, ChooserViewSet) and type(vs).__module__.split(".")[0] in OUR_APPS
    ]


def refused(response) -> bool:
    """Wagtail's answer to a missing permission (dashboard redirect) or a plain 403/404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def employers(program, other_program):
    return {
        "home": EmployerFactory(program=program, name="Harbor Bakery"),
        "other": EmployerFactory(program=other_program, name="Southside Foundry"),
    }


# Finding 3: choosers -------------------------------------------------------------------


def test_every_chooser_our_apps_register_is_scoped_by_the_permission_policy():
    choosers = our_choosers()
    assert {vs.model._meta.label_lower for vs in choosers} >= {"employers.employer"}
    assert [vs.name for vs in choosers if not isinstance(vs, ScopedChooserViewSet)] == []


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
def test_the_employer_chooser_returns_no_other_programs_employer_to_any_role(
    client, users, employers, role
):
    client.force_login(users[role])
    other, home = employers["other"], employers["home"]
    base = "/admin/jobseekers/employer-chooser/"

    chosen = client.get(f"{base}chosen-multiple/", {"id": [other.pk, home.pk]})
    assert chosen.status_code == 200
    ids = [item["id"] for item in json.loads(chosen.content)["result"]]
    assert ids == [str(home.pk)]

    assert client.get(f"{base}chosen/{other.pk}/").status_code == 404
    assert client.get(f"{base}chosen/{home.pk}/").status_code == 200
    for path in (base, f"{base}results/"):
        listing = client.get(path, {"q": "o"})
        assert listing.status_code == 200
        assert b"Southside Foundry" not in listing.content
        assert b"Harbor Bakery" in listing.content


def test_another_programs_employer_answers_like_a_missing_one(client, outsider, employers):
    client.force_login(outsider)
    base = "/admin/jobseekers/employer-chooser/"
    home = employers["home"].pk
    assert client.get(f"{base}chosen/{home}/").status_code == 404
    assert client.get(f"{base}chosen/987654321/").status_code == 404
    for ids in ([home], [987654321]):
        chosen = client.get(f"{base}chosen-multiple/", {"id": ids})
        assert json.loads(chosen.content)["result"] == []


def test_choosers_create_nothing(client, users):
    client.force_login(users["specialist"])
    before = (Occupation.objects.count(), EmployerFactory._meta.model.objects.count())
    for base in ("/admin/jobseekers/employer-chooser/", "/admin/jobseekers/occupation-chooser/"):
        response = client.post(f"{base}create/", {"name": "Made in a modal", "title": "x"})
        assert refused(response)
    assert (Occupation.objects.count(), EmployerFactory._meta.model.objects.count()) == before


# Finding 4: editing sessions ------------------------------------------------------------


def ping(client, obj, session_id: int = 0):
    label = obj._meta
    path = f"/admin/editing-sessions/ping/{label.app_label}/{label.model_name}/{obj.pk}/"
    return client.post(f"{path}{session_id}/", {"is_editing": "1"})


def test_the_editing_session_ping_tells_nothing_about_another_programs_seeker(
    client, users, outsider, seeker
):
    supervisor = users["supervisor"]
    EditingSession.objects.create(
        user=supervisor,
        content_type_id=_content_type(seeker),
        object_id=str(seeker.pk),
        last_seen_at=_now(),
        is_editing=True,
    )
    client.force_login(outsider)
    answer = ping(client, seeker)
    assert answer.status_code == 404
    assert supervisor.last_name.encode() not in answer.content
    missing = client.post(
        "/admin/editing-sessions/ping/jobseekers/jobseeker/987654321/0/", {"is_editing": "1"}
    )
    # Byte for byte, but for the page's CSRF token and return address (the language
    # switch form's: the address is the one asked for, which the asker knows already).
    assert (answer.status_code, _untokened(answer)) == (missing.status_code, _untokened(missing))
    assert not EditingSession.objects.filter(user=outsider).exists()


def _untokened(response) -> bytes:
    return re.sub(rb'name="(csrfmiddlewaretoken|next)" value="[^"]*"', b"", response.content)


def test_a_colleague_with_the_change_permission_sees_who_else_is_editing(client, users, seeker):
    EditingSession.objects.create(
        user=users["supervisor"],
        content_type_id=_content_type(seeker),
        object_id=str(seeker.pk),
        last_seen_at=_now(),
        is_editing=True,
    )
    client.force_login(users["specialist"])
    answer = ping(client, seeker)
    assert answer.status_code == 200
    assert b"Supervisor" in answer.content


def test_a_role_without_the_change_permission_gets_no_ping_answer(client, users, seeker):
    JobFactory(seeker=seeker)  # the coach sees the person, but may not change the record
    client.force_login(users["coach"])
    assert ping(client, seeker).status_code == 404


@pytest.mark.parametrize("object_id", ["abc", "99999999999999999999999", "-1"])
def test_a_malformed_id_in_the_ping_is_a_404(client, users, object_id):
    client.force_login(users["specialist"])
    response = client.post(
        f"/admin/editing-sessions/ping/jobseekers/jobseeker/{object_id}/0/", {"is_editing": "1"}
    )
    assert response.status_code == 404


def _content_type(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def _now():
    from django.utils import timezone

    return timezone.now()


# Finding 5: shared reference data --------------------------------------------------------


def test_no_program_role_writes_shared_reference_data():
    writers = {
        (role, label)
        for role, table in ROLE_PERMISSIONS.items()
        for label in REFERENCE_MODELS
        if set(table.get(label, ())) - {"view"}
    }
    assert writers == set()


@pytest.mark.parametrize("role", ["supervisor", "director"])
def test_leadership_can_neither_edit_nor_delete_the_benefits_parameters(client, users, role):
    params = BenefitsParameters.objects.order_by("year").first()
    before = BenefitsParameters.objects.filter(pk=params.pk).values().get()
    client.force_login(users[role])
    edit = f"/admin/benefits_parameters/edit/{params.pk}/"
    assert refused(client.get(edit))
    data = {k: v for k, v in before.items() if v is not None and k != "id"}
    data["version"] = before.get("version", 0)
    assert refused(client.post(edit, {**data, "year": 1999}))
    assert refused(client.post(f"/admin/benefits_parameters/delete/{params.pk}/"))
    assert BenefitsParameters.objects.filter(pk=params.pk).values().get() == before
    assert client.get("/admin/benefits_parameters/").status_code == 200  # still readable


@pytest.mark.parametrize("role", ["specialist", "supervisor", "director"])
def test_no_program_role_edits_or_deletes_an_occupation(client, users, role):
    occupation = Occupation.objects.order_by("code").first()
    client.force_login(users[role])
    title = occupation.title
    edit = f"/admin/occupations/edit/{occupation.pk}/"
    assert refused(client.post(edit, {"code": occupation.code, "title": "Renamed", "version": 0}))
    assert refused(client.post(f"/admin/occupations/delete/{occupation.pk}/"))
    assert Occupation.objects.get(pk=occupation.pk).title == title


def test_the_superuser_still_maintains_reference_data(client, superuser):
    params = BenefitsParameters.objects.order_by("year").first()
    client.force_login(superuser)
    assert client.get(f"/admin/benefits_parameters/edit/{params.pk}/").status_code == 200


def test_every_model_of_the_role_table_has_a_program_aware_policy():
    from django.apps import apps
    from wagtail.permissions import policy_registry

    for table in ROLE_PERMISSIONS.values():
        for label in table:
            policy = policy_registry.get_by_type(apps.get_model(label), fallback=False)
            wanted = (
                ReferencePermissionPolicy if label in REFERENCE_MODELS else ProgramPermissionPolicy
            )
            assert isinstance(policy, wanted), label


# Finding 19 (part): malformed requests answer 400/404, never 500 -----------------------

MALFORMED_GETS = [
    "/admin/jobseekers/employer-chooser/chosen-multiple/?id=abc",
    "/admin/jobseekers/employer-chooser/chosen-multiple/?id=99999999999999999999999",
    "/admin/jobseekers/employer-chooser/chosen/abc/",
    "/admin/jobseekers/employer-chooser/chosen/99999999999999999999999/",
    "/admin/jobseekers/employer-chooser/?p=x",
    "/admin/jobseekers/employer-chooser/results/?p=999",
    "/admin/jobseekers/occupation-chooser/chosen-multiple/?id=%00",
    "/admin/jobseekers/occupation-chooser/chosen/%20/",
    "/admin/jobseekers/occupation-chooser/results/?p=-1",
    "/admin/employers/?ordering=nonexistent",
    "/admin/employers/?p=x",
    "/admin/employers/results/?ordering=-__",
    "/admin/seekers/?ordering=program__nonexistent",
    "/admin/employers/usage/99999999999999999999999/",
    "/admin/employers/history/99999999999999999999999/",
    "/admin/occupations/edit/%00/",
    "/admin/occupations/usage/nonexistent/",
    "/admin/bulk/employers/employer/delete/?id=abc",
]


@pytest.mark.parametrize("path", MALFORMED_GETS)
def test_malformed_workspace_requests_are_answered_not_crashed(client, users, employers, path):
    client.force_login(users["supervisor"])
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code in (200, 302, 400, 404), (path, response.status_code)


JOB_START_POSTS = [
    {},
    {"employer": "abc", "title": "Cook", "start_date": "2026-03-01"},
    {"employer": "99999999999999999999999", "title": "Cook", "start_date": "2026-03-01"},
    {"employer": "{home}", "title": "Cook", "start_date": "2026-03-01", "occupation": "\x00"},
    {"employer": "{home}", "title": "Cook", "start_date": "2026-03-01", "hourly_wage": "1e400"},
    {"employer": "{home}", "title": "Cook", "start_date": "2026-03-01", "hourly_wage": "NaN"},
    {"employer": "{home}", "title": "Cook", "start_date": "2026-03-01", "hours_per_week": "inf"},
    {"employer": "{home}", "title": "Cook", "start_date": "2026-03-01", "disclosure": "x"},
    {"employer": "{other}", "title": "Cook", "start_date": "2026-03-01"},
]


@pytest.mark.parametrize("data", JOB_START_POSTS)
def test_a_malformed_job_start_is_shown_again_with_a_message_and_saves_nothing(
    client, users, seeker, employers, data
):
    from jobseekers.models import Job

    fill = {"home": employers["home"].pk, "other": employers["other"].pk}
    posted = {k: v.format(**fill) if "{" in v else v for k, v in data.items()}
    client.force_login(users["specialist"])
    client.raise_request_exception = False
    response = client.post(f"/admin/jobseekers/record/{seeker.pk}/job/", posted)
    assert response.status_code == 200, response.status_code
    assert b"error" in response.content.lower()
    assert b"Southside Foundry" not in response.content  # the redisplayed chooser
    assert not Job.objects.exists()
