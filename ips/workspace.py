"""Wagtail ModelViewSets scoped by `for_user`: a user sees and reaches only their
programs' rows; any other row answers 404 on every object view.

Longer than ~400 lines for now: the viewset base, its views and the editing-session ping
are one mechanism; splitting it waits until the workspace-loop work that edits it merges
(issue 15)."""

from __future__ import annotations

import datetime as dt
import functools
import types

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.forms import Media, modelform_factory
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from wagtail.admin import messages as wagtail_messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser, history, usage
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from ips.audit import (
    audit_listing,
    audit_object_access,
    is_about_seekers,
    record_rows_shown,
    rows_by_program,
)
from ips.domain import text_problem
from ips.forms import EventFormMixin, ScopedAdminModelForm, scope_choices
from ips.idempotency import (
    KEY_FIELD,
    AlreadyRecorded,
    LikelyDuplicate,
    duplicate_message,
    first_recorded,
    parse_key,
)
from ips.models import StaffMember
from ips.permissions import ReferencePermissionPolicy as ReferencePolicy
from ips.search import search
from ips.spreadsheets import neutralise_formula
from ips.validators import apply_input_domain, with_input_domain
from ips.versioning import MISSING_VERSION_MESSAGE, VERSION_FIELD, StaleCopyError, parse_version


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


