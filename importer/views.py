"""The workspace import screens (supervisors and directors): upload, preview, confirm."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from importer import schema as import_schema
from importer.forms import UploadForm
from importer.models import ImportUpload
from importer.template import template_files
from importer.uploads import UploadError, confirm_upload, create_upload, progress_of, unpack
from ips.leadership import download as _download
from ips.leadership import programs_or_403 as _programs_or_403
from ips.permissions import requires


@requires("importer.add_importupload")
def import_upload(request):
    """Upload files (or a zip) for one program; they are checked before anything is written."""
    programs = _programs_or_403(request)
    form = UploadForm(request.POST or None, request.FILES or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        try:
            files = unpack([(f.name, f.read()) for f in form.cleaned_data["files"]])
        except UploadError as error:
            form.add_error("files", str(error))
        else:
            upload = create_upload(
                program=form.cleaned_data["program"],
                user=request.user,
                files=files,
                dates=form.cleaned_data["dates"],
            )
            return redirect("importer:detail", pk=upload.pk)
    recent = ImportUpload.objects.for_user(request.user).select_related("program")[:10]
    context = {"form": form, "recent": recent, "specs": import_schema.FILES}
    return render(request, "importer/upload.html", context)


@requires("importer.add_importupload")
def import_template(request):
    """The empty templates (a .csv and an .xlsx per import file, each column described) and
    docs/import-format.md, as one zip, generated from the importer's schema."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in template_files().items():
            out.writestr(f"import-template/{name}", data)
    return _download(archive.getvalue(), "application/zip", "import-template.zip")


@requires("importer.view_importupload")
def import_detail(request, pk: int):
    """The preview (counts, every problem), the progress of a running job, or the outcome."""
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    done, total = progress_of(upload)
    counts = upload.counts.values()
    context = {
        "upload": upload,
        "done": done,
        "total": total,
        "created": sum(c["created"] for c in counts),
        "updated": sum(c["updated"] for c in counts),
        "unchanged": sum(c.get("unchanged", 0) for c in counts),
    }
    return render(request, "importer/detail.html", context)


@requires("importer.view_importupload")
def import_status(request, pk: int):
    """Polled by the progress indicator while a large import runs."""
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    done, total = progress_of(upload)
    data = {"status": upload.status, "running": upload.running, "done": done, "total": total}
    return JsonResponse(data)


@require_POST
@requires("importer.add_importupload")
def import_confirm(request, pk: int):
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    try:
        confirm_upload(upload=upload)
    except UploadError as error:
        messages.error(request, str(error))
    return redirect("importer:detail", pk=upload.pk)
