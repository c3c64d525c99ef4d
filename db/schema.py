"""The SQLite schema, declared once with sqlite-utils: tables, keys, indexes, full-text search."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import sqlite_utils

#: Bumped whenever the schema changes shape (`schema.MIGRATIONS` upgrades older files).
SCHEMA_VERSION = 7
#: The oldest schema this version still reads as it is. Schema 3 dates every position and
#: reads columns differently (`analysis`), so 1 and 2 are upgraded before they are read
#: (`connect.open_reader` does it when the file can be written). Schema 4 only adds an
#: index, so a schema-3 file is read as it is (as of a past day, more slowly) until its
#: next load or `upgrade`.
OLDEST_READABLE = 3
#: Marks a file as a ceasefire-tui database (PRAGMA application_id): 'CFTU'.
APPLICATION_ID = 0x43465455

TABLES = (
    "meta",
    "sources",
    "actors",
    "actor_aliases",
    "issues",
    "quotes",
    "quote_issues",
    "positions",
    "position_evidence",
    "rollups",
    "loads",
    "load_changes",
    "issue_parents",
    "issue_options",
    "position_links",
    "position_link_evidence",
    "position_marks",
    "position_mark_evidence",
    "edits",
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table, index and full-text index in an empty database.

    Runs in one transaction: a database is either empty or fully set up.
    """
    import sqlite_utils  # here, not at the top: browsing reads the constants above only

    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # schema 1, then the same steps that upgrade an old file: a new database and an
        # upgraded one cannot differ
        _create(db)
        migrate(conn, 1)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


#: Rollup rows come straight off this index, without a lookup into the table for each:
#: the Issues matrix reads 6,000 of them at 1M quotes (26 ms from the table, 4 from here).
ROLLUP_INDEX = (
    'CREATE INDEX IF NOT EXISTS "idx_rollups_covering" ON "rollups" '
    '("actor", "issue", "n_m2", "n_m1", "n_0", "n_p1", "n_p2", "lead")'
)

#: Schema 3's rollups: each column's reading of an issue (`analysis.column_reading`), kept at
#: load: its stance (NULL when silent or divided), whether its members are divided, how
#: many differ from its lead, the lead position and its date, what the lead actor held
#: before, how many positions are behind it, and its lead assessment (assessments apart).
ROLLUPS_3 = """CREATE TABLE "rollups" (
   "actor" TEXT NOT NULL REFERENCES "actors"("id"),
   "issue" TEXT NOT NULL REFERENCES "issues"("id"),
   "stance" INTEGER,
   "divided" INTEGER NOT NULL,
   "differ" INTEGER NOT NULL,
   "lead" TEXT REFERENCES "positions"("id"),
   "since" TEXT,
   "was" INTEGER,
   "was_date" TEXT,
   "n" INTEGER NOT NULL,
   "assessments" INTEGER NOT NULL,
   "assessment" TEXT REFERENCES "positions"("id"),
   PRIMARY KEY ("actor", "issue")
)"""
ROLLUP_INDEX_3 = (
    'CREATE INDEX "idx_rollups_covering" ON "rollups" ("actor", "issue", "stance", "divided", '
    '"differ", "lead", "since", "was", "was_date", "n", "assessments", "assessment")'
)
#: Each load, when and of which files; and what it changed (`changes --since last`).
LOADS_3 = """CREATE TABLE "loads" (
   "id" INTEGER PRIMARY KEY,
   "at" TEXT NOT NULL,
   "files" TEXT NOT NULL
)"""
LOAD_CHANGES_3 = """CREATE TABLE "load_changes" (
   "load" INTEGER NOT NULL REFERENCES "loads"("id"),
   "ord" INTEGER NOT NULL,
   "what" TEXT NOT NULL,
   "item" TEXT NOT NULL,
   PRIMARY KEY ("load", "ord")
)"""

#: Schema 4: a column's positions as of a past day (`queries.compare._dated`), the days on
#: which they change (`queries.history.change_dates`) and `changes.since`'s positions in
#: (actor, issue) order come straight off this index, without a lookup into the table for
#: each (at 1M quotes four sides' members hold 92,000 positions: 0.5 s read from the table,
#: 0.13 s from an index). Actor then issue, so that a matrix page (30 issues) seeks its
#: issues; it begins as (actor, issue) did, which it replaces.
POSITIONS_COVERING_INDEX = (
    'CREATE INDEX "idx_positions_actor_issue_covering" ON "positions" '
    '("actor", "issue", "date", "stance", "kind", "id")'
)

