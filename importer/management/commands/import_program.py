"""`manage.py import_program FOLDER --program NAME [--create] [--dry-run] [--dates MDY|DMY]`
(spec/interchange.md). An operator's tool: the workspace upload names its program by id."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from importer.cells import DATE_ORDERS
from importer.readers import read_folder
from importer.services import import_program
from ips.models import Program
from ips.services import create_program


def program_named(name: str, *, create: bool) -> Program:
    """The one program called `name` (ignoring capitals and spacing), or a new one when
    `create`; CommandError when none matches without `create`, or several match."""
    found = Program.objects.named(name)
    if len(found) > 1:
        listed = ", ".join(f"{p.name!r} (slug {p.slug})" for p in found)
        raise CommandError(
            f"{name!r} could be any of {len(found)} programs: {listed}. Rename them in"
            " Program > Programs so each name is distinct, then run the import again."
        )
    if found:
        return Program.objects.get(pk=found[0].pk)
    if not create:
        raise CommandError(
            f"No program is named {name!r}. Check the name, or add --create to make a new"
            " program by that name."
        )
    try:
        return create_program(name=name)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None


class Command(BaseCommand):
    help = "Import a folder of CSV/XLSX files into one program: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="folder holding staff.csv, seekers.csv, ...")
        parser.add_argument(
            "--program", required=True, help="program name (capitals and spacing ignored)"
        )
        parser.add_argument(
            "--create", action="store_true", help="create the program when none has this name"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--dates",
            choices=DATE_ORDERS,
            help="the order of dates written like 04/09/2026: MDY (US) or DMY (UK);"
            " without it only YYYY-MM-DD is read",
        )

    def handle(self, *args, folder: Path, program: str, create: bool, dry_run: bool, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        tables, errors, notes = read_folder(folder)
        for note in notes:
            self.stderr.write(note)
        with transaction.atomic():  # a program created here goes if the import does
            target = program_named(program, create=create)
            result = import_program(
                program=target,
                tables=tables,
                read_errors=errors,
                dry_run=dry_run,
                dates=options.get("dates"),
            )
            if dry_run or not result.ok:
                transaction.set_rollback(True)
        for note in result.notes:
            self.stderr.write(note)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} problem(s) found; nothing was imported into {program!r}."
            )
        for line in result.summary_lines():
            self.stdout.write(line)
        created, updated, unchanged = result.totals
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} into program {result.program!r}: {created} created, {updated} updated,"
                f" {unchanged} unchanged."
            )
        )
