"""What the job seeker workspace screens share: service errors on the form, and
sending add and edit to the seeker record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from ips.versioning import StaleCopyError


class ServiceErrorsMixin:
    """A service's ValidationError shows on the form (field by field) and nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleCopyError:
            raise
        except ValidationError as error:
            for name, messages_ in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages_)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _changes(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in names}


class ToRecordMixin:
    """Send "add" and "edit" to the seeker record, whose services keep the rules
    (profile versions, job-start hooks, the competitive-wage rule)."""

    message = "Use the person's record for this."
    # Nothing is added here: the listing offers no "Add" button (ips.workspace viewsets).
    adds_here = False

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is None:
            messages.info(request, self.message)
            return redirect("jobseekers:caseload")
        row = get_object_or_404(self.model._default_manager.for_user(request.user), pk=pk)
        return redirect(self.target_url_name, row.seeker_id)
