"""The public openings' keyword search through a text index, on each engine (issue 21 item 1).

Words are folded by ips.search.fold (case, accents, apostrophes), as everywhere. An opening
is found when every word is in its title or description, its employer's name (its
`folded_name`: never the industry or the agency's reference, which no public page shows;
employers 0011) or its kind of work (or is part of a plain title of that kind of work,
given as `codes`):

- SQLite: the FTS5 table of the public openings (employers 0008, made again in 0010 with
  the kind of work's code tokens in a column of their own; kept by triggers), each word a
  prefix ("coo" finds cook), ranked by bm25 with the title weighted TITLE_WEIGHT times the
  other columns. Near a ZIP code, 0010's second table, ordered by place
  (`_sqlite_near_keywords`).
- PostgreSQL: each word a substring of the folded columns (`LIKE '%word%'`), answered as a
  UNION of id lists, one per column, so each part reads its trigram GIN index (employers
  0007, 0011) instead of an OR across joined tables that no index serves; ranked title
  matches first, then by where the word first appears in the folded title-then-description
  (`_postgres_word_rank`). Near a ZIP code, the words are
  row conditions on the openings read from the bounding box's index
  (`_postgres_near_keywords`).

Either way the queryset comes back annotated with `keyword_rank`, smaller first. Ranking
reads every match, so on SQLite a search matching more openings than a listing can show
is ordered by `title_first_ids` instead, which reads only the rows a page needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection
from django.db.models import Case, QuerySet, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Least, StrIndex

from employers.models import JobOpening

FTS_TABLE = "employers_public_opening_fts"  # employers migrations 0008 and 0010
# The same index ordered by place (employers migration 0010):
# its rowid is place_key(latitude, longitude, id).
PLACE_FTS_TABLE = "employers_public_opening_place_fts"
PLACE_INDEX = "public_opening_point"  # (id, latitude, longitude, status, shareable), 0010
CELLS_PER_DEGREE = 20  # 0.05-degree cells
LONGITUDE_CELLS = 360 * CELLS_PER_DEGREE + 1  # 7201: a latitude band's cells, -180 to 180
ID_BITS = 32  # the opening's id in the key's low bits (ids below 2**32)
TIER_STEP = 1000  # SQLite: a rank's tier sum times this, plus bm25 (never below -1000)
NOT_IN_TEXT_TIER = 10  # SQLite: a word found only in the employer's name or kind of work
TITLE_WEIGHT = 10.0  # bm25 weight of the title; search_text, employer, occupation 1, codes 0
# PostgreSQL ranks, per word, summed over at most 8 words (ips.search.MAX_WORDS): the place
# a word is found at, cut at POSITION_CAP, so the tiers stay apart (8 x 999 < 10,000 and
# 8 x 10,999 < 100,000): more words in the title first, then more words in the text.
POSITION_CAP = 999
DESCRIPTION_RANK = 10_000  # added for a word found in the description only
NOT_FOUND_RANK = 100_000  # a word found only in the employer's name or kind of work


def occupation_token(code: str) -> str:
    """The token the FTS5 table holds for an O*NET code: "35-2014.00" -> "occ35201400"."""
    return "occ" + code.replace("-", "").replace(".", "")


# The columns a typed word is looked for in: never `codes`, whose tokens ("occ35201400")
# a word such as "occ" would otherwise find (employers 0010).
WORD_COLUMNS = "{title search_text employer occupation}"


def fts_query(words: Sequence[str], codes: Mapping[str, Sequence[str]]) -> str:
    """The FTS5 MATCH expression: every folded word as a prefix in the text columns, or
    one of its plain-title codes' tokens in the `codes` column.

    >>> fts_query(["cook", "cafe"], {"cook": ["35-2014.00"]})
    '({title search_text employer occupation} : "cook"* OR codes : ("occ35201400")) AND ({title search_text employer occupation} : "cafe"*)'
    """  # noqa: E501
    terms = []
    for word in words:
        # Folded words hold letters and digits only (ips.search.fold).
        term = f'{WORD_COLUMNS} : "{word}"*'
        tokens = " OR ".join(f'"{occupation_token(code)}"' for code in codes.get(word, ()))
        if tokens:
            term += f" OR codes : ({tokens})"
        terms.append(f"({term})")
    return " AND ".join(terms)


def title_query(words: Sequence[str]) -> str:
    """The FTS5 expression for every folded word as a prefix in the title column.

    >>> title_query(["cook", "cafe"])
    'title : ("cook"*) AND title : ("cafe"*)'
    """
    return " AND ".join(f'title : ("{word}"*)' for word in words)


def place_cell(latitude: float, longitude: float) -> tuple[int, int]:
    """(latitude band, longitude cell) of a point in degrees: 0.05-degree steps from -90
    and -180, computed as migration 0010's triggers do (the same double arithmetic, cut
    towards zero), so a point in a box lies in the box corners' bands and cells."""
    return int((latitude + 90) * CELLS_PER_DEGREE), int((longitude + 180) * CELLS_PER_DEGREE)


