"""The scoped listing: a user lists only their programs' rows."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.views import generic

from ips.audit import (
    audit_listing,
)
from ips.forms import scope_choices
from ips.models import StaffMember
from ips.search import search
from ips.spreadsheets import neutralise_formula
from ips.validators import apply_input_domain
from ips.workspace.exports import (
    export_field,
    export_relations,
    readable,
    seeker_headings,
    xlsx_number_format,
)
from ips.workspace.scoping import follow, scoped


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

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        """Number and date cells shown as the CSV writes them (ips.workspace.exports)."""
        cells = super().generate_xlsx_row(worksheet, row_dict)
        for cell, value in zip(cells, row_dict.values(), strict=True):
            if number_format := xlsx_number_format(value):
                cell.number_format = number_format
            yield cell

    @cached_property
    def export_fields(self):
        return {path: export_field(self.model, path) for path in self.list_export}

    def to_row_dict(self, item):
        """Export columns may follow relations with ORM paths ("employer__name"); a missing
        link on the way gives an empty cell rather than an error. Values are written as
        people read them (labels, Yes/No, names: ips.workspace.exports)."""
        fields = self.export_fields
        return {path: readable(fields[path], follow(item, path)) for path in self.list_export}

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return super().get_heading(queryset, field)
        if heading := seeker_headings(self.model, [field]).get(field):
            return heading
        if "__" not in field:
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
        if self.is_export:  # the links the columns follow, in the same query
            queryset = queryset.select_related(*export_relations(self.model, self.list_export))
        return queryset
