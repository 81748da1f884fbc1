"""The create view of events: the idempotency key and likely duplicates."""

from __future__ import annotations

import functools
import types

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin import messages as wagtail_messages
from wagtail.admin.views import generic
from wagtail.log_actions import log

from ips.forms import EventFormMixin
from ips.idempotency import (
    KEY_FIELD,
    AlreadyRecorded,
    LikelyDuplicate,
    duplicate_message,
    first_recorded,
    parse_key,
)
from ips.workspace.scoping import scoped


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
