"""The access matrix with real rows: every object URL of the workspace (the product's own
screens and Wagtail's views of our models: edit, delete, inspect, history, usage,
choosers) x every kind of visitor x a row of their own program and of another program.

The expected answer comes from the role table, not from the code under test:

- the role the visitor holds *in the row's program* grants the view's action in
  `ROLE_PERMISSIONS` (custom views declare theirs with `ips.permissions.requires`), and
- the row is one `Model.objects.for_user(visitor)` returns (DESIGN.md, "Who may see what").

Both: the visitor enters (200, or a redirect that is not a refusal). Otherwise: refused
(403, 404, Wagtail's redirect to its dashboard, or to sign in), and a row the visitor may
not see answers exactly as a missing id does, so ids cannot be enumerated. Nothing
answers 500. `test_every_custom_staff_view_declares_its_permission` keeps the table
complete: a new custom staff view without `@requires` fails it.

tests/test_access_matrix.py walks every URL (object URLs with a missing id) for the gate.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import get_resolver, reverse
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets import viewsets as registry
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from ips.permissions import WORKSPACE
from ips.roles import REFERENCE_MODELS, ROLE_PERMISSIONS, program_roles
from tests.test_access_matrix import MISSING_ID, Outcome

OUR_APPS = ("ips", "employers", "jobseekers", "coaching", "cms", "api")
VISITORS = (
    "anonymous", "seeker", "specialist", "coach", "supervisor", "director", "outsider",
    "superuser",
)  # fmt: skip

# Wagtail's generic views: the actions of which the visitor needs one (Wagtail's own rules).
VIEWSET_ACTIONS = {
    "edit": ("change",),
    "delete": ("delete",),
    "history": ("add", "change", "delete"),  # (history-results/: the same view and rule)
    "inspect": ("add", "change", "delete", "view"),
    "usage": ("change",),
    "chosen": ("view",),
}
# The row each custom object URL is about: (route regex, model label).
CUSTOM_OBJECTS = [
    (r"^admin/coaching/jobs/", "jobseekers.job"),
    (r"^admin/coaching/follow-ups/", "coaching.followuptask"),
    (r"^admin/crm/employers/", "employers.employer"),
    (r"^admin/crm/contacts/", "employers.employercontact"),
    (r"^admin/fidelity/import/", "importer.importupload"),
    (r"^admin/fidelity/reviews/", "fidelity.fidelityreview"),
    (r"^admin/jobseekers/assessment/", "jobseekers.domainassessment"),
    (r"^admin/jobseekers/consent/", "jobseekers.familyconsent"),
    (r"^admin/jobseekers/goal/", "jobseekers.goal"),
    (r"^admin/jobseekers/step/", "jobseekers.goalstep"),
    (r"^admin/jobseekers/job/", "jobseekers.job"),
    (r"^admin/jobseekers/record/", "jobseekers.jobseeker"),
    (r"^admin/matching/openings/", "employers.jobopening"),
    (r"^admin/(portal-invitations|privacy/seeker|seekers)/<int:seeker_id>", "jobseekers.jobseeker"),
]  # fmt: skip
# Routes of two rows (a person and an opening matched to them): a row id cannot fill both,
# so their own tests walk every role, another program's staff included.
TWO_ROWS = {
    # tests/jobseekers/matching/test_loop.py (casework staff reach them; a coach, another
    # program's staff and a portal account are refused and change nothing)
    "admin/coaching/introduce/<int:seeker_id>/<int:opening_id>/",
    "admin/jobseekers/record/<int:pk>/interest/<int:outcome_id>/",
    "admin/jobseekers/record/<int:pk>/match/<int:opening_id>/unsuitable/",
    "admin/jobseekers/record/<int:pk>/match/<int:opening_id>/told/",
}
# Our own staff URLs whose permission is Wagtail's (the model's policy), not a @requires.
POLICY_CHECKED = {"editing_session_ping"}


def our_viewsets():
    reverse("wagtailadmin_home")
    return [
        vs
        for vs in registry.viewsets
        if isinstance(vs, ModelViewSet | ChooserViewSet)
        and type(vs).__module__.split(".")[0] in OUR_APPS
    ]


def callbacks():
    """(route, url name, view callback) of every URL."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name, pattern.callback

    return sorted(walk(get_resolver().url_patterns), key=lambda row: row[0])


