"""Permissions follow the user's active staff roles (StaffMember rows), so a staff row
created by any route (form, import, seed) grants exactly its role's actions."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from ips.roles import ROLE_PERMISSIONS, program_roles


def role_permissions(roles: set[str]) -> set[str]:
    perms: set[str] = set()
    for role in roles:
        for label, actions in ROLE_PERMISSIONS.get(role, {}).items():
            app_label, model = label.split(".")
            perms.update(f"{app_label}.{action}_{model}" for action in actions)
    if roles:
        perms.add("wagtailadmin.access_admin")
    return perms


class RoleBackend(BaseBackend):
    """Adds the permissions of the user's roles; authenticates nobody by itself."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cached = getattr(user_obj, "_ips_role_perms", None)
        if cached is None:
            cached = role_permissions(set(program_roles(user_obj).values()))
            user_obj._ips_role_perms = cached
        return cached

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
