"""Issue 13, findings 1 and 2: the import writes into the program the upload was made for
(an authorised object, never a name), program names are unique ignoring case, and
staff.csv cannot hand a role to a job seeker's account, to another program's staff, or
above the uploader's own role."""

from __future__ import annotations

import csv
import html
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from importer.models import ImportUpload
from ips.models import Program, StaffMember
from ips.roles import Role
from jobseekers.models import JobSeeker
from tests.conftest import make_staff, make_user
from tests.importer.conftest import write_folder
from tests.ips.workspace import edit_form, form_data, workspace_viewsets
from tests.security.conftest import row_counts
from tests.support.migrations import migrate_everything_forward

pytestmark = pytest.mark.django_db
STAFF_HEADER = ["email", "name", "role", "fte"]
SEEKERS = [
    ["ref", "name", "entry_date", "specialist_email"],
    ["S-77", "Pat Newcomer", "2026-02-02", "newhire@example.org"],
]


def csv_file(stem: str, rows) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(f"{stem}.csv", out.getvalue().encode())


def upload(client, program, *files) -> ImportUpload:
    """Post files to the upload screen for `program`; the upload it made."""
    response = client.post(reverse("importer:upload"), {"program": program.pk, "files": files})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportUpload.objects.latest("pk")


def staff_upload(client, program, *rows) -> ImportUpload:
    return upload(client, program, csv_file("staff", [STAFF_HEADER, *rows]))


def text(response) -> str:
    """A page as the user reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def detail(client, item: ImportUpload) -> str:
    return text(client.get(reverse("importer:detail", args=[item.pk])))


def confirm(client, item: ImportUpload) -> ImportUpload:
    client.post(reverse("importer:confirm", args=[item.pk]))
    item.refresh_from_db()
    return item


def roles_of(user) -> set[tuple[str, str]]:
    return set(StaffMember.objects.filter(user=user).values_list("program__name", "role"))


def rename(client, user, program, name: str):
    """Post the Programs screen's edit form for `program` with a new name."""
    viewset = next(vs for vs in workspace_viewsets() if vs.model is Program)
    data = form_data(edit_form(viewset, program, user)) | {"name": name}
    return client.post(reverse(viewset.get_url_name("edit"), args=[program.pk]), data)


# ------------------------------------------------------------ the attacker's path


def test_supervisor_cannot_become_director_of_another_program_by_rename_and_upload(
    client, program, other_program, staff, other_staff
):
    attacker = other_staff[Role.SUPERVISOR].user
    client.force_login(attacker)

    renamed = rename(client, attacker, other_program, "north team")
    item = staff_upload(client, other_program, [attacker.email, "Mallory Tester", "director"])
    page = detail(client, item)
    item = confirm(client, item)

    assert renamed.status_code == 200
    assert "The program \u201cNorth Team\u201d already has this name" in renamed.content.decode()
    other_program.refresh_from_db()
    assert other_program.name == "South Team"
    assert item.status == ImportUpload.Status.REJECTED
    assert "staff.csv:2: role: only a director can make someone director" in page
    assert roles_of(attacker) == {("South Team", Role.SUPERVISOR)}


def test_upload_writes_into_its_own_program_even_when_the_name_matches_another(
    client, program, other_program, other_staff
):
    # A name stored before names were compared ignoring case (a trailing space slips past
    # the constraint): the import must not care, it writes by id.
    Program.objects.filter(pk=other_program.pk).update(name="north team ")
    client.force_login(other_staff[Role.DIRECTOR].user)
    rows = [STAFF_HEADER, ["newhire@example.org", "Nia Hire", "specialist"]]
    item = upload(client, other_program, csv_file("staff", rows), csv_file("seekers", SEEKERS))
    assert item.status == ImportUpload.Status.PREVIEW, item.errors
    assert confirm(client, item).status == ImportUpload.Status.DONE

    assert list(JobSeeker.objects.filter(ref="S-77").values_list("program", flat=True)) == [
        other_program.pk
    ]
    newhire = get_user_model().objects.get(email="newhire@example.org")
    assert roles_of(newhire) == {("north team ", Role.SPECIALIST)}
    assert not StaffMember.objects.filter(program=program, user=newhire).exists()


# ------------------------------------------------------------ program names


@pytest.mark.parametrize("name", ["north team", "NORTH TEAM", "  North   Team "])
def test_programs_screen_refuses_a_name_another_program_has_and_says_which(
    client, program, other_program, other_staff, name
):
    director = other_staff[Role.DIRECTOR].user
    client.force_login(director)
    response = rename(client, director, other_program, name)
    assert response.status_code == 200
    assert "The program \u201cNorth Team\u201d already has this name" in response.content.decode()
    other_program.refresh_from_db()
    assert other_program.name == "South Team"


