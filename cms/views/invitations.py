"""The workspace's portal invitations screen: staff invite the job seekers on their caseload."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms import services
from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.models import AuditEvent
from ips.permissions import requires
from ips.roles import CASEWORK_ROLES, has_role
from jobseekers.models import JobSeeker

# --- Workspace: portal invitations (staff of the seeker's program) -------------


@requires("jobseekers.change_jobseeker")
def invitations(request):
    """The caseload's portal status, with an invite button per job seeker."""
    if not has_role(request.user, CASEWORK_ROLES):
        raise PermissionDenied
    seekers = (
        JobSeeker.objects.for_user(request.user)
        .filter(program_id__in=_casework_programs(request.user), closed_date__isnull=True)
        .select_related("portal_user", "portal_preference")
        .order_by("name")
    )
    mine = request.GET.get("mine", "1") == "1"
    if mine and not request.user.is_superuser:
        seekers = seekers.filter(specialist__user=request.user)
    page = Paginator(seekers, 50).get_page(request.GET.get("p"))
    counts = rows_by_program(page.object_list)
    record_rows_shown(request=request, what="portal invitations", counts=counts)
    return render(request, "cms/workspace/invitations.html", {"page_obj": page, "mine": mine})


@requires("jobseekers.change_jobseeker")
def invite(request, seeker_id: int):
    """Confirm, then create the account if needed and email a set-password link."""
    seeker = get_object_or_404(JobSeeker.objects.for_user(request.user), pk=seeker_id)
    if not has_role(request.user, CASEWORK_ROLES, program_id=seeker.program_id):
        raise Http404
    if request.method == "POST":
        try:
            services.invite_seeker_to_portal(seeker=seeker, by=request.user)
        except services.PortalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"We emailed {seeker.name} a link to choose a password.")
        return redirect("portal_invitations:index")
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="invite")
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    return render(request, "cms/workspace/invite.html", {"seeker": seeker, "days": days})


def _casework_programs(user) -> list[int] | object:
    from ips.roles import program_ids

    if user.is_superuser:
        return JobSeeker.objects.values("program_id")
    return program_ids(user, CASEWORK_ROLES)
