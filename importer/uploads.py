"""The workspace import: uploaded files (or a zip of the folder) are checked as a dry run,
shown as a preview, then imported on confirmation; large uploads run in a celery task."""

from __future__ import annotations

import base64
import io
import logging
import zipfile
import zlib
from pathlib import PurePosixPath

from django.core.cache import cache
from django.db import transaction

from importer.models import ImportUpload
from importer.readers import SUFFIXES, read_csv, read_files, read_xlsx
from importer.services import import_program
from ips.models import Program
from ips.roles import LEADERSHIP, program_ids
from jobseekers.privacy.identifiers import PersonIdentifiers

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_FILES = 20
BACKGROUND_ROWS = 2000  # more data rows than this run in a celery task

logger = logging.getLogger(__name__)


class UploadError(ValueError):
    """The upload cannot be read at all (too big, wrong type, broken zip)."""


def unpack(uploaded: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """{file name: bytes} from uploaded .csv/.xlsx files or .zip archives of them."""
    if sum(len(data) for _, data in uploaded) > MAX_UPLOAD_BYTES:
        raise UploadError(f"The upload is larger than {MAX_UPLOAD_BYTES // 2**20} MB.")
    files: dict[str, bytes] = {}
    for name, data in uploaded:
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".zip":
            files.update(_unzip(name, data))
        elif suffix in SUFFIXES:
            files[PurePosixPath(name).name] = data
        else:
            raise UploadError(f"{name}: only .csv, .xlsx and .zip files can be imported.")
    if not files:
        raise UploadError("No .csv or .xlsx file was found in the upload.")
    if len(files) > MAX_FILES:
        raise UploadError(f"At most {MAX_FILES} files can be imported at once.")
    return files


def _unzip(name: str, data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise UploadError(f"{name} is not a readable zip file.") from None
    members = [
        m
        for m in archive.infolist()
        if not m.is_dir() and PurePosixPath(m.filename).suffix.lower() in SUFFIXES
        and not PurePosixPath(m.filename).name.startswith((".", "~$"))
        and "__MACOSX" not in m.filename
    ]  # fmt: skip
    if len(members) > MAX_FILES:
        raise UploadError(f"At most {MAX_FILES} files can be imported at once.")
    # zipfile never inflates a member past its declared size (a lie fails the CRC check),
    # so the declared sizes bound the memory a zip bomb can take.
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise UploadError(f"{name} unpacks to more than {MAX_UNZIPPED_BYTES // 2**20} MB.")
    files: dict[str, bytes] = {}
    for member in members:
        base = PurePosixPath(member.filename).name
        if base in files:
            raise UploadError(f"{name} holds two files named {base}; keep one.")
        if member.flag_bits & 0x1:
            raise UploadError(f"{name}: {base} is password-protected; zip it without one.")
        try:
            files[base] = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise UploadError(f"{name}: {base} is damaged inside the zip file.") from None
    return files


def _progress_key(upload_id: int) -> str:
    return f"import-upload-progress-{upload_id}"


def progress_of(upload: ImportUpload) -> tuple[int, int]:
    """(files done, files in all) of a running import, as last reported."""
    return cache.get(_progress_key(upload.pk), (0, 0))


@transaction.atomic
def create_upload(
    *, program: Program, user, files: dict[str, bytes], dates: str = ""
) -> ImportUpload:
    """Store the files, then check them now (small) or in a task (large). `dates` is the
    order of dates written like 04/09/2026: "MDY", "DMY" or "" (only YYYY-MM-DD)."""
    tables, _, _ = read_files(files)
    upload = ImportUpload.objects.create(
        program=program,
        uploaded_by=user,
        files={name: base64.b64encode(data).decode() for name, data in files.items()},
        rows=sum(len(t.rows) for t in tables),
        dates=dates,
    )
    _start(upload, write=False)
    return upload


@transaction.atomic
def confirm_upload(*, upload: ImportUpload) -> ImportUpload:
    """Import a previewed upload for real (rows are checked again: data may have changed).
    Raises UploadError unless it is still "ready to confirm" (a second tap imports nothing)."""
    upload = ImportUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != ImportUpload.Status.PREVIEW:
        raise UploadError("Only a checked upload without problems can be imported.")
    upload.status = ImportUpload.Status.IMPORTING
    upload.save(update_fields=["status", "updated_at"])
    _start(upload, write=True)
    return upload


def _start(upload: ImportUpload, *, write: bool) -> None:
    if upload.rows > BACKGROUND_ROWS:
        from importer.tasks import run_import_upload_task

        transaction.on_commit(lambda: run_import_upload_task.delay(upload.pk, write))
    else:
        run_import_upload(upload_id=upload.pk, write=write)


def run_import_upload(*, upload_id: int, write: bool) -> ImportUpload:
    """Dry-run (write=False) or import (write=True) the stored files; record the outcome.
    Whatever happens inside, the upload ends in a recorded state: an unexpected error
    leaves it FAILED with the reason (and nothing written), never "checking" for ever."""
    upload = ImportUpload.objects.select_related("program", "uploaded_by").get(pk=upload_id)
    expected = ImportUpload.Status.IMPORTING if write else ImportUpload.Status.CHECKING
    try:
        with transaction.atomic():  # a savepoint: the failure below can still be recorded
            # Held until the outcome is saved: an erasure (forget_person) waits for it and
            # then removes the files, rather than this run writing them back afterwards.
            locked = ImportUpload.objects.select_for_update().get(pk=upload_id)
            if locked.status != expected:  # erased meanwhile, or a task delivered twice
                return locked
            _run(upload, write=write)
    except Exception as error:
        logger.exception("Import upload %s failed", upload.pk)
        upload.status, upload.counts, upload.files = ImportUpload.Status.FAILED, {}, {}
        upload.preview = {}
        upload.errors = [
            f"The import stopped on an unexpected error ({type(error).__name__}) and nothing"
            " was imported. Upload the files again; if it happens again, tell your"
            " administrator (the details are in the server log)."
        ]
        upload.save(update_fields=["status", "counts", "files", "preview", "errors", "updated_at"])
    finally:
        cache.delete(_progress_key(upload.pk))
    return upload


def _may_import(user, program_id: int) -> bool:
    """The uploader still leads the program (they are checked again at confirmation)."""
    if user is None or not user.is_active:
        return False
    return user.is_superuser or program_id in program_ids(user, LEADERSHIP)


def _run(upload: ImportUpload, *, write: bool) -> None:
    if not _may_import(upload.uploaded_by, upload.program_id):
        upload.status, upload.files, upload.preview = ImportUpload.Status.REJECTED, {}, {}
        upload.errors = ["Whoever uploaded these files no longer leads this program: upload again."]
        upload.save()
        return
    files = {name: base64.b64decode(data, validate=True) for name, data in upload.files.items()}
    tables, read_errors, notes = read_files(files)

    def progress(done: int, total: int) -> None:
        cache.set(_progress_key(upload.pk), (done, total), 3600)

    result = import_program(
        program=upload.program,
        by=upload.uploaded_by,
        tables=tables,
        read_errors=read_errors,
        dry_run=not write,
        progress=progress,
        dates=upload.dates or None,
    )
    upload.counts, upload.preview = result.counts, result.preview
    upload.notes = notes + result.notes
    upload.errors = [str(e) for e in result.errors]
    if not result.ok:
        upload.status = ImportUpload.Status.REJECTED
    elif write:
        upload.status, upload.files, upload.preview = ImportUpload.Status.DONE, {}, {}
    else:
        upload.status = ImportUpload.Status.PREVIEW
    upload.save()


ERASED_FILES = (
    "The files were removed because a person named in them had their record erased at "
    "their request. Upload the files again without that person."
)


def _cells(name: str, data: bytes):
    """Every cell of a stored file (its raw text when it cannot be read as a table)."""
    reader = read_xlsx if name.lower().endswith(".xlsx") else read_csv
    table, _ = reader(name, data)
    if table is None:
        yield data.decode("utf-8", "replace")
        return
    yield from table.header
    for _, cells in table.rows:
        yield from cells


def forget_person(*, program_id: int, identifiers: PersonIdentifiers) -> int:
    """On a person's erasure: drop the program's stored files that name them (confirming
    them would bring the person back) and redact them from the listed problems and notes.
    Returns how many uploads changed; an unfinished one is rejected with the reason."""
    changed = 0
    for upload in ImportUpload.objects.select_for_update().filter(program_id=program_id):
        named = any(
            identifiers.mentioned_in(cell)
            for name, data in upload.files.items()
            for cell in _cells(name, base64.b64decode(data))
        ) or any(
            identifiers.mentioned_in(cell)
            for table in upload.preview.values()
            for row in table.get("rows", ())
            for cell in row
        )
        errors = [identifiers.redact(error) for error in upload.errors]
        notes = [identifiers.redact(note) for note in upload.notes]
        if not named and (errors, notes) == (upload.errors, upload.notes):
            continue
        if named:
            upload.files, upload.preview = {}, {}
            if upload.status != ImportUpload.Status.DONE:
                upload.status = ImportUpload.Status.REJECTED
                errors.append(ERASED_FILES)
        upload.errors, upload.notes = errors, notes
        upload.save()
        changed += 1
    return changed
