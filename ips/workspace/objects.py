"""Views of one row: edit (with the stale-copy check), delete, inspect, copy, history
and usage, for scoped rows (404 outside the user's programs) and reference data."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.auth import permission_denied
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage

from ips.audit import (
    audit_object_access,
    is_about_seekers,
    record_rows_shown,
    rows_by_program,
)
from ips.models import StaffMember
from ips.versioning import MISSING_VERSION_MESSAGE, VERSION_FIELD, StaleCopyError, parse_version
from ips.workspace.choosers import parse_pk
from ips.workspace.scoping import scoped


class ScopedObjectMixin:
    """Refuse (404) any object outside the user's scope, whichever view asks for it, before
    the role's permission is checked: a row of another program looks the same whether or
    not the visitor's role could act on it, so nothing about it leaks."""

    def setup(self, request, *args, **kwargs):
        # Before the generic views' own setup, which loads the object unscoped.
        pk = unquote(str(kwargs[self.pk_url_kwarg]))
        try:
            found = scoped(self.model, request.user).filter(pk=pk).exists()
        except (ValueError, ValidationError):  # a malformed id in the URL
            found = False
        if not found:
            raise Http404
        super().setup(request, *args, **kwargs)

    # What the view does to the row; the user's role in the row's own program must allow it
    # (a coach in one program who supervises another gets no supervisor powers here).
    instance_action = "view"

    def dispatch(self, request, *args, **kwargs):
        obj = getattr(self, "object", None)
        if obj is None:
            obj = self.get_object()
        policy = self.permission_policy
        if policy is not None and not policy.user_has_permission_for_instance(
            request.user, self.instance_action, obj
        ):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not getattr(self, "_audited", False):
            self._audited = True
            audit_object_access(self.request, obj, view_name=self.audit_view_name)
        return obj


class VersionedEditMixin:
    """Edit with the stale-copy check: the form carries the version it was loaded with and
    the save is one conditional UPDATE (ips.versioning); when someone saved in between,
    nothing is saved and the form shows the latest record with the user's changes on top."""

    template_name = "ips/workspace/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record_version"] = self.object.version
        return context

    @property
    def expected_version(self) -> int:
        """The version the submitted form was loaded with; StaleCopyError when it is missing."""
        expected = parse_version(self.request.POST.get(VERSION_FIELD))
        if expected is None:
            raise StaleCopyError(MISSING_VERSION_MESSAGE)
        return expected

    def save_instance(self):
        # Wagtail's edit action saves through form.save(): the expectation rides on the row.
        self.form.instance._expected_version = self.expected_version
        try:
            return super().save_instance()
        finally:
            self.form.instance.__dict__.pop("_expected_version", None)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleCopyError as error:
            message = error.messages[0]
            form.add_error(None, message)
            self.produced_error_code = "conflict"
            self.produced_error_message = message
            self.object = self.model._default_manager.filter(pk=self.object.pk).first()
            if self.object is None:
                raise Http404 from error
            return self.form_invalid(form)


class ScopedEditView(ScopedObjectMixin, VersionedEditMixin, generic.EditView):
    """Edit a row of the user's programs, with the stale-copy check."""

    audit_view_name = "edit"
    instance_action = "change"


class WellFormedPkMixin:
    """A URL id that cannot be the model's key answers 404, like a missing row (Wagtail's
    own lookup would pass a NUL byte to PostgreSQL and fail with a 500)."""

    def setup(self, request, *args, **kwargs):
        if parse_pk(self.model, kwargs.get(self.pk_url_kwarg)) is None:
            raise Http404
        super().setup(request, *args, **kwargs)


class ReferenceEditView(WellFormedPkMixin, VersionedEditMixin, generic.EditView):
    """Edit shared reference data, with the stale-copy check."""


class PlainValuesMixin:
    """An inspect page's values as people read them: times in the program's time zone
    (Wagtail's template `|localize`s an aware datetime before the template would convert
    it, so it showed UTC: a wrong date in the evening), dates as "Mon 23 Nov 2026", Yes/No,
    and a dash for nothing recorded (never "None" or "False"). A member of staff by their
    name ("Maria Lopez", not "Maria Lopez (Employment specialist, Wayne County IPS Team)")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)  # type: ignore[misc]
        if isinstance(value, StaffMember):
            return value.display_name
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return date_format(value, "DATETIME_FORMAT")
        if isinstance(value, dt.date):
            return date_format(value, "DATE_FORMAT")
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value is None or value == "":
            return "\u2014"
        return value


class ReferenceInspectView(PlainValuesMixin, WellFormedPkMixin, generic.InspectView):
    pass


class ReferenceDeleteView(WellFormedPkMixin, generic.DeleteView):
    pass


class ReferenceHistoryView(WellFormedPkMixin, history.HistoryView):
    pass


class ReferenceUsageView(WellFormedPkMixin, usage.UsageView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    audit_view_name = "delete"
    instance_action = "delete"

    def form_valid(self, form):
        """A row other records depend on (an employer with jobs) is kept, with a message
        saying why, instead of a server error; nothing is deleted."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                f"{self.object} cannot be deleted: {', '.join(kinds)} still refer to it. "
                "Keep it, or merge it into another record.",
            )
            return redirect(self.get_success_url())


class ScopedInspectView(PlainValuesMixin, ScopedObjectMixin, generic.InspectView):
    audit_view_name = "inspect"


class ScopedCopyView(ScopedObjectMixin, generic.CopyView):
    audit_view_name = "copy"
    instance_action = "add"


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    audit_view_name = "history"


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    audit_view_name = "usage"

    def get_table(self, object_list, **kwargs):
        # The rows using an employer or an opening may be jobs or matches naming people.
        object_list = list(object_list)
        if not is_about_seekers(self.model):
            shown = [obj for obj, _ in object_list if is_about_seekers(type(obj))]
            what = f"usage of a {self.model._meta.verbose_name}"
            record_rows_shown(request=self.request, what=what, counts=rows_by_program(shown))
        return super().get_table(object_list, **kwargs)
