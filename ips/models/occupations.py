"""O*NET occupations (code, title, the words searched)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

from ips.versioning import Versioned


class OccupationQuerySet(models.QuerySet):
    def search(self, text: str):
        """The occupations whose names hold every word of `text` as the start of a word, in
        any order, case, accents and apostrophes ignored (ips.reference.rank_occupations:
        plain titles in English and Spanish, "Also called" names, the O*NET title, a code
        start such as "37-20"). Those found by an everyday name come first, then those
        found only by their O*NET title, each as `plain_first` orders them. One query to
        read the (code, title) pairs, then a queryset."""
        from ips.reference import rank_occupations

        everyday, onet_only = rank_occupations(text, self.values_list("code", "title"))
        found_by_name = models.Case(
            models.When(code__in=everyday, then=models.Value(0)), default=models.Value(1)
        )
        return self.filter(code__in=everyday + onet_only).order_by(
            found_by_name, *self._by_title_shown()
        )

    def plain_first(self):
        """Those with a plain title (the jobs people ask for, issue 20) first, in the order
        of that title, then the rest by O*NET title: each by the name staff see."""
        return self.order_by(*self._by_title_shown())

    @staticmethod
    def _by_title_shown() -> list:
        from ips.reference import plain_order

        codes = plain_order()
        shown = models.Case(
            *(models.When(code=code, then=models.Value(i)) for i, code in enumerate(codes)),
            default=models.Value(len(codes)),
        )
        return [shown, "title"]


class Occupation(Versioned):
    """An O*NET-SOC occupation (O*NET 29.2, CC BY 4.0, USDOL/ETA). Reference data."""

    code = models.CharField("O*NET-SOC code", max_length=10, primary_key=True)
    title = models.CharField(max_length=200, db_index=True)
    description = models.TextField(blank=True)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        """Where a screen names it without choosing how (inspect pages, history, selects):
        the plain title first, "Production helper (Helpers--Production Workers, 51-9198.00)";
        "Chief Executives (11-1011.00)" where no plain title is written."""
        plain = self.staff_plain_title
        if plain == self.title:
            return f"{self.title} ({self.code})"
        return f"{plain} ({self.title}, {self.code})"

    @property
    def plain_title(self) -> str:
        """The short everyday name job seekers see, in the active language (English or
        Spanish), from data/onet_plain_titles.tsv; the O*NET title where none is written."""
        from ips.reference import plain_titles

        titles = plain_titles().get(self.code)
        if not titles:
            return self.title
        language = (get_language() or "en")[:2]
        return titles.get(language) or titles["en"]

    @property
    def staff_plain_title(self) -> str:
        """The plain English title staff see first ("Housekeeper"), whatever the language;
        the O*NET title where none is written."""
        from ips.reference import plain_titles

        return plain_titles().get(self.code, {}).get("en") or self.title

    @property
    def staff_label(self) -> str:
        """How staff screens name it (issue 17, item 5): the plain English title with the
        O*NET title after it, "Housekeeper (Maids and Housekeeping Cleaners)"; the O*NET
        title alone where no plain title is written or it is the same."""
        plain = self.staff_plain_title
        return f"{plain} ({self.title})" if plain != self.title else self.title

    @property
    def major_group(self) -> str:
        return self.code[:2]

    @property
    def minor_group(self) -> str:
        return self.code[:5]

    @property
    def broad_occupation(self) -> str:
        return self.code[:6]

    @property
    def detailed_occupation(self) -> str:
        return self.code[:7]
