"""What the leadership screens (fidelity reviews, reports, import) share: the programs a
user leads, and a file download response."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from ips.models import Program
from ips.roles import LEADERSHIP, program_ids


def led_programs(user):
    """Programs whose figures the user may see: those where they are supervisor or director
    (a superuser: every program). A queryset of Program; source: ips.roles.LEADERSHIP."""
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(id__in=program_ids(user, LEADERSHIP))


def programs_or_403(request):
    """led_programs(request.user); raises PermissionDenied when the user leads none."""
    programs = led_programs(request.user)
    if not programs.exists():
        raise PermissionDenied
    return programs


def download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    """An attachment response: the browser saves `body` as `filename`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
