"""One folding for every search (issue 17 item 2): "obrien" finds O'Brien, "jose" finds
José, "mcdonalds" finds McDonald's, on SQLite and PostgreSQL, through each entry point a
user types into: the staff search page (the header's box), a staff listing's search box,
the quick log's employer and person pickers, and the public openings keyword search.
The folded column is kept by every write path: save, save(update_fields), bulk_create,
the importer, the erasure of a person."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from employers.models import Employer, JobOpening
from ips.audit import AuditEvent
from ips.roles import Role
from ips.search import fold, query_words
from jobseekers.models import JobSeeker

pytestmark = pytest.mark.django_db

SEARCH_URL = "/admin/search/"

# (typed, stored): each typed word must find the stored name, on every entry point.
# "Du´Bois": an acute accent used as an apostrophe, as a Spanish keyboard types it.
EXAMPLES = [
    ("obrien", "Kathleen O'Brien"),
    ("jose", "José Martínez"),
    ("mcdonalds", "McDonald’s"),
    ("dubois", "Marie Du´Bois"),
    ("lodz", "Anna Łódź"),  # a letter NFKD does not take apart (ips.search.PLAIN_LETTERS)
]


def test_fold_ignores_case_accents_and_apostrophes():
    assert fold("Kathleen O'Brien") == "kathleen obrien"
    assert fold("José MARTÍNEZ") == "jose martinez"
    assert fold("McDonald’s") == fold("McDonald's") == fold("MCDONALDS") == "mcdonalds"
    assert fold("McDonald´s") == fold("McDonald`s") == fold("McDonald＇s") == "mcdonalds"
    assert fold("Bäckerei-Café  Nº 5") == "backerei cafe no 5"
    assert query_words("  ") == []
    assert query_words("a b c d e f g h i j") == list("abcdefgh")


# --- write paths keep the column ------------------------------------------------------------


def test_save_bulk_create_and_update_fields_all_keep_the_folded_column(program):
    seeker = JobSeeker.objects.create(program=program, name="Seán O'Brien", ref="R-7")
    assert seeker.search_text == "sean obrien r 7"
    (bulk,) = JobSeeker.objects.bulk_create([JobSeeker(program=program, name="José Núñez")])
    assert JobSeeker.objects.get(pk=bulk.pk).search_text == "jose nunez"
    seeker.name = "Siobhán D'Arcy"
    seeker.save(update_fields=["name"])
    assert JobSeeker.objects.get(pk=seeker.pk).search_text == "siobhan darcy r 7"
    employer = Employer.objects.create(program=program, name="McDonald's", industry="Café")
    assert employer.search_text == "mcdonalds cafe"
    opening = JobOpening.objects.create(
        program=program, employer=employer, title="Crew Member", description="Turno de mañana"
    )
    assert opening.search_text == "crew member turno de manana"


def test_the_importer_folds_the_names_it_writes(tmp_path):
    from django.core.management import call_command

    from tests.importer.conftest import GOOD, write_folder

    files = {name: [list(row) for row in rows] for name, rows in GOOD.items()}
    files["seekers"][1][1] = "Sam O'Brien"
    files["employers"][1][1] = "Corner Café"
    folder = write_folder(tmp_path, files)
    call_command("import_program", str(folder), "--program", "Lakeside", "--create")
    assert JobSeeker.objects.filter(search_text__contains="obrien").get().name == "Sam O'Brien"
    assert Employer.objects.filter(search_text__contains="corner cafe").get().ref == "E1"


def test_an_erased_person_is_not_found_by_the_old_name(client, seeker, users):
    seeker.name = "Kathleen O'Brien"
    seeker.save()
    client.force_login(users[Role.DIRECTOR])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code in (200, 302)
    seeker.refresh_from_db()
    assert seeker.erased_at is not None
    assert "obrien" not in seeker.search_text
    assert "kathleen" not in seeker.search_text


def test_the_data_migration_fills_rows_that_were_there_before(program):
    """Rows written before the column existed (or by a raw UPDATE) are folded by `refold`,
    which the migrations run."""
    from ips.search import refold

    seeker = JobSeeker.objects.create(program=program, name="José O'Brien")
    JobSeeker.objects.filter(pk=seeker.pk).update(search_text="")
    assert refold(JobSeeker.objects.all()) == 1
    assert JobSeeker.objects.get(pk=seeker.pk).search_text == "jose obrien"


def test_every_folded_column_of_a_model_is_kept_by_each_write_path(program):
    """An employer keeps two folded columns (`search_text` for staff, `folded_name` for
    the public search): save(update_fields=...), refold after QuerySet.update, and
    fold_rows before a bulk_update each keep both."""
    from employers.models import Employer
    from ips.search import fold_rows, refold

    shop = Employer.objects.create(program=program, name="Café Uno", industry="Food", ref="E-1")
    assert (shop.search_text, shop.folded_name) == ("cafe uno food e 1", "cafe uno")
    shop.name = "Señora Dos"
    shop.save(update_fields=["name"])
    shop.refresh_from_db()
    assert (shop.search_text, shop.folded_name) == ("senora dos food e 1", "senora dos")
    Employer.objects.filter(pk=shop.pk).update(name="Tres O'Neil")
    assert refold(Employer.objects.filter(pk=shop.pk)) == 1
    shop.refresh_from_db()
    assert (shop.search_text, shop.folded_name) == ("tres oneil food e 1", "tres oneil")
    shop.name = "Cuatro"
    fields = fold_rows([shop], ["name"])
    assert sorted(fields) == ["folded_name", "name", "search_text"]
    Employer.objects.bulk_update([shop], fields)
    shop.refresh_from_db()
    assert (shop.search_text, shop.folded_name) == ("cuatro food e 1", "cuatro")


# --- the staff search page (header box) ------------------------------------------------------


@pytest.fixture
def named(program, staff, other_program):
    """One seeker, employer and opening per example in the home program, and the same
    names in another program (never shown to the home program's staff)."""
    rows = {}
    for where in (program, other_program):
        for typed, stored in EXAMPLES:
            employer = Employer.objects.create(program=where, name=f"{stored} Inc")
            seeker = JobSeeker.objects.create(
                program=where,
                name=stored,
                specialist=staff[Role.SPECIALIST] if where == program else None,
                entry_date=dt.date(2026, 1, 12),
                stage=JobSeeker.Stage.JOB_SEARCH,
            )
            opening = JobOpening.objects.create(
                program=where,
                employer=employer,
                title=f"Cook for {stored}",
                status=JobOpening.Status.OPEN,
                shareable=True,
            )
            if where == program:
                rows[typed] = (seeker, employer, opening)
    return rows


@pytest.mark.parametrize(("typed", "stored"), EXAMPLES)
def test_the_staff_search_finds_each_kind_by_the_folded_words(client, users, named, typed, stored):
    client.force_login(users[Role.SUPERVISOR])
    response = client.get(SEARCH_URL, {"q": typed.upper()})
    assert response.status_code == 200
    found = response.context["found"]
    seeker, employer, opening = named[typed]
    assert found.seekers == [seeker]
    assert found.employers == [employer]
    assert found.openings == [opening]
    body = response.content.decode()
    assert reverse("jobseekers:record", args=[seeker.pk]) in body
    assert reverse("employers:inspect", args=[employer.pk]) in body


def test_the_staff_search_shows_only_what_the_role_and_program_allow(
    client, named, outsider, other_program
):
    """Another program's specialist finds their own program's same-named rows, never ours."""
    client.force_login(outsider)
    found = client.get(SEARCH_URL, {"q": "obrien"}).context["found"]
    shown = [*found.seekers, *found.employers, *found.openings]
    assert len(found.employers) == 1
    assert {row.program_id for row in shown} == {other_program.pk}


def test_the_staff_search_writes_the_people_shown_to_the_audit_trail(client, users, named):
    client.force_login(users[Role.SPECIALIST])
    client.get(SEARCH_URL, {"q": "jose"})
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_a_control_character_is_a_clear_message_and_nothing_is_searched(client, users, named):
    client.force_login(users[Role.SPECIALIST])
    response = client.get(SEARCH_URL, {"q": "obrien\x00"})
    assert response.status_code == 200
    assert "invisible control character" in response.content.decode()
    assert response.context["found"] is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


@pytest.mark.parametrize("typed", ["%", "_", "!!!", "' - '"])
def test_punctuation_alone_is_a_clear_message_not_everyone(client, users, named, typed):
    client.force_login(users[Role.SPECIALIST])
    response = client.get(SEARCH_URL, {"q": typed})
    assert response.status_code == 200
    assert "no letters or numbers" in response.content.decode()
    assert response.context["found"] is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_an_empty_search_shows_the_box_and_no_results(client, users):
    client.force_login(users[Role.COACH])
    response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert response.context["found"] is None
    assert 'name="q"' in response.content.decode()


def test_the_header_search_box_opens_the_staff_search(client, users):
    client.force_login(users[Role.SPECIALIST])
    body = client.get("/admin/").content.decode()
    assert SEARCH_URL in body  # the sidebar's search module points at our page


def test_the_staff_search_takes_a_fixed_number_of_queries(
    client, users, named, django_assert_num_queries, program
):
    client.force_login(users[Role.DIRECTOR])
    JobSeeker.objects.create(program=program, name="Cook Person")  # one person: one audit row
    client.get(SEARCH_URL, {"q": "cook"})  # warm caches (session, permissions)
    with django_assert_num_queries(QUERIES := _count(client, "cook")):
        client.get(SEARCH_URL, {"q": "cook"})
    assert QUERIES == SEARCH_QUERIES
    for n in range(10):
        employer = Employer.objects.create(program=program, name=f"Cook Shop {n}")
        JobOpening.objects.create(program=program, employer=employer, title=f"Cook {n}")
        JobSeeker.objects.create(program=program, name=f"Cook Person {n}")
    with django_assert_num_queries(QUERIES):
        response = client.get(SEARCH_URL, {"q": "cook"})
    assert len(response.context["found"].openings) == len(EXAMPLES) + 10


# Session and user (2), the user's roles for the permission check and for each kind's
# scope, one query per kind (3), the audit event, Wagtail's admin shell.
SEARCH_QUERIES = 13


def _count(client, text) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(SEARCH_URL, {"q": text})
    return len(captured.captured_queries)


# --- staff listings, the quick log's pickers, the public search ------------------------------


@pytest.mark.parametrize(("typed", "stored"), EXAMPLES)
def test_every_staff_listing_search_box_folds(client, users, named, typed, stored):
    client.force_login(users[Role.SUPERVISOR])
    seeker, employer, opening = named[typed]
    listings = {
        "/admin/seekers/": seeker,
        "/admin/employers/": employer,
        "/admin/openings/": opening,
    }
    for url, row in listings.items():
        response = client.get(url, {"q": typed})
        assert response.status_code == 200, url
        assert [o.pk for o in response.context["object_list"]] == [row.pk], url


def test_a_listing_search_follows_relations_to_the_folded_name(client, users, named):
    """A `search_fields` path through a relation ("employer__name") folds too."""
    client.force_login(users[Role.SUPERVISOR])
    seeker, employer, opening = named["mcdonalds"]
    response = client.get("/admin/openings/", {"q": "MCDONALDS"})
    assert [o.pk for o in response.context["object_list"]] == [opening.pk]


@pytest.mark.parametrize(("typed", "stored"), EXAMPLES)
def test_the_quick_log_employer_picker_folds(client, users, named, typed, stored):
    client.force_login(users[Role.SPECIALIST])
    response = client.get(reverse("crm:employer_options"), {"q": typed})
    assert response.status_code == 200
    assert re.findall(r'value="(\d+)"', response.content.decode()) == [str(named[typed][1].pk)]


@pytest.mark.parametrize(("typed", "stored"), EXAMPLES)
def test_the_quick_log_person_picker_folds(client, users, named, typed, stored, staff, program):
    # The picker searches people who are not on the user's own caseload.
    seeker = named[typed][0]
    seeker.specialist = None
    seeker.save()
    client.force_login(users[Role.SPECIALIST])
    response = client.get(reverse("crm:seeker_options"), {"q": typed})
    assert response.status_code == 200
    assert list(response.context["seekers"]) == [seeker]


@pytest.mark.parametrize(("typed", "stored"), EXAMPLES)
def test_the_public_keyword_search_folds(client, named, typed, stored):
    from cms.models import OpeningsIndexPage

    url = OpeningsIndexPage.objects.get(locale__language_code="en").url
    response = client.get(url, {"q": typed})
    assert response.status_code == 200
    # Found by the title and by the employer's name; the other program's same-named
    # opening is public too, so both programs' openings are listed.
    titles = {o.title for o in response.context["openings"]}
    assert titles == {f"Cook for {stored}"}
    assert len(response.context["openings"]) == 2


def test_a_field_without_a_folded_column_still_finds_the_word_as_typed(program):
    """A listing may also search free text ("notes"): "José" typed finds "José" there, and
    the folded "jose" finds a plain "Jose"."""
    from employers.models import EmployerContact
    from ips.search import search

    employer = Employer.objects.create(program=program, name="Corner Shop")
    other = Employer.objects.create(program=program, name="Other Shop")
    from tests.conftest import make_staff

    specialist = make_staff(program, Role.SPECIALIST, "fold_specialist")
    accented = EmployerContact.objects.create(
        program=program, specialist=specialist, employer=employer, date=dt.date(2026, 3, 2),
        notes="Asked for José",
    )  # fmt: skip
    plain = EmployerContact.objects.create(
        program=program, specialist=specialist, employer=other, date=dt.date(2026, 3, 2),
        notes="Asked for Jose",
    )  # fmt: skip
    found = search(EmployerContact.objects.all(), ["employer__name", "notes"], "José")
    assert set(found) == {accented, plain}
    found = search(EmployerContact.objects.all(), ["employer__name", "notes"], "jose")
    assert list(found) == [plain]  # a note is not folded: the typed word and its fold only


def _status(response) -> str:
    return re.search(
        r'<p class="find-said" role="status">(.*?)</p>', response.content.decode(), re.S
    ).group(1)


def test_the_staff_search_says_the_true_count_when_nothing_was_cut(client, users, named):
    client.force_login(users[Role.SUPERVISOR])
    assert _status(client.get(SEARCH_URL, {"q": "obrien"})) == "Found 3 for “obrien”."


def test_the_staff_search_says_more_than_when_a_kind_was_cut_at_the_limit(client, users, program):
    """Red-team finding (issue 17): "Found 60" when 60 was only the cap (20 of each kind)."""
    from ips.find.selectors import LIMIT

    employer = Employer.objects.create(program=program, name="Corner Diner")
    for n in range(LIMIT + 1):
        JobSeeker.objects.create(program=program, name=f"Cook Person {n}")
    JobOpening.objects.create(program=program, employer=employer, title="Cook")
    client.force_login(users[Role.SUPERVISOR])
    status = _status(client.get(SEARCH_URL, {"q": "cook"}))
    assert status == (
        f"More than {LIMIT + 1} found for “cook”: showing the first {LIMIT} of each kind. "
        "Add a word to narrow the search."
    )
    assert "Found" not in status
