"""The full-text index's tables and triggers, for SQLite (FTS5) and PostgreSQL (tsvector).

One row per person (`search_person`) and per organization (`search_organization`), rebuilt by
triggers from the rows they describe, so every write keeps them current, bulk inserts and
imports included. A person's row holds their name, title, organization, email, phone (as
typed, and as digits with its last 7-10 digits, so "020 7946 0958" finds "+44 20 7946 0958"),
tags, where we met and notes, their conversation notes and what they said (captures).

Both back ends fold case and accents: FTS5's `unicode61 remove_diacritics 2` tokenizer, and
PostgreSQL's `unaccent` through the IMMUTABLE `search_fold` (the text search configuration
is 'simple': names are not stemmed).
"""

from __future__ import annotations

# The person row's columns, in order, with their ranking weight (SQLite bm25; PostgreSQL maps
# them to the A-D weights below). `owner` only scopes (weight 0).
PERSON_COLUMNS = (
    "owner",
    "name",
    "title",
    "organization",
    "email",
    "phone",
    "tags",
    "about",
    "notes",
    "captures",
)
PERSON_WEIGHTS = (0.0, 10.0, 3.0, 4.0, 2.0, 2.0, 4.0, 1.0, 1.0, 1.0)
PG_PERSON_WEIGHTS = {
    "name": "A",
    "organization": "B",
    "tags": "B",
    "title": "B",
    "email": "C",
    "phone": "C",
    "about": "D",
    "notes": "D",
    "captures": "D",
}
ORGANIZATION_COLUMNS = ("owner", "name", "industry", "location", "notes")
ORGANIZATION_WEIGHTS = (0.0, 10.0, 2.0, 2.0, 1.0)
PG_ORGANIZATION_WEIGHTS = {"name": "A", "industry": "B", "location": "B", "notes": "D"}


def _person_select(vendor: str, where: str, *, fresh: bool = False) -> str:
    """SELECT of the person rows' search columns (`where` picks which people). `fresh`: people
    just inserted, who have no tags, notes or captures yet (a bulk import's rows stay cheap)."""
    if vendor == "sqlite":
        digits = "p.phone"
        for char in " -()+./":
            digits = f"replace({digits}, '{char}', '')"
        phone = (
            f"p.phone || ' ' || {digits} || ' ' || substr({digits}, -10) || ' ' "
            f"|| substr({digits}, -9) || ' ' || substr({digits}, -8) || ' ' "
            f"|| substr({digits}, -7)"
        )
        owner, agg = "'o' || p.owner_id", "group_concat"
    else:
        digits = r"regexp_replace(p.phone, '\D', '', 'g')"
        phone = (
            f"p.phone || ' ' || {digits} || ' ' || right({digits}, 10) || ' ' "
            f"|| right({digits}, 9) || ' ' || right({digits}, 8) || ' ' "
            f"|| right({digits}, 7)"
        )
        owner, agg = "p.owner_id", "string_agg"
    if fresh:
        return f"""
SELECT p.id, {owner}, p.full_name, p.title, coalesce(o.name, ''), p.email, {phone}, '',
  p.met_at || ' ' || p.notes, '', ''
FROM network_person p LEFT JOIN network_organization o ON o.id = p.organization_id
WHERE {where}"""
    return f"""
SELECT p.id, {owner}, p.full_name, p.title, coalesce(o.name, ''), p.email, {phone},
  coalesce((SELECT {agg}(t.name, ' ') FROM network_tag t
            JOIN network_person_tags pt ON pt.tag_id = t.id WHERE pt.person_id = p.id), ''),
  p.met_at || ' ' || p.notes,
  coalesce((SELECT {agg}(n.body, ' ') FROM conversations_note n WHERE n.person_id = p.id), ''),
  coalesce((SELECT {agg}(c.text, ' ') FROM prep_capture c
            JOIN conversations_conversation v ON v.id = c.conversation_id
            WHERE v.person_id = p.id), '')
FROM network_person p LEFT JOIN network_organization o ON o.id = p.organization_id
WHERE {where}"""


def _organization_select(vendor: str, where: str) -> str:
    owner = "'o' || g.owner_id" if vendor == "sqlite" else "g.owner_id"
    return f"""
SELECT g.id, {owner}, g.name, g.industry, g.location, g.notes
FROM network_organization g WHERE {where}"""


