"""The public keyword search's text indexes, SQLite only (issue 21 item 1).

1. The kind of work's code tokens (`occ<code digits>`, asked for when a word is part of a
   plain title of that kind of work) move from the `occupation` column of 0008's table to
   a column of their own, `codes`, which typed words never search: "occ" or "occ35" typed
   in the public search found every opening with a kind of work (a red-team finding).
   The table is made again with the new column and filled from the openings.

2. The keyword search near a ZIP code (keyword + 10 miles at state scale): a second FTS5
   table with the same columns whose rowid is not the opening's id but its place key:
   the 0.05-degree cell the opening lies in, then its id,

       ((CAST((latitude + 90) * 20 AS INTEGER) * 7201
         + CAST((longitude + 180) * 20 AS INTEGER)) << 32) | id

   (employers.search.place_key; ids below 2**32). The index keeps its rows in rowid order,
   so the openings of a latitude band of cells are one rowid range: a search near a ZIP
   reads only the words' rows in the bounding box's bands (rowid BETWEEN) and keeps those
   in its longitude cells (arithmetic on the rowid), instead of every opening holding the
   words (25,691 for "cook" at state scale; 4,693 in the cells around 48226). Openings
   without coordinates have no row (no distance search finds them).

3. An index on (id, latitude, longitude, status, shareable): the openings so found are
   read through it (a few narrow entries) rather than through their wide table rows. The
   listing names it in the query (employers.search.read_through_index), as SQLite's
   planner would otherwise read the rows.

Both tables are kept in step by triggers on every write path (`save()`, `bulk_create()`,
`QuerySet.update()`, `bulk_update()`, deletes and cascades, an employer renamed). All of
it is raw SQL: a later migration that rebuilds employers_jobopening or employers_employer
on SQLite drops the triggers and this index with the old table
(tests/cms/test_openings_near_words.py fails then). PostgreSQL needs none of it.
"""

from importlib import import_module

from django.db import migrations

TEXT_TABLE = "employers_public_opening_fts"  # 0008's, made again with `codes`
PLACE_TABLE = "employers_public_opening_place_fts"
INDEX = "public_opening_point"
COLUMNS = "title, search_text, employer, occupation, codes"
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"


def place_key(row: str) -> str:
    return (
        f"(((CAST(({row}.latitude + 90) * 20 AS INTEGER) * 7201"
        f" + CAST(({row}.longitude + 180) * 20 AS INTEGER)) << 32) | {row}.id)"
    )


def text_key(row: str) -> str:
    return f"{row}.id"


def _title(row: str) -> str:
    return (
        f"replace(replace(replace(replace(replace({row}.title, '''', ''), char(8216), ''),"
        " char(8217), ''), char(700), ''), char(96), '')"
    )


CODE_TOKEN = "'occ' || replace(replace(o.code, '-', ''), '.', '')"


def _public(row: str, placed: bool) -> str:
    where = f"{row}.status = 'open' AND {row}.shareable"
    if placed:
        where += f" AND {row}.latitude IS NOT NULL AND {row}.longitude IS NOT NULL"
    return where


def _sources(row: str, folded: bool) -> tuple[str, str]:
    """(title, employer column) copied into the table: 0010's own, the title with its
    apostrophes removed and the employer's search_text; with `folded` (0011), the
    opening's folded title and the employer's folded name."""
    if folded:
        return f"{row}.folded_title", "folded_name"
    return _title(row), "search_text"


def triggers(table: str, key, prefix: str, placed: bool, folded: bool = False) -> list[str]:
    """The triggers keeping `table` in step (`folded`: as `_sources`)."""
    title, employer = _sources("new", folded)
    new_row = f"""
        INSERT INTO {table} (rowid, {COLUMNS})
        SELECT {key("new")}, {title}, new.search_text,
            coalesce((SELECT e.{employer} FROM employers_employer e
                      WHERE e.id = new.employer_id), ''),
            coalesce((SELECT o.title FROM ips_occupation o WHERE o.code = new.occupation_id), ''),
            coalesce((SELECT {CODE_TOKEN} FROM ips_occupation o
                      WHERE o.code = new.occupation_id), '')
        WHERE {_public("new", placed)};"""
    # A row without coordinates has a NULL place key: the DELETE then matches nothing.
    remove_old = f"DELETE FROM {table} WHERE rowid = {key('old')};"
    moved = ", latitude, longitude" if placed else ""
    moved += ", folded_title" if folded else ""
    return [
        f"""CREATE TRIGGER employers_opening_{prefix}_insert AFTER INSERT ON employers_jobopening
        BEGIN {new_row} END""",
        f"""CREATE TRIGGER employers_opening_{prefix}_update AFTER UPDATE OF
            title, search_text, status, shareable, employer_id, occupation_id{moved}
            ON employers_jobopening
        BEGIN {remove_old} {new_row} END""",
        f"""CREATE TRIGGER employers_opening_{prefix}_delete AFTER DELETE ON employers_jobopening
        BEGIN {remove_old} END""",
        f"""CREATE TRIGGER employers_employer_{prefix}_rename AFTER UPDATE OF {employer}
            ON employers_employer WHEN new.{employer} IS NOT old.{employer}
        BEGIN
            UPDATE {table} SET employer = new.{employer}
            WHERE rowid IN (SELECT {key("j")} FROM employers_jobopening j
                            WHERE j.employer_id = new.id AND {_public("j", placed)});
        END""",
    ]


def filled(table: str, key, placed: bool, folded: bool = False) -> str:
    """The statement copying the public openings already there into `table`."""
    title, employer = _sources("j", folded)
    return f"""INSERT INTO {table} (rowid, {COLUMNS})
        SELECT {key("j")}, {title}, j.search_text, coalesce(e.{employer}, ''),
            coalesce(o.title, ''), coalesce({CODE_TOKEN}, '')
        FROM employers_jobopening j
        LEFT JOIN employers_employer e ON e.id = j.employer_id
        LEFT JOIN ips_occupation o ON o.code = j.occupation_id
        WHERE {_public("j", placed)}"""


def objects(table: str, key, prefix: str, placed: bool) -> list[str]:
    """The table, its triggers and its first rows: `key(row)` is a row's rowid."""
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({COLUMNS}, {TOKENIZE})",
        *triggers(table, key, prefix, placed),
        filled(table, key, placed),  # the openings already there
    ]


def dropped(table: str, prefix: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS employers_employer_{prefix}_rename",
        f"DROP TRIGGER IF EXISTS employers_opening_{prefix}_delete",
        f"DROP TRIGGER IF EXISTS employers_opening_{prefix}_update",
        f"DROP TRIGGER IF EXISTS employers_opening_{prefix}_insert",
        f"DROP TABLE IF EXISTS {table}",
    ]


CREATE = [
    *dropped(TEXT_TABLE, "fts"),  # 0008's table, without `codes`
    *objects(TEXT_TABLE, text_key, "fts", placed=False),
    *objects(PLACE_TABLE, place_key, "place_fts", placed=True),
    f"CREATE INDEX {INDEX} ON employers_jobopening (id, latitude, longitude, status, shareable)",
]
DROP = [
    f"DROP INDEX IF EXISTS {INDEX}",
    *dropped(PLACE_TABLE, "place_fts"),
    *dropped(TEXT_TABLE, "fts"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in CREATE:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    """Back to 0008's table (its code tokens in `occupation`), made and filled again."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP:
        schema_editor.execute(sql)
    earlier = import_module("employers.migrations.0008_public_opening_fulltext")
    for sql in earlier.CREATE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0009_public_opening_updated"),
    ]

    operations = [migrations.RunPython(create, drop)]