def test_a_program_may_change_the_capitals_of_its_own_name(client, other_program, other_staff):
    director = other_staff[Role.DIRECTOR].user
    client.force_login(director)
    assert rename(client, director, other_program, "SOUTH  team").status_code == 302
    other_program.refresh_from_db()
    assert other_program.name == "SOUTH team"


def test_import_command_refuses_a_name_that_fits_two_programs(tmp_path, program):
    Program.objects.create(name="North  Team", slug="north-2")  # differs only in spacing
    folder = write_folder(tmp_path / "f", {"seekers": SEEKERS[:1]})
    before = row_counts()
    with pytest.raises(CommandError, match=r"could be any of 2 programs: 'North  Team'"):
        call_command("import_program", str(folder), "--program", "north team")
    assert row_counts() == before


def test_import_command_creates_a_program_only_when_asked(tmp_path):
    rows = [STAFF_HEADER, ["newhire@example.org", "Nia Hire", "specialist"]]
    folder = write_folder(tmp_path / "f", {"staff": rows})
    with pytest.raises(CommandError, match="add --create to make a new program"):
        call_command("import_program", str(folder), "--program", "Lakeside")
    assert not Program.objects.filter(name="Lakeside").exists()
    call_command(
        "import_program", str(folder), "--program", "Lakeside", "--create", stdout=StringIO()
    )
    assert Program.objects.filter(name="Lakeside").exists()


def test_import_command_matches_an_existing_name_ignoring_case(tmp_path, program):
    rows = [STAFF_HEADER, ["newhire@example.org", "Nia Hire", "specialist"]]
    folder = write_folder(tmp_path / "f", {"staff": rows})
    call_command(
        "import_program", str(folder), "--program", "NORTH team", "--create", stdout=StringIO()
    )
    assert Program.objects.count() == 1
    assert StaffMember.objects.filter(program=program, user__email="newhire@example.org").exists()


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data its flush removes."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


def test_migration_refuses_names_equal_ignoring_case_and_names_the_programs(
    reference_data_kept, transactional_db
):
    executor = MigrationExecutor(connection)
    mine = next(
        key
        for key in executor.loader.disk_migrations
        if key[0] == "ips" and key[1].endswith("_program_name_unique_ci")
    )
    before = next(p for p in executor.loader.graph.node_map[mine].parents if p.key[0] == "ips")
    call_command("migrate", "ips", before.key[1], verbosity=0)
    # The table as it was then (later migrations add columns the model has now).
    OldProgram = executor.loader.project_state(before.key).apps.get_model("ips", "Program")
    try:
        OldProgram.objects.create(name="North Team", slug="north")
        OldProgram.objects.create(name="north TEAM", slug="north-2")
        with pytest.raises(RuntimeError) as refused:
            call_command("migrate", "ips", mine[1], verbosity=0)
        assert "'North Team' (id" in str(refused.value)
        assert "'north TEAM' (id" in str(refused.value)
        assert "Rename all but one" in str(refused.value)
        OldProgram.objects.filter(slug="north-2").delete()
    finally:
        migrate_everything_forward()
    with pytest.raises(Exception, match="(?i)unique"):
        Program.objects.create(name="NORTH team", slug="north-3")


# ------------------------------------------------------------ whom staff.csv may name


def test_staff_csv_cannot_make_a_job_seekers_portal_account_staff(
    client, program, staff, seeker_user
):
    client.force_login(staff[Role.DIRECTOR].user)
    item = staff_upload(client, program, [seeker_user.email, "Alex Rivera", "specialist"])
    assert confirm(client, item).status == ImportUpload.Status.REJECTED
    assert (
        f"staff.csv:2: email: {seeker_user.email} has an account this import cannot give a role"
        in detail(client, item)
    )
    assert roles_of(seeker_user) == set()


