"""Fixtures for the program layer's tests: the users of the workspace matrix."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ips.models import StaffMember
from ips.roles import Role
from tests.conftest import make_staff


@pytest.fixture
def director_of_both(program, other_program):
    """A director who holds both programs."""
    member = make_staff(program, Role.DIRECTOR, "director_both")
    StaffMember.objects.create(user=member.user, program=other_program, role=Role.DIRECTOR)
    return member.user


@pytest.fixture
def workspace_users(users, other_staff, superuser, seeker_user):
    """Every kind of visitor of the staff workspace, by name."""
    return {
        **users,
        "outsider": other_staff[Role.SPECIALIST].user,
        "other_director": other_staff[Role.DIRECTOR].user,
        "portal_user": seeker_user,
        "anonymous": AnonymousUser(),
        "superuser": superuser,
    }