#: Schema 5, the shape of a negotiation (issue 17): an issue's family (its parent) and its
#: options; a position's typed links to others and its marks on its issue's options, each
#: with its own evidence. Tables of their own, not columns: a database of schema 4 is read
#: as it is (the queries find no shape in it), and a table goes whole when turned back.
SHAPE_5 = [
    """CREATE TABLE "issue_parents" (
   "issue" TEXT PRIMARY KEY REFERENCES "issues"("id"),
   "parent" TEXT NOT NULL REFERENCES "issues"("id")
)""",
    'CREATE INDEX "idx_issue_parents_parent" ON "issue_parents" ("parent")',
    """CREATE TABLE "issue_options" (
   "issue" TEXT NOT NULL REFERENCES "issues"("id"),
   "option" TEXT NOT NULL,
   "label" TEXT NOT NULL,
   "ord" INTEGER NOT NULL,
   PRIMARY KEY ("issue", "option")
)""",
    """CREATE TABLE "position_links" (
   "position" TEXT NOT NULL REFERENCES "positions"("id"),
   "ord" INTEGER NOT NULL,
   "type" TEXT NOT NULL,
   "target" TEXT NOT NULL REFERENCES "positions"("id"),
   PRIMARY KEY ("position", "ord")
)""",
    'CREATE INDEX "idx_position_links_target" ON "position_links" ("target")',
    """CREATE TABLE "position_link_evidence" (
   "position" TEXT NOT NULL,
   "link" INTEGER NOT NULL,
   "quote" TEXT NOT NULL REFERENCES "quotes"("id"),
   "ord" INTEGER NOT NULL,
   PRIMARY KEY ("position", "link", "ord"),
   FOREIGN KEY ("position", "link") REFERENCES "position_links"("position", "ord")
)""",
    'CREATE INDEX "idx_position_link_evidence_quote" ON "position_link_evidence" ("quote")',
    """CREATE TABLE "position_marks" (
   "position" TEXT NOT NULL REFERENCES "positions"("id"),
   "ord" INTEGER NOT NULL,
   "issue" TEXT NOT NULL,
   "option" TEXT NOT NULL,
   "mark" TEXT NOT NULL,
   PRIMARY KEY ("position", "ord"),
   FOREIGN KEY ("issue", "option") REFERENCES "issue_options"("issue", "option")
)""",
    'CREATE INDEX "idx_position_marks_option" ON "position_marks" ("issue", "option")',
    """CREATE TABLE "position_mark_evidence" (
   "position" TEXT NOT NULL,
   "mark" INTEGER NOT NULL,
   "quote" TEXT NOT NULL REFERENCES "quotes"("id"),
   "ord" INTEGER NOT NULL,
   PRIMARY KEY ("position", "mark", "ord"),
   FOREIGN KEY ("position", "mark") REFERENCES "position_marks"("position", "ord")
)""",
    'CREATE INDEX "idx_position_mark_evidence_quote" ON "position_mark_evidence" ("quote")',
]
#: Schema 6: every edit made in the app (`db.desk`), one row per record it changed: the
#: edit it belongs to (one verb may change several records: a new actor and the quote it
#: speaks), who (the login name) and when, the verb, the record, and its dossier record
#: before and after as JSON (NULL: it did not exist / was removed). The app's undo and
#: `ceasefire-tui history` read it; a load leaves it alone.
EDITS_6 = """CREATE TABLE "edits" (
   "id" INTEGER PRIMARY KEY,
   "edit" INTEGER NOT NULL,
   "at" TEXT NOT NULL,
   "who" TEXT NOT NULL,
   "verb" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "record" TEXT NOT NULL,
   "before" TEXT,
   "after" TEXT
)"""
EDITS_INDEXES_6 = (
    'CREATE INDEX "idx_edits_record" ON "edits" ("kind", "record")',
    'CREATE INDEX "idx_edits_edit" ON "edits" ("edit")',
)
#: Schema 7: who reviewed a drafted quote and when (its `reviewed_by`, `reviewed_at` in
#: the dossier): written to its file with the review, so that a database rebuilt from the
#: files alone still knows it (the `edits` table is this database's only).
REVIEWED_7 = (
    'ALTER TABLE "quotes" ADD COLUMN "reviewed_by" TEXT',
    'ALTER TABLE "quotes" ADD COLUMN "reviewed_at" TEXT',
)

