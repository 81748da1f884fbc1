"""Issue 13, findings 13 and 14: one input domain on every path. A date outside
1900-01-01..2100-12-31 or text holding a control character (NUL included) is refused
with a clear message by forms, filters, hand-parsed query strings and the importer, and
changes nothing; an import task always ends in a recorded state. Runs on SQLite and
PostgreSQL with the same expectations."""

from __future__ import annotations

import csv
import html
import importlib
import inspect
import io
import pkgutil

import django_filters
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coaching.models import SupportContact
from employers.models import Employer, EmployerContact
from importer import uploads
from importer.models import ImportUpload
from ips.roles import Role
from ips.validators import InputDomainFilterMixin, InputDomainMixin
from jobseekers.models import BenefitsCounselling
from tests.factories import EmployerContactFactory, EmployerFactory, JobFactory
from tests.ips.workspace import edit_form, form_data, snapshot, workspace_viewsets
from tests.security.conftest import row_counts

pytestmark = pytest.mark.django_db
OUT_OF_RANGE = ["9999-12-31", "0001-01-01"]
RANGE_MESSAGE = "is not between 1900-01-01 and 2100-12-31"
CONTACTS_HEADER = ["date", "specialist_email", "employer_ref", "mode", "notes"]


def text(response) -> str:
    return html.unescape(response.content.decode())


def viewset(name: str):
    return next(vs for vs in workspace_viewsets() if vs.name == name)


def post_edit(client, user, screen: str, obj, **changes):
    """Post the workspace edit form of `obj` with `changes` over its current values."""
    data = form_data(edit_form(viewset(screen), obj, user)) | changes
    client.force_login(user)
    return client.post(reverse(viewset(screen).get_url_name("edit"), args=[obj.pk]), data)


# ------------------------------------------------------------ dates in forms


@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize(
    ("screen", "field"), [("seekers", "referral_date"), ("jobs", "start_date")]
)
def test_a_date_out_of_range_in_a_workspace_form_is_a_form_error(
    client, staff, seeker, screen, field, day
):
    obj = seeker if screen == "seekers" else JobFactory(seeker=seeker)
    before = snapshot(obj)
    response = post_edit(client, staff[Role.SUPERVISOR].user, screen, obj, **{field: day})
    assert response.status_code == 200
    assert f"{day} {RANGE_MESSAGE}" in text(response)
    assert snapshot(obj) == before


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_bespoke_forms_date_out_of_range_is_refused(client, staff, seeker, day):
    client.force_login(staff[Role.SPECIALIST].user)
    data = {"date": day, "counsellor": "Benefits office", "notes": ""}
    response = client.post(reverse("jobseekers:counselling", args=[seeker.pk]), data)
    assert response.status_code == 200
    assert f"{day} {RANGE_MESSAGE}" in text(response)
    assert not BenefitsCounselling.objects.exists()


def test_the_first_and_last_day_of_the_range_are_accepted(client, staff, seeker):
    from jobseekers.models import Goal

    client.force_login(staff[Role.SPECIALIST].user)
    url = reverse("jobseekers:counselling", args=[seeker.pk])
    assert client.post(url, {"date": "1900-01-01", "counsellor": "x"}).status_code == 302
    assert BenefitsCounselling.objects.count() == 1
    # The last day on a form that takes future dates (a goal's target).
    goal = {"domain": "employment", "description": "Work in a bakery", "target_date": "2100-12-31"}
    assert client.post(reverse("jobseekers:goal", args=[seeker.pk]), goal).status_code == 302
    assert Goal.objects.get().target_date.isoformat() == "2100-12-31"


# ------------------------------------------------------------ text in forms


@pytest.mark.parametrize("bad", ["Corner\x00Cafe", "Corner\x01Cafe", "Corner\x1bCafe"])
def test_control_characters_in_a_workspace_form_are_a_form_error(client, staff, program, bad):
    employer = EmployerFactory(program=program, name="Corner Cafe")
    before = snapshot(employer)
    response = post_edit(client, staff[Role.SPECIALIST].user, "employers", employer, name=bad)
    assert response.status_code == 200
    assert f"invisible control character (U+{ord(bad[6]):04X})" in text(response)
    assert snapshot(employer) == before


