"""The sitemap: an index (`/sitemap.xml`) of the site's pages and of the public openings,
the openings in pages of at most `SITEMAP_OPENINGS_PER_PAGE` URLs (the protocol allows
50,000 a file; smaller files answer fast at state scale). Each opening is listed in every
language the site has an openings page in (English, and Spanish under /es/), each URL
naming the others as alternates (`xhtml:link rel="alternate" hreflang`, as search engines
ask for a translated page), so a file holds URLs for SITEMAP_OPENINGS_PER_PAGE / languages
openings. Each file is cached under the public openings' version (count, latest change,
highest id) and the openings pages' (count, latest publication), so a change to an
opening shows at the next request while an unchanged set costs one aggregate query."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import CharField, Max, Q
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.utils.html import escape
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

CACHE_SECONDS = 60 * 60  # a changed set is a new key anyway; this only bounds the memory
# Django's sitemap.xml template around its `<url>` elements (which it writes without spaces).
URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
URLSET_END = "\n</urlset>\n"


def openings_per_page() -> int:
    return int(getattr(settings, "SITEMAP_OPENINGS_PER_PAGE", 10_000))


class PagesSitemap(Sitemap):
    """The site's Wagtail pages in every language (the English tree and its Spanish
    translation under /es/), the openings index pages themselves, not each opening. A
    page with a live translation names every language's URL of it, itself included, as
    `xhtml:link rel="alternate" hreflang` (Django's sitemap template writes `alternates`)."""

    def _urls(self, page, protocol, domain):
        """Wagtail's URLs of this file's pages, each with the alternates of its
        translation group (the pages sharing its translation_key in this sitemap)."""
        from wagtail.models import Locale

        pages = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups: dict = {}
        found = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                found.append((item.translation_key, url_info))
                groups.setdefault(item.translation_key, []).append(
                    {"lang_code": languages[item.locale_id], "location": url_info["location"]}
                )
        last_mods = {url_info.get("lastmod") for _, url_info in found}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        urls = []
        for key, url_info in found:
            alternates = groups[key]
            if len({a["lang_code"] for a in alternates}) > 1:
                url_info = {**url_info, "alternates": alternates}
            urls.append(url_info)
        return urls

    def items(self):
        from wagtail.models import Page

        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_home = Q()
        for home in homes.only("path"):
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(under_a_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


class OpeningsSitemap(Sitemap):
    """Each public opening's page on the openings index page of the request's site."""

    @property
    def limit(self) -> int:
        """Openings a file: its URLs (SITEMAP_OPENINGS_PER_PAGE) shared by the languages."""
        return max(1, openings_per_page() // max(1, len(self._index_urls())))

    def items(self):
        from cms.selectors import public_openings

        # The last change as text, "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC on SQLite and on
        # PostgreSQL (whose connections Django sets to UTC), written as it is by `urlset`.
        return (
            public_openings()
            .order_by("pk")
            .values_list("pk", Cast("updated_at", output_field=CharField()))
        )

    def get_latest_lastmod(self):
        """One aggregate (Django's default reads every item for the index)."""
        from employers.models import JobOpening

        return JobOpening.objects.public().aggregate(at=Max("updated_at"))["at"]

    def _index_urls(self) -> list[tuple[str, str]]:
        """(language code, full URL) of each live openings page of the request's site, in
        the order of WAGTAIL_CONTENT_LANGUAGES (English first). One query, once."""
        if not hasattr(self, "_index_urls_found"):
            from cms.models import OpeningsIndexPage

            homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
            under_a_home = Q()
            for home in homes.only("path"):
                under_a_home |= Q(path__startswith=home.path)
            pages = {
                page.locale.language_code: page.get_full_url(self.request)
                for page in OpeningsIndexPage.objects.live()
                .public()
                .filter(under_a_home)
                .select_related("locale")
                .order_by("path")
            }
            order = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
            self._index_urls_found = sorted(
                ((code, url) for code, url in pages.items() if url),
                key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order),
            )
        return self._index_urls_found

    def urlset(self, page) -> bytes:
        """One file of this section, written directly: the sitemap template took 1.8 s CPU
        for a file of 10,000 URLs at state scale, and reading each `updated_at` as a
        datetime and turning it into a local date another 50 ms. A `<url>` per opening and
        language with its `<loc>`, where there are two languages or more an
        `<xhtml:link rel="alternate" hreflang="..">` for each language (itself included),
        and its `<lastmod>` as a W3C datetime in UTC ("2026-11-24T03:30:00+00:00", cut from
        the stored value as text). The index pages' URLs are escaped once; the rest are
        digits and dates. Raises Http404 for a page that is not a whole number or holds
        nothing."""
        try:
            rows = self.paginator.page(page).object_list
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(f"No sitemap page {page!r}") from error
        bases = [(code, escape(url)) for code, url in self._index_urls()]
        parts = [URLSET_START]
        for pk, updated in rows:
            lastmod = f"<lastmod>{updated[:10]}T{updated[11:19]}+00:00</lastmod>"
            alternates = (
                "".join(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href="{base}{pk}/"/>'
                    for code, base in bases
                )
                if len(bases) > 1
                else ""
            )
            parts += [
                f"<url><loc>{base}{pk}/</loc>{alternates}{lastmod}</url>" for _, base in bases
            ]
        parts.append(URLSET_END)
        return "".join(parts).encode()


SECTIONS = {"pages": PagesSitemap, "openings": OpeningsSitemap}


def _version() -> str:
    """What changes whenever the set of public openings or one of them changes: their
    number, latest change and highest id, in one query of five parts, each read from an
    index (the listing's, public_opening_updated, the primary key) rather than every row;
    and the live openings pages' number and latest publication (a language added or an
    openings page moved)."""
    from cms.models import OpeningsIndexPage
    from employers.models import JobOpening

    public = JobOpening.objects.public().order_by()
    index_pages = OpeningsIndexPage.objects.live().order_by()
    parts = (
        public.values("pk"),
        public.order_by("-updated_at").values("updated_at")[:1],
        public.order_by("-pk").values("pk")[:1],
        index_pages.values("pk"),  # an openings page added, published or taken down
        index_pages.order_by("-last_published_at").values("last_published_at")[:1],
    )
    sqls, params = [], []
    for part in parts:
        sql, part_params = part.query.sql_with_params()
        sqls.append(sql)
        params.extend(part_params)
    count_sql, latest_sql, top_sql, pages_sql, published_sql = sqls
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM ({count_sql}) public), ({latest_sql}), ({top_sql}),"
            f" (SELECT COUNT(*) FROM ({pages_sql}) pages), ({published_sql})",
            params,
        )
        count, latest, top, pages, published = cursor.fetchone()
    # A cache key has no spaces.
    return f"{count}:{latest}:{top}:{pages}:{published}".replace(" ", "T")


def _rendered(response) -> bytes:
    """The body of a sitemap view's TemplateResponse (which raises Http404 for no file)."""
    response.render()
    return response.content


def _cached(request, key: str, build: Callable[[], bytes]) -> HttpResponse:
    host = request.get_host()
    full_key = f"sitemap:{host}:{key}:{openings_per_page()}:{_version()}"
    body = cache.get(full_key)
    if body is None:
        body = build()
        cache.set(full_key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/xml")


@require_GET
def index(request):
    """`/sitemap.xml`: the sitemap index, one entry per file of each section."""
    return _cached(
        request,
        "index",
        lambda: _rendered(
            wagtail_sitemap_views.index(request, SECTIONS, sitemap_url_name="sitemaps:section")
        ),
    )


@require_GET
def section(request, section: str):
    """`/sitemap-<section>.xml?p=N`: one file of a section (404 for an unknown one)."""
    page = request.GET.get("p", "1")
    if section == "openings":
        return _cached(
            request,
            f"{section}:{page}",
            lambda: OpeningsSitemap(request).urlset(page),
        )
    return _cached(
        request,
        f"{section}:{page}",
        lambda: _rendered(wagtail_sitemap_views.sitemap(request, SECTIONS, section=section)),
    )