# (table watched, events, SQL expression of the person ids to refresh, for each row)
def _person_watches(vendor: str) -> list[tuple[str, str, str]]:
    return [
        ("network_person", "INSERT", "{row}.id"),
        ("network_person", "UPDATE", "{row}.id"),
        ("network_person_tags", "INSERT", "{row}.person_id"),
        ("network_person_tags", "DELETE", "{row}.person_id"),
        (
            "network_tag",
            "UPDATE",
            "(SELECT person_id FROM network_person_tags WHERE tag_id = {row}.id)",
        ),
        (
            "network_organization",
            "UPDATE",
            "(SELECT id FROM network_person WHERE organization_id = {row}.id)",
        ),
        ("conversations_note", "INSERT", "{row}.person_id"),
        ("conversations_note", "UPDATE", "{row}.person_id"),
        ("conversations_note", "DELETE", "{row}.person_id"),
        (
            "prep_capture",
            "INSERT",
            "(SELECT person_id FROM conversations_conversation WHERE id = {row}.conversation_id)",
        ),
        (
            "prep_capture",
            "UPDATE",
            "(SELECT person_id FROM conversations_conversation WHERE id = {row}.conversation_id)",
        ),
        (
            "prep_capture",
            "DELETE",
            "(SELECT person_id FROM conversations_conversation WHERE id = {row}.conversation_id)",
        ),
    ]


def _ids(expression: str, row: str) -> str:
    expression = expression.format(row=row)
    return expression if expression.startswith("(") else f"({expression})"


# SQLite -----------------------------------------------------------------------------------


def _sqlite_fts(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )


def sqlite_forward() -> list[str]:
    person_columns = ", ".join(PERSON_COLUMNS)
    organization_columns = ", ".join(ORGANIZATION_COLUMNS)
    statements = [
        _sqlite_fts("search_person", PERSON_COLUMNS),
        _sqlite_fts("search_organization", ORGANIZATION_COLUMNS),
    ]
    for n, (table, event, ids) in enumerate(_person_watches("sqlite")):
        row = "old" if event == "DELETE" else "new"
        fresh = (table, event) == ("network_person", "INSERT")
        # A new person's id was never used (AUTOINCREMENT): nothing of theirs to delete.
        delete = "" if fresh else f"DELETE FROM search_person WHERE rowid IN {_ids(ids, row)};"
        statements.append(f"""
CREATE TRIGGER search_person_{n} AFTER {event} ON {table} BEGIN
  {delete}
  INSERT INTO search_person (rowid, {person_columns})
  {_person_select("sqlite", f"p.id IN {_ids(ids, row)}", fresh=fresh)};
END""")
    statements.append("""
CREATE TRIGGER search_person_gone AFTER DELETE ON network_person BEGIN
  DELETE FROM search_person WHERE rowid = old.id;
END""")
    for event in ("INSERT", "UPDATE"):
        statements.append(f"""
CREATE TRIGGER search_organization_{event.lower()} AFTER {event} ON network_organization BEGIN
  DELETE FROM search_organization WHERE rowid = new.id;
  INSERT INTO search_organization (rowid, {organization_columns})
  {_organization_select("sqlite", "g.id = new.id")};
END""")
    statements.append("""
CREATE TRIGGER search_organization_gone AFTER DELETE ON network_organization BEGIN
  DELETE FROM search_organization WHERE rowid = old.id;
END""")
    return statements


def sqlite_backward() -> list[str]:
    names = [f"search_person_{n}" for n in range(len(_person_watches("sqlite")))]
    names += [
        "search_person_gone",
        "search_organization_insert",
        "search_organization_update",
        "search_organization_gone",
    ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names] + [
        "DROP TABLE IF EXISTS search_person",
        "DROP TABLE IF EXISTS search_organization",
    ]


def sqlite_rebuild() -> list[str]:
    return [
        "DELETE FROM search_person",
        f"INSERT INTO search_person (rowid, {', '.join(PERSON_COLUMNS)}) "
        + _person_select("sqlite", "1 = 1"),
        "DELETE FROM search_organization",
        f"INSERT INTO search_organization (rowid, {', '.join(ORGANIZATION_COLUMNS)}) "
        + _organization_select("sqlite", "1 = 1"),
        "INSERT INTO search_person (search_person) VALUES ('optimize')",
        "INSERT INTO search_organization (search_organization) VALUES ('optimize')",
    ]


# PostgreSQL -------------------------------------------------------------------------------


def _pg_document(weights: dict[str, str]) -> str:
    return " || ".join(
        # Punctuation splits words, as FTS5's tokenizer does ("near@example.org", "O'Brien").
        f"setweight(to_tsvector('simple', search_fold(regexp_replace(coalesce({column}, ''), "
        f"'[[:punct:]]+', ' ', 'g'))), '{weight}')"
        for column, weight in weights.items()
    )


