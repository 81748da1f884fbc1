"""The staff search page behind the header's search box (issue 17 item 2)."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.admin.search import SearchArea

from ips.audit import record_rows_shown, rows_by_program
from ips.find.selectors import find
from ips.permissions import WORKSPACE, requires
from ips.search import query_words
from ips.validators import query_text

MAX_LENGTH = 200


@never_cache
@requires(WORKSPACE)
def search_page(request):
    """`?q=words`: job seekers, employers and openings the user may see holding every word
    (case, accents, apostrophes ignored). Text with a control character is a 400 page with
    the reason, and nothing is searched; so is text with no letter or digit (it would match
    everyone); longer than 200 characters is cut."""
    raw = request.GET.get("q", "")
    try:
        text = query_text(raw, max_length=MAX_LENGTH).strip()
    except ValueError as error:
        context = {"q": "", "found": None, "problem": f"The search {error}. Type it again."}
        return TemplateResponse(request, "ips/find/search.html", context)
    if text and not query_words(text):
        # Punctuation alone ("%", "!!!") folds to no word, which would match everyone.
        problem = "The search has no letters or numbers. Type a name or a word."
        context = {"q": text, "found": None, "problem": problem}
        return TemplateResponse(request, "ips/find/search.html", context)
    found = find(request.user, text) if text else None
    if found is not None and found.seekers:
        record_rows_shown(
            request=request, what="staff search", counts=rows_by_program(found.seekers)
        )
    return TemplateResponse(
        request, "ips/find/search.html", {"q": text, "found": found, "problem": ""}
    )


class StaffSearchArea(SearchArea):
    """The header's search box searches people, employers and openings, not Wagtail pages."""

    def __init__(self):
        from django.urls import reverse

        super().__init__(
            "People, employers and openings", reverse("find:search"), name="staff", order=10
        )
