"""The editing-session ping of the workspace's edit screens."""

from __future__ import annotations

from django.http import Http404

from ips.workspace.choosers import parse_pk

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