class ScopedIndexView(generic.IndexView):
    list_select_related: tuple[str, ...] = ()

    def _get_custom_column(self, field_name, *args, **kwargs):
        """Human values (issue 17, item 5): a yes-or-no column says Yes or No (not
        True/False), a column naming a staff member shows their name ("Maria Lopez"), not
        the membership's label ("Maria Lopez (Employment specialist, North Team)"); every
        other column is Wagtail's."""
        column = super()._get_custom_column(field_name, *args, **kwargs)
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:  # a method or property named in list_display
            return column
        if isinstance(field, models.BooleanField):
            column.accessor = lambda obj: {True: "Yes", False: "No"}.get(
                getattr(obj, field_name), "Not known"
            )
        elif getattr(field, "related_model", None) is StaffMember:
            column.accessor = lambda obj: (
                staff.display_name if (staff := getattr(obj, field_name, None)) else ""
            )
        return column

    def search_queryset(self, queryset):
        """The listing's search box: every typed word must be found in one of
        `search_fields`, names folded (case, accents, apostrophes: "obrien" finds
        O'Brien, ips.search) instead of Wagtail's case-only `icontains` of the whole text."""
        if not self.is_searching:
            return queryset
        return search(queryset, self.search_fields or [], self.search_query)

    def write_csv_row(self, writer, row_dict):
        # A cell such as "=HYPERLINK(...)" typed into a note must not run when opened.
        return writer.writerow(
            {
                field: neutralise_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    @cached_property
    def filters(self):
        """The filter panel offers only the user's programs and their rows (a "program" or
        "specialist" filter would otherwise list every program's names)."""
        filterset = super().filters
        if filterset is not None:
            scope_choices(filterset.form, self.request.user)
            apply_input_domain(filterset.form)  # also the filters Wagtail makes from list_filter
        return filterset

    def to_row_dict(self, item):
        """Export columns may follow relations with ORM paths ("employer__name"); a missing
        link on the way gives an empty cell rather than an error."""
        return {field: follow(item, field) for field in self.list_export}

    def get_heading(self, queryset, field):
        if "__" not in field or field in self.export_headings:
            return super().get_heading(queryset, field)
        names, model = [], queryset.model
        for part in field.split("__"):
            model_field = model._meta.get_field(part)
            names.append(str(model_field.verbose_name))
            model = model_field.related_model
        return capfirst(f"{names[0]} {names[-1]}")

    def render_to_response(self, context, **response_kwargs):
        export_format = self.request.GET.get("export", "") if self.is_export else ""
        audit_listing(self.request, self.model, context["object_list"], export_format=export_format)
        return super().render_to_response(context, **response_kwargs)

    def get_base_queryset(self):
        queryset = scoped(self.model, self.request.user)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return queryset


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
    and a dash for nothing recorded (never "None" or "False")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)  # type: ignore[misc]
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


@functools.cache
def _event_form_class(form_class: type) -> type:
    return types.new_class(form_class.__name__, (EventFormMixin, form_class))


class EventCreateView(generic.CreateView):
    """The "add" screen of an event model (job start, contact, time entry...): the row is
    made by its owning service, once per form (ips.idempotency). The form carries a
    submission key; a replayed sending opens the first row saying "Already saved"; a near
    duplicate asks for "save anyway"; a service's ValidationError shows on the form.
    Subclasses give `record(form) -> row`, calling the service with `form.submission_key`
    and `form.allow_duplicate`."""

    inspect_url_name = None  # given by ScopedModelViewSet

    def __init_subclass__(cls, **kwargs):
        # Every "add" screen of an event writes through its service: one without `record`
        # is a programming error caught when the class is defined, not at the first save.
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "record", None)):
            raise TypeError(f"{cls.__name__} must define record(form) -> row (its service).")

    def get_form_class(self):
        return _event_form_class(super().get_form_class())

    def row_url(self, row) -> str:
        return reverse(self.inspect_url_name, args=[row.pk])

    def already_saved(self, row):
        messages.info(self.request, duplicate_message(AlreadyRecorded(row), self.row_url(row)))
        return redirect(self.row_url(row))

    def post(self, request, *args, **kwargs):
        # Before the form's checks, which the first sending may have changed the answer of.
        first = first_recorded(
            scoped(self.model, request.user), parse_key(request.POST.get(KEY_FIELD))
        )
        if first is not None:
            return self.already_saved(first)
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        row = self.record(self.form)
        log(row, "wagtail.create", user=self.request.user)
        return row

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AlreadyRecorded as error:
            return self.already_saved(error.row)
        except ValidationError as error:
            if isinstance(error, LikelyDuplicate):
                # Wagtail's error banner joins errors as plain text, which would show the
                # link as markup: the banner is made here, with the link as a link.
                url = self.row_url(error.row)
                form.refuse_duplicate(error, url)
                self.produced_error_code = "validation_error"
                self.produced_error_message = None
                wagtail_messages.error(
                    self.request,
                    format_html("{} {}", self.get_error_message(), duplicate_message(error, url)),
                )
                return self.form_invalid(form)
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedModelViewSet(ModelViewSet):
    """The base of every workspace listing: scoped reads, scoped choices, CSV/XLSX export."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_class = ScopedCopyView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    inspect_view_enabled = True
    copy_view_enabled = False
    export_formats = ["csv", "xlsx"]
    add_to_admin_menu = False
    list_select_related: tuple[str, ...] = ()
    base_form_class = ScopedAdminModelForm
    search_backend_name = None  # ORM icontains over search_fields: no index to keep

    def get_index_view_kwargs(self, **kwargs):
        # Every listing exports (CSV/XLSX); its columns default to the listed ones.
        export = self.list_export if self.list_export is not self.UNDEFINED else self.list_display
        return super().get_index_view_kwargs(
            list_select_related=self.list_select_related, list_export=list(export), **kwargs
        )

    def get_add_view_kwargs(self, **kwargs):
        if issubclass(self.add_view_class, EventCreateView):
            kwargs["inspect_url_name"] = self.get_url_name("inspect")
        return super().get_add_view_kwargs(**kwargs)

    def formfield_for_dbfield(self, db_field, **kwargs):
        """A link to shared reference data (an O*NET occupation: 1,017 rows) is picked with
        the chooser registered for that model (issue 17, item 5: searchable, no long
        select); every other field is Django's, as in Wagtail's ModelViewSet."""
        related = getattr(db_field, "related_model", None)
        if related is not None and isinstance(
            policy_registry.get_by_type(related), ReferencePolicy
        ):
            return formfield_for_dbfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_edit_handler(self):
        # Panels build their form from the model's base form: make it the scoped one.
        handler = super().get_edit_handler()
        if handler is not None and handler.base_form_class is None:
            handler.base_form_class = self.base_form_class
        return handler

    def get_form_class(self, for_update=False):
        if self._edit_handler:
            return self._edit_handler.get_form_class()
        return modelform_factory(
            self.model,
            form=self.base_form_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
            exclude=self.get_exclude_form_fields(),
        )


class ReferenceViewSet(ModelViewSet):
    edit_view_class = ReferenceEditView
    inspect_view_class = ReferenceInspectView
    delete_view_class = ReferenceDeleteView
    history_view_class = ReferenceHistoryView
    usage_view_class = ReferenceUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return with_input_domain(super().get_form_class(for_update))


# Choosers ------------------------------------------------------------------------------
# Wagtail's chooser views list and return `Model.objects.all()`; ours list, search and
# return only the rows the model's permission policy lets the user choose
# (ips.permissions: `for_user` and the role of each row's program). Choosers never
# create rows: every write goes through the owning service.

CHOOSE_ACTIONS = ("view",)


def choosable(model, user):
    """The rows of `model` the user may pick in a chooser (a queryset)."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, CHOOSE_ACTIONS)


