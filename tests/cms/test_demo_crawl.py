"""A crawl of the demo's public and portal pages (issue 20): no page shows an O*NET code,
nor an O*NET title where a plain title is written in data/onet_plain_titles.tsv (item 1);
every page's main text reads at US grade 8 or below (item 6). The demo seeker signs in
with the email the README gives (item 4)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from cms.models import OpeningsIndexPage
from cms.selectors import public_openings
from employers.models import JobOpening
from ips.demo import DEMO_PASSWORD
from ips.models import Occupation
from ips.reference import PLAIN_TITLES_TSV, plain_titles, read_occupations
from tests.cms.readability import main_text, reading_grade

TODAY = dt.date(2026, 11, 20)
ONET_CODE = re.compile(r"\b\d{2}-\d{4}\.\d{2}\b")
README = Path(__file__).resolve().parents[2] / "README.md"
MAX_GRADE = 8  # issue 20, item 6: Flesch-Kincaid grade of each page's main text


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for this module, rolled back at its end."""
    from jobseekers.matching.services import refresh_matches

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", today=TODAY, stdout=StringIO())
        refresh_matches()  # seed_demo does this on commit, which never comes here
        yield
        transaction.set_rollback(True)


def visible_text(html: str) -> str:
    """The page's words: tags, scripts and attribute values left out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def demo_pages(client: Client) -> list[str]:
    index = OpeningsIndexPage.objects.get(locale__language_code="en").url
    paths = ["/", "/about-the-program/", "/how-ips-works/", "/about-the-data/", index]
    paths += [f"{index}?page=2", f"{index}?q=housekeeper", f"{index}?kind=37"]
    paths += [f"{index}{pk}/" for pk in public_openings().values_list("pk", flat=True)]
    return paths


def test_the_plain_titles_file_names_real_occupations_with_their_onet_titles():
    onet = {row["code"]: row["title"] for row in read_occupations()}
    with PLAIN_TITLES_TSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 100
    for row in rows:
        assert onet[row["O*NET-SOC Code"]] == row["O*NET title"], row
        assert 0 < len(row["Plain title"]) <= 30, row
        assert row["Plain title (Spanish)"], row
        assert not ONET_CODE.search(row["Plain title"])
    assert len({r["O*NET-SOC Code"] for r in rows}) == len(rows)  # one line per code


@pytest.mark.django_db
def test_plain_title_follows_the_language_and_falls_back_to_the_onet_title():
    from django.utils import translation

    housekeeping = Occupation.objects.get(code="37-2012.00")
    assert housekeeping.plain_title == "Housekeeper"
    with translation.override("es"):
        assert housekeeping.plain_title == "Camarista"
    chief = Occupation.objects.get(code="11-1011.00")
    assert chief.plain_title == "Chief Executives"


def test_every_occupation_the_demo_uses_has_a_plain_title(demo, db):
    from jobseekers.models import CareerProfile

    through = CareerProfile.preferred_occupations.through
    used = set(JobOpening.objects.values_list("occupation_id", flat=True)) - {None}
    used |= set(through.objects.values_list("occupation_id", flat=True))
    assert used
    assert used <= set(plain_titles())


def test_no_public_or_portal_page_of_the_demo_shows_an_onet_code_or_title(demo, db):
    client = Client()
    readme = README.read_text()
    email = re.search(r"email `([^`]+@demo\.example\.org)`", readme).group(1)
    signed_in = client.post("/portal/sign-in/", {"email": email, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302, "the README's portal email signs in"
    onet_titles = {
        o.title: o.plain_title
        for o in Occupation.objects.filter(code__in=list(plain_titles()))
        if o.title.casefold() != o.plain_title.casefold()
    }
    shown_plain = set()
    index = OpeningsIndexPage.objects.get(locale__language_code="en").url
    filled = JobOpening.objects.filter(shareable=True).exclude(status=JobOpening.Status.OPEN)
    gone = [f"{index}{pk}/" for pk in filled.values_list("pk", flat=True)[:3]]
    assert gone
    paths = [*demo_pages(client), *gone, "/portal/", "/portal/profile/", "/portal/preferences/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == (410 if path in gone else 200), path
        text = visible_text(response.content.decode())
        # A checkbox's value is the code (kept for matching); nothing a person reads or
        # hears (text, labels, aria-label, title) carries it.
        html = re.sub(r'\svalue="[^"]*"', "", response.content.decode())
        assert not ONET_CODE.search(html), path
        for title, plain in onet_titles.items():
            assert not re.search(rf"\b{re.escape(title)}\b", text), (path, title)
            if plain in text:
                shown_plain.add(plain)
    assert len(shown_plain) >= 10  # the plain words are really there, not just no codes
    assert "Why this one" in client.get("/portal/").content.decode()  # the demo has matches
    assert len(paths) > 30


def signed_in_demo_seeker() -> Client:
    client = Client()
    email = re.search(r"email `([^`]+@demo\.example\.org)`", README.read_text()).group(1)
    client.post("/portal/sign-in/", {"email": email, "password": DEMO_PASSWORD})
    return client


def test_every_public_and_portal_page_reads_at_grade_8_or_below(demo, db):
    anonymous = Client()
    pages = [(anonymous, path) for path in demo_pages(anonymous)]
    pages += [(anonymous, "/portal/sign-in/"), (anonymous, "/no-such-page/")]
    filled = JobOpening.objects.filter(shareable=True).exclude(status=JobOpening.Status.OPEN)
    index = OpeningsIndexPage.objects.get(locale__language_code="en").url
    pages += [(anonymous, f"{index}{filled.values_list('pk', flat=True)[0]}/")]
    seeker = signed_in_demo_seeker()
    pages += [(seeker, p) for p in ("/portal/", "/portal/profile/", "/portal/preferences/")]
    grades = {}
    for client, path in pages:
        text = main_text(client.get(path).content.decode())
        assert len(text.split()) >= 10, path  # the page has words to judge
        grades[path] = reading_grade(text)
    too_hard = {path: round(grade, 1) for path, grade in grades.items() if grade > MAX_GRADE}
    assert too_hard == {}


def test_the_readability_check_tells_hard_text_from_plain():
    hard = (
        "<main><p>Individual Placement and Support constitutes an evidence-based "
        "vocational rehabilitation intervention facilitating competitive integrated "
        "employment for individuals experiencing serious mental illness.</p></main>"
    )
    plain = "<main><h1>Find a job</h1><p>We help you find a job you want. It is free.</p></main>"
    assert reading_grade(main_text(hard)) > MAX_GRADE
    assert reading_grade(main_text(plain)) <= MAX_GRADE
    assert main_text(plain) == "Find a job. We help you find a job you want. It is free."


def test_the_demo_seeker_sees_matches_with_reasons_in_spanish(demo, db):
    client = signed_in_demo_seeker()
    client.post("/portal/language/", {"language": "es", "next": "/portal/"})
    html = client.get("/portal/").content.decode()
    assert '<html lang="es">' in html
    assert "Por qué este" in html
    text = main_text(html)
    assert "Me interesa" in html
    for english in ("miles away", "as you wanted", "you asked for", "hours a week"):
        assert english not in text
    # "Me interesa" on the first card, then a change of choices, all in Spanish.
    from jobseekers.models import MatchOutcome

    first = int(re.search(r'action="/portal/interested/(\d+)/"', html).group(1))
    done = client.post(f"/portal/interested/{first}/", follow=True).content.decode()
    assert "Gracias. Le avisamos a su especialista" in done
    assert MatchOutcome.objects.filter(opening_id=first, seeker__portal_user__isnull=False).exists()
    form = client.get("/portal/preferences/").content.decode()
    assert "Cambiar mis preferencias" in form
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    saved = client.post(
        "/portal/preferences/",
        {"max_hours_per_week": "30", "travel_mode": "bus", "version": version},
        follow=True,
    ).content.decode()
    assert "Sus cambios están guardados" in saved


ENGLISH_ONLY_WORDS = frozenset(
    "the and you your with for this that we what how our from are is of to it will be can "
    "have who when where".split()
)
SPANISH_WORDS = frozenset(
    "el la los las de del que y en su sus usted para con por un una es no se le lo qué".split()
)


def words_of(html: str) -> list[str]:
    """The page's main words, leaving out what is marked lang="en" (an employer's own job
    description, as they wrote it) and the language switch, which names English in English."""
    html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)
    return re.findall(r"[a-záéíóúñü]+", main_text(html).casefold())


FREE_TEXT = (
    "dream_job",
    "short_term_goal",
    "wanted_job_titles",
    "strengths",
    "skills",
    "interests",
    "education",
    "licences",
    "supports_that_help",
)


def demo_email() -> str:
    return re.search(r"email `([^`]+@demo\.example\.org)`", README.read_text()).group(1)


def spanish_demo_pages(client: Client) -> list[str]:
    return [
        f"/es{path}" if not path.startswith("/es/") else path
        for path in demo_pages(client)
        if not path.startswith("/portal/")
    ]


def test_the_demo_in_spanish_has_no_english_page_and_no_onet_code_or_title(demo, db):
    """Issue 20, item 5: crawling the public site and the portal in Spanish finds every page
    in Spanish (lang, title, words), with plain job titles, never an O*NET code or title."""
    client = signed_in_demo_seeker()
    client.post("/portal/language/", {"language": "es", "next": "/portal/"})
    index = OpeningsIndexPage.objects.get(locale__language_code="es").url
    assert index == "/es/openings/"
    filled = JobOpening.objects.filter(shareable=True).exclude(status=JobOpening.Status.OPEN)
    gone = [f"{index}{pk}/" for pk in filled.values_list("pk", flat=True)[:3]]
    paths = [*spanish_demo_pages(client), *gone, "/es/no-such-page/"]
    paths += ["/portal/", "/portal/profile/", "/portal/preferences/"]
    names = plain_titles()
    onet_titles = {
        o.title
        for o in Occupation.objects.filter(code__in=list(names))
        if o.title.casefold() not in {n.casefold() for n in names[o.code].values()}
    }
    spanish_plain = {n["es"] for n in names.values()}
    shown_spanish_plain = set()
    from jobseekers.models import CareerProfile

    own_words = (
        CareerProfile.objects.filter(seeker__portal_user__email__iexact=demo_email())
        .order_by("-pk")
        .values(*FREE_TEXT)
        .first()
    )
    shares = {}
    for path in paths:
        response = client.get(path)
        expected = 410 if path in gone else 404 if "no-such" in path else 200
        assert response.status_code == expected, path
        html = response.content.decode()
        assert '<html lang="es">' in html, path
        assert not ONET_CODE.search(re.sub(r'\svalue="[^"]*"', "", html)), path
        text = visible_text(html)
        for title in onet_titles:
            assert not re.search(rf"\b{re.escape(title)}\b", text), (path, title)
        shown_spanish_plain |= {plain for plain in spanish_plain if plain in text}
        words = words_of(html)
        if path == "/portal/profile/":  # the record's own notes, in the words staff wrote
            own = " ".join(str(v) for v in own_words.values() if v)
            for word in re.findall(r"[a-záéíóúñü]+", own.casefold()):
                if word in words:
                    words.remove(word)
        assert len(words) >= 10, path
        english = sum(w in ENGLISH_ONLY_WORDS for w in words) / len(words)
        spanish = sum(w in SPANISH_WORDS for w in words) / len(words)
        shares[path] = (round(english, 3), round(spanish, 3))
    english_pages = {p: s for p, s in shares.items() if s[0] > 0.03 or s[1] < 0.08}
    assert english_pages == {}
    assert len(shown_spanish_plain) >= 10
    assert len(paths) > 30


def test_the_english_words_check_finds_an_english_page():
    english = "<main><h1>About the program</h1><p>We help you find a job you want.</p></main>"
    spanish = "<main><h1>Sobre el programa</h1><p>Le ayudamos a encontrar un trabajo.</p></main>"

    def share(html):
        return sum(w in ENGLISH_ONLY_WORDS for w in words_of(html)) / len(words_of(html))

    assert share(english) > 0.03
    assert share(spanish) == 0
    assert words_of('<main><p lang="en">the job as written</p><p>hola</p></main>') == ["hola"]
