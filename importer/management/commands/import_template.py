"""`manage.py import_template FOLDER` writes an empty CSV (in FOLDER/csv/) and XLSX (in
FOLDER/xlsx/) template per import file with each column described (spec/interchange.md);
`--docs` rewrites docs/import-format.md from the same schema."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from importer.template import DOC_PATH, render_markdown, template_files


class Command(BaseCommand):
    help = "Write the import templates (csv/ and xlsx/, one of each per file) into FOLDER."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, nargs="?", help="folder to write into")
        parser.add_argument(
            "--docs", action="store_true", help=f"rewrite {DOC_PATH} from the importer's schema"
        )

    def handle(self, *args, folder: Path | None, docs: bool, **options):
        if folder is None and not docs:
            raise CommandError("Name the folder to write the templates into (or give --docs).")
        if docs:
            path = Path(settings.BASE_DIR) / DOC_PATH
            path.write_text(render_markdown(), encoding="utf-8")
            self.stdout.write(f"Wrote {path}")
        if folder is None:
            return
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is a file, not a folder; name a folder.")
        folder.mkdir(parents=True, exist_ok=True)
        files = template_files()
        clashing = sorted(name for name in files if (folder / name).exists())
        if clashing:
            raise CommandError(
                f"{folder} already holds {', '.join(clashing)}; nothing was written. Choose an"
                " empty folder, or move those files first."
            )
        for name, data in files.items():
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_bytes(data)
        self.stdout.write(
            f"Wrote {len(files)} files into {folder}: the CSV files in csv/, the workbooks in"
            " xlsx/ (fill in one of the two folders and import it), and import-format.md."
        )
