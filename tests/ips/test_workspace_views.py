"""The workspace CRUD matrix: every registered viewset x view x kind of visitor.

Expected answers: anonymous visitors and job seekers' portal accounts go to the login
page; staff asking for a row outside their programs (or outside what their role may see)
get 404; staff whose role lacks the action are refused (Wagtail sends them to the
dashboard with "Sorry, you do not have permission"); everyone else gets the page.
A refused POST changes nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from ips.roles import ROLE_PERMISSIONS, Role
from jobseekers.viewsets import ToRecordMixin
from tests.ips.workspace import (
    edit_form,
    edited,
    form_data,
    home_row,
    is_scoped,
    snapshot,
    url,
    workspace_viewsets,
)

VIEWSETS = workspace_viewsets()
VISITORS = (
    "specialist",
    "coach",
    "supervisor",
    "director",
    "outsider",
    "other_director",
    "portal_user",
    "anonymous",
    "superuser",
)
# The actions of which a user needs at least one, per view (Wagtail's generic views).
VIEW_ACTIONS = {
    "index": ("add", "change", "delete", "view"),
    "add": ("add",),
    "edit": ("change",),
    "inspect": ("add", "change", "delete", "view"),
    "history": ("add", "change", "delete"),
    "delete": ("delete",),
}
OBJECT_VIEWS = ("edit", "inspect", "history", "delete")
OK, LOGIN, DENIED, NOT_FOUND = "200", "login", "denied", "404"


def expected(viewset, view: str, user, obj) -> str:
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return LOGIN
    if view in OBJECT_VIEWS and is_scoped(viewset):
        if not viewset.model._default_manager.for_user(user).filter(pk=obj.pk).exists():
            return NOT_FOUND
    redirect = redirected_to_record(viewset, view, obj)
    if redirect is not None:
        return redirect
    opts = viewset.model._meta
    if not any(
        user.has_perm(f"{opts.app_label}.{a}_{opts.model_name}") for a in VIEW_ACTIONS[view]
    ):
        return DENIED
    return OK


def redirected_to_record(viewset, view: str, obj) -> str | None:
    """Profiles and jobs are added and edited on the person's record (their services keep
    the rules); the generic screens send the visitor there and change nothing."""
    view_class = {"add": viewset.add_view_class, "edit": viewset.edit_view_class}.get(view)
    if view_class is None or not issubclass(view_class, ToRecordMixin):
        return None
    if view == "add":
        return f"302 to {reverse('jobseekers:caseload')}"
    return f"302 to {reverse(view_class.target_url_name, args=[obj.seeker_id])}"


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED
        return f"302 to {response['Location']}"
    return str(response.status_code)


def login(client, user) -> None:
    if user.is_authenticated:
        client.force_login(user)


def vs_id(viewset) -> str:
    return viewset.name


def test_the_registry_lists_every_workspace_viewset():
    names = {vs.name for vs in VIEWSETS}
    assert {"seekers", "employers", "employer_contacts", "support_contacts", "jobs"} <= names


@pytest.mark.parametrize("viewset", VIEWSETS, ids=vs_id)
def test_every_workspace_viewset_has_a_role_that_may_use_it(viewset):
    label = f"{viewset.model._meta.app_label}.{viewset.model._meta.model_name}"
    assert label in ROLE_PERMISSIONS[Role.DIRECTOR]


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("viewset", VIEWSETS, ids=vs_id)
def test_workspace_answers_each_visitor_as_the_roles_allow_and_refused_posts_change_nothing(
    client, viewset, visitor, workspace_users, program, superuser
):
    obj = home_row(viewset, program)
    user = workspace_users[visitor]
    rules = {view: expected(viewset, view, user, obj) for view in VIEW_ACTIONS}
    form = edit_form(viewset, obj, superuser)
    data = form_data(form)
    field, posted, stored = edited(form, data)
    if posted is not None:
        data[field] = posted
    login(client, user)

    answers = {view: outcome(client.get(url(viewset, view, obj))) for view in VIEW_ACTIONS}
    assert answers == rules

    before = snapshot(obj)
    response = client.post(url(viewset, "edit", obj), data)
    if rules["edit"] == OK:
        assert response.status_code == 302, response.context["form"].errors
        assert snapshot(obj)[field] == stored
    else:
        assert outcome(response) == rules["edit"]
        assert snapshot(obj) == before

    before = snapshot(obj)
    response = client.post(url(viewset, "delete", obj))
    if rules["delete"] == OK:
        assert response.status_code == 302
        assert snapshot(obj) is None
    else:
        assert outcome(response) == rules["delete"]
        assert snapshot(obj) == before
