"""The public keyword search through a real text index (issue 21 item 1).

SQLite: an FTS5 table over the public openings only (open and shareable), one row per
opening (rowid = the opening's id), kept in step by triggers, so every write path keeps it:
`save()`, `bulk_create()`, `QuerySet.update()`, `bulk_update()` (ips.search.refold) and
deletes, cascades included. Its columns:

- title: the title without apostrophes (the tokenizer folds case and accents as
  ips.search.fold does), weighted above the rest when ranking (bm25);
- search_text: the folded title and description (ips.search);
- employer: the employer's folded name (kept in step when the employer is renamed);
- occupation: the kind of work's title and a token `occ<code digits>` (the plain titles
  live in a file, so a search for a plain title asks for these tokens).

PostgreSQL needs nothing here: the trigram GIN indexes of 0007 serve the search there.

Both engines: a partial index on the public openings' coordinates, for the radius
search's bounding box (issue 21 item 2).
"""

from django.db import migrations, models

TABLE = "employers_public_opening_fts"
PUBLIC_ROW = f"""
    INSERT INTO {TABLE} (rowid, title, search_text, employer, occupation)
    SELECT new.id,
        replace(replace(replace(replace(replace(new.title, '''', ''), char(8216), ''),
            char(8217), ''), char(700), ''), char(96), ''),
        new.search_text,
        coalesce((SELECT e.search_text FROM employers_employer e WHERE e.id = new.employer_id), ''),
        coalesce((SELECT o.title || ' occ' || replace(replace(o.code, '-', ''), '.', '')
                  FROM ips_occupation o WHERE o.code = new.occupation_id), '')
    WHERE new.status = 'open' AND new.shareable;
"""
CREATE = [
    f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        title, search_text, employer, occupation,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    f"""CREATE TRIGGER employers_opening_fts_insert AFTER INSERT ON employers_jobopening
    BEGIN {PUBLIC_ROW} END""",
    f"""CREATE TRIGGER employers_opening_fts_update AFTER UPDATE OF
        title, search_text, status, shareable, employer_id, occupation_id
        ON employers_jobopening
    BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        {PUBLIC_ROW}
    END""",
    f"""CREATE TRIGGER employers_opening_fts_delete AFTER DELETE ON employers_jobopening
    BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER employers_employer_fts_rename AFTER UPDATE OF search_text
        ON employers_employer WHEN new.search_text IS NOT old.search_text
    BEGIN
        UPDATE {TABLE} SET employer = new.search_text
        WHERE rowid IN (SELECT id FROM employers_jobopening WHERE employer_id = new.id);
    END""",
    # The openings already there.
    f"""INSERT INTO {TABLE} (rowid, title, search_text, employer, occupation)
    SELECT j.id,
        replace(replace(replace(replace(replace(j.title, '''', ''), char(8216), ''),
            char(8217), ''), char(700), ''), char(96), ''),
        j.search_text,
        coalesce(e.search_text, ''),
        coalesce(o.title || ' occ' || replace(replace(o.code, '-', ''), '.', ''), '')
    FROM employers_jobopening j
    LEFT JOIN employers_employer e ON e.id = j.employer_id
    LEFT JOIN ips_occupation o ON o.code = j.occupation_id
    WHERE j.status = 'open' AND j.shareable""",
]
DROP = [
    "DROP TRIGGER IF EXISTS employers_employer_fts_rename",
    "DROP TRIGGER IF EXISTS employers_opening_fts_delete",
    "DROP TRIGGER IF EXISTS employers_opening_fts_update",
    "DROP TRIGGER IF EXISTS employers_opening_fts_insert",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in CREATE:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0007_search_text_trigram_index"),
        ("ips", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AddIndex(
            model_name="jobopening",
            index=models.Index(
                condition=models.Q(("shareable", True), ("status", "open")),
                fields=["latitude", "longitude", "status", "shareable"],
                name="public_opening_location",
            ),
        ),
    ]
