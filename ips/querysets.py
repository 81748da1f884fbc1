"""Row scoping shared by every program-owned model."""

from __future__ import annotations

from django.db import models

from ips.roles import LEADERSHIP, program_ids


class ProgramScopedQuerySet(models.QuerySet):
    """Rows of the programs a user works in; nothing for anyone else."""

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user))

    def for_program(self, program):
        return self.filter(program=program)


class LeadershipQuerySet(ProgramScopedQuerySet):
    """Rows only a program's supervisors and directors see (fidelity reviews, import
    uploads); nothing for anyone else. Source: the role table (ips.roles.LEADERSHIP)."""

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, LEADERSHIP))