#: What turns a database of schema N into N + 1, in the caller's transaction; a step that
#: reshapes derived data recomputes it after (`migrate`).
MIGRATIONS = {
    1: [ROLLUP_INDEX],
    2: [
        # a position's date: `as_of` as the dossier gives it, else its evidence's (at load)
        'ALTER TABLE "positions" ADD COLUMN "as_of" TEXT',
        'ALTER TABLE "positions" ADD COLUMN "date" TEXT',
        'CREATE INDEX "idx_positions_issue_date" ON "positions" ("issue", "date")',
        'DROP TABLE "rollups"',
        ROLLUPS_3,
        ROLLUP_INDEX_3,
        LOADS_3,
        LOAD_CHANGES_3,
    ],
    3: [POSITIONS_COVERING_INDEX, 'DROP INDEX "idx_positions_actor_issue"'],
    4: SHAPE_5,
    5: [EDITS_6, *EDITS_INDEXES_6],
    6: list(REVIEWED_7),
}
#: The steps after which the derived columns (dates, rollups) are computed again.
RECOMPUTE = {2}


def reviewed_columns(conn: sqlite3.Connection) -> str:
    """The quotes' review columns to select: `reviewed_by, reviewed_at`, or two NULLs in a
    file of schema 6 or older (read as it is, before a load or an edit upgrades it)."""
    found = conn.execute(
        "SELECT count(*) FROM pragma_table_info('quotes') WHERE name IN ('reviewed_by', 'reviewed_at')"
    ).fetchone()[0]
    return '"reviewed_by", "reviewed_at"' if found == 2 else "NULL, NULL"


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a database of schema `version` up to SCHEMA_VERSION, inside the caller's
    transaction (a load upgrades the file only with the data it writes)."""
    recompute = False
    # the schema is ours (new, or held to `check_schema` by the caller): its full-text
    # triggers, which an ALTER TABLE parses again, may run
    trusted = conn.execute("PRAGMA trusted_schema").fetchone()[0]
    conn.execute("PRAGMA trusted_schema = ON")
    try:
        for step in range(version, SCHEMA_VERSION):
            for sql in MIGRATIONS[step]:
                conn.execute(sql)
            recompute = recompute or step in RECOMPUTE
        if recompute:
            from . import derived

            derived.recompute(conn)
    finally:
        conn.execute(f"PRAGMA trusted_schema = {int(trusted)}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring a database of an older schema up to SCHEMA_VERSION, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrate(conn, version)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _create(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("sources").create(
        {
            "id": str,
            "title": str,
            "outlet": str,
            "published": str,
            "url": str,
            "text": str,
            "origin": str,  # the file the record was loaded from
        },
        pk="id",
        not_null={"title", "outlet", "published", "text"},
    )
    db.table("actors").create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "role": str,
            "parent": str,
            "side": str,
            "depth": int,
            "quote_count": int,
            "position_count": int,
            "unsure_count": int,
            "origin": str,
        },
        pk="id",
        not_null={"name", "kind", "side", "depth"},
        defaults={"depth": 0, "quote_count": 0, "position_count": 0, "unsure_count": 0},
        foreign_keys=[("parent", "actors", "id")],
    )
    db.table("actor_aliases").create(
        {"actor": str, "alias": str, "alias_key": str, "ord": int},
        pk=("actor", "alias_key"),
        foreign_keys=[("actor", "actors", "id")],
    )
    db.table("issues").create(
        {"id": str, "title": str, "question": str, "ord": int, "position_count": int, "origin": str},
        pk="id",
        not_null={"title", "question"},
        defaults={"position_count": 0},
    )
    db.table("quotes").create(
        {
            "id": str,
            "source": str,
            "speaker": str,
            "kind": str,
            "text": str,
            "venue": str,
            "said": str,
            "date": str,  # `said`, or the source's published date
            "start": int,
            "end": int,
            "occurrence": int,
            "confidence": str,
            "note": str,
            "origin": str,
        },
        pk="id",
        not_null={"source", "speaker", "kind", "text", "date", "start", "end"},
        foreign_keys=[("source", "sources", "id"), ("speaker", "actors", "id")],
    )
    db.table("quote_issues").create(
        {"quote": str, "issue": str},
        pk=("quote", "issue"),
        foreign_keys=[("quote", "quotes", "id"), ("issue", "issues", "id")],
    )
    db.table("positions").create(
        {
            "id": str,
            "actor": str,
            "issue": str,
            "stance": int,
            "kind": str,
            "summary": str,
            "origin": str,
        },
        pk="id",
        not_null={"actor", "issue", "stance", "kind", "summary"},
        foreign_keys=[("actor", "actors", "id"), ("issue", "issues", "id")],
    )
    # Each actor's positions and its members', per issue: what a comparison column holds,
    # kept at load so that comparing two sides of a large dossier reads a few hundred rows.
    db.table("rollups").create(
        {
            "actor": str,
            "issue": str,
            "n_m2": int,
            "n_m1": int,
            "n_0": int,
            "n_p1": int,
            "n_p2": int,
            "lead": str,
        },
        pk=("actor", "issue"),
        foreign_keys=[("actor", "actors", "id"), ("issue", "issues", "id"), ("lead", "positions", "id")],
    )
    db.table("position_evidence").create(
        {"position": str, "quote": str, "ord": int},
        pk=("position", "quote"),
        foreign_keys=[("position", "positions", "id"), ("quote", "quotes", "id")],
    )

    # The indexes the hot queries need (tests check the plans).
    db.table("actors").create_index(["parent"])
    db.table("actors").create_index(["side", "depth", "name"])
    db.table("actor_aliases").create_index(["alias_key"])
    db.table("issues").create_index(["ord"])
    # newest first, then in the order of the source: a page comes straight off the index
    from sqlite_utils.db import DescIndex

    db.table("quotes").create_index(["speaker", DescIndex("date"), "start"])
    db.table("quotes").create_index(["source", "start"])
    db.table("quotes").create_index(["confidence", "source", "start"])
    db.table("quote_issues").create_index(["issue"])
    db.table("positions").create_index(["actor", "issue"])
    db.table("positions").create_index(["issue", "stance"])
    db.table("position_evidence").create_index(["quote"])

    # Full-text search over quote text and position summaries, kept current by triggers.
    # The prefix indexes make the as-you-type prefix ("the", "russ") a lookup rather than a
    # merge of every word it begins (150 ms and 12 MB for "the" in a million quotes).
    for table, column in (("quotes", "text"), ("positions", "summary")):
        db.executescript(FTS_SQL.format(table=table, column=column))


FTS_SQL = """
CREATE VIRTUAL TABLE "{table}_fts" USING FTS5 (
    "{column}", content="{table}", content_rowid="rowid", prefix='2 3 4'
);
CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN
  INSERT INTO "{table}_fts" (rowid, "{column}") VALUES (new.rowid, new."{column}");