def test_tabs_and_newlines_in_notes_are_kept(client, staff, seeker):
    client.force_login(staff[Role.SPECIALIST].user)
    notes = "Line one\r\n\tLine two"
    url = reverse("jobseekers:counselling", args=[seeker.pk])
    assert client.post(url, {"date": "2026-03-02", "notes": notes}).status_code == 302
    assert BenefitsCounselling.objects.get().notes == notes


# ------------------------------------------------------------ filters and query strings


@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "2026-01-01", "date_to": "9999-12-31"},
    ],
)
def test_a_listing_filter_date_out_of_range_is_a_form_error_not_a_500(
    client, staff, program, query
):
    EmployerContactFactory(program=program)
    client.force_login(staff[Role.SUPERVISOR].user)
    response = client.get(reverse("employer_contacts:index"), query)
    assert response.status_code == 200
    assert RANGE_MESSAGE in text(response)


@pytest.mark.parametrize("end", OUT_OF_RANGE)
def test_report_periods_out_of_range_are_shown_again_with_the_reason(client, staff, end):
    client.force_login(staff[Role.DIRECTOR].user)
    query = {"start": "0001-01-01" if end != "0001-01-01" else "2026-01-01", "end": end}
    dashboard = client.get(reverse("reports:dashboard"), query)
    outcomes = client.get(reverse("checkins:life_outcomes"), query)
    assert dashboard.status_code == 200
    assert RANGE_MESSAGE in text(dashboard)
    assert outcomes.status_code == 200
    assert "Give the period as two dates" in text(outcomes)


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
def test_a_week_out_of_range_sends_back_with_a_message_and_saves_nothing(client, staff, week):
    client.force_login(staff[Role.COACH].user)
    before = row_counts()
    response = client.get(reverse("coaching:hours"), {"week": week}, follow=True)
    assert response.redirect_chain[0] == (reverse("coaching:hours"), 302)
    assert "The week must be a date written like 2026-03-02." in text(response)
    assert row_counts() == before


@pytest.mark.parametrize("q", ["\x00", "caf\x00e", "\x01"])
def test_a_control_character_in_the_employer_search_is_a_400(client, staff, program, q):
    EmployerFactory(program=program, name="Corner Cafe")
    client.force_login(staff[Role.SPECIALIST].user)
    response = client.get(reverse("crm:employer_options"), {"q": q})
    assert response.status_code == 400
    assert "invisible control character" in response.content.decode()


def test_a_nul_in_the_employer_listing_search_or_filter_is_not_a_500(client, staff, program):
    EmployerFactory(program=program, name="Corner Cafe")
    client.force_login(staff[Role.SPECIALIST].user)
    for query in ({"q": "caf\x00e"}, {"industry": "\x00"}):
        assert client.get(reverse("employers:index"), query).status_code == 200


@pytest.mark.parametrize("bad_id", ["\u00b2", "99999999999999999999999", "-1", "1e3"])
def test_ids_in_query_strings_that_are_no_row_are_refused_not_a_500(client, staff, bad_id):
    client.force_login(staff[Role.SUPERVISOR].user)
    assert client.get(reverse("jobseekers:caseload"), {"specialist": bad_id}).status_code == 404
    assert client.get(reverse("coaching:log"), {"seeker": bad_id}).status_code == 200
    # My week ignores a malformed or unknown specialist and shows the page as without it
    # (red-team: "you do not have permission" for ?specialist=abc read as a refusal).
    week = client.get(reverse("crm:my_week"), {"specialist": bad_id})
    plain = client.get(reverse("crm:my_week"))
    assert (week.status_code, plain.status_code) == (200, 200)
    assert week.context["summary"] == plain.context["summary"]
    assert client.get(reverse("fidelity:compare"), {"review": bad_id}).status_code == 200


# ------------------------------------------------------------ the importer


def csv_file(stem: str, rows) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(f"{stem}.csv", out.getvalue().encode())


def contacts_upload(specialist, notes: str) -> list[SimpleUploadedFile]:
    return [
        csv_file("employers", [["ref", "name"], ["E1", "Corner Cafe"]]),
        csv_file(
            "employer_contacts",
            [CONTACTS_HEADER, ["2026-03-02", specialist.email, "E1", "phone", notes]],
        ),
    ]


def post_upload(client, program, files):
    return client.post(reverse("importer:upload"), {"program": program.pk, "files": files})


