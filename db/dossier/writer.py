"""Writing a validated dossier: one transaction, all of it or nothing; then the derived
columns (each actor's side and counts, the comparison rollups) made again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

from .. import changes, derived
from ..connect import check_schema
from ..schema import SCHEMA_VERSION
from ..text import name_key
from .model import Dossier, Record
from .problems import DossierError, Problem
from .stage import ADDED, CHANGED
from .sync import Origins, batches

Progress = Callable[[int], None]


def _upsert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(f":{c}" for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"


def _rows(
    recs: list[Record], columns: list[str], found: Callable[[str], Mapping[str, object]] | None = None
) -> Iterable[dict[str, object]]:
    """Each record as a row of `columns`: its values, the columns validation found for it
    (`found(id)`: a source's text, a quote's place), and the file it came from."""
    origins = Origins()
    for rec in recs:
        row = {c: rec.values.get(c) for c in columns}
        if found is not None:
            row.update(found(rec.id))
        row["origin"] = origins[rec.file]
        yield row


def write(
    conn: sqlite3.Connection, d: Dossier, progress: Progress | None = None, dry_run: bool = False
) -> dict[str, Tally]:
    """Write a validated dossier in one transaction: all of it, or (on any error or
    interrupt) nothing. Records are upserted by id, their links replaced, and the stored
    records of the dossier's files that it no longer holds removed (`sync`). A database of
    an older schema is upgraded in the same transaction. Returns what changed, by kind;
    `dry_run` does all of it and rolls it back, so the figures are the load's own."""
    if d.problems:
        raise DossierError(d.problems)
    with transaction(conn, dry_run) as version:
        if 0 < version < SCHEMA_VERSION:
            from ..schema import migrate

            migrate(conn, version)
        compared = changes.snapshot(conn)
        tally = _write(conn, d, progress or (lambda n: None))
        changes.record(conn, d.files, compared)
    return tally


