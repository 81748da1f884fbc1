"""Public site pages. Openings are CRM records shown through a routable page, not copies."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from employers.models import JobOpening


class HomePage(Page):
    """What the program is, how IPS works in plain words, how to get a specialist."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    """A plain information page: program information, how IPS works, about the data."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "information page"


class OpeningsIndexPage(RoutablePageMixin, Page):
    """Lists shareable open openings from the CRM; the detail is a sub-route."""

    intro = models.TextField(blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = "openings index page"

    def public_openings(self):
        return JobOpening.objects.public().select_related("employer", "occupation")

    @path("")
    def index(self, request):
        page = Paginator(self.public_openings().order_by("-created_at"), self.per_page).get_page(
            request.GET.get("page")
        )
        return self.render(request, context_overrides={"openings": page})

    @path("<int:opening_id>/")
    def detail(self, request, opening_id: int):
        opening = get_object_or_404(self.public_openings(), pk=opening_id)
        return self.render(
            request,
            context_overrides={"opening": opening},
            template="cms/opening_detail.html",
        )
