"""O*NET occupations (code, title, the words searched)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language

from ips.versioning import Versioned


class OccupationQuerySet(models.QuerySet):
    def search(self, text: str):
        """Occupations matching every word of `text` in the O*NET title, the plain title
        (English or Spanish, folded: data/onet_plain_titles.tsv) or as a code prefix."""
        from ips.reference import plain_title_codes

        found = self
        for word in text.split():
            found = found.filter(
                Q(title__icontains=word)
                | Q(code__startswith=word)
                | Q(code__in=plain_title_codes(word))
            )
        return found

    def plain_first(self):
        """Those with a plain title (the jobs people ask for, issue 20) first, then the
        rest, each by O*NET title."""
        from ips.reference import plain_titles

        common = models.Case(
            models.When(code__in=list(plain_titles()), then=models.Value(0)),
            default=models.Value(1),
        )
        return self.order_by(common, "title")


class Occupation(Versioned):
    """An O*NET-SOC occupation (O*NET 29.2, CC BY 4.0, USDOL/ETA). Reference data."""

    code = models.CharField("O*NET-SOC code", max_length=10, primary_key=True)
    title = models.CharField(max_length=200, db_index=True)
    description = models.TextField(blank=True)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

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
    def staff_label(self) -> str:
        """How staff screens name it (issue 17, item 5): the plain English title with the
        O*NET title after it, "Housekeeper (Maids and Housekeeping Cleaners)"; the O*NET
        title alone where no plain title is written or it is the same."""
        from ips.reference import plain_titles

        plain = plain_titles().get(self.code, {}).get("en")
        return f"{plain} ({self.title})" if plain and plain != self.title else self.title

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
