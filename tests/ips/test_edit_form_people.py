"""Staff picks on the workspace edit forms (issue 17): plain names, and only the staff whose
role fits the field; a row's current value stays offered (ips.forms.offer_fitting_staff)."""

from __future__ import annotations

from django.urls import reverse

from coaching.models import FollowUpTask, SupportContact
from ips.roles import Role
from jobseekers.models import DomainAssessment, JobSeeker
from tests.conftest import make_staff
from tests.ips.workspace import workspace_viewsets


def url(model, action, *args) -> str:
    viewset = next(vs for vs in workspace_viewsets() if vs.model is model)
    return reverse(viewset.get_url_name(action), args=args)


def options(form, name) -> dict[int, str]:
    field = form.fields[name]
    return {int(value.value): label for value, label in field.choices if value != ""}


def test_seeker_specialist_offers_specialists_by_name(client, users, staff, seeker, other_staff):
    second = make_staff(seeker.program, Role.SPECIALIST, "jo_north")
    client.force_login(users[Role.SUPERVISOR])

    response = client.get(url(JobSeeker, "edit", seeker.pk))

    offered = options(response.context["form"], "specialist")
    assert offered == {
        staff[Role.SPECIALIST].pk: "Specialist Tester",
        second.pk: "Jo Tester",
    }
    page = response.content.decode()
    assert "Employment specialist," not in page  # no role suffix on any option


def test_current_specialist_stays_offered_after_a_role_change(client, users, staff, seeker):
    member = staff[Role.SPECIALIST]
    member.role = Role.SUPERVISOR  # moved up, still on this person's record
    member.save()
    client.force_login(users[Role.DIRECTOR])

    form = client.get(url(JobSeeker, "edit", seeker.pk)).context["form"]

    assert member.pk in options(form, "specialist")


def test_assessed_by_offers_casework_staff_not_coaches(client, users, staff, seeker):
    client.force_login(users[Role.SUPERVISOR])

    form = client.get(url(DomainAssessment, "add")).context["form"]

    assert set(options(form, "assessed_by")) == {
        staff[role].pk for role in (Role.SPECIALIST, Role.SUPERVISOR, Role.DIRECTOR)
    }


def test_follow_up_and_support_contact_staff_are_specialists_and_coaches(
    client, users, staff, seeker
):
    client.force_login(users[Role.DIRECTOR])
    fitting = {staff[Role.SPECIALIST].pk, staff[Role.COACH].pk}

    follow_up = client.get(url(FollowUpTask, "add")).context["form"]
    contact = client.get(url(SupportContact, "add")).context["form"]

    assert set(options(follow_up, "assigned_to")) == fitting
    assert set(options(contact, "staff")) == fitting
    assert options(contact, "staff")[staff[Role.COACH].pk] == "Coach Tester"


def test_inactive_staff_are_not_offered(client, users, staff, seeker):
    gone = make_staff(seeker.program, Role.SPECIALIST, "gone_north")
    gone.active = False
    gone.save()
    client.force_login(users[Role.SUPERVISOR])

    form = client.get(url(JobSeeker, "edit", seeker.pk)).context["form"]

    assert gone.pk not in options(form, "specialist")


def test_a_staff_pick_outside_the_fitting_roles_is_refused(client, users, staff, seeker):
    client.force_login(users[Role.DIRECTOR])
    page = client.get(url(DomainAssessment, "add"))
    form = page.context["form"]
    data = {
        "program": seeker.program_id,
        "seeker": seeker.pk,
        "date": "2026-03-02",
        "assessed_by": staff[Role.COACH].pk,
        "satisfaction": "",
        "notes": "",
    }
    assert "assessed_by" in form.fields

    response = client.post(url(DomainAssessment, "add"), data)

    assert response.status_code == 200
    assert "assessed_by" in response.context["form"].errors
    assert not DomainAssessment.objects.exists()