def import_page(client, item) -> str:
    return text(client.get(reverse("importer:detail", args=[item.pk])))


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_an_imported_date_out_of_range_is_refused_and_the_caseload_still_opens(
    client, program, staff, day
):
    # An entry date of 9999-12-31 once imported took the program's caseload page down.
    client.force_login(staff[Role.DIRECTOR].user)
    rows = [["ref", "name", "entry_date"], ["S1", "Sam One", day]]
    post_upload(client, program, [csv_file("seekers", rows)])
    item = ImportUpload.objects.get()
    client.post(reverse("importer:confirm", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.REJECTED
    assert f"seekers.csv:2: entry_date: {day} {RANGE_MESSAGE}" in import_page(client, item)
    assert client.get(reverse("jobseekers:caseload")).status_code == 200


def test_a_nul_in_a_small_import_is_refused_with_the_reason_on_the_screen(client, program, staff):
    client.force_login(staff[Role.DIRECTOR].user)
    before = row_counts()
    files = contacts_upload(staff[Role.SPECIALIST].user, "asked\x00about shifts")
    response = post_upload(client, program, files)
    item = ImportUpload.objects.get()
    assert response.status_code == 302
    assert item.status == ImportUpload.Status.REJECTED
    assert (
        "employer_contacts.csv:2: notes: contains an invisible control character (U+0000)"
        in import_page(client, item)
    )
    assert row_counts() == before


def test_a_nul_in_a_large_import_ends_the_task_refused_never_stuck_checking(
    client, program, staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(uploads, "BACKGROUND_ROWS", 0)
    client.force_login(staff[Role.DIRECTOR].user)
    files = contacts_upload(staff[Role.SPECIALIST].user, "asked\x00about shifts")
    with django_capture_on_commit_callbacks(execute=True):
        post_upload(client, program, files)
    item = ImportUpload.objects.get()
    status = client.get(reverse("importer:status", args=[item.pk])).json()
    assert status["running"] is False
    assert status["status"] == ImportUpload.Status.REJECTED
    assert "notes: contains an invisible control character (U+0000)" in import_page(client, item)
    assert not EmployerContact.objects.exists()


def test_an_unexpected_error_in_the_import_task_ends_it_failed_with_the_reason(
    client, program, staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(uploads, "BACKGROUND_ROWS", 0)
    client.force_login(staff[Role.DIRECTOR].user)
    files = contacts_upload(staff[Role.SPECIALIST].user, "asked about shifts")
    post_upload(client, program, files)  # the task is not run: on_commit is not reached
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.CHECKING
    ImportUpload.objects.filter(pk=item.pk).update(files={"employers.csv": "abc"})  # damaged
    from importer.tasks import run_import_upload_task

    run_import_upload_task(item.pk, False)
    item.refresh_from_db()
    page = import_page(client, item)
    status = client.get(reverse("importer:status", args=[item.pk])).json()
    assert (item.status, status["running"]) == (ImportUpload.Status.FAILED, False)
    assert "The import stopped: nothing was imported" in page
    assert "unexpected error (Error)" in page
    assert "Import these rows" not in page
    assert not Employer.objects.exists()
    assert not SupportContact.objects.exists()


# ------------------------------------------------------------ one mechanism, everywhere


def _project_classes():
    for root in ("ips", "employers", "jobseekers", "coaching", "cms"):
        package = importlib.import_module(root)
        for info in pkgutil.walk_packages(package.__path__, f"{root}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _, obj in inspect.getmembers(module, inspect.isclass):
                if obj.__module__ == module.__name__:
                    yield obj


def test_every_form_of_the_project_keeps_to_the_input_domain():
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _project_classes()
        if issubclass(cls, forms.BaseForm)
        and not issubclass(cls, InputDomainMixin)
        # a FilterSet's form class gets the mixin from the FilterSet (checked below)
        and not cls.__name__.endswith(("FilterForm", "NearForm"))
    ]
    assert missing == []


def test_every_filterset_and_every_viewset_form_keeps_to_the_input_domain():
    filtersets = [c for c in _project_classes() if issubclass(c, django_filters.FilterSet)]
    assert filtersets
    assert [f for f in filtersets if not issubclass(f, InputDomainFilterMixin)] == []
    forms_of = {vs.name: vs.get_form_class(for_update=True) for vs in workspace_viewsets()}
    assert {n for n, f in forms_of.items() if not issubclass(f, InputDomainMixin)} == set()
