"""The public site and the portal in Spanish (issue 20, item 5): a language switch on every
page, `lang` right, the seeker's language kept in their portal settings, reasons and plain
job titles in Spanish, and no template string left untranslated."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from cms.models import PortalPreference
from ips.models import Occupation
from jobseekers.models import CareerProfile, MatchOutcome

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
TRANSLATED_TEMPLATES = [
    "templates/base.html",
    "templates/404.html",
    "templates/500.html",
    "templates/cms/_opening_facts.html",
    "templates/cms/home_page.html",
    "templates/cms/opening_detail.html",
    "templates/cms/opening_gone.html",
    "templates/cms/openings_index_page.html",
    "templates/cms/standard_page.html",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "templates/cms/portal").glob("*.html")),
    "templates/email/weekly_matches.html",
    "templates/email/weekly_matches.txt",
    "templates/email/weekly_matches_subject.txt",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "templates/email").glob("portal_*")),
]
OWN_LANGUAGE_NAMES = {"English", "Español"}  # the switch names each language in itself


def to_spanish(client, next_path="/"):
    return client.post("/portal/language/", {"language": "es", "next": next_path})


def test_the_switch_turns_the_public_site_spanish_with_lang_right(client, openings_url):
    response = to_spanish(client, openings_url)
    assert response.status_code == 302
    assert response.url == f"/es{openings_url}"  # the same page, from the Spanish tree
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    html = client.get(response.url).content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Trabajos disponibles</h1>" in html  # the Spanish page's own title
    assert "<title>Trabajos disponibles · " in html
    assert "Buscar trabajos" in html
    assert '<button type="submit" name="language" value="en" lang="en"' in html
    assert 'lang="en"' not in html.replace('value="en" lang="en"', "")
    home = client.get("/es/").content.decode()
    assert "<h1>Encuentre el trabajo que quiere</h1>" in home
    assert 'href="/es/openings/"' in home
    assert 'href="/es/about-the-data/"' in home
    back = client.post("/portal/language/", {"language": "en", "next": response.url})
    assert back.url == openings_url


def test_english_is_the_default_and_offers_spanish(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'value="es" lang="es"' in html


@pytest.mark.parametrize("language", ["", "fr", "es-MX", "<b>"])
def test_an_unknown_language_is_a_message_and_changes_nothing(client, seeker_user, language):
    client.force_login(seeker_user)
    response = client.post("/portal/language/", {"language": language, "next": "/portal/"})
    assert response.url == "/portal/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert "Please choose English or Spanish." in client.get("/portal/").content.decode()
    assert not PortalPreference.objects.exists()


def test_the_switch_refuses_an_unsafe_next_and_a_get(client):
    assert to_spanish(client, "https://evil.example/").url == "/es/"  # the Spanish home
    assert client.get("/portal/language/").status_code == 405


@pytest.fixture
def spanish_world(seeker, make_opening, make_match):
    profile = CareerProfile.objects.create(
        program=seeker.program,
        seeker=seeker,
        max_hours_per_week=Decimal("25"),
        preferred_schedules=["daytime"],
        travel_mode="bus",
    )
    housekeeping = Occupation.objects.get(code="37-2012.00")
    profile.preferred_occupations.set([housekeeping])
    opening = make_opening(title="Room attendant", occupation=housekeeping)
    make_match(
        opening,
        reasons=[
            "the kind of work you asked for",
            "17 miles away, by bus",
            "you said you like cleaning",
            "weekday daytime hours, as you wanted",
        ],
    )
    return opening


def test_the_demo_path_in_spanish_sign_in_matches_interest_and_choices(
    client, seeker, seeker_user, spanish_world
):
    to_spanish(client, "/portal/sign-in/")
    sign_in = client.get("/portal/sign-in/").content.decode()
    assert "Entrar a su página" in sign_in
    response = client.post(
        "/portal/sign-in/", {"email": "alex_portal@example.org", "password": PASSWORD}
    )
    assert response.url == "/portal/"
    assert PortalPreference.objects.get(seeker=seeker).language == "es"  # kept at sign-in
    home = client.get("/portal/").content.decode()
    assert "Trabajos para usted, Alex Rivera" in home
    assert '<p class="distance">A 17 millas, en autobús</p>' in home
    assert "<li>el tipo de trabajo que pidió</li>" in home
    assert "<li>usted dijo que le gusta: cleaning</li>" in home  # their own words kept
    assert "<dd>Camarista</dd>" in home
    assert "<dd>Entre semana, de día</dd>" in home
    assert "<dd>$15.50 la hora</dd>" in home  # US Spanish numbers
    assert 'aria-label="Me interesa Room attendant"' in home
    done = client.post(f"/portal/interested/{spanish_world.pk}/", follow=True)
    assert "Gracias. Le avisamos a su especialista" in done.content.decode()
    assert MatchOutcome.objects.filter(seeker=seeker, opening=spanish_world).exists()
    choices = client.get("/portal/preferences/").content.decode()
    assert "<span>Camarista</span>" in choices
    assert "Cómo llego al trabajo" in choices
    saved = client.post(
        "/portal/preferences/",
        {"max_hours_per_week": "30", "travel_mode": "bus", "version": "1"},
        follow=True,
    )
    assert "Sus cambios están guardados" in saved.content.decode()
    profile = client.get("/portal/profile/").content.decode()
    assert "En autobús o tren" in profile


def test_the_seekers_language_comes_back_at_the_next_sign_in(client, seeker, seeker_user):
    client.force_login(seeker_user)
    to_spanish(client, "/portal/")
    assert PortalPreference.objects.get(seeker=seeker).language == "es"
    client.logout()
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies  # a new browser, say
    response = client.post(
        "/portal/sign-in/", {"email": "alex_portal@example.org", "password": PASSWORD}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert '<html lang="es">' in client.get("/portal/").content.decode()


def test_the_staff_workspace_stays_english(client):
    to_spanish(client)
    html = client.get("/admin/login/").content.decode()
    assert "Entrar" not in html
    assert 'lang="es"' not in html


def _visible_words(template: str) -> list[str]:
    """Words a reader would see that are not inside a translation tag."""
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", template, flags=re.S)
    text = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", " ", text, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', text)
    text = re.sub(r"{[{%#].*?[}%#]}", " ", " ".join([text, *attributes]), flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&\w+;", " ", text)
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", text) if w not in OWN_LANGUAGE_NAMES]


@pytest.mark.parametrize("name", TRANSLATED_TEMPLATES)
def test_no_public_or_portal_template_has_an_untranslated_visible_string(name):
    assert _visible_words((ROOT / name).read_text(encoding="utf-8")) == []


def test_the_check_finds_an_untranslated_string():
    assert _visible_words('<p>{% translate "Fine" %} Not fine</p>') == ["Not", "fine"]
    assert _visible_words('<button aria-label="Say hi">{% translate "Hi" %}</button>') == [
        "Say",
        "hi",
    ]


def _po_entries() -> list[tuple[str, str]]:
    text = PO.read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n")[1:]:
        ids = re.search(r'^msgid ((?:".*"\n?)+)', block, flags=re.M)
        strs = re.search(r"^msgstr(?:\[0\])? ((?:\".*\"\n?)+)", block, flags=re.M)
        if not ids or "msgid_plural" in block:
            continue
        join = lambda part: "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', part)).replace('\\"', '"')  # noqa: E731
        entries.append((join(ids.group(1)), join(strs.group(1))))
    return entries


def test_every_spanish_message_is_written_and_compiled():
    entries = _po_entries()
    assert len(entries) > 150
    assert "fuzzy" not in PO.read_text(encoding="utf-8")  # a guess by msgmerge, never used
    with translation.override("es"):
        for msgid, msgstr in entries:
            assert msgstr, msgid
            assert translation.gettext(msgid) == msgstr, msgid


def test_the_sign_in_link_and_invitation_emails_go_in_the_seekers_language(
    seeker, seeker_user, mailoutbox
):
    from cms.services import send_portal_invite, send_sign_in_link

    seeker_user.email = "alex_portal@example.org"
    seeker_user.first_name = "Alex"
    seeker_user.save()
    PortalPreference.objects.create(seeker=seeker, language="es")
    send_sign_in_link(email="alex_portal@example.org")
    send_portal_invite(seeker_id=seeker.pk)
    link, invite = mailoutbox
    assert link.subject == "Su enlace para entrar"
    assert "Use este enlace para entrar a su página" in link.body
    assert '<html lang="es">' in link.alternatives[0][0]
    assert invite.subject.startswith("Su propia página para buscar trabajo")
    assert "su especialista de empleo, le hizo una página" in invite.body


def test_without_a_kept_language_the_emails_are_english(seeker, seeker_user, mailoutbox):
    from cms.services import send_sign_in_link

    send_sign_in_link(email="alex_portal@example.org")
    assert mailoutbox[0].subject == "Your sign-in link"
