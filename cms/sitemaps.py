"""The sitemap: an index (`/sitemap.xml`) of the site's pages and of the public openings,
the openings in pages of at most `SITEMAP_OPENINGS_PER_PAGE` URLs (the protocol allows
50,000 a file; smaller files answer fast at state scale). Each file is cached under the
public openings' version (count, latest change, highest id), so a change to an opening
shows at the next request while an unchanged set costs one aggregate query."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

CACHE_SECONDS = 60 * 60  # a changed set is a new key anyway; this only bounds the memory


def openings_per_page() -> int:
    return int(getattr(settings, "SITEMAP_OPENINGS_PER_PAGE", 10_000))


class PagesSitemap(Sitemap):
    """The site's Wagtail pages in every language (the English tree and its Spanish
    translation under /es/), the openings index pages themselves, not each opening."""

    def items(self):
        from django.db.models import Q
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
        return openings_per_page()

    def items(self):
        from cms.selectors import public_openings

        return public_openings().order_by("pk").values_list("pk", "updated_at")

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        """One aggregate (Django's default reads every item for the index)."""
        from employers.models import JobOpening

        return JobOpening.objects.public().aggregate(at=Max("updated_at"))["at"]

    def _index_url(self) -> str | None:
        from cms.models import OpeningsIndexPage

        site = self.get_wagtail_site()
        index = (
            OpeningsIndexPage.objects.live()
            .public()
            .filter(locale__language_code="en")
            .descendant_of(site.root_page, inclusive=True)
            .first()
        )
        return index.get_full_url(self.request) if index else None

    def _urls(self, page, protocol, domain):
        base = self._index_url()
        if base is None:
            return []
        rows = list(self.paginator.page(page).object_list)
        if rows:
            self.latest_lastmod = max(updated for _, updated in rows)
        return [{"location": f"{base}{pk}/", "lastmod": updated} for pk, updated in rows]


SECTIONS = {"pages": PagesSitemap, "openings": OpeningsSitemap}


def _version() -> str:
    """What changes whenever the set of public openings or one of them changes: their
    number, latest change and highest id, in one query of three parts, each read from an
    index (the listing's, public_opening_updated, the primary key) rather than every row."""
    from employers.models import JobOpening

    public = JobOpening.objects.public().order_by()
    parts = (
        public.values("pk"),
        public.order_by("-updated_at").values("updated_at")[:1],
        public.order_by("-pk").values("pk")[:1],
    )
    sqls, params = [], []
    for part in parts:
        sql, part_params = part.query.sql_with_params()
        sqls.append(sql)
        params.extend(part_params)
    count_sql, latest_sql, top_sql = sqls
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM ({count_sql}) public), ({latest_sql}), ({top_sql})",
            params,
        )
        count, latest, top = cursor.fetchone()
    return f"{count}:{latest}:{top}".replace(" ", "T")  # a cache key has no spaces


def _cached(request, key: str, build) -> HttpResponse:
    host = request.get_host()
    full_key = f"sitemap:{host}:{key}:{openings_per_page()}:{_version()}"
    body = cache.get(full_key)
    if body is None:
        response = build()
        if response.status_code != 200:
            return response
        response.render()
        body = response.content
        cache.set(full_key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/xml")


@require_GET
def index(request):
    """`/sitemap.xml`: the sitemap index, one entry per file of each section."""
    return _cached(
        request,
        "index",
        lambda: wagtail_sitemap_views.index(request, SECTIONS, sitemap_url_name="sitemaps:section"),
    )


@require_GET
def section(request, section: str):
    """`/sitemap-<section>.xml?p=N`: one file of a section (404 for an unknown one)."""
    page = request.GET.get("p", "1")
    return _cached(
        request,
        f"{section}:{page}",
        lambda: wagtail_sitemap_views.sitemap(request, SECTIONS, section=section),
    )