def parse_pk(model, value):
    """`value` as the model's primary key, or None when it cannot be one (garbage,
    out-of-range numbers, text keys with control characters such as NUL, which
    PostgreSQL refuses with an error rather than a miss)."""
    try:
        pk = model._meta.pk.to_python(unquote(str(value)))
    except (ValueError, ValidationError, TypeError, OverflowError):
        return None
    if isinstance(pk, int) and not -(2**63) <= pk < 2**63:
        return None
    if isinstance(pk, str) and text_problem(pk):
        return None
    return pk


class NoCreationMixin:
    def can_create(self):
        return False


class ScopedChooseView(NoCreationMixin, chooser.ChooseView):
    def get_object_list(self):
        return choosable(self.model_class, self.request.user)


class ScopedChooseResultsView(NoCreationMixin, chooser.ChooseResultsView):
    def get_object_list(self):
        return choosable(self.model_class, self.request.user)


class ScopedChosenView(chooser.ChosenView):
    """One chosen row: 404 for a row the user may not choose, the same as a missing id."""

    def get_object(self, pk):
        parsed = parse_pk(self.model_class, pk)
        if parsed is None:
            raise Http404("No such row.")
        return choosable(self.model_class, self.request.user).get(pk=parsed)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """Several chosen rows (`?id=1&id=2`): rows the user may not choose are left out,
    like missing ids; a malformed id is a 400 with a message."""

    def get(self, request):
        raw = request.GET.getlist("id")
        pks = [parse_pk(self.model_class, value) for value in raw]
        if None in pks:
            return HttpResponseBadRequest(
                "Each id must be the id of a row.", content_type="text/plain"
            )
        items = choosable(self.model_class, request.user).filter(pk__in=pks)
        return self.get_multiple_chosen_response(items)


class ScopedCreateView(NoCreationMixin, chooser.CreateView):
    pass


class ScopedChooserWidget(BaseChooser):
    """Shows the chosen row only when the form field offers it: a redisplayed form with
    another program's id (or garbage) shows an empty chooser, not that row's name."""

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        pk = parse_pk(self.model_class, value)
        if pk is None:
            return None
        # A ModelChoiceField gives its widget its (scoped) queryset as `choices`. Without
        # it, only shared reference rows are shown (they are everyone's to see).
        offered = getattr(getattr(self, "choices", None), "queryset", None)
        if offered is None:
            shared = isinstance(policy_registry.get_by_type(self.model_class), ReferencePolicy)
            manager = self.model_class._default_manager
            offered = manager.all() if shared else manager.none()
        return offered.filter(pk=pk).first()

    @property
    def media(self):
        """Wagtail's chooser script, then static/ips/chooser.js: focus in the search box
        when the chooser opens, arrow keys through the results, focus back on the chooser
        when it closes (issue 17)."""
        return super().media + Media(js=["ips/chooser.js"])


class ScopedChooserViewSet(ChooserViewSet):
    """The base of every chooser our apps register (see ips.permissions)."""

    base_widget_class = ScopedChooserWidget

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = ScopedCreateView


# Editing sessions ------------------------------------------------------------------------


def editing_session_ping(request, app_label, model_name, object_id, session_id):
    """Wagtail's editing-session ping (POST; JSON of who else is editing the row), after the
    id is checked: an unknown model or an id that cannot be the model's key is a 404, the
    same answer as for a missing row (Wagtail's own view would fail with a 500). Whether
    the row is the user's to edit is the model's permission policy's answer
    (ips.permissions). Mounted over Wagtail's URL in ips/urls.py."""
    from django.apps import apps
    from wagtail.admin.views.editing_sessions import ping

    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if parse_pk(model, object_id) is None:
        raise Http404
    return ping(request, app_label, model_name, object_id, session_id)
