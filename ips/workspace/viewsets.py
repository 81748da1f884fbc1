"""ScopedModelViewSet and ReferenceViewSet: the workspace's viewsets, built from the
scoped listing and object views."""

from __future__ import annotations

from django.forms import modelform_factory
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from ips.forms import ScopedAdminModelForm
from ips.permissions import ReferencePermissionPolicy as ReferencePolicy
from ips.validators import with_input_domain
from ips.workspace.events import EventCreateView
from ips.workspace.exports import export_field, with_seeker_names
from ips.workspace.listing import ScopedIndexView
from ips.workspace.objects import (
    ReferenceDeleteView,
    ReferenceEditView,
    ReferenceHistoryView,
    ReferenceInspectView,
    ReferenceUsageView,
    ScopedCopyView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedInspectView,
    ScopedUsageView,
)

# What a record's inspect page leaves out: the columns the program keeps for itself (row
# id, stale-copy counter, map point, folded search text, a form's submission key). Staff
# read the record, not its machinery (issue 17 red-team: a seeker's page listed
# "Latitude", "Search text" and "Idempotency key").
INTERNAL_FIELDS: tuple[str, ...] = (
    "id",
    "version",
    "latitude",
    "longitude",
    "geocode_source",
    "geocoded_at",
    "search_text",
    "idempotency_key",
)


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
    inspect_view_fields_exclude = INTERNAL_FIELDS
    copy_view_enabled = False
    export_formats = ["csv", "xlsx"]
    add_to_admin_menu = False
    list_select_related: tuple[str, ...] = ()
    base_form_class = ScopedAdminModelForm
    search_backend_name = None  # ORM icontains over search_fields: no index to keep

    def get_index_view_kwargs(self, **kwargs):
        # Every listing exports (CSV/XLSX); its columns default to the listed ones.
        # A column object (e.g. employers.viewsets.EmployerColumn, a link) exports the plain
        # value it sorts by ("employer__name").
        export = (
            self.list_export
            if self.list_export is not self.UNDEFINED
            else [
                field if isinstance(field, str) else (field.sort_key or field.name)
                for field in self.list_display
            ]
        )
        # A row naming a job seeker by reference names them too ("Job seeker").
        export = with_seeker_names(self.model, list(export))
        # A director's export covers every program they lead: each row says whose it is
        # (red team: 149 rows of two programs that could not be told apart).
        if export_field(self.model, "program") is not None and not any(
            path.replace(".", "__").split("__")[0] == "program" for path in export
        ):
            export.append("program")
        if not getattr(self.add_view_class, "adds_here", True):
            # Its add view only sends people elsewhere (the person's record, the support
            # log): no "Add" button leading to a redirect or a refusal.
            kwargs["add_url_name"] = None
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
