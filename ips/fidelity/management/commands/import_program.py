"""`manage.py import_program FOLDER --program NAME [--dry-run]` (spec/interchange.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ips.importer.readers import read_folder
from ips.importer.services import import_program


class Command(BaseCommand):
    help = "Import a folder of CSV/XLSX files into one program: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="folder holding staff.csv, seekers.csv, ...")
        parser.add_argument("--program", required=True, help="program name (created if missing)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, folder: Path, program: str, dry_run: bool, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        tables, errors, notes = read_folder(folder)
        if not tables and not errors:
            raise CommandError(f"{folder} holds no import file (staff.csv, seekers.csv, ...)")
        for note in notes:
            self.stderr.write(note)
        result = import_program(
            program_name=program, tables=tables, read_errors=errors, dry_run=dry_run
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} problem(s) found; nothing was imported into {program!r}."
            )
        for line in result.summary_lines():
            self.stdout.write(line)
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} into program {result.program!r}."))
