"""One folding for every search: case, accents and apostrophes ignored, on SQLite and PostgreSQL.

A searchable model (`Searchable`) keeps a `search_text` column: its name-like fields folded
by `fold()` ("José O'Brien-McDonald's" -> "jose obrien mcdonalds"). The column is filled by
the field's `pre_save`, which Django calls on every `save()` and for every row of
`bulk_create()`, so screens, services, the importer, the demo builder and tasks all keep it;
`Searchable.save(update_fields=[...])` adds the column when a source field is among them. A
search folds the typed words the same way and matches each word as a substring of the
column (`LIKE '%word%'`, the same operator and the same bytes on both engines), so
"obrien" finds O'Brien, "jose" finds José and "mcdonalds" finds McDonald's everywhere:
the staff search page, the staff listings' search boxes, the quick-log pickers and the
public openings keyword search (issue 17 item 2).

Writes that bypass `save()` and `bulk_create()` of a source field must call `refold()` on
the rows they changed (`QuerySet.update`) or `fold_rows()` before a `bulk_update`. A model
may keep more than one folded column (Employer's `folded_name`, the public search's):
each of these helpers keeps them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

SEARCH_FIELD = "search_text"
MAX_WORDS = 8  # words of one search that are used; more are ignored (a search, not a text)
REFOLD_BATCH = 1000

# Apostrophes (typewriter, typographic, modifier letter, grave/acute used as one) are
# dropped inside a word: O'Brien -> obrien, McDonald's -> mcdonalds.
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u0060\u00b4]")
# Everything else that is not a letter or digit (of any script) separates words.
_SEPARATORS = re.compile(r"[\W_]+")


# Letters NFKD does not take apart, written as their plain letters (after casefold, so the
# small ones): "Hors d'Œuvre" is found by "oeuvre", "Łódź" by "lodz", "Øresund" by "oresund".
PLAIN_LETTERS = {
    "œ": "oe",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
}
_LETTERS = str.maketrans(PLAIN_LETTERS)


def fold(text: str | None) -> str:
    """The search form of `text`: lower case (Unicode case folding), accents removed,
    apostrophes dropped, any other punctuation a word break, words joined by one space.

    >>> fold("  José O'Brien-McDonald’s ")
    'jose obrien mcdonalds'
    >>> fold("STRASSE Straße")
    'strasse strasse'
    >>> fold("McDonald´s O`Neil")
    'mcdonalds oneil'
    >>> fold("Hors d'Œuvre, Łódź, Æsir, Øresund")
    'hors doeuvre lodz aesir oresund'
    """
    # Apostrophes before NFKD, which turns the acute accent used as one (´, U+00B4) into a
    # space and a combining accent ("McDonald´s" would be two words), and after it, which
    # turns others into one (the full-width ＇, the ʼ of ŉ).
    text = _APOSTROPHES.sub("", (text or "").casefold())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).casefold()  # NFKD may give capitals: ℡ -> TEL
    text = text.translate(_LETTERS)
    return " ".join(word for word in _SEPARATORS.split(text) if word)


def query_words(text: str | None) -> list[str]:
    """The folded words of a typed search, at most MAX_WORDS, duplicates dropped, in order.

    >>> query_words("O'Brien  josé obrien")
    ['obrien', 'jose']
    """
    return _unique_words(text)[:MAX_WORDS]


def _unique_words(text: str | None) -> list[str]:
    """Every folded word of `text` once, in order."""
    return list(dict.fromkeys(fold(text).split()))


def words_left_out(text: str | None) -> list[str]:
    """The words of a typed search past the MAX_WORDS that `query_words` uses (folded
    duplicates dropped, in order), as typed ("José", "O'Brien"; punctuation around them
    dropped) where the typed piece is one search word, else folded, so a page can say
    which were not looked for.

    >>> words_left_out("a b c d e f g h A José O'Brien-Ana, ½ ‘smith’")
    ['José', "O'Brien", 'Ana', '1', '2', 'smith']
    """
    shown: list[str] = []
    for folded, typed in _word_pairs(text)[MAX_WORDS:]:
        shown.append(typed if fold(typed) == folded else folded)
    return shown


class FoldedSearchField(models.TextField):
    """`fold()` of the model's `sources` fields, recomputed whenever the row is written by
    `save()` or `bulk_create()` (Django calls `pre_save` for both). Not editable."""

    def __init__(self, *args, sources: Sequence[str] = (), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault(
            "help_text", "The name fields folded for search (case, accents, apostrophes)."
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = list(self.sources)
        return name, path, args, kwargs

    def value_for(self, obj) -> str:
        return fold(" ".join(str(getattr(obj, source) or "") for source in self.sources))

    def pre_save(self, model_instance, add):
        value = self.value_for(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class Searchable(models.Model):
    """Abstract base: a `search_text` column kept by FoldedSearchField. A subclass declares
    `search_text = FoldedSearchField(sources=[...])` with its own name-like fields."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = folded_update_fields(type(self), update_fields)
        super().save(*args, **kwargs)


def search_field(model) -> FoldedSearchField | None:
    """The model's FoldedSearchField, or None when the model keeps no folded column."""
    try:
        field = model._meta.get_field(SEARCH_FIELD)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, FoldedSearchField) else None


