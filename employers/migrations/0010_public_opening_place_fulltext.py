"""The keyword search near a ZIP code through a text index ordered by place (issue 21
item 1: keyword + 10 miles at state scale).

SQLite only. A second FTS5 table over the public openings with the same four columns as
employers_public_opening_fts (0008), whose rowid is not the opening's id but its place
key: the 0.05-degree cell the opening lies in, then its id,

    ((CAST((latitude + 90) * 20 AS INTEGER) * 7201
      + CAST((longitude + 180) * 20 AS INTEGER)) << 32) | id

(employers.search.place_key; ids below 2**32). The index keeps its rows in rowid order,
so the openings of a latitude band of cells are one rowid range: a search near a ZIP reads
only the words' rows in the bounding box's bands (rowid BETWEEN) and keeps those in its
longitude cells (arithmetic on the rowid), instead of every opening holding the words
(25,691 for "cook" at state scale; 4,693 in the cells around 48226).

And an index on (id, latitude, longitude, status, shareable): the openings so found are
read through it (a few narrow entries) rather than through their wide table rows. The
listing names it in the query (employers.search.read_through_index), as SQLite's
planner would otherwise read the rows.

Openings without coordinates have no row (no distance search finds them). Kept in step
by triggers, as 0008's table, on every write path. Both are raw SQL: a later migration
that rebuilds employers_jobopening on SQLite drops triggers and this index with the old
table (tests/test_migrations_sqlite_objects.py fails then).
"""

from django.db import migrations

TABLE = "employers_public_opening_place_fts"
INDEX = "public_opening_point"


def key(row: str) -> str:
    return (
        f"(((CAST(({row}.latitude + 90) * 20 AS INTEGER) * 7201"
        f" + CAST(({row}.longitude + 180) * 20 AS INTEGER)) << 32) | {row}.id)"
    )


PLACED_ROW = f"""
    INSERT INTO {TABLE} (rowid, title, search_text, employer, occupation)
    SELECT {key("new")},
        replace(replace(replace(replace(replace(new.title, '''', ''), char(8216), ''),
            char(8217), ''), char(700), ''), char(96), ''),
        new.search_text,
        coalesce((SELECT e.search_text FROM employers_employer e WHERE e.id = new.employer_id), ''),
        coalesce((SELECT o.title || ' occ' || replace(replace(o.code, '-', ''), '.', '')
                  FROM ips_occupation o WHERE o.code = new.occupation_id), '')
    WHERE new.status = 'open' AND new.shareable
        AND new.latitude IS NOT NULL AND new.longitude IS NOT NULL;
"""
# A row whose coordinates are missing has a NULL key: the DELETE then matches nothing.
REMOVE_OLD = f"DELETE FROM {TABLE} WHERE rowid = {key('old')};"

CREATE = [
    f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        title, search_text, employer, occupation,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    f"""CREATE TRIGGER employers_opening_place_fts_insert AFTER INSERT ON employers_jobopening
    BEGIN {PLACED_ROW} END""",
    f"""CREATE TRIGGER employers_opening_place_fts_update AFTER UPDATE OF
        title, search_text, status, shareable, employer_id, occupation_id, latitude, longitude
        ON employers_jobopening
    BEGIN
        {REMOVE_OLD}
        {PLACED_ROW}
    END""",
    f"""CREATE TRIGGER employers_opening_place_fts_delete AFTER DELETE ON employers_jobopening
    BEGIN {REMOVE_OLD} END""",
    f"""CREATE TRIGGER employers_employer_place_fts_rename AFTER UPDATE OF search_text
        ON employers_employer WHEN new.search_text IS NOT old.search_text
    BEGIN
        UPDATE {TABLE} SET employer = new.search_text
        WHERE rowid IN (SELECT {key("j")} FROM employers_jobopening j
                        WHERE j.employer_id = new.id AND j.latitude IS NOT NULL
                            AND j.longitude IS NOT NULL);
    END""",
    # The openings already there.
    f"""INSERT INTO {TABLE} (rowid, title, search_text, employer, occupation)
    SELECT {key("j")},
        replace(replace(replace(replace(replace(j.title, '''', ''), char(8216), ''),
            char(8217), ''), char(700), ''), char(96), ''),
        j.search_text,
        coalesce(e.search_text, ''),
        coalesce(o.title || ' occ' || replace(replace(o.code, '-', ''), '.', ''), '')
    FROM employers_jobopening j
    LEFT JOIN employers_employer e ON e.id = j.employer_id
    LEFT JOIN ips_occupation o ON o.code = j.occupation_id
    WHERE j.status = 'open' AND j.shareable
        AND j.latitude IS NOT NULL AND j.longitude IS NOT NULL""",
    f"""CREATE INDEX {INDEX} ON employers_jobopening
        (id, latitude, longitude, status, shareable)""",
]
DROP = [
    f"DROP INDEX IF EXISTS {INDEX}",
    "DROP TRIGGER IF EXISTS employers_employer_place_fts_rename",
    "DROP TRIGGER IF EXISTS employers_opening_place_fts_delete",
    "DROP TRIGGER IF EXISTS employers_opening_place_fts_update",
    "DROP TRIGGER IF EXISTS employers_opening_place_fts_insert",
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
        ("employers", "0009_public_opening_updated"),
    ]

    operations = [migrations.RunPython(create, drop)]
