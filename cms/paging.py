"""Paging the public openings listing (issue 21 item 1): at most MAX_PAGES pages, the
matches' ids sorted before their rows are read, and counts that stop past what can be
shown, so a page costs about the same at 100,000 openings as at 2,000."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from employers.models import JobOpening

PUBLIC_OPENING_RELATED = ("employer", "occupation")

# Deep pages: the listing shows at most this many pages (2,000 openings at 20 a page); a
# later page number is answered with a message to narrow the search (issue 21 item 1).
MAX_PAGES = 100


class BoundedPaginator(Paginator):
    """A Paginator that offers at most MAX_PAGES pages (the count stays the real one)."""

    @property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


class IdsFirstPaginator(BoundedPaginator):
    """Sorts only the matches' ids (with the order's keys), then reads the page's rows with
    their employer and kind of work by id: a sort of thousands of matches (a keyword or a
    radius at state scale) then carries a few narrow values instead of every column of
    three tables. Three queries: count, ids, rows.

    The count stops at `bound` + 1 (MAX_PAGES pages' worth; `more_than` then says "more
    than `bound`"): counting 25,000 keyword matches at state scale costs more than the page.
    When more than `bound` match and `beyond_bound_ids(offset, limit)` is given, the page's
    ids come from it (a cheaper order, employers.search.title_first_ids on SQLite,
    newest_title_first_ids on PostgreSQL)."""

    def __init__(
        self,
        object_list,
        per_page: int,
        beyond_bound_ids: Callable[[int, int], list[int]] | None = None,
        count_with_ids: bool = False,
        bounded_count: Callable[[int], int] | None = None,
        read_rows: Callable[[QuerySet], list[tuple]] | None = None,
    ):
        super().__init__(object_list, per_page)
        self.beyond_bound_ids = beyond_bound_ids
        # Counts the matches up to its argument + 1 in one query, in place of the plain
        # count (employers.search.bounded_match_count on PostgreSQL).
        self.bounded_count = bounded_count
        # Count in the ids' query (COUNT(*) OVER ()): cheaper where the ids' query reads
        # every match anyway (words near a ZIP: 20 -> 12 ms at state scale); a second
        # query counts only when the page asked for is empty.
        self.count_with_ids = count_with_ids
        # Runs the ids-and-count query in place of Django's own execution (the same SQL,
        # read otherwise: employers.search.read_through_index).
        self.read_rows = read_rows
        self._counted_ids: dict[int, list[int]] = {}

    @property
    def bound(self) -> int:
        return MAX_PAGES * int(self.per_page)

    @cached_property
    def count(self) -> int:
        """The number of matches, at most `bound` + 1 (one query)."""
        if self.bounded_count is not None:
            return self.bounded_count(self.bound)
        openings: QuerySet[JobOpening] = self.object_list  # type: ignore[assignment]  # always a queryset here
        return openings.order_by().values("pk")[: self.bound + 1].count()

    @property
    def more_than(self) -> int | None:
        """`bound` when more openings match than the listing shows, else None."""
        return self.bound if self.count > self.bound else None

    @property
    def ordered_beyond_bound(self) -> bool:
        return self.more_than is not None and self.beyond_bound_ids is not None

    def _read_ids_and_count(self, number) -> None:
        try:
            wanted = max(int(number), 1)
        except (TypeError, ValueError):
            return  # validate_number says what is wrong
        bottom = (wanted - 1) * self.per_page
        openings: QuerySet[JobOpening] = self.object_list  # type: ignore[assignment]  # always a queryset here
        counted = openings.annotate(listing_total=Window(Count("pk"))).values_list(
            "pk", "listing_total"
        )[bottom : bottom + self.per_page]
        rows = self.read_rows(counted) if self.read_rows is not None else list(counted)
        if rows:
            self.__dict__["count"] = rows[0][1]  # the cached_property's value
            self._counted_ids[wanted] = [pk for pk, _ in rows]

    def page(self, number) -> Page:
        if self.count_with_ids and "count" not in self.__dict__:
            self._read_ids_and_count(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if number in self._counted_ids:
            ids = self._counted_ids[number]
        elif self.ordered_beyond_bound:
            ids = self.beyond_bound_ids(bottom, self.per_page)  # type: ignore[misc]  # checked above
        else:
            openings: QuerySet[JobOpening] = self.object_list  # type: ignore[assignment]  # always a queryset here
            ids = list(openings.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        by_id = JobOpening.objects.select_related(*PUBLIC_OPENING_RELATED).in_bulk(ids)
        # An opening removed between the two reads is left out of the page.
        return Page([by_id[pk] for pk in ids if pk in by_id], number, self)


def past_the_bound(page_number) -> bool:
    """True when `page_number` (the raw query value) is a whole number above MAX_PAGES."""
    text = str(page_number or "").strip()
    return text.isascii() and text.isdigit() and (len(text) > 6 or int(text) > MAX_PAGES)
