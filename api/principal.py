"""Who a request acts as, in a shape every `for_user` queryset accepts.

Choice (issue 22): rather than a second scoping path (`for_token`) beside every
`for_user`, a service token acts through a small *principal*: an authenticated,
non-superuser stand-in whose only membership is a supervisor's in its one program.
`ips.roles.program_roles` reads the membership from the `_ips_program_roles` cache that
every user carries, so every existing queryset, permission check and role test scopes a
service token exactly like a supervisor of that program, with no new code path to forget.
Writes are refused separately (`Caller.can_write`), so "read-only" does not depend on the
role table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ips.roles import Role, role_allows


class ServicePrincipal:
    """A program service token acting as a read-only supervisor of `program_id`."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    is_service_token = True  # ips.audit stores no user account for it
    pk = id = None

    def __init__(self, *, token_id: int, name: str, program_id: int):
        self.token_id = token_id
        self.name = name
        self.program_id = program_id
        self._ips_program_roles = {program_id: Role.SUPERVISOR}

    def get_username(self) -> str:
        return f"service token {self.name} #{self.token_id}"

    def has_perm(self, permission: str, obj=None) -> bool:
        return role_allows(Role.SUPERVISOR, permission)

    def __str__(self) -> str:
        return self.get_username()


@dataclass(frozen=True)
class Caller:
    """`request.auth` of an API request: the actor (`user`, a User or ServicePrincipal),
    how it came (`via`: "session", "personal" or "service"), the token id if any, and
    whether it may write and read sensitive fields. `str()` keys the throttle."""

    user: object
    via: str
    token_id: int | None = None
    can_write: bool = True
    see_sensitive: bool = False

    def __str__(self) -> str:
        return f"token:{self.token_id}" if self.token_id else f"session:{self.user.pk}"