def place_key(latitude: float, longitude: float, opening_id: int) -> int:
    """The rowid of an opening in PLACE_FTS_TABLE: its cell, then its id (below 2**32)."""
    band, cell = place_cell(latitude, longitude)
    return ((band * LONGITUDE_CELLS + cell) << ID_BITS) | opening_id


def _sqlite_near_keywords(queryset: QuerySet, words, codes, box) -> QuerySet:
    """SQLite. Openings of `queryset` holding every word (as `_sqlite_keywords`) whose place
    key lies in the cells of `box` (min_lat, max_lat, min_lon, max_lon): one rowid range
    of PLACE_FTS_TABLE from the first band's first cell to the last band's last, the
    cells outside the box's longitudes dropped by the key's arithmetic. A superset of the
    box's openings holding the words: the listing keeps its own box and distance filters.
    Written without a unary +, so the query can be driven from this list (see
    `read_through_index`)."""
    min_lat, max_lat, min_lon, max_lon = box
    first_band, first_cell = place_cell(min_lat, min_lon)
    last_band, last_cell = place_cell(max_lat, max_lon)
    low = (first_band * LONGITUDE_CELLS + first_cell) << ID_BITS
    high = ((last_band * LONGITUDE_CELLS + last_cell) << ID_BITS) | ((1 << ID_BITS) - 1)
    table = connection.ops.quote_name(PLACE_FTS_TABLE)
    opening = connection.ops.quote_name(JobOpening._meta.db_table)
    return queryset.extra(
        where=[
            f"{opening}.id IN (SELECT rowid & {(1 << ID_BITS) - 1} FROM {table}"
            f" WHERE {table} MATCH %s AND rowid BETWEEN %s AND %s"
            f" AND ((rowid >> {ID_BITS}) %% {LONGITUDE_CELLS}) BETWEEN %s AND %s)"
        ],
        params=[fts_query(words, codes), low, high, first_cell, last_cell],
    )


def read_through_index(queryset: QuerySet) -> list[tuple]:
    """SQLite. The rows of `queryset` (a values_list) read with the openings table named
    through PLACE_INDEX (`INDEXED BY`): for a queryset filtered by `with_keywords(...,
    near=...)`, whose openings are found by id, each is then read from the index's narrow
    entry instead of its table row (keyword + 10 miles at state scale: 10.1 -> 7.2 ms).
    Raises NotImplementedError on another engine, and sqlite3.OperationalError ("no query
    solution") for a queryset the index cannot serve."""
    if connection.vendor != "sqlite":
        raise NotImplementedError("read_through_index names an index of SQLite's")
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(JobOpening._meta.db_table)
    base = f"FROM {table} "
    if base not in sql:
        raise ValueError("not a query of the openings table")
    hinted = sql.replace(base, f"FROM {table} INDEXED BY {PLACE_INDEX} ", 1)
    with connection.cursor() as cursor:
        cursor.execute(hinted, params)
        return list(cursor.fetchall())


