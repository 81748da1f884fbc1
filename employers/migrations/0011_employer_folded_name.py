"""The public keyword search: an employer's name only, and the folded title (issue 21).

1. Until now a public search matched the employer's whole folded `search_text` (name,
   industry and the agency's own reference), so "E-0083", a reference no public page
   shows, found that employer's openings. `Employer.folded_name` holds the name alone,
   folded the same way (ips.search.FoldedSearchField); the public search reads it on both
   engines. The staff search keeps `search_text` (an employer is still found there by its
   industry or reference).

2. `JobOpening.folded_title`: the title folded alone, so that "the word is in the title"
   is known exactly. PostgreSQL compared where the word sits in the folded title-then-
   description with the raw title's length, which folding changes ("Straße", "***
   Busser ***"); SQLite's FTS5 title column held the raw title, so "strasse" never
   matched "Straße" there. The column is added with a database default of '' by
   ALTER TABLE on both engines, so SQLite does not remake employers_jobopening (which
   would drop 0010's triggers and its raw index).

3. ips.search.fold now drops an acute accent used as an apostrophe ("McDonald´s", as a
   Spanish keyboard types it), which it split in two before: every employer and opening
   is folded again here (jobseekers 0019 does the job seekers that need it).

SQLite: both FTS5 tables (0010) are filled again from the folded columns, and their
triggers made again to copy them. They are dropped first: adding `folded_name` remakes
employers_employer on SQLite, which triggers naming that table would stop. PostgreSQL: a
trigram GIN index on `folded_name`, as 0007's on `search_text`.
"""

from importlib import import_module

import ips.search
from django.db import migrations

EARLIER = import_module("employers.migrations.0010_public_opening_place_fulltext_and_codes")
TABLES = (
    # table, rowid of an opening row, trigger prefix, placed
    (EARLIER.TEXT_TABLE, EARLIER.text_key, "fts", False),
    (EARLIER.PLACE_TABLE, EARLIER.place_key, "place_fts", True),
)
TRIGRAM_INDEX = "employer_folded_name_trgm"


def drop_triggers(apps, schema_editor):
    """SQLite: the 0010 tables' triggers, before employers_employer is remade (a trigger
    naming a table that is being remade stops the remake: "no such table")."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, _, prefix, _ in TABLES:
        for sql in EARLIER.dropped(table, prefix)[:-1]:  # the triggers, not the table
            schema_editor.execute(sql)


def refold_all(apps, schema_editor):
    for name in ("Employer", "JobOpening"):
        ips.search.refold(apps.get_model("employers", name).objects.all())


def _made_again(folded: bool):
    def make(apps, schema_editor):
        """SQLite: the FTS tables' triggers made again, and the tables filled again, from
        the folded columns (`folded`) or as 0010 made them."""
        if schema_editor.connection.vendor != "sqlite":
            return
        for table, key, prefix, placed in TABLES:
            for sql in EARLIER.triggers(table, key, prefix, placed, folded=folded):
                schema_editor.execute(sql)
            schema_editor.execute(f"DELETE FROM {table}")
            schema_editor.execute(EARLIER.filled(table, key, placed, folded=folded))
            # Merged into one segment, as a first build leaves it (a search otherwise reads
            # every segment and the old rows' deletion marks until FTS5's automerge).
            schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    return make


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON employers_employer"
            " USING gin (folded_name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("employers", "0010_public_opening_place_fulltext_and_codes")]

    operations = [
        migrations.RunPython(drop_triggers, _made_again(folded=False)),
        migrations.AddField(
            model_name="employer",
            name="folded_name",
            field=ips.search.FoldedSearchField(
                blank=True,
                default="",
                editable=False,
                help_text="The name folded for the public search.",
                sources=["name"],
            ),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE employers_jobopening"
                    " ADD COLUMN folded_title text NOT NULL DEFAULT ''",
                    "ALTER TABLE employers_jobopening DROP COLUMN folded_title",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="jobopening",
                    name="folded_title",
                    field=ips.search.FoldedSearchField(
                        blank=True,
                        default="",
                        editable=False,
                        help_text="The title folded, for the public search's title matches.",
                        sources=["title"],
                    ),
                )
            ],
        ),
        migrations.RunPython(refold_all, migrations.RunPython.noop),
        migrations.RunPython(_made_again(folded=True), drop_triggers),
        migrations.RunPython(create_index, drop_index),
    ]