@contextmanager
def transaction(conn: sqlite3.Connection, dry_run: bool = False) -> Iterator[int]:
    """One write transaction, as every change to the database makes it (a load, a
    maintenance verb): under the write lock, a schema exactly ours is checked (nobody can
    change it before the commit), so its only triggers, our full-text ones, may run;
    foreign keys are checked at the commit. Yields the schema version; commits at the end
    (rolls back with `dry_run`), and rolls back on any error or interrupt."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        check_schema(conn, path, version)
        conn.execute("PRAGMA trusted_schema = ON")  # FTS5 is not marked safe for triggers
        conn.execute("PRAGMA defer_foreign_keys = ON")
        yield version
        conn.execute("ROLLBACK" if dry_run else "COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")


#: A load of at least this many quotes, and at least a quarter of those already stored,
#: rebuilds the full-text indexes once instead of updating them row by row (SQLite
#: flushes an FTS5 index on every statement that fires its trigger).
BULK_QUOTES = 5000


_FTS_TABLES = (("quotes", "quotes_fts"), ("positions", "positions_fts"))


def _bulk(conn: sqlite3.Connection, d: Dossier) -> bool:
    loading = len(d.records["quotes"]) + len(d.records["positions"])
    stored = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    return loading >= BULK_QUOTES and loading * 4 >= stored


class Tally(NamedTuple):
    added: int = 0
    changed: int = 0
    removed: int = 0


def _write(conn: sqlite3.Connection, d: Dossier, progress: Progress) -> dict[str, Tally]:
    if not _bulk(conn, d):
        return _write_records(conn, d, progress)
    # Inside the load's transaction: an interrupt restores the triggers with everything else.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join(repr(t) for t, _ in _FTS_TABLES)})"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    tally = _write_records(conn, d, progress)
    for _, sql in triggers:
        conn.execute(sql)
    for _, fts in _FTS_TABLES:
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
    return tally


def _remove(conn: sqlite3.Connection, d: Dossier) -> None:
    """Delete the stored records the dossier no longer holds, with their links (their
    full-text rows go with them, by trigger; rollups are computed again after)."""

    def ids(kind: str) -> list[tuple[str]]:
        return [(i,) for i in d.removed.get(kind, {})]

    positions, quotes, actors = ids("positions"), ids("quotes"), ids("actors")
    _clear_shape(conn, positions)
    _clear_issue_shape(conn, ids("issues"))
    conn.executemany("DELETE FROM position_evidence WHERE position = ?", positions)
    conn.executemany("DELETE FROM positions WHERE id = ?", positions)
    conn.executemany("DELETE FROM quote_issues WHERE quote = ?", quotes)
    conn.executemany("DELETE FROM quotes WHERE id = ?", quotes)
    conn.executemany("DELETE FROM actor_aliases WHERE actor = ?", actors)
    conn.executemany("DELETE FROM actors WHERE id = ?", actors)
    conn.executemany("DELETE FROM issues WHERE id = ?", ids("issues"))
    conn.executemany("DELETE FROM sources WHERE id = ?", ids("sources"))


def _write_records(conn: sqlite3.Connection, d: Dossier, progress: Progress) -> dict[str, Tally]:
    tally = {
        kind: Tally(len(d.added.get(kind, ())), len(d.changed.get(kind, ())), len(d.removed.get(kind, ())))
        for kind in d.records
    }
    # records the same as stored are not written again (their file may be)
    wanted = (ADDED, CHANGED) if d.compared else None

    def records(kind: str) -> Iterator[Record]:
        return d.stage.records(kind, wanted)

    if d.compared:
        for kind, moved in d.moved.items():
            conn.executemany(f"UPDATE {kind} SET origin = ? WHERE id = ?", moved)
    _remove(conn, d)
    cols = ["id", "title", "outlet", "published", "url", "text", "origin"]
    # stored sources given new text or a new date, found here rather than trusted from
    # validation: their quotes are checked against what is written (`_check_grounded`)
    changed: list[Record] = []
    for chunk in batches(records("sources"), 500):
        texts = {rec.id: {"text": d.texts[rec.id]} for rec in chunk}
        changed += [
            rec
            for rec in chunk
            if conn.execute(
                "SELECT 1 FROM sources WHERE id = ? AND (text IS NOT ? OR published IS NOT ?)",
                (rec.id, texts[rec.id]["text"], rec.values.get("published")),
            ).fetchone()
        ]
        conn.executemany(_upsert_sql("sources", cols), _rows(chunk, cols, texts.__getitem__))
        progress(len(chunk))

    r = {kind: list(records(kind)) for kind in ("actors", "issues")}  # thousands, not millions
    cols = ["id", "name", "kind", "role", "parent", "side", "depth", "origin"]
    actor_rows = []
    for row in _rows(r["actors"], cols):
        row["side"], row["depth"] = row["id"], 0  # recomputed below
        actor_rows.append(row)
    conn.executemany(_upsert_sql("actors", cols), actor_rows)
    ids = [(rec.id,) for rec in r["actors"]]
    conn.executemany("DELETE FROM actor_aliases WHERE actor = ?", ids)
    aliases = []
    for rec in r["actors"]:
        names = [(-2, rec.id), (-1, rec.values["name"])]
        names += list(enumerate(rec.values.get("aliases", [])))
        seen = set()
        for ord_, alias in names:
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                aliases.append((rec.id, alias, key, ord_))
            elif ord_ >= 0:  # keep a listed alias even if it folds onto the name
                aliases.append((rec.id, alias, f"{key}#{ord_}", ord_))
    conn.executemany("INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, ?)", aliases)
    progress(len(r["actors"]))

    next_ord = conn.execute("SELECT coalesce(max(ord), -1) + 1 FROM issues").fetchone()[0]
    conn.executemany(
        "INSERT INTO issues (id, title, question, ord, origin) "
        "VALUES (:id, :title, :question, :ord, :origin) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, question = excluded.question, "
        "origin = excluded.origin",
        [
            dict(row, ord=next_ord + i)
            for i, row in enumerate(_rows(r["issues"], ["id", "title", "question"]))
        ],
    )
    _clear_issue_shape(conn, [(rec.id,) for rec in r["issues"]])
    conn.executemany(
        "INSERT INTO issue_parents (issue, parent) VALUES (?, ?)",
        [(rec.id, rec.values["parent"]) for rec in r["issues"] if rec.values.get("parent")],
    )
    conn.executemany(
        "INSERT INTO issue_options (issue, option, label, ord) VALUES (?, ?, ?, ?)",
        [
            (rec.id, item["id"], item["label"], n)
            for rec in r["issues"]
            for n, item in enumerate(rec.values.get("options") or ())
        ],
    )
    progress(len(r["issues"]))

    cols = [
        "id",
        "source",
        "speaker",
        "kind",
        "text",
        "venue",
        "said",
        "date",
        "start",
        "end",
        "occurrence",
        "confidence",
        "note",
        "reviewed_by",
        "reviewed_at",
        "origin",
    ]
    sql = _upsert_sql("quotes", cols)
    fresh = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM quotes)").fetchone()[0]
    batch = 5000
    for chunk in batches(records("quotes"), batch):
        places = {q.id: q.placed._asdict() for q in chunk if q.placed is not None}
        conn.executemany(sql, _rows(chunk, cols, places.__getitem__))
        if not fresh:
            conn.executemany("DELETE FROM quote_issues WHERE quote = ?", [(q.id,) for q in chunk])
        conn.executemany(
            "INSERT OR IGNORE INTO quote_issues (quote, issue) VALUES (?, ?)",
            [(q.id, issue) for q in chunk for issue in q.values.get("issues", [])],
        )
        progress(len(chunk))

    cols = ["id", "actor", "issue", "stance", "kind", "summary", "as_of", "origin"]
    for chunk in batches(records("positions"), batch):
        conn.executemany(_upsert_sql("positions", cols), _rows(chunk, cols))
        if not fresh:
            conn.executemany("DELETE FROM position_evidence WHERE position = ?", [(p.id,) for p in chunk])
        conn.executemany(
            "INSERT OR IGNORE INTO position_evidence (position, quote, ord) VALUES (?, ?, ?)",
            [(p.id, q, n) for p in chunk for n, q in enumerate(p.values["evidence"])],
        )
        _write_shape(conn, chunk)
        progress(len(chunk))

    conn.executemany(
        'UPDATE quotes SET start = ?, "end" = ?, date = ? WHERE id = ?',
        [(*placed, qid) for qid, placed in d.replaced.items()],
    )
    _check_grounded(conn, changed)
    recompute_derived(conn)
    return tally


def _clear_shape(conn: sqlite3.Connection, positions: list[tuple[str]]) -> None:
    """Forget these positions' links and option marks, with their evidence."""
    for table in ("position_link_evidence", "position_links", "position_mark_evidence", "position_marks"):
        conn.executemany(f"DELETE FROM {table} WHERE position = ?", positions)


