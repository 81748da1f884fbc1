"""PostgreSQL: trigram (pg_trgm) GIN indexes on the folded search columns, so a keyword
search (`search_text LIKE '%word%'`, ips.search) reads an index instead of scanning every
public opening (issue 21 item 1). SQLite has no trigram index: the same query scans there.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it."""

from django.db import migrations

INDEXES = [
    (
        "public_opening_search_trgm",
        "CREATE INDEX IF NOT EXISTS public_opening_search_trgm ON employers_jobopening "
        "USING gin (search_text gin_trgm_ops) WHERE status = 'open' AND shareable",
    ),
    (
        "employer_search_trgm",
        "CREATE INDEX IF NOT EXISTS employer_search_trgm ON employers_employer "
        "USING gin (search_text gin_trgm_ops)",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _, sql in INDEXES:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("employers", "0006_search_text")]

    operations = [migrations.RunPython(create, drop)]
