"""What a workspace record's inspect page leaves out: the columns the program keeps for
itself (row id, stale-copy counter, map point, folded search text, a form's submission
key). Staff read the record, not its machinery (issue 17 red-team: a seeker's page
listed "Latitude", "Search text" and "Idempotency key")."""

INTERNAL_FIELDS: tuple[str, ...] = (
    "id",
    "version",
    "latitude",
    "longitude",
    "geocode_source",
    "geocoded_at",
    "search_text",
    "idempotency_key",
)
