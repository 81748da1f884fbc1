"""The public keyword search looks for words in an employer's name only (issue 21).

Until now a public search matched the employer's whole folded `search_text` (name,
industry and the agency's own reference), so "E-0083", a reference no public page shows,
found that employer's openings. `Employer.folded_name` holds the name alone, folded the
same way (ips.search.FoldedSearchField); the public search reads it on both engines:

- SQLite: the `employer` column of both FTS5 tables (0010) is filled from it, and their
  triggers are made again to copy it. They are dropped first: adding the column remakes
  employers_employer on SQLite, which the triggers naming that table would stop.
- PostgreSQL: a trigram GIN index on it, as 0007's on `search_text`.

The staff search keeps `search_text` (an employer is still found there by its industry or
reference).

Also: ips.search.fold now drops an acute accent used as an apostrophe ("McDonald´s", as a
Spanish keyboard types it), which it split into two words before. The triggers drop it
(and the full-width apostrophe) from the FTS5 tables' titles too, and the openings whose
title or description holds one are folded again (their rows in both tables with them).
"""

from importlib import import_module

import ips.search
from django.db import migrations
from django.db.models import Q

EARLIER = import_module("employers.migrations.0010_public_opening_place_fulltext_and_codes")
TABLES = (
    # table, rowid of an opening row `j`, trigger prefix, placed, the opening's id from rowid
    (EARLIER.TEXT_TABLE, EARLIER.text_key, "fts", False, f"{EARLIER.TEXT_TABLE}.rowid"),
    (
        EARLIER.PLACE_TABLE,
        EARLIER.place_key,
        "place_fts",
        True,
        f"({EARLIER.PLACE_TABLE}.rowid & {(1 << 32) - 1})",
    ),
)
TRIGRAM_INDEX = "employer_folded_name_trgm"
ACUTE = "\u00b4"
TITLE_MARKS = (0xB4, 0xFF07)  # ´ and ＇, dropped from titles as ips.search.fold drops them


def fill(apps, schema_editor):
    ips.search.refold(apps.get_model("employers", "Employer").objects.all())


def refold_openings(apps, schema_editor):
    """The openings whose text holds an acute accent (folded differently since this
    migration), after the triggers: writing their search_text rewrites their FTS rows."""
    JobOpening = apps.get_model("employers", "JobOpening")
    ips.search.refold(
        JobOpening.objects.filter(Q(title__contains=ACUTE) | Q(description__contains=ACUTE))
    )


def drop_triggers(apps, schema_editor):
    """SQLite: the 0010 tables' triggers, before employers_employer is remade (a trigger
    naming a table that is being remade stops the remake: "no such table")."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, _, prefix, _, _ in TABLES:
        for sql in EARLIER.dropped(table, prefix)[:-1]:  # the triggers, not the table
            schema_editor.execute(sql)


def _copy_from(column: str, marks: tuple[int, ...] = ()):
    def copy(apps, schema_editor):
        """SQLite: the FTS tables' triggers made to copy the employer's `column`, and their
        `employer` column filled from it."""
        if schema_editor.connection.vendor != "sqlite":
            return
        for table, key, prefix, placed, opening_id in TABLES:
            for sql in EARLIER.triggers(table, key, prefix, placed, employer=column, marks=marks):
                schema_editor.execute(sql)
            schema_editor.execute(
                f"""UPDATE {table} SET employer = coalesce(
                    (SELECT e.{column} FROM employers_jobopening j
                     JOIN employers_employer e ON e.id = j.employer_id
                     WHERE j.id = {opening_id}), '')"""
            )

    return copy


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
        migrations.RunPython(drop_triggers, _copy_from("search_text")),
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
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(_copy_from("folded_name", TITLE_MARKS), drop_triggers),
        migrations.RunPython(refold_openings, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