def _clear_issue_shape(conn: sqlite3.Connection, issues: list[tuple[str]]) -> None:
    """Forget these issues' parents and options."""
    conn.executemany("DELETE FROM issue_parents WHERE issue = ?", issues)
    conn.executemany("DELETE FROM issue_options WHERE issue = ?", issues)


def _write_shape(conn: sqlite3.Connection, positions: list[Record]) -> None:
    """These positions' links and option marks as the dossier gives them, each with its
    evidence in order (what was stored for them goes first)."""
    _clear_shape(conn, [(p.id,) for p in positions])
    links, link_quotes, marks, mark_quotes = [], [], [], []
    for p in positions:
        for n, link in enumerate(p.values.get("links") or ()):
            links.append((p.id, n, link["type"], link["position"]))
            link_quotes += [(p.id, n, q, k) for k, q in enumerate(link["evidence"])]
        for n, mark in enumerate(p.values.get("marks") or ()):
            marks.append((p.id, n, p.values["issue"], mark["option"], mark["mark"]))
            mark_quotes += [(p.id, n, q, k) for k, q in enumerate(mark["evidence"])]
    conn.executemany("INSERT INTO position_links (position, ord, type, target) VALUES (?, ?, ?, ?)", links)
    conn.executemany(
        "INSERT INTO position_link_evidence (position, link, quote, ord) VALUES (?, ?, ?, ?)", link_quotes
    )
    conn.executemany(
        "INSERT INTO position_marks (position, ord, issue, option, mark) VALUES (?, ?, ?, ?, ?)", marks
    )
    conn.executemany(
        "INSERT INTO position_mark_evidence (position, mark, quote, ord) VALUES (?, ?, ?, ?)", mark_quotes
    )


def recompute_derived(conn: sqlite3.Connection) -> None:
    """What the records imply, made again after they change: each actor's side, depth and
    counts, each position's date and each column's reading, each issue's count."""
    recompute_actors(conn)
    derived.recompute(conn)
    conn.execute(
        "UPDATE issues SET position_count = "
        "(SELECT count(*) FROM positions WHERE positions.issue = issues.id)"
    )


def _check_grounded(conn: sqlite3.Connection, sources: list[Record]) -> None:
    """Every quote of these sources, as written, is its source's text at its offsets: the
    verbatim rule holds for the whole database, not only for what this load brought."""
    for rec in sources:
        row = conn.execute(
            "SELECT q.id FROM quotes q JOIN sources s ON s.id = q.source WHERE q.source = ? "
            'AND substr(s.text, q.start + 1, q."end" - q.start) IS NOT q.text LIMIT 1',
            (rec.id,),
        ).fetchone()
        if row is not None:  # a bug, never a user's: the load is rolled back
            raise DossierError(
                [
                    Problem(
                        rec.where.at(path=f"{rec.where.path} ({rec.id})"),
                        f"stored quote {row[0]!r} would no longer occur "
                        f"verbatim in source {rec.id!r}; nothing was written",
                    )
                ]
            )


def recompute_actors(conn: sqlite3.Connection) -> None:
    """Each actor's side (the top of its parent chain), depth and counts."""
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    current = {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT id, side, depth, quote_count, position_count, unsure_count FROM actors"
        )
    }
    quotes = dict(conn.execute("SELECT speaker, count(*) FROM quotes GROUP BY speaker"))
    unsure = dict(
        conn.execute(
            "SELECT speaker, count(*) FROM quotes WHERE confidence IN ('low', 'medium') GROUP BY speaker"
        )
    )
    positions = dict(conn.execute("SELECT actor, count(*) FROM positions GROUP BY actor"))
    updates = []
    for actor in parents:
        node, depth = actor, 0
        while parents.get(node) is not None and depth <= len(parents):
            node, depth = parents[node], depth + 1
        row = (node, depth, quotes.get(actor, 0), positions.get(actor, 0), unsure.get(actor, 0))
        if current[actor] != row:
            updates.append((*row, actor))
    conn.executemany(
        "UPDATE actors SET side = ?, depth = ?, quote_count = ?, position_count = ?, "
        "unsure_count = ? WHERE id = ?",
        updates,
    )