def title_first_ids(
    queryset: QuerySet[JobOpening],
    words: Sequence[str],
    codes: Mapping[str, Sequence[str]],
    offset: int,
    limit: int,
) -> list[int]:
    """SQLite only. Ids of `queryset`'s openings (filtered by `with_keywords` with the same
    `words` and `codes`, and any other filters) at positions offset .. offset+limit-1 of
    this order: every word in the title first, then the others; newest added (highest id)
    first within each. Each part is read from the FTS5 index in rowid order and stops
    after offset+limit rows, so the cost follows the page's depth, not the number of
    matches (bm25 reads them all: 17 ms over 25,000 at state scale). One query."""
    if connection.vendor != "sqlite":
        raise NotImplementedError("title_first_ids reads SQLite's FTS5 table")
    table = connection.ops.quote_name(FTS_TABLE)
    in_title = title_query(words)
    parts: list[str] = []
    params: list[Any] = []
    for tier, expression in enumerate((in_title, f"({fts_query(words, codes)}) NOT ({in_title})")):
        part = (
            queryset.extra(where=[f"{table} MATCH %s"], params=[expression])
            .order_by()
            .extra(order_by=[f"-{FTS_TABLE}.rowid"])
            .values_list("pk", flat=True)[: offset + limit]
        )
        sql, part_params = part.query.sql_with_params()
        parts.append(f"SELECT pk, {tier} AS tier FROM ({sql})")
        params.extend(part_params)
    sql = f"SELECT pk FROM ({' UNION ALL '.join(parts)}) ORDER BY tier, pk DESC LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _sqlite_keywords(queryset: QuerySet, words, codes, ranked: bool) -> QuerySet:
    table = connection.ops.quote_name(FTS_TABLE)
    opening = connection.ops.quote_name(JobOpening._meta.db_table)
    if not ranked:
        # The matches' ids read once into a list each row is looked up in; the unary + keeps
        # SQLite from driving the query by that list, so another index (the radius's
        # bounding box) can: 12 -> 10 ms near 48226 at state scale, against a join.
        return queryset.extra(
            where=[f"+{opening}.id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"],
            params=[fts_query(words, codes)],
        )
    tiers, tier_params = _sqlite_tiers(words)
    return queryset.extra(
        # Tiers first (`_sqlite_tiers`), then bm25 within a tier. The codes column weighs
        # nothing, so an opening found only through a plain title scores 0, read as 1:
        # after every opening of its tier holding the words in its own text (whose scores
        # are below 0 however common the word: FTS5 keeps idf above 0).
        select={
            "keyword_rank": f"({tiers}) * {TIER_STEP} + COALESCE(NULLIF(bm25({table},"
            f" {TITLE_WEIGHT}, 1.0, 1.0, 1.0, 0.0), 0), 1)"
        },
        select_params=tier_params,
        tables=[FTS_TABLE],
        where=[f"{table}.rowid = {opening}.id", f"{table} MATCH %s"],
        params=[fts_query(words, codes)],
    )


def _sqlite_tiers(words: Sequence[str]) -> tuple[str, list[str]]:
    """SQLite. The sum over the words of each word's tier, as PostgreSQL ranks
    (`_postgres_word_rank`): 0 in the folded title, 1 in the description only,
    NOT_IN_TEXT_TIER only in the employer's name or the kind of work. bm25 alone let a
    description repeating the word, or a short employer name holding it, outrank a
    title holding it once (red-team findings). Each word's title and own-text rows are
    read once into a list (the ranked listing runs only below the count's bound)."""
    table = connection.ops.quote_name(FTS_TABLE)
    parts: list[str] = []
    params: list[str] = []
    for word in words:
        parts.append(
            f"CASE WHEN {table}.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
            f" THEN 0 WHEN {table}.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
            f" THEN 1 ELSE {NOT_IN_TEXT_TIER} END"
        )
        params.extend([f'title : "{word}"*', f'search_text : "{word}"*'])
    return " + ".join(parts), params


# One id list per column, each answerable from its own index (the first branch's
# conditions are those of the partial trigram index public_opening_search_trgm).
_POSTGRES_BRANCHES = (
    "SELECT id FROM employers_jobopening"
    " WHERE status = 'open' AND shareable AND search_text LIKE %s",
    "SELECT j.id FROM employers_jobopening j WHERE j.employer_id IN"
    " (SELECT e.id FROM employers_employer e WHERE e.folded_name LIKE %s)",
    "SELECT j.id FROM employers_jobopening j WHERE j.occupation_id IN"
    " (SELECT o.code FROM ips_occupation o WHERE UPPER(o.title) LIKE UPPER(%s))",
)

_POSTGRES_CODES = "SELECT j.id FROM employers_jobopening j WHERE j.occupation_id = ANY(%s)"


def _postgres_keywords(queryset: QuerySet, words, codes, ranked: bool) -> QuerySet:
    rank: Expression = Value(0)
    for word in words:
        like = f"%{word}%"  # no LIKE wildcard survives folding: letters and digits only
        branches = list(_POSTGRES_BRANCHES)
        params: list[object] = [like, like, like]
        if codes.get(word):
            branches.append(_POSTGRES_CODES)
            params.append(list(codes[word]))
        queryset = queryset.filter(id__in=RawSQL(" UNION ".join(branches), params))
        rank = rank + _postgres_word_rank(word)
    return queryset.annotate(keyword_rank=rank) if ranked else queryset