END;
CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN
  INSERT INTO "{table}_fts" ("{table}_fts", rowid, "{column}")
    VALUES ('delete', old.rowid, old."{column}");
END;
CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN
  INSERT INTO "{table}_fts" ("{table}_fts", rowid, "{column}")
    VALUES ('delete', old.rowid, old."{column}");
  INSERT INTO "{table}_fts" (rowid, "{column}") VALUES (new.rowid, new."{column}");
END;
"""


def derive_objects(version: int = SCHEMA_VERSION) -> list[tuple[str, str, str, str | None]]:
    """sqlite_master of a database of schema `version` as ceasefire-tui makes it: (type,
    name, tbl_name, sql) of every object, which `connect.check_schema` holds it to."""
    import sqlite_utils

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _create(sqlite_utils.Database(conn))
        for step in range(1, version):
            for sql in MIGRATIONS[step]:
                conn.execute(sql)
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    finally:
        conn.close()


def write_objects(path: str | Path) -> None:
    """Write `schema_objects.py`: the derived schema, kept in the source so that browsing
    checks a database against it without importing sqlite-utils (140 ms) and creating the
    schema (50 ms) at every start. A test fails when it is out of date."""
    lines = [
        '"""sqlite_master as `schema.create_schema` makes it: what every database is held',
        "to (`connect.check_schema`). Generated by `python -m ceasefire_tui.db.schema`;",
        'do not edit."""',
        "",
        "#: Every schema this version reads or upgrades, by version.",
        "OBJECTS = {",
    ]
    for version in range(1, SCHEMA_VERSION + 1):
        lines.append(f"    {version}: (")
        lines += [f"        {row!r}," for row in derive_objects(version)]
        lines.append("    ),")
    lines += ["}", ""]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    from pathlib import Path

    write_objects(Path(__file__).with_name("schema_objects.py"))