def is_ours(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    module = (view_class or callback).__module__
    return module.split(".")[0] in OUR_APPS


def test_every_custom_staff_view_declares_its_permission():
    """Each workspace URL served by our code is a Wagtail view checked by the model's
    permission policy, or declares the permission of the role table it needs."""
    known = {f"{label.split('.')[0]}.{a}_{label.split('.')[1]}" for t in ROLE_PERMISSIONS.values()
             for label, actions in t.items() for a in actions} | {WORKSPACE}  # fmt: skip
    undeclared, unknown = [], []
    for route, name, callback in callbacks():
        if not route.startswith("admin/") or not is_ours(callback) or name in POLICY_CHECKED:
            continue
        view_class = getattr(callback, "view_class", None)
        if view_class is not None and issubclass(view_class, PermissionCheckedMixin):
            continue  # Wagtail's generic views over a model: the registered policy decides
        if view_class is not None and view_class.__module__ == "ips.signin":
            continue  # sign-in and password pages are for everyone
        permission = getattr(callback, "required_permission", None) or getattr(
            view_class, "required_permission", None
        )
        if view_class is not None and "chooser" in view_class.__module__ + route:
            continue  # choosers: ips.workspace.choosable (the policy), tested in tests/security
        if permission is None:
            undeclared.append(route)
        elif permission not in known:
            unknown.append((route, permission))
    assert (undeclared, unknown) == ([], [])


# The walk ---------------------------------------------------------------------------------


def object_routes():
    """(route, model label, action or custom permission source) for every GET object URL."""
    by_prefix = {}
    for vs in our_viewsets():
        by_prefix[f"admin/{vs.url_prefix.strip('/')}/"] = vs
    rows = []
    for route, name, callback in callbacks():
        if not route.startswith("admin/") or not is_ours(callback):
            continue
        # A format or a chart's name is not a row id: those are walked in test_access_matrix.
        if "<" not in route.replace("<str:fmt>", "").replace("<str:name>", "") or (
            name in POLICY_CHECKED
        ):
            continue
        if callback.__module__ == "ips.signin":  # password pages: for everyone
            continue
        if route in TWO_ROWS:
            continue
        viewset = next((vs for p, vs in by_prefix.items() if route.startswith(p)), None)
        if viewset is not None and getattr(callback, "required_permission", None) is None:
            view = route[len(f"admin/{viewset.url_prefix.strip('/')}/") :].split("/")[0]
            if view not in VIEWSET_ACTIONS:
                continue
            rows.append((route, viewset.model._meta.label_lower, ("viewset", view)))
            continue
        label = next((lab for pattern, lab in CUSTOM_OBJECTS if re.search(pattern, route)), None)
        assert label is not None, f"no row known for {route}: add it to CUSTOM_OBJECTS"
        rows.append((route, label, ("custom", callback.required_permission)))
    return rows


def redirected_to_record() -> set[str]:
    """Edit routes that send everyone who sees the row to the person's record, where the
    record's own form (a custom view in this table) applies the role's rule."""
    from jobseekers.viewsets import ToRecordMixin

    return {
        f"admin/{vs.url_prefix.strip('/')}/edit/<int:pk>/"
        for vs in our_viewsets()
        if isinstance(vs, ModelViewSet) and issubclass(vs.edit_view_class, ToRecordMixin)
    }


def fill(route: str, pk) -> str:
    path = re.sub(r"<str:fmt>", "json", route)
    path = re.sub(r"<(?:\w+:)?\w+>", str(pk), path)
    return "/" + path


def row_program_id(obj) -> int:
    return obj.pk if obj._meta.label_lower == "ips.program" else obj.program_id


def allowed(user, label: str, how, obj) -> bool:
    """The role table's answer (see the module docstring)."""
    if not user.is_authenticated:
        return False
    model = type(obj)
    if label not in REFERENCE_MODELS:
        if not model._default_manager.for_user(user).filter(pk=obj.pk).exists():
            return False
    if user.is_superuser:
        return True
    role = program_roles(user).get(row_program_id(obj)) if label not in REFERENCE_MODELS else None
    kind, what = how
    if kind == "custom":
        app_label, codename = what.split(".", 1)
        action, model_name = codename.split("_", 1)
        actions, table_label = (action,), f"{app_label}.{model_name}"
    else:
        actions, table_label = VIEWSET_ACTIONS[what], label
    if label in REFERENCE_MODELS:  # any staff role reads; nobody but superusers writes
        return bool(program_roles(user)) and "view" in actions
    return any(a in ROLE_PERMISSIONS.get(role, {}).get(table_label, ()) for a in actions)


def where(response) -> str:
    """Where a redirect goes, without its query (a sign-in page's ?next= names the id)."""
    return response.get("Location", "").split("?")[0]


def outcome(client, path: str) -> Outcome:
    response = client.get(path)
    return Outcome(path, response.status_code, where(response))


def rows_for(program, labels):
    """One row of each model in `program` (about a person who holds a job, so that the
    program's coach may reach it where the design lets coaches see people)."""
    from django.apps import apps

    from importer.models import ImportUpload
    from ips.fidelity.models import FidelityReview
    from tests.factories import FACTORIES, JobFactory

    rows = {}
    for label in sorted(labels):
        model = apps.get_model(label)
        if label == "ips.program":
            rows[label] = program
        elif label == "fidelity.fidelityreview":
            rows[label] = FidelityReview.objects.create(
                program=program,
                review_date=dt.date(2026, 3, 1),
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 3, 31),
            )
        elif label == "importer.importupload":
            rows[label] = ImportUpload.objects.create(program=program, status="rejected")
        elif label in REFERENCE_MODELS:
            rows[label] = model._default_manager.order_by("pk").first()
        else:
            rows[label] = FACTORIES[model](program=program)
            seeker = getattr(rows[label], "seeker", None)
            if label == "jobseekers.jobseeker":
                seeker = rows[label]
            if seeker is not None and not seeker.jobs.exists():
                JobFactory(seeker=seeker)
    return rows


