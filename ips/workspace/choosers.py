"""Choosers scoped by `for_user`: a user chooses only their programs' rows."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import Media
from django.http import Http404, HttpResponseBadRequest
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.permissions import policy_registry

from ips.domain import text_problem
from ips.permissions import ReferencePermissionPolicy as ReferencePolicy
from ips.search import folded_q
from ips.validators import InputDomainMixin

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


class NameOrRefSearchForm(InputDomainMixin, BaseFilterForm):
    """A chooser's search box: the words folded as every search (ips.search: case, accents,
    apostrophes) against the row's `name`, or the agency reference typed exactly. A
    subclass gives the box its own label and example by redeclaring `q`."""

    q = forms.CharField(label="Name or agency reference", required=False)

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        words = folded_q(objects.model, ["name"], query)
        if words is not None:
            objects = objects.filter(words | Q(ref__iexact=query))
            self.is_searching = True
            self.search_query = query
        return objects
