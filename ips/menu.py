"""The one workspace menu item class: shown only to those a role or permission lets in.

Every app's `wagtail_hooks.py` builds its menu entries with `RoleMenuItem`, so a menu
entry and the screen behind it ask the same question (the role table in ips.roles).
"""

from __future__ import annotations

from wagtail.admin.menu import MenuItem

from ips.roles import has_role


class RoleMenuItem(MenuItem):
    """A Wagtail MenuItem shown when the user holds one of `roles` (in any program) and,
    if given, has the Django `permission` ("app.action_model"). A superuser sees all.

    Raises ValueError when neither is given (a menu item everyone sees needs no class).
    """

    def __init__(
        self,
        *args,
        roles: frozenset[str] | set[str] | None = None,
        permission: str | None = None,
        **kwargs,
    ):
        if roles is None and permission is None:
            raise ValueError("RoleMenuItem needs roles, a permission, or both.")
        super().__init__(*args, **kwargs)
        self.roles = roles
        self.permission = permission

    def is_shown(self, request) -> bool:
        user = request.user
        if self.roles is not None and not has_role(user, self.roles):
            return False
        return self.permission is None or user.has_perm(self.permission)