def folded_fields(model) -> list[FoldedSearchField]:
    """Every FoldedSearchField of `model`: `search_text`, and any other (Employer's
    `folded_name`, the public search's)."""
    return [f for f in model._meta.concrete_fields if isinstance(f, FoldedSearchField)]


def folded_update_fields(model, fields: Iterable[str]) -> list[str]:
    """`fields` (names of a partial write: `save(update_fields=...)`, `bulk_update`) with
    each folded column of `model` added whose sources are among them."""
    names = list(fields)
    for field in folded_fields(model):
        if set(names) & set(field.sources) and field.name not in names:
            names.append(field.name)
    return names


def fold_rows(rows: Iterable[models.Model], fields: Iterable[str]) -> list[str]:
    """Before a `bulk_update(rows, fields)`, which writes without `save()`: each folded
    column whose sources are among `fields` is recomputed on `rows`; returns the fields
    to write, those columns added (`folded_update_fields`). `rows` are of one model."""
    rows = list(rows)
    names = list(fields)
    if not rows:
        return names
    model = type(rows[0])
    for field in folded_fields(model):
        if set(names) & set(field.sources):
            for row in rows:
                setattr(row, field.attname, field.value_for(row))
    return folded_update_fields(model, names)


def refold(queryset: models.QuerySet) -> int:
    """Recompute every folded column (`search_text`, and any other FoldedSearchField) for
    the rows of `queryset` (after a write that bypassed `save()`); returns the number of
    rows rewritten. Used by the data migrations too."""
    fields = folded_fields(queryset.model)
    if not fields:
        return 0
    sources = {source for field in fields for source in field.sources}
    changed = []
    for row in queryset.only("pk", *sources).iterator(chunk_size=REFOLD_BATCH):
        for field in fields:
            setattr(row, field.attname, field.value_for(row))
        changed.append(row)
    queryset.model._base_manager.bulk_update(
        changed, [field.name for field in fields], batch_size=REFOLD_BATCH
    )
    return len(changed)


def _resolve(model, path: str) -> tuple[str, bool]:
    """(lookup path, folded?) for a field path like "seeker__name": the related model's
    `search_text` when that field is one of its folded sources, else the path itself."""
    parts = path.split("__")
    target = model
    for part in parts[:-1]:
        target = target._meta.get_field(part).related_model
    field = search_field(target)
    if field is not None and parts[-1] in field.sources:
        return "__".join([*parts[:-1], SEARCH_FIELD]), True
    return path, False


# What separates typed words as fold() does, apostrophes aside ("O'Brien-Ana": O'Brien, Ana).
_QUOTES = "'\u2018\u2019\u02bc`\u00b4\uff07"  # apostrophes used as quotes: 'word', ‘word’
_TYPED_SEPARATORS = re.compile(r"(?:(?!" + _APOSTROPHES.pattern + r")[\W_])+")


def _word_pairs(text: str | None) -> list[tuple[str, str]]:
    """(folded word, the word as typed) pairs, folded duplicates dropped, in order. The
    typed form is the piece of text between separators, apostrophes kept and punctuation
    around it dropped ("O'Brien-Ana," gives ("obrien", "O'Brien"), ("ana", "Ana"))."""
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for token in (text or "").split():
        words = fold(token).split()
        pieces = [
            (word, piece.strip(_QUOTES))
            for piece in _TYPED_SEPARATORS.split(token)
            for word in fold(piece).split()
        ]
        if [word for word, _ in pieces] != words:  # a symbol folding to letters ("℡"): whole
            pieces = [(word, token) for word in words]
        for word, typed in pieces:
            if word not in seen:
                seen.add(word)
                pairs.append((word, typed))
    return pairs


def _typed_words(text: str | None) -> list[tuple[str, str]]:
    """(folded word, the word as typed) pairs, at most MAX_WORDS, folded duplicates dropped."""
    return _word_pairs(text)[:MAX_WORDS]


def folded_q(model, paths: Iterable[str], text: str | None) -> Q | None:
    """A filter for `text` over `paths` of `model`: every typed word must be found in one of
    the paths. A path to a folded source field ("name", "employer__name") matches the
    folded word inside that model's `search_text`; any other path ("zip", "notes") matches
    the word as typed or folded, case-insensitively ("José" still finds "José" in a note).
    None when `text` has no words (no filter).

    Rule: issue 17 item 2 (one folding for every search)."""
    pairs = _typed_words(text)
    if not pairs:
        return None
    resolved: list[tuple[str, bool]] = []
    for path in paths:
        entry = _resolve(model, path)
        if entry not in resolved:
            resolved.append(entry)
    query = Q()
    for word, typed in pairs:
        either = Q()
        for path, folded in resolved:
            if folded:
                either |= Q(**{f"{path}__contains": word})
            else:
                either |= Q(**{f"{path}__icontains": word}) | Q(**{f"{path}__icontains": typed})
        query &= either
    return query


def search(queryset: models.QuerySet, paths: Iterable[str], text: str | None) -> models.QuerySet:
    """`queryset` narrowed by `folded_q(...)`; unchanged when `text` has no words."""
    query = folded_q(queryset.model, paths, text)
    return queryset if query is None else queryset.filter(query)
