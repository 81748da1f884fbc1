"""Every change made in the workspace is kept in the row's history: who, when, what."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import ModelLogEntry

from ips.roles import Role
from tests.factories import JobSeekerFactory
from tests.ips.workspace import edit_form, form_data


def test_editing_a_seeker_is_recorded_in_its_history_with_who_did_it(
    client, users, program, superuser
):
    from tests.ips.workspace import workspace_viewsets

    viewset = next(vs for vs in workspace_viewsets() if vs.name == "seekers")
    seeker = JobSeekerFactory(program=program, name="Robin Park")
    data = form_data(edit_form(viewset, seeker, superuser))
    data["phone"] = "313-555-0101"
    specialist = users[Role.SPECIALIST]
    client.force_login(specialist)

    assert client.post(reverse("seekers:edit", args=[seeker.pk]), data).status_code == 302
    history = client.get(reverse("seekers:history", args=[seeker.pk]))

    entry = ModelLogEntry.objects.get(object_id=str(seeker.pk), action="wagtail.edit")
    assert entry.user == specialist
    assert history.status_code == 200
    assert specialist.get_full_name() in history.content.decode()
