"""`import_program`: all-or-nothing, idempotent, every bad row reported."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from coaching.models import SupportContact
from employers.models import Employer, EmployerContact
from ips.models import Program, StaffMember, TimeEntry
from jobseekers.models import CareerProfile, Job, JobSeeker
from tests.importer.conftest import GOOD, write_folder

pytestmark = pytest.mark.django_db

MODELS = (StaffMember, Employer, JobSeeker, EmployerContact, Job, SupportContact, TimeEntry)


def run(folder, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_program", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return {m.__name__: m.objects.count() for m in MODELS} | {"Program": Program.objects.count()}


def test_good_folder_imports_every_file_and_prints_counts(good_folder):
    out, _ = run(good_folder, "--program", "Lakeside", "--create")
    program = Program.objects.get(name="Lakeside")
    assert "staff.csv: 3 created, 0 updated, 0 unchanged" in out
    assert "employer_contacts.csv: 3 created, 0 updated, 0 unchanged" in out
    assert "time_entries.csv: 2 created, 0 updated, 0 unchanged" in out
    assert JobSeeker.objects.filter(program=program).count() == 3
    s1 = JobSeeker.objects.get(program=program, ref="S1")
    assert s1.specialist.user.email == "ana@example.org"
    assert s1.mh_team.name == "Team A"
    assert s1.stage == JobSeeker.Stage.WORKING
    assert JobSeeker.objects.get(ref="S3").stage == JobSeeker.Stage.CLOSED
    profile = CareerProfile.objects.get(seeker=s1, is_current=True)
    assert profile.max_commute_miles == Decimal(10)
    assert sorted(o.code for o in profile.preferred_occupations.all()) == [
        "35-2014.00",
        "41-2031.00",
    ]
    contact = EmployerContact.objects.filter(program=program, mode="face_to_face").first()
    assert sorted(contact.seekers.values_list("ref", flat=True)) == ["S1", "S2"]
    j2 = Job.objects.get(ref="J2")
    assert (j2.competitive, j2.permanent, j2.end_reason) == (False, False, "temporary_ended")
    support = SupportContact.objects.get()
    assert support.support_types == ["coaching", "problem_solving"]
    assert StaffMember.objects.get(user__email="ben@example.org").fte == Decimal("0.5")


def test_second_import_of_the_same_files_counts_every_row_unchanged(good_folder):
    run(good_folder, "--program", "Lakeside", "--create")
    before = snapshot()
    out, _ = run(good_folder, "--program", "Lakeside", "--create")
    assert snapshot() == before
    assert "staff.csv: 0 created, 0 updated, 3 unchanged" in out
    assert "employer_contacts.csv: 0 created, 0 updated, 3 unchanged" in out
    assert "Imported into program 'Lakeside': 0 created, 0 updated, 16 unchanged." in out
    assert CareerProfile.objects.count() == 1


def test_reimport_with_changed_values_updates_rows_by_ref(tmp_path, good_folder):
    run(good_folder, "--program", "Lakeside", "--create")
    files = copy.deepcopy(GOOD)
    files["employers"][1][1] = "Corner Cafe & Bakery"
    files["seekers"][1][9] = "15"
    files["time_entries"][1][2] = "7"
    files["staff"][1][1] = "Ana Lopez Garcia"  # a staff name changes the account's name
    out, _ = run(write_folder(tmp_path / "again", files), "--program", "Lakeside", "--create")
    # "updated" only where a value changed (issue 16): the rest are "unchanged"
    assert "staff.csv: 0 created, 1 updated, 2 unchanged" in out
    assert "employers.csv: 0 created, 1 updated, 1 unchanged" in out
    assert "seekers.csv: 0 created, 1 updated, 2 unchanged" in out  # S1's commute
    assert "time_entries.csv: 0 created, 1 updated, 1 unchanged" in out
    assert "jobs.csv: 0 created, 0 updated, 2 unchanged" in out
    ana = StaffMember.objects.get(user__email="ana@example.org").user
    assert (ana.first_name, ana.last_name) == ("Ana", "Lopez Garcia")
    assert Employer.objects.get(ref="E1").name == "Corner Cafe & Bakery"
    assert TimeEntry.objects.get(activity="employment_services").hours == Decimal(7)
    versions = CareerProfile.objects.filter(seeker__ref="S1").order_by("version")
    assert [(p.version, p.is_current, p.max_commute_miles) for p in versions] == [
        (1, False, Decimal(10)),
        (2, True, Decimal(15)),
    ]
    assert versions[1].preferred_occupations.count() == 2


def test_dry_run_counts_but_writes_nothing(good_folder):
    before = snapshot()
    out, _ = run(good_folder, "--program", "Lakeside", "--create", "--dry-run")
    assert "seekers.csv: 3 created, 0 updated, 0 unchanged" in out
    assert snapshot() == before


def test_bad_folder_changes_nothing_and_lists_every_bad_row(tmp_path, program):
    files = copy.deepcopy(GOOD)
    files["staff"][2][2] = "manager"
    files["seekers"][2][2] = "2026-13-01"
    files["seekers"][3][3] = "nobody@example.org"
    files["employer_contacts"][3][3] = "carrier_pigeon"
    files["jobs"][1][5] = "99-9999.99"
    files["jobs"][1][8] = "5.00"
    files["time_entries"][2][3] = "lunch"
    folder = write_folder(tmp_path / "bad", files)
    before = snapshot()
    with pytest.raises(CommandError, match="7 problem"):
        run(folder, "--program", "Lakeside", "--create")
    assert snapshot() == before
    assert not Program.objects.filter(name="Lakeside").exists()


def test_every_error_is_printed_as_file_line_column_reason(tmp_path, capsys):
    files = copy.deepcopy(GOOD)
    files["staff"][2][2] = "manager"
    files["jobs"][1][8] = "5.00"
    files["seekers"][3][3] = "nobody@example.org"
    folder = write_folder(tmp_path / "bad", files)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_program", str(folder), "--program", "L", "--create", stderr=err, stdout=err
        )
    lines = err.getvalue().splitlines()
    assert lines == [
        "staff.csv:3: role: 'manager' is not one of specialist, coach, supervisor, director,"
        " nor their labels or synonyms (docs/import-format.md)",
        "seekers.csv:4: specialist_email: no staff member nobody@example.org in staff.csv or"
        " the program",
        "jobs.csv:2: hourly_wage: 5.00 is under the program's minimum wage 7.25: not competitive",
    ]


def test_unknown_column_is_an_error_naming_it(tmp_path):
    files = {"employers": [["ref", "name", "colour"], ["E1", "Cafe", "blue"]]}
    with pytest.raises(CommandError):
        _, err = run(write_folder(tmp_path / "f", files), "--program", "L", "--create")
    assert not Employer.objects.exists()


def test_duplicate_employer_same_name_and_zip_is_reported(tmp_path, capsys):
    files = {
        "employers": [
            ["ref", "name", "zip"],
            ["E1", "The Corner Cafe, LLC", "48226"],
            ["E2", "corner cafe", "48226"],
            ["E3", "Corner Cafe", "48201"],
        ]
    }
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_program", str(write_folder(tmp_path / "f", files)), "--program", "L",
            "--create", stderr=err, stdout=StringIO(),
        )  # fmt: skip
    assert err.getvalue().splitlines() == [
        "employers.csv:3: name: same name and ZIP as employer 'E1' (line 2): a duplicate employer"
    ]


def test_duplicate_ref_within_a_file_is_reported(tmp_path):
    files = {"employers": [["ref", "name"], ["E1", "A"], ["E1", "B"]]}
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_program", str(write_folder(tmp_path / "f", files)), "--program", "L",
            "--create", stderr=err, stdout=StringIO(),
        )  # fmt: skip
    assert "employers.csv:3: ref: 'E1' is also on line 2" in err.getvalue()


def test_refs_resolve_against_rows_already_in_the_program(tmp_path, good_folder):
    run(good_folder, "--program", "Lakeside", "--create")
    files = {
        "jobs": [
            ["ref", "seeker_ref", "employer_ref", "title", "start_date"],
            ["J9", "S2", "E1", "Barista", "2026-04-01"],
        ]
    }
    out, _ = run(write_folder(tmp_path / "more", files), "--program", "Lakeside", "--create")
    assert "jobs.csv: 1 created, 0 updated, 0 unchanged" in out
    assert Job.objects.get(ref="J9").seeker.ref == "S2"


def test_refs_of_another_program_do_not_resolve(tmp_path, good_folder):
    run(good_folder, "--program", "Lakeside", "--create")
    files = {
        "jobs": [
            ["ref", "seeker_ref", "employer_ref", "title", "start_date"],
            ["J9", "S2", "E1", "Barista", "2026-04-01"],
        ]
    }
    with pytest.raises(CommandError):
        run(write_folder(tmp_path / "more", files), "--program", "Hillside", "--create")
    assert not Job.objects.filter(ref="J9").exists()


def test_same_email_in_two_programs_is_one_person(tmp_path, good_folder):
    run(good_folder, "--program", "Lakeside", "--create")
    files = {"staff": [["email", "name", "role"], ["ANA@example.org", "Ana Lopez", "supervisor"]]}
    run(write_folder(tmp_path / "other", files), "--program", "Hillside", "--create")
    users = get_user_model().objects.filter(email__iexact="ana@example.org")
    assert users.count() == 1
    assert sorted(users.get().staff_memberships.values_list("program__name", "role")) == [
        ("Hillside", "supervisor"),
        ("Lakeside", "specialist"),
    ]


def test_missing_program_is_created(good_folder):
    run(good_folder, "--program", "Brand New Team", "--create")
    assert Program.objects.get(name="Brand New Team").slug == "brand-new-team"


def test_existing_program_is_used(good_folder, program):
    run(good_folder, "--program", program.name)
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_xlsx_file_is_read_like_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["date", "staff_email", "hours", "activity", "location"])
    sheet.append([dt.date(2026, 3, 2), "ana@example.org", 7.5, "employment_services", "community"])
    folder = write_folder(tmp_path / "x", {"staff": GOOD["staff"]})
    book.save(folder / "time_entries.xlsx")
    out, _ = run(folder, "--program", "L", "--create")
    assert "time_entries.xlsx: 1 created, 0 updated, 0 unchanged" in out
    assert TimeEntry.objects.get().hours == Decimal("7.5")


def test_same_stem_as_csv_and_xlsx_is_refused(tmp_path):
    folder = write_folder(tmp_path / "x", {"staff": GOOD["staff"]})
    book = Workbook()
    book.active.append(["email", "name", "role"])
    book.save(folder / "staff.xlsx")
    with pytest.raises(CommandError):
        run(folder, "--program", "L", "--create")
    assert not StaffMember.objects.exists()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        run(tmp_path / "nope", "--program", "L", "--create")


def test_program_argument_is_required(good_folder):
    with pytest.raises(CommandError, match="--program"):
        call_command("import_program", str(good_folder))


def test_support_contact_job_must_belong_to_the_seeker(tmp_path):
    files = copy.deepcopy(GOOD)
    files["support_contacts"][1][2] = "S2"
    with pytest.raises(CommandError):
        run(write_folder(tmp_path / "b", files), "--program", "L", "--create")
    assert not SupportContact.objects.exists()


def test_contact_dated_in_the_future_is_refused(tmp_path):
    files = copy.deepcopy(GOOD)
    files["employer_contacts"][1][0] = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    with pytest.raises(CommandError):
        run(write_folder(tmp_path / "b", files), "--program", "L", "--create")
    assert not EmployerContact.objects.exists()


def test_staff_email_used_as_another_users_username_still_imports(good_folder):
    get_user_model().objects.create_user(username="ana@example.org", email="other@example.org")
    run(good_folder, "--program", "Lakeside", "--create")
    ana = StaffMember.objects.get(program__name="Lakeside", user__email="ana@example.org")
    assert ana.user.username == "ana@example.org-2"


@pytest.mark.parametrize(("order", "expected"), [("MDY", dt.date(2026, 4, 9)),
                                                 ("DMY", dt.date(2026, 9, 4))])  # fmt: skip
def test_the_command_reads_slashed_dates_in_the_order_named(tmp_path, order, expected):
    folder = write_folder(tmp_path / "f", {"seekers": [["ref", "name", "entry_date"],
                                                       ["S1", "Sam", "04/09/2026"]]})  # fmt: skip
    out, _ = run(folder, "--program", "Lakeside", "--create", "--dates", order)
    assert "seekers.csv: 1 created, 0 updated, 0 unchanged" in out
    assert "Imported into program 'Lakeside': 1 created, 0 updated, 0 unchanged." in out
    assert JobSeeker.objects.get().entry_date == expected


def test_the_command_refuses_a_slashed_date_without_an_order(tmp_path):
    folder = write_folder(tmp_path / "f", {"seekers": [["ref", "name", "entry_date"],
                                                       ["S1", "Sam", "04/09/2026"]]})  # fmt: skip
    with pytest.raises(CommandError, match="nothing was imported"):
        run(folder, "--program", "Lakeside", "--create")
    assert not JobSeeker.objects.exists()
    assert not Program.objects.exists()


def test_the_command_refuses_an_unknown_date_order(tmp_path, good_folder):
    with pytest.raises(CommandError, match="invalid choice"):
        run(good_folder, "--program", "Lakeside", "--create", "--dates", "YMD")
    assert snapshot()["Program"] == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"caseload.xlsx": None}, "Nothing to import: no file is named after what it holds"),
        ({"staff": [["email", "name", "role"]], "seekers": [["ref", "name", "entry_date"]]},
         "Nothing to import: seekers.csv, staff.csv hold a header but no data rows"),
    ],
)  # fmt: skip
def test_nothing_to_import_exits_non_zero_and_creates_nothing(tmp_path, files, message):
    folder = tmp_path / "f"
    folder.mkdir()
    for name, rows in files.items():
        if rows is None:
            book = Workbook()
            book.active.append(["Name"])
            book.active.append(["Sam"])
            book.save(folder / name)
        else:
            write_folder(folder, {name: rows})
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_program", str(folder), "--program", "Lakeside", "--create",
                     stdout=StringIO(), stderr=err)  # fmt: skip
    assert message in err.getvalue()
    assert snapshot() == {m.__name__: 0 for m in MODELS} | {"Program": 0}


def _job_rows(start: str) -> list[list[str]]:
    return [["ref", "seeker_ref", "employer_ref", "title", "start_date"],
            ["J9", "S9", "E1", "Cook", start]]  # fmt: skip


def test_an_imported_job_for_someone_never_entered_is_refused_as_on_the_screen(tmp_path, program):
    from jobseekers.services import refer_seeker

    refer_seeker(program=program, name="Rae Ferd", referral_date=dt.date(2026, 1, 5), ref="S9")
    before = snapshot()
    folder = write_folder(tmp_path / "f", {"employers": GOOD["employers"],
                                           "jobs": _job_rows("2026-03-02")})  # fmt: skip
    with pytest.raises(CommandError, match="nothing was imported"):
        run(folder, "--program", program.name)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("seeker", "start", "column"),
    [
        (["S9", "Sam", "2026-03-01", "no", ""], "2026-02-01", "start_date"),
        (["S9", "Sam", "2026-01-01", "no", "2026-02-01"], "2026-03-01", "start_date"),
    ],
)
def test_an_imported_job_before_entry_or_after_closing_is_refused(tmp_path, seeker, start, column):
    header = ["ref", "name", "entry_date", "employed_at_referral", "closed_date"]
    files = {"employers": GOOD["employers"], "seekers": [header, seeker], "jobs": _job_rows(start)}
    folder = write_folder(tmp_path / "f", files)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_program", str(folder), "--program", "L", "--create",
                     stdout=StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().startswith(f"jobs.csv:2: {column}: {start} is ")
    assert snapshot() == {m.__name__: 0 for m in MODELS} | {"Program": 0}


def test_a_job_before_entry_is_imported_when_the_person_was_working_at_referral(tmp_path):
    header = ["ref", "name", "entry_date", "employed_at_referral"]
    seekers = [header, ["S9", "Sam", "2026-03-01", "yes"]]
    files = {"employers": GOOD["employers"], "seekers": seekers, "jobs": _job_rows("2026-02-01")}
    out, _ = run(write_folder(tmp_path / "f", files), "--program", "L", "--create")
    assert "jobs.csv: 1 created, 0 updated, 0 unchanged" in out


def test_an_imported_job_starting_after_tomorrow_is_refused_with_a_row_message(tmp_path):
    from io import StringIO

    header = ["ref", "name", "entry_date", "employed_at_referral"]
    seekers = [header, ["S9", "Sam", "2026-03-01", "no"]]
    later = (timezone.localdate() + dt.timedelta(days=180)).isoformat()
    files = {"employers": GOOD["employers"], "seekers": seekers, "jobs": _job_rows(later)}
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_program", str(write_folder(tmp_path / "f", files)),
                     "--program", "L", "--create", stdout=StringIO(), stderr=err)  # fmt: skip
    assert f"jobs.csv:2: start_date: {later} is in the future" in err.getvalue()
    assert snapshot() == {m.__name__: 0 for m in MODELS} | {"Program": 0}