def _postgres_word_rank(word: str) -> Expression:
    """PostgreSQL. One word's rank, smaller first: where it first appears in the folded
    title (`folded_title`); else DESCRIPTION_RANK plus where it first appears in the folded
    title-then-description; NOT_FOUND_RANK when only the employer's name or the kind of
    work holds it. Places are cut at POSITION_CAP, so however long the description, the
    sum over the words orders by tier first, as SQLite's `_sqlite_tiers` (red-team
    findings: "sommelier" at the end of a long title ranked after it at the start of a
    description; a title of "*** Busser ***" looked like a title match; eight words deep
    in a 26,000-character description ranked after a word found only in an employer's
    name)."""
    return Case(
        When(
            folded_title__contains=word,
            then=Least(StrIndex("folded_title", Value(word)), Value(POSITION_CAP)),
        ),
        When(
            search_text__contains=word,
            then=Least(StrIndex("search_text", Value(word)), Value(POSITION_CAP))
            + Value(DESCRIPTION_RANK),
        ),
        default=Value(NOT_FOUND_RANK),
    )


def _postgres_word_condition(word: str, codes: Mapping[str, Sequence[str]]) -> tuple[str, list]:
    """One word as a row condition on employers_jobopening: the same four id lists as
    `_postgres_keywords`'s UNION (the first one's status and shareable are the public
    queryset's own), ORed, so the planner can walk another index and check each row."""
    opening = connection.ops.quote_name(JobOpening._meta.db_table)
    like = f"%{word}%"
    parts = [
        f"{opening}.search_text LIKE %s",
        f"{opening}.employer_id IN"
        " (SELECT e.id FROM employers_employer e WHERE e.folded_name LIKE %s)",
        f"{opening}.occupation_id IN"
        " (SELECT o.code FROM ips_occupation o WHERE UPPER(o.title) LIKE UPPER(%s))",
    ]
    params: list = [like, like, like]
    if codes.get(word):
        parts.append(f"{opening}.occupation_id = ANY(%s)")
        params.append(list(codes[word]))
    return "(" + " OR ".join(parts) + ")", params


def _postgres_in_title(words: Sequence[str]) -> tuple[str, list]:
    """Every word in the folded title (`folded_title`, employers 0011). The LIKE on
    search_text (which holds the folded title first) repeats it so that the planner may
    read the trigram index of the public openings."""
    opening = connection.ops.quote_name(JobOpening._meta.db_table)
    conditions: list[str] = []
    params: list = []
    for word in words:
        conditions.append(f"{opening}.search_text LIKE %s AND {opening}.folded_title LIKE %s")
        params.extend([f"%{word}%", f"%{word}%"])
    return "(" + " AND ".join(conditions) + ")", params


