"""The stale-copy check of every edit: a `version` column raised by one on each save, and
an edit saved only by one conditional UPDATE (`... WHERE pk = %s AND version = %s`).

A model inherits `Versioned`. Every `save()` of an existing row then runs
`UPDATE ... SET ..., version = version + 1 WHERE pk = %s`, so imports and tasks make the
copies open in forms stale too. An edit passes the version its form was loaded with to
`save_if_unchanged` (directly or through the owning service), which adds
`AND version = %s` to that same UPDATE: no row updated means someone saved in between,
and `StaleCopyError` is raised with nothing written. Writes that bypass `save()`
(`QuerySet.update`, `bulk_update`) bump with `bumped(...)` / `bump_versions(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

CONFLICT_MESSAGE = (
    "Someone else saved changes to this record while you were editing it, so your "
    "changes were not saved. The form now shows the latest saved record with your "
    "changes on top: check it, then save again."
)
MISSING_VERSION_MESSAGE = (
    "This form did not say which saved version of the record it was based on, so "
    "nothing was saved. Reload the page and make your changes again."
)
VERSION_FIELD = "version"
BUMP_BATCH = 500


class StaleCopyError(ValidationError):
    """The row changed (or went) since the form was loaded: nothing was saved."""

    def __init__(self, message: str = CONFLICT_MESSAGE):
        super().__init__(message, code="conflict")


class Versioned(models.Model):
    """Abstract base: a `version` column, raised by one in the UPDATE of every save."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save; an edit based on an older version is refused.",
    )

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, *args, **kwargs):
        # Django's hook for the UPDATE of save(): add the bump and, for an edit, the check.
        expected = self.__dict__.pop("_expected_version", None)
        field = self._meta.get_field(VERSION_FIELD)
        values = [v for v in values if v[0] is not field]
        values.append((field, None, F(VERSION_FIELD) + 1))
        if expected is not None:
            base_qs = base_qs.filter(version=expected)
        updated = super()._do_update(base_qs, using, pk_val, values, *args, **kwargs)
        if expected is not None:
            if not updated:
                # Else Django would try an INSERT of a row that exists.
                raise StaleCopyError
            self.version = expected + 1
        elif updated:
            # The new number is only in the database: read it again when next asked for.
            self.__dict__.pop(VERSION_FIELD, None)
        return updated


def parse_version(raw: Any) -> int | None:
    """A submitted version ("3") as an int >= 0, or None when missing or malformed."""
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    return int(text)


VersionedT = TypeVar("VersionedT", bound=Versioned)


def save_if_unchanged(
    instance: VersionedT, *, expected_version: int | None, **save_kwargs: Any
) -> VersionedT:
    """Save an existing row in one `UPDATE ... WHERE pk AND version = expected_version`,
    raising StaleCopyError (nothing written) when another save came first. None is a
    write that is not an edit (import, task): saved as is, the version still raised."""
    if expected_version is not None:
        instance._expected_version = expected_version
    try:
        # A savepoint: a refusal leaves the caller's transaction usable.
        with transaction.atomic():
            instance.save(**save_kwargs)
    finally:
        instance.__dict__.pop("_expected_version", None)
    return instance


def check_version(row: Versioned, expected_version: int | None) -> None:
    """Refuse early (StaleCopyError) when a row read under lock is newer than the form;
    the conditional UPDATE of `save_if_unchanged` still decides on its own."""
    if expected_version is not None and row.version != expected_version:
        raise StaleCopyError


def bumped(**values: Any) -> dict[str, Any]:
    """`QuerySet.update(**bumped(a=1))`: the same values plus `version = version + 1`."""
    return {**values, VERSION_FIELD: F(VERSION_FIELD) + 1}


def bump_versions(model: type[models.Model], pks: Iterable[Any]) -> int:
    """Raise the version of these rows by one (after a `bulk_update`); returns the count."""
    pks = list(pks)
    if not issubclass(model, Versioned):
        return 0
    rows = model._base_manager
    # In batches: SQLite caps the number of parameters in one statement.
    return sum(
        rows.filter(pk__in=pks[i : i + BUMP_BATCH]).update(**bumped())
        for i in range(0, len(pks), BUMP_BATCH)
    )
