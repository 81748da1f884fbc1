"""Public site pages and the job seeker portal's own records.

Openings are CRM records shown through a routable page, not copies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from jobseekers.models import JobSeeker


class HomePage(Page):
    """What the program is, how IPS works in plain words, how to get a specialist."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)  # one per language (the Spanish tree)
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "cms.OpeningsIndexPage"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["info_pages"] = self.get_children().live().in_menu().specific()
        return context


class StandardPage(Page):
    """A plain information page: program information, how IPS works, about the data."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = "information page"


class OpeningsIndexPage(RoutablePageMixin, Page):
    """Lists shareable open openings from the CRM; the detail is a sub-route."""

    intro = models.TextField(blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)  # one per language
    max_count_per_parent = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []  # openings are CRM records shown at sub-routes, not pages

    class Meta:
        verbose_name = "openings index page"

    @path("")
    def index(self, request):
        from cms.filters import DEFAULT_MILES, OpeningFilter, valid_words
        from cms.selectors import MAX_PAGES, openings_listing, public_openings
        from ips.search import MAX_WORDS, words_left_out

        filterset = OpeningFilter(request.GET or None, queryset=public_openings())
        listing = openings_listing(filterset, request.GET.get("page"), self.per_page)
        if "miles" in filterset.form.errors:  # not offered: the listing used the default,
            filterset.form.data = filterset.form.data.copy()  # so the list shows it chosen,
            filterset.form.data["miles"] = str(DEFAULT_MILES)  # beside the field's error
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter": filterset,
                "listing": listing,
                "openings": listing.page,
                "query_string": query.urlencode(),
                "max_pages": MAX_PAGES,
                # More words than a search uses: the page says which were left out.
                "words_left_out": words_left_out(valid_words(filterset)),
                "max_words": MAX_WORDS,
            },
        )

    @path("<int:opening_id>/")
    def detail(self, request, opening_id: int):
        from cms.selectors import portal_seeker, public_openings, said_interested

        opening = public_openings().filter(pk=opening_id).first()
        if opening is None:
            return self._gone(request, opening_id)
        seeker = portal_seeker(request.user)
        return self.render(
            request,
            context_overrides={
                "opening": opening,
                "seeker": seeker,
                "interested": said_interested(seeker, opening),
            },
            template="cms/opening_detail.html",
        )

    def _gone(self, request, opening_id: int):
        """410 for an opening once shown publicly and now filled or closed, with three
        similar open jobs; 404 for one never shown (its existence stays private)."""
        from cms.selectors import gone_opening, similar_open_openings

        opening = gone_opening(opening_id)
        if opening is None:
            raise Http404
        response = self.render(
            request,
            context_overrides={"opening": opening, "similar": similar_open_openings(opening)},
            template="cms/opening_gone.html",
        )
        response.status_code = 410
        return response


class PortalPreference(models.Model):
    """A job seeker's portal settings: the opt-in weekly email and when it last went."""

    seeker = models.OneToOneField(
        JobSeeker, on_delete=models.CASCADE, related_name="portal_preference"
    )
    weekly_email = models.BooleanField("weekly email of new openings for me", default=False)
    last_weekly_week = models.DateField(
        null=True, blank=True, help_text="Monday of the last week a weekly email was sent."
    )
    last_weekly_sent_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        "language for the portal and emails",
        max_length=8,
        choices=[("en", "English"), ("es", "Español")],
        default="en",
    )
    suggestions_paused = models.BooleanField(
        "job suggestions paused",
        default=False,
        help_text="The seeker paused openings picked for them (for example after starting a job).",
    )
    answered_job = models.ForeignKey(
        "jobseekers.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The job start the seeker last answered 'keep or pause suggestions' about.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "portal preference"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_weekly_week__isnull=True)
                | models.Q(last_weekly_week__week_day=2),
                name="weekly_marker_is_a_monday",
            ),
        ]

    def __str__(self) -> str:
        return f"Portal preferences of {self.seeker}"