def newest_title_first_ids(
    unworded: QuerySet[JobOpening],
    words: Sequence[str],
    codes: Mapping[str, Sequence[str]],
    offset: int,
    limit: int,
) -> list[int]:
    """PostgreSQL's `title_first_ids`. Ids of the openings of `unworded` (the listing's
    queryset with every filter but the words) holding every word as `with_keywords` finds
    them, at positions offset .. offset+limit-1 of this order: every word in the title
    first, then the others; newest first (the listing's order) within each.

    Each tier is read newest first (the public_opening_listing index, or for the title
    tier the trigram index when the planner finds that cheaper) and stops after
    offset+limit rows; the second tier is not read at all when the first fills the page.
    Used only when more match than the listing shows, so the walk stops early and the
    cost follows the page's depth; ranking reads every match (242 ms over 25,691 for
    "cook" at state scale). One query."""
    if connection.vendor != "postgresql":
        raise NotImplementedError("PostgreSQL only; SQLite has title_first_ids")
    in_title, title_params = _postgres_in_title(words)
    found = [_postgres_word_condition(word, codes) for word in words]
    found_sql = [sql for sql, _ in found]
    found_params = [p for _, params in found for p in params]
    order = ("-posted_on", "-created_at", "-id")
    first = (
        unworded.extra(where=[in_title], params=title_params)
        .order_by(*order)
        .values_list("pk", "posted_on", "created_at")[: offset + limit]
    )
    others = (
        unworded.extra(where=[*found_sql, f"NOT {in_title}"], params=found_params + title_params)
        .order_by(*order)
        .values_list("pk", "posted_on", "created_at")
    )
    first_sql, first_params = first.query.sql_with_params()
    others_sql, others_params = others.query.sql_with_params()
    sql = (
        f"WITH in_title AS MATERIALIZED ({first_sql})"
        " SELECT * FROM ("
        " SELECT *, 0 AS tier FROM in_title UNION ALL"
        f" SELECT *, 1 AS tier FROM ({others_sql}"
        # A LIMIT of 0 ends the second tier before it reads a row.
        " LIMIT GREATEST(%s - (SELECT COUNT(*) FROM in_title), 0)) AS others"
        # Columns 2, 3, 1: posted_on, created_at, id, newest first as the listing.
        ") AS tiers ORDER BY tier, 2 DESC, 3 DESC, 1 DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first_params, *others_params, offset + limit, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def bounded_match_count(
    worded: QuerySet[JobOpening],
    unworded: QuerySet[JobOpening],
    words: Sequence[str],
    bound: int,
) -> int:
    """PostgreSQL. The number of openings of `worded` (`unworded` filtered by
    `with_keywords`), at most `bound` + 1, in one query. Three subsets of the matches are
    counted first, each from its own index and stopping at `bound` + 1: the openings
    holding every word in their own folded text, those whose employer's folded name holds
    every word, and those whose kind of work's title does. When one of them holds more
    than `bound`, so do the matches, and the full count, which first hashes every match of
    every id list (47 ms for "kowalski", a word of 12,000 openings' employers at state
    scale), is not run; PostgreSQL runs each count only when the CASE reaches it."""
    opening = connection.ops.quote_name(JobOpening._meta.db_table)
    likes = [f"%{word}%" for word in words]
    own_text = unworded.extra(where=[f"{opening}.search_text LIKE %s" for _ in words], params=likes)
    employer_text = " AND ".join("e.folded_name LIKE %s" for _ in words)
    by_employer = unworded.extra(
        where=[
            f"{opening}.employer_id IN (SELECT e.id FROM employers_employer e"
            f" WHERE {employer_text})"
        ],
        params=likes,
    )
    occupation_text = " AND ".join("UPPER(o.title) LIKE UPPER(%s)" for _ in words)
    by_occupation = unworded.extra(
        where=[
            f"{opening}.occupation_id IN (SELECT o.code FROM ips_occupation o"
            f" WHERE {occupation_text})"
        ],
        params=likes,
    )
    parts = [
        queryset.order_by().values("pk")[: bound + 1].query.sql_with_params()
        for queryset in (own_text, by_employer, by_occupation, worded)
    ]
    subsets = " ".join(
        f"WHEN (SELECT COUNT(*) FROM ({sql}) AS subset) > %s THEN %s" for sql, _ in parts[:-1]
    )
    every_sql, every_params = parts[-1]
    sql = f"SELECT CASE {subsets} ELSE (SELECT COUNT(*) FROM ({every_sql}) AS every) END"
    params: list = []
    for _, subset_params in parts[:-1]:
        params += [*subset_params, bound, bound + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *every_params])
        return int(cursor.fetchone()[0])


def with_keywords(
    queryset: QuerySet[JobOpening],
    words: Sequence[str],
    codes: Mapping[str, Sequence[str]],
    *,
    ranked: bool = True,
    near: tuple[float, float, float, float] | None = None,
) -> QuerySet[JobOpening]:
    """Public openings of `queryset` holding every folded word of `words` (at least one),
    annotated with `keyword_rank` (smaller is more relevant) unless `ranked` is False (a
    listing ordered otherwise, e.g. by distance, which then need not read the ranks).
    `codes` maps a word to the O*NET codes whose plain titles contain it. `near`, the
    bounding box (min_lat, max_lat, min_lon, max_lon, degrees) of a distance search that
    filters the openings to it anyway: on SQLite the words are then read from the index
    ordered by place, for the box's cells only; on PostgreSQL they are checked on the
    box's rows (never ranked; openings without coordinates are not found). Raises
    ValueError for no words, or for `near` with `ranked`."""
    if not words:
        raise ValueError("a keyword search needs at least one word")
    if near is not None and ranked:
        raise ValueError("a search near a place is ordered by distance, not ranked")
    if connection.vendor == "sqlite":
        if near is not None:
            return _sqlite_near_keywords(queryset, words, codes, near)
        return _sqlite_keywords(queryset, words, codes, ranked)
    if near is not None:
        return _postgres_near_keywords(queryset, words, codes)
    return _postgres_keywords(queryset, words, codes, ranked)


def _postgres_near_keywords(queryset: QuerySet, words, codes) -> QuerySet:
    """PostgreSQL, near a ZIP. Each word as a row condition (`_postgres_word_condition`),
    checked on the rows the listing reads from its bounding box's index: the cost follows
    the openings near the ZIP, as the same search without words does, not the word's
    matches statewide, which the UNION of id lists would read and hash first ("cook"
    within 10 miles of 48226 at state scale: the 25,691 matches hashed twice, count and
    page 28 + 27 ms; the box's 13,240 rows checked, 5 + 16 ms)."""
    for word in words:
        sql, params = _postgres_word_condition(word, codes)
        queryset = queryset.extra(where=[sql], params=params)
    return queryset
