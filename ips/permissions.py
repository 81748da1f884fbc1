"""Wagtail permission policies that know programs, and the role table on custom views.

Wagtail's own views (choosers, usage, history, editing-session pings, inspect, copy,
delete, bulk actions) ask the model's registered permission policy whether a user may act
on an instance. Wagtail's default policy answers from the model permissions alone, so any
program's staff could reach any program's rows through them (issue 13, findings 3 and 4).
The policies here answer from two sources:

- the row: it must be in `Model.objects.for_user(user)` (DESIGN.md, "Who may see what");
- the action: the role the user holds *in the row's program* must grant it in
  `ips.roles.ROLE_PERMISSIONS`.

Shared reference data (`ips.roles.REFERENCE_MODELS`) is read by every staff role and
written by superusers only (finding 5).

Custom (non-viewset) workspace views declare the permission they need with `@requires`;
`tests/test_access_matrix.py` fails for a custom staff view without the declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from ips.roles import REFERENCE_MODELS, ROLE_PERMISSIONS, program_roles, role_allows

# Any staff role (and superusers): the permission Wagtail asks for to enter the workspace.
WORKSPACE = "wagtailadmin.access_admin"
# The program's figures (fidelity dashboard, report exports, life outcomes) go with the
# fidelity reviews: supervisors and directors (ROLE_PERMISSIONS).
PROGRAM_FIGURES = "fidelity.view_fidelityreview"


def requires(permission: str) -> Callable:
    """Decorate a custom workspace view with the permission it needs ("app.action_model",
    a permission of `ROLE_PERMISSIONS`, or `WORKSPACE` for screens about the user's own
    account). Users whose roles lack it get 403 (PermissionDenied) before the view runs.

    The view keeps `required_permission` so the access-matrix test can read the table.
    Rows are still looked up through `for_user` in the view (another program's row is a
    404), and a view acting on one row checks the role of *that row's* program with
    `allowed_in_program`.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def allowed_in_program(user, permission: str, program_id: int | None) -> bool:
    """True when the user's role in program `program_id` grants `permission` (an
    "app.action_model" string) per ROLE_PERMISSIONS; superusers always. A director of one
    program who is a coach in another gets the coach's answer for the second."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return role_allows(program_roles(user).get(program_id), permission)


def require_in_program(user, permission: str, program_id: int | None) -> None:
    """Raise PermissionDenied unless `allowed_in_program(user, permission, program_id)`."""
    if not allowed_in_program(user, permission, program_id):
        raise PermissionDenied


def _program_lookup(model) -> str:
    """The field holding a row's program id ("pk" for Program itself)."""
    if model._meta.label_lower == "ips.program":
        return "pk"
    return "program_id"


def _program_of(instance) -> int | None:
    return getattr(instance, _program_lookup(type(instance)))


class ProgramPermissionPolicy(ModelPermissionPolicy):
    """A model's actions per the user's role in the row's program; rows through `for_user`.

    - `user_has_permission(user, action)`: some role of the user grants the action (the
      model-wide question Wagtail asks before listing or showing an "add" button).
    - `user_has_permission_for_instance(user, action, obj)`: the row is visible through
      `for_user` and the role in the row's program grants the action.
    - `instances_user_has_any_permission_for(user, actions)`: `for_user` limited to the
      programs where the role grants one of the actions.
    """

    def _label(self) -> str:
        return self.model._meta.label_lower

    def _programs_allowing(self, user, actions: Iterable[str]) -> list[int]:
        label = self._label()
        return [
            program_id
            for program_id, role in program_roles(user).items()
            if any(action in ROLE_PERMISSIONS.get(role, {}).get(label, ()) for action in actions)
        ]

    def _visible(self, user) -> models.QuerySet:
        return self.model._default_manager.for_user(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        if instance is None or instance.pk is None:
            return self.user_has_any_permission(user, actions)
        if not user.is_superuser:
            if _program_of(instance) not in self._programs_allowing(user, actions):
                return False
        return self._visible(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> models.QuerySet:
        if not (user.is_authenticated and user.is_active):
            return self.model._default_manager.none()
        visible = self._visible(user)
        if user.is_superuser:
            return visible
        lookup = f"{_program_lookup(self.model)}__in"
        return visible.filter(**{lookup: self._programs_allowing(user, actions)})


class ReferencePermissionPolicy(ModelPermissionPolicy):
    """Shared reference data (occupations, benefits figures): every staff role may view
    and choose rows; only active superusers add, change or delete them."""

    READ_ACTIONS = frozenset({"view", "choose"})

    def user_has_permission(self, user, action) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return action in self.READ_ACTIONS and user.has_perm(self._get_permission_name("view"))

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions) -> models.QuerySet:
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        if set(actions) <= self.READ_ACTIONS:
            return super().users_with_any_permission(["view"])
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


def policy_for(label: str):
    """The policy for a model label of ROLE_PERMISSIONS ("app_label.model")."""
    model = apps.get_model(label)
    if label in REFERENCE_MODELS:
        return ReferencePermissionPolicy(model)
    if not hasattr(model._default_manager, "for_user"):
        raise TypeError(f"{label} is in ROLE_PERMISSIONS but has no for_user queryset")
    return ProgramPermissionPolicy(model)


def register_policies() -> None:
    """Register a policy for every model of ROLE_PERMISSIONS (idempotent). Called from
    `IpsConfig.ready()`, before any viewset asks the registry (Wagtail refuses a policy
    registered after it has made a fallback)."""
    labels = {label for table in ROLE_PERMISSIONS.values() for label in table}
    for label in sorted(labels):
        model = apps.get_model(label)
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, policy_for(label), exact_class=True)
