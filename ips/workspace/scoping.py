"""The user's rows of a model (`for_user`) and following a path on a row."""

from __future__ import annotations


def scoped(model, user):
    return model._default_manager.for_user(user)


def follow(item, path: str):
    """The value at a path ("specialist__user__email" or Wagtail's "specialist.user.email"),
    or "" past a missing link."""
    for part in path.replace(".", "__").split("__"):
        if item is None:
            return ""
        item = getattr(item, part)
        if callable(item) and not getattr(item, "alters_data", False):
            item = item()
    return "" if item is None else item