def _pg_table(table: str, key: str, columns: tuple[str, ...], weights: dict[str, str]) -> str:
    text_columns = ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in columns[1:])
    return (
        f"CREATE TABLE {table} ({key} bigint PRIMARY KEY, owner_id bigint NOT NULL, "
        f"{text_columns}, document tsvector GENERATED ALWAYS AS ({_pg_document(weights)}) "
        "STORED)"
    )


def _pg_upsert(table: str, key: str, columns: tuple[str, ...], select: str) -> str:
    names = ", ".join((key, "owner_id", *columns[1:]))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in ("owner_id", *columns[1:]))
    return f"INSERT INTO {table} ({names}) {select} ON CONFLICT ({key}) DO UPDATE SET {updates}"


def _pg_array(expression: str, row: str) -> str:
    expression = expression.format(row=row)
    return f"ARRAY{expression}" if expression.startswith("(") else f"ARRAY[{expression}]"


# A bulk write (fulltext.indexed_at_end) sets this for its own transaction only (set_config's
# is_local): the per-row triggers of people, their tag links and organizations return at
# once, and the block indexes its people and organizations in a statement each at the end.
# Other sessions are untouched and nothing is locked. The triggers that remove a deleted
# person's or organization's index row keep working (a delete must never leave a stale hit).
PG_BULK_SETTING = "coffeechat.bulk_index"
PG_SKIP_IN_BULK = f"IF current_setting('{PG_BULK_SETTING}', true) = 'on' THEN RETURN NULL; END IF;"


def postgresql_forward() -> list[str]:
    statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        # unaccent() is only STABLE (its dictionary could change); the index needs IMMUTABLE.
        "CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
        "PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary,"
        " $1)) $$",
        _pg_table("search_person", "person_id", PERSON_COLUMNS, PG_PERSON_WEIGHTS),
        "CREATE INDEX search_person_document ON search_person USING gin (document)",
        "CREATE INDEX search_person_owner ON search_person (owner_id)",
        _pg_table(
            "search_organization", "organization_id", ORGANIZATION_COLUMNS, PG_ORGANIZATION_WEIGHTS
        ),
        "CREATE INDEX search_organization_document ON search_organization USING gin (document)",
        "CREATE INDEX search_organization_owner ON search_organization (owner_id)",
        "CREATE OR REPLACE FUNCTION search_refresh_people(ids bigint[]) RETURNS void "
        "LANGUAGE sql AS $$ "
        + _pg_upsert(
            "search_person",
            "person_id",
            PERSON_COLUMNS,
            _person_select("postgresql", "p.id = ANY(ids)"),
        )
        + " $$",
        "CREATE OR REPLACE FUNCTION search_person_new() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        + PG_SKIP_IN_BULK
        + " "
        + _pg_upsert(
            "search_person",
            "person_id",
            PERSON_COLUMNS,
            _person_select("postgresql", "p.id = NEW.id", fresh=True),
        )
        + "; RETURN NULL; END $$",
    ]
    for n, (table, event, ids) in enumerate(_person_watches("postgresql")):
        row = "OLD" if event == "DELETE" else "NEW"
        statements.append(f"""
CREATE OR REPLACE FUNCTION search_person_{n}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {PG_SKIP_IN_BULK}
  PERFORM search_refresh_people({_pg_array(ids, row)});
  RETURN NULL;
END $$""")
        function = (
            "search_person_new"
            if (table, event) == ("network_person", "INSERT")
            else f"search_person_{n}"
        )
        statements.append(
            f"CREATE TRIGGER search_person_{n} AFTER {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    statements += [
        """
CREATE OR REPLACE FUNCTION search_person_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM search_person WHERE person_id = OLD.id; RETURN NULL; END $$""",
        "CREATE TRIGGER search_person_gone AFTER DELETE ON network_person "
        "FOR EACH ROW EXECUTE FUNCTION search_person_gone()",
        "CREATE OR REPLACE FUNCTION search_refresh_organizations(ids bigint[]) RETURNS void "
        "LANGUAGE sql AS $$ "
        + _pg_upsert(
            "search_organization",
            "organization_id",
            ORGANIZATION_COLUMNS,
            _organization_select("postgresql", "g.id = ANY(ids)"),
        )
        + " $$",
        f"""
CREATE OR REPLACE FUNCTION search_organization_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {PG_SKIP_IN_BULK}
  {
            _pg_upsert(
                "search_organization",
                "organization_id",
                ORGANIZATION_COLUMNS,
                _organization_select("postgresql", "g.id = NEW.id"),
            )
        };
  RETURN NULL;
END $$""",
        "CREATE TRIGGER search_organization_set AFTER INSERT OR UPDATE ON network_organization "
        "FOR EACH ROW EXECUTE FUNCTION search_organization_set()",
        """
CREATE OR REPLACE FUNCTION search_organization_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM search_organization WHERE organization_id = OLD.id; RETURN NULL; END $$""",
        "CREATE TRIGGER search_organization_gone AFTER DELETE ON network_organization "
        "FOR EACH ROW EXECUTE FUNCTION search_organization_gone()",
    ]
    return statements