@pytest.fixture
def visitor(request, users, outsider, seeker_user, superuser):
    special = {"anonymous": None, "seeker": seeker_user, "outsider": outsider}
    special["superuser"] = superuser
    return special[request.param] if request.param in special else users[request.param]


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_each_visitor_reaches_exactly_the_rows_and_actions_the_role_table_gives(
    client, visitor, program, other_program, request
):
    name = request.node.callspec.params["visitor"]
    routes = object_routes()
    labels = {label for _, label, _ in routes}
    rows = {"own": rows_for(program, labels), "other": rows_for(other_program, labels)}
    if name == "superuser":
        del rows["other"]  # the superuser's answers do not depend on the program
    to_record = redirected_to_record()
    if visitor is not None:
        client.force_login(visitor)
    client.raise_request_exception = False
    wrong, missing_answers = [], {}
    for route, label, how in routes:
        for which, table in rows.items():
            obj = table[label]
            got = outcome(client, fill(route, obj.pk))
            if got.status == 405:  # POST-only: the same gate, checked with a missing id
                continue
            want = "enter" if allowed(visitor or _anon(), label, how, obj) else "refused"
            if got.status >= 500:
                wrong.append(f"{name} {which} {got.path} -> {got.status}")
            elif want == "enter" and not (got.entered and got.status != 404):
                wrong.append(f"{name} {which} {got.path}: should enter, got {got.status}")
            elif want == "refused":
                if route in to_record and got.status == 302 and "/record/" in got.location:
                    continue  # the record's own form applies the rule (checked there)
                if not got.refused:
                    wrong.append(f"{name} {which} {got.path}: should be refused, {got.status}")
                visible = label in REFERENCE_MODELS or (
                    visitor is not None
                    and type(obj)._default_manager.for_user(visitor).filter(pk=obj.pk).exists()
                )
                if not visible:
                    if route not in missing_answers:
                        missing_answers[route] = outcome(client, fill(route, MISSING_ID))
                    gone = missing_answers[route]
                    if (got.status, got.location) != (gone.status, gone.location):
                        wrong.append(
                            f"{name} {which} {got.path}: {got.status} {got.location}, but a "
                            f"missing id answers {gone.status} {gone.location}"
                        )
    assert wrong == []


def _anon():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# Wagtail's POST endpoints over our models ----------------------------------------------


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_editing_session_pings_and_bulk_actions_answer_by_the_role_table(
    client, visitor, program, other_program, request
):
    from ips.models import Program

    name = request.node.callspec.params["visitor"]
    models = sorted(
        {vs.model._meta.label_lower for vs in our_viewsets() if isinstance(vs, ModelViewSet)}
    )
    rows = {"own": rows_for(program, models), "other": rows_for(other_program, models)}
    if visitor is not None:
        client.force_login(visitor)
    client.raise_request_exception = False
    wrong = []
    for label in models:
        app_label, model_name = label.split(".")
        base = f"/admin/editing-sessions/ping/{app_label}/{model_name}"
        gone = client.post(f"{base}/{MISSING_ID}/0/", {"is_editing": "1"})
        for which, table in rows.items():
            obj = table[label]
            answer = client.post(f"{base}/{obj.pk}/0/", {"is_editing": "1"})
            may_edit = allowed(visitor or _anon(), label, ("viewset", "edit"), obj)
            if visitor is None or not may_edit:
                same = (answer.status_code, where(answer)) == (gone.status_code, where(gone))
                if not same or answer.status_code == 200:
                    wrong.append(f"{name} ping {which} {label}: {answer.status_code}")
            elif answer.status_code != 200:
                wrong.append(f"{name} ping {which} {label}: should answer, {answer.status_code}")
            before = type(obj)._default_manager.filter(pk=obj.pk).exists()
            bulk = client.post(f"/admin/bulk/{app_label}/{model_name}/delete/?id={obj.pk}")
            if bulk.status_code not in (302, 403, 404) or (
                type(obj)._default_manager.filter(pk=obj.pk).exists() != before
            ):
                wrong.append(f"{name} bulk delete {which} {label}: {bulk.status_code}")
    assert Program.objects.filter(pk=program.pk).exists()
    assert wrong == []