def test_import_command_cannot_make_a_portal_account_staff_either(tmp_path, program, seeker_user):
    folder = write_folder(
        tmp_path / "f", {"staff": [STAFF_HEADER, [seeker_user.email, "Alex", "coach"]]}
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_program", str(folder), "--program", program.name, stderr=err)
    assert f"staff.csv:2: email: {seeker_user.email} is a job seeker's portal account" in (
        err.getvalue()
    )
    assert roles_of(seeker_user) == set()


def test_staff_csv_cannot_give_a_role_to_another_programs_staff(
    client, program, staff, other_staff
):
    colleague = other_staff[Role.SPECIALIST].user
    client.force_login(staff[Role.DIRECTOR].user)
    item = staff_upload(client, program, [colleague.email.upper(), "Sam Else", "specialist"])
    assert confirm(client, item).status == ImportUpload.Status.REJECTED
    assert f"staff.csv:2: email: {colleague.email}" in detail(client, item)
    assert roles_of(colleague) == {("South Team", Role.SPECIALIST)}


def test_a_director_of_both_programs_may_add_staff_of_the_other(
    client, program, other_program, staff, other_staff
):
    both = staff[Role.DIRECTOR].user
    StaffMember.objects.create(user=both, program=other_program, role=Role.DIRECTOR)
    colleague = other_staff[Role.COACH].user
    client.force_login(both)
    item = staff_upload(client, program, [colleague.email, "Coach South", "coach"])
    assert item.status == ImportUpload.Status.PREVIEW, item.errors
    assert confirm(client, item).status == ImportUpload.Status.DONE
    assert roles_of(colleague) == {("South Team", Role.COACH), ("North Team", Role.COACH)}


def test_an_account_that_is_nobodys_staff_may_be_added(client, program, staff):
    free = make_user("free_agent")
    client.force_login(staff[Role.SUPERVISOR].user)
    item = staff_upload(client, program, [free.email, "Someone Else", "specialist"])
    assert confirm(client, item).status == ImportUpload.Status.DONE, item.errors
    free.refresh_from_db()
    assert roles_of(free) == {("North Team", Role.SPECIALIST)}
    assert free.get_full_name() == "Free Tester"  # their own name is kept


@pytest.mark.parametrize(
    ("who", "role", "reason"),
    [
        ("newcomer", "director", "role: only a director can make someone director"),
        ("director_north", "specialist", "role: director_north@example.org is this program's"),
    ],
)
def test_a_supervisor_cannot_name_a_role_above_their_own(client, program, staff, who, role, reason):
    client.force_login(staff[Role.SUPERVISOR].user)
    before = row_counts()
    item = staff_upload(client, program, [f"{who}@example.org", "Some One", role])
    assert confirm(client, item).status == ImportUpload.Status.REJECTED
    assert f"staff.csv:2: {reason}" in detail(client, item)
    assert row_counts() == before
    assert StaffMember.objects.get(user=staff[Role.DIRECTOR].user).role == Role.DIRECTOR


def test_an_upload_is_checked_again_against_the_uploaders_roles_at_confirmation(
    client, program, staff
):
    director = make_staff(program, Role.DIRECTOR, "second_director").user
    client.force_login(director)
    item = staff_upload(client, program, ["newhire@example.org", "Nia Hire", "director"])
    assert item.status == ImportUpload.Status.PREVIEW
    StaffMember.objects.filter(user=director).update(role=Role.SUPERVISOR)
    client.force_login(staff[Role.DIRECTOR].user)
    assert confirm(client, item).status == ImportUpload.Status.REJECTED
    assert not StaffMember.objects.filter(user__email="newhire@example.org").exists()


@pytest.mark.parametrize(("whose", "role"), [("supervisor", "director"), ("director", "coach")])
def test_the_staff_screen_gives_no_role_above_the_editors_own(client, staff, whose, role):
    supervisor = staff[Role.SUPERVISOR].user
    member = staff[whose]
    viewset = next(vs for vs in workspace_viewsets() if vs.model is StaffMember)
    data = form_data(edit_form(viewset, member, supervisor)) | {"role": role}
    client.force_login(supervisor)
    response = client.post(reverse(viewset.get_url_name("edit"), args=[member.pk]), data)
    assert response.status_code == 200
    assert "Only a director can give or change the role director." in text(response)
    member.refresh_from_db()
    assert member.role == whose


def test_a_colleague_shared_with_another_program_can_still_be_updated_here(
    client, program, other_program, staff
):
    shared = staff[Role.SPECIALIST].user
    StaffMember.objects.create(user=shared, program=other_program, role=Role.COACH)
    client.force_login(staff[Role.SUPERVISOR].user)
    item = staff_upload(client, program, [shared.email, "Spec Tester", "specialist", "0.5"])
    assert confirm(client, item).status == ImportUpload.Status.DONE, item.errors
    assert StaffMember.objects.get(user=shared, program=program).fte == Decimal("0.5")
    assert roles_of(shared) == {("North Team", Role.SPECIALIST), ("South Team", Role.COACH)}