def postgresql_backward() -> list[str]:
    watches = _person_watches("postgresql")
    statements = [
        f"DROP TRIGGER IF EXISTS search_person_{n} ON {table}"
        for n, (table, _event, _ids) in enumerate(watches)
    ]
    statements += [f"DROP FUNCTION IF EXISTS search_person_{n}()" for n in range(len(watches))]
    statements += [
        "DROP TRIGGER IF EXISTS search_person_gone ON network_person",
        "DROP TRIGGER IF EXISTS search_organization_set ON network_organization",
        "DROP TRIGGER IF EXISTS search_organization_gone ON network_organization",
        "DROP FUNCTION IF EXISTS search_person_gone()",
        "DROP FUNCTION IF EXISTS search_organization_set()",
        "DROP FUNCTION IF EXISTS search_organization_gone()",
        "DROP FUNCTION IF EXISTS search_refresh_people(bigint[])",
        "DROP FUNCTION IF EXISTS search_refresh_organizations(bigint[])",
        "DROP FUNCTION IF EXISTS search_person_new()",
        "DROP TABLE IF EXISTS search_person",
        "DROP TABLE IF EXISTS search_organization",
        "DROP FUNCTION IF EXISTS search_fold(text)",
    ]
    return statements


def postgresql_rebuild() -> list[str]:
    return [
        "TRUNCATE search_person, search_organization",
        _pg_upsert(
            "search_person", "person_id", PERSON_COLUMNS, _person_select("postgresql", "TRUE")
        ),
        _pg_upsert(
            "search_organization",
            "organization_id",
            ORGANIZATION_COLUMNS,
            _organization_select("postgresql", "TRUE"),
        ),
    ]


def forward(vendor: str) -> list[str]:
    return sqlite_forward() if vendor == "sqlite" else postgresql_forward()


def backward(vendor: str) -> list[str]:
    return sqlite_backward() if vendor == "sqlite" else postgresql_backward()


def rebuild(vendor: str) -> list[str]:
    return sqlite_rebuild() if vendor == "sqlite" else postgresql_rebuild()


def triggers_off(vendor: str) -> list[str]:
    """Drop the triggers only (tables and functions stay): see fulltext.paused()."""
    return [s for s in backward(vendor) if s.startswith("DROP TRIGGER")]


def triggers_on(vendor: str) -> list[str]:
    return [s for s in forward(vendor) if s.lstrip().startswith("CREATE TRIGGER")]


# Bulk writes on SQLite (fulltext.indexed_at_end) ------------------------------------------

# The triggers a bulk import pauses: the ones that fire once per new or changed person, tag
# link or organization. Deletes, notes and captures keep theirs.
SQLITE_BULK_WATCHES = {
    ("network_person", "INSERT"),
    ("network_person", "UPDATE"),
    ("network_person_tags", "INSERT"),
}


def sqlite_bulk_triggers() -> tuple[list[str], list[str]]:
    """(DROP statements, CREATE statements) of the triggers SQLITE_BULK_WATCHES names, and the
    one indexing a new organization: the same SQL the migration created them with."""
    names = [
        f"search_person_{n}"
        for n, (table, event, _ids) in enumerate(_person_watches("sqlite"))
        if (table, event) in SQLITE_BULK_WATCHES
    ] + ["search_organization_insert"]
    creates = [
        s
        for s in sqlite_forward()
        if s.lstrip().startswith("CREATE TRIGGER") and s.split()[2] in names
    ]
    return [f"DROP TRIGGER {name}" for name in names], creates


def sqlite_index(ids_sql: str) -> dict[str, list[str]]:
    """The statements that (re)index the people and the organizations whose ids `ids_sql`
    selects (it takes one parameter, the same in each statement), whole rows at once."""
    person_columns = ", ".join(PERSON_COLUMNS)
    organization_columns = ", ".join(ORGANIZATION_COLUMNS)
    return {
        "people": [
            f"DELETE FROM search_person WHERE rowid IN ({ids_sql})",
            f"INSERT INTO search_person (rowid, {person_columns}) "
            + _person_select("sqlite", f"p.id IN ({ids_sql})"),
        ],
        "organizations": [
            f"DELETE FROM search_organization WHERE rowid IN ({ids_sql})",
            f"INSERT INTO search_organization (rowid, {organization_columns}) "
            + _organization_select("sqlite", f"g.id IN ({ids_sql})"),
        ],
    }
