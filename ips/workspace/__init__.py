"""Wagtail ModelViewSets scoped by `for_user`: a user sees and reaches only their
programs' rows; any other row answers 404 on every object view.

One module per part (issue 15):

- `scoping`: the user's rows of a model, and following a path on a row;
- `listing`: the scoped listing (search, export, the rows shown recorded);
- `objects`: edit, delete, inspect, copy, history and usage of one row (scoped or reference
  data), with the stale-copy check;
- `events`: the create view of events (the idempotency key, likely duplicates);
- `viewsets`: ScopedModelViewSet and ReferenceViewSet, which put them together;
- `choosers`: the scoped choosers;
- `sessions`: the editing-session ping.

Callers import from `ips.workspace` as before; the names below are the public ones."""

from ips.workspace.choosers import (
    CHOOSE_ACTIONS,
    NameOrRefSearchForm,
    NoCreationMixin,
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooserWidget,
    ScopedChooseView,
    ScopedChosenMultipleView,
    ScopedChosenView,
    ScopedCreateView,
    choosable,
    parse_pk,
)
from ips.workspace.events import EventCreateView
from ips.workspace.listing import ScopedIndexView
from ips.workspace.objects import (
    PlainValuesMixin,
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
    ScopedObjectMixin,
    ScopedUsageView,
    VersionedEditMixin,
    WellFormedPkMixin,
)
from ips.workspace.scoping import follow, scoped
from ips.workspace.sessions import editing_session_ping
from ips.workspace.viewsets import ReferenceViewSet, ScopedModelViewSet

__all__ = [
    "NameOrRefSearchForm",
    "CHOOSE_ACTIONS",
    "EventCreateView",
    "NoCreationMixin",
    "PlainValuesMixin",
    "ReferenceDeleteView",
    "ReferenceEditView",
    "ReferenceHistoryView",
    "ReferenceInspectView",
    "ReferenceUsageView",
    "ReferenceViewSet",
    "ScopedChooseResultsView",
    "ScopedChooseView",
    "ScopedChooserViewSet",
    "ScopedChooserWidget",
    "ScopedChosenMultipleView",
    "ScopedChosenView",
    "ScopedCopyView",
    "ScopedCreateView",
    "ScopedDeleteView",
    "ScopedEditView",
    "ScopedHistoryView",
    "ScopedIndexView",
    "ScopedInspectView",
    "ScopedModelViewSet",
    "ScopedObjectMixin",
    "ScopedUsageView",
    "VersionedEditMixin",
    "WellFormedPkMixin",
    "choosable",
    "editing_session_ping",
    "follow",
    "parse_pk",
    "scoped",
]
