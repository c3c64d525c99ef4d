"""What changed: new, edited and removed positions, stances that moved, and relations
between two sides that flipped; between two states of the database.

Two states are compared the same way, whichever they are: what a load found and what it
left (`snapshot` before it writes, `record` after, in its transaction: kept in `loads` and
`load_changes`), or the positions dated up to a day and every position (`since`).
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import derived
from .analysis import Dated, relation
from .models import CHANGE_KINDS, Cell, Change, LoadRecord

#: A position as changes read it: (id, actor, issue, stance, kind, summary, date, was).
Row = tuple[str, str, str, int, str, str, str, int | None]
#: A reading as changes read it: (stance, divided, lead, since).
Held = tuple[int | None, bool, str | None, str | None]

#: What a flip is between: relations that say something about two sides (a change from one
#: silent side to another, or between assessments only, is no flip).
_TELLING = ("conflict", "agreement", "partial")
#: The order changes are listed in: what moved between the sides first.
_ORDER = {what: n for n, what in enumerate(CHANGE_KINDS)}

_POSITION_COLUMNS = "id, actor, issue, stance, kind, summary, coalesce(date, '')"
_READING_COLUMNS = "actor, issue, stance, divided"


def snapshot(conn: sqlite3.Connection) -> bool:
    """Before a load writes: its positions and readings kept aside (temporary tables of this
    connection), to compare with what it leaves. False when there are no positions yet:
    a first load is recorded, but nothing is compared."""
    conn.execute("DROP TABLE IF EXISTS temp.before_positions")
    conn.execute("DROP TABLE IF EXISTS temp.before_readings")
    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM positions)").fetchone()[0]:
        return False
    conn.execute(f"CREATE TEMP TABLE before_positions AS SELECT {_POSITION_COLUMNS} AS date FROM positions")
    conn.execute(f"CREATE TEMP TABLE before_readings AS SELECT {_READING_COLUMNS} FROM rollups")
    return True


def record(conn: sqlite3.Connection, files: Sequence[Path | str], compared: bool) -> int:
    """After a load wrote (in its transaction): the load and what it changed, kept. Returns
    the load's id."""
    at = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    names = [str(f) for f in files]
    cur = conn.execute("INSERT INTO loads (at, files) VALUES (?, ?)", (at, json.dumps(names)))
    load_id = cur.lastrowid
    assert load_id is not None
    if not compared:
        conn.execute(
            "INSERT INTO load_changes (load, ord, what, item) VALUES (?, 0, 'first', '{}')", (load_id,)
        )
    else:
        found = _load_changes(conn)
        conn.executemany(
            "INSERT INTO load_changes (load, ord, what, item) VALUES (?, ?, ?, ?)",
            [(load_id, n, c.what, json.dumps(c._asdict(), ensure_ascii=False)) for n, c in enumerate(found)],
        )
        conn.execute("DROP TABLE temp.before_positions")
        conn.execute("DROP TABLE temp.before_readings")
    return load_id


def _load_changes(conn: sqlite3.Connection) -> list[Change]:
    after = "positions"
    before = "temp.before_positions"
    differs = " OR ".join(f"a.{c} IS NOT b.{c}" for c in ("actor", "issue", "stance", "kind", "summary"))
    rows: list[tuple[str, Row]] = []
    rows += [
        ("new", r) for r in _positions(conn, after, f"LEFT JOIN {before} b USING (id) WHERE b.id IS NULL")
    ]
    rows += [
        ("changed", r)
        for r in _positions(
            conn,
            after,
            f"JOIN {before} b USING (id) WHERE {differs} OR coalesce(a.date, '') IS NOT b.date",
            "b.stance",  # what it was
        )
    ]
    rows += [
        ("removed", r)
        for r in _positions(conn, before, "LEFT JOIN positions b USING (id) WHERE b.id IS NULL")
    ]
    keys = set(
        conn.execute(
            "SELECT a.actor, a.issue FROM rollups a JOIN temp.before_readings b USING (actor, issue) "
            "WHERE a.stance IS NOT b.stance OR a.divided IS NOT b.divided"
        )
    )
    keys |= set(
        conn.execute("SELECT actor, issue FROM rollups EXCEPT SELECT actor, issue FROM temp.before_readings")
    )
    keys |= set(
        conn.execute("SELECT actor, issue FROM temp.before_readings EXCEPT SELECT actor, issue FROM rollups")
    )
    before_r = _readings_of(conn, "temp.before_readings", keys)
    after_r = _readings_of(conn, "rollups", keys)
    return _changes(conn, rows, before_r, after_r)


def _positions(
    conn: sqlite3.Connection, table: str, where: str, was: str = "NULL", args: tuple[str, ...] = ()
) -> list[Row]:
    """(id, actor, issue, stance, kind, summary, date, was) of the rows of `table` (as a)."""
    cols = ", ".join(f"a.{c}" for c in ("id", "actor", "issue", "stance", "kind", "summary"))
    return conn.execute(f"SELECT {cols}, coalesce(a.date, ''), {was} FROM {table} a {where}", args).fetchall()


def _readings_of(
    conn: sqlite3.Connection, table: str, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Held]:
    """(stance, divided, lead, since) of these (actor, issue) readings, where present."""
    extra = "lead, since" if table == "rollups" else "NULL, NULL"
    out = {}
    for actor, issue in keys:
        row = conn.execute(
            f"SELECT stance, divided, {extra} FROM {table} WHERE actor = ? AND issue = ?", (actor, issue)
        ).fetchone()
        if row is not None:
            out[(actor, issue)] = (row[0], bool(row[1]), row[2], row[3])
    return out


def since(conn: sqlite3.Connection, day: str) -> list[Change]:
    """What changed after `day`, by the dates the sources give: positions dated after it,
    and the stances and relations as they stand now against as they stood on that day."""
    rows = [("new", r) for r in _positions(conn, "positions", "WHERE a.date > ?", args=(day,))]
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    dated = conn.execute(
        "SELECT id, actor, issue, stance, kind, coalesce(date, '') FROM positions "
        "WHERE coalesce(date, '') <= ? ORDER BY actor, issue",
        (day,),
    )
    then = derived.readings(map(Dated._make, dated), parents)
    before_r = {k: (r.stance, bool(r.divided), r.lead, r.since) for k, r in then.items()}
    now = {
        (a, i): (s, bool(d), lead, when)
        for a, i, s, d, lead, when in conn.execute(
            "SELECT actor, issue, stance, divided, lead, since FROM rollups"
        )
    }
    keys = {
        k
        for k in set(before_r) | set(now)
        if before_r.get(k, (None, False))[:2] != now.get(k, (None, False))[:2]
    }
    return _changes(
        conn,
        rows,
        {k: v for k, v in before_r.items() if k in keys},
        {k: v for k, v in now.items() if k in keys},
    )


def _changes(
    conn: sqlite3.Connection,
    rows: list[tuple[str, Row]],
    before: dict[tuple[str, str], Held],
    after: dict[tuple[str, str], Held],
) -> list[Change]:
    """Changes from position rows (what, (id, actor, issue, stance, kind, summary, date, was))
    and the readings that differ before and after (only those: a flip needs one)."""
    names = _names(
        conn,
        "actors",
        "name",
        {r[1] for _, r in rows} | {a for a, _ in before} | {a for a, _ in after} | _sides(conn),
    )
    titles = _names(
        conn, "issues", "title", {r[2] for _, r in rows} | {i for _, i in before} | {i for _, i in after}
    )
    out = [
        Change(what, r[2], titles.get(r[2], r[2]), r[6], r[1], names.get(r[1], r[1]), r[0], r[5], r[3], r[7])
        for what, r in rows
    ]
    for (actor, issue), (stance, _divided, lead, when) in after.items():
        was = before.get((actor, issue))
        if was is None or was[0] is None or was[0] == stance:
            continue  # a first stance is a new position; a change of division alone is no shift
        out.append(
            Change(
                "shift",
                issue,
                titles.get(issue, issue),
                when or _latest(conn, [actor], issue),
                actor,
                names.get(actor, actor),
                lead,
                "",
                stance,
                was[0],
            )
        )
    out += _flips(conn, before, after, names, titles)
    out.sort(
        key=lambda c: (
            _ORDER[c.what],
            c.issue_title.casefold(),
            c.actor_name.casefold(),
            c.other_name,
            c.date,
        )
    )
    return out


def _flips(
    conn: sqlite3.Connection,
    before: dict[tuple[str, str], Held],
    after: dict[tuple[str, str], Held],
    names: dict[str, str],
    titles: dict[str, str],
) -> list[Change]:
    """Pairs of sides whose relation on an issue flipped: only where a side's reading moved."""
    sides = _sides(conn)
    moved = {(a, i) for a, i in set(before) | set(after) if a in sides}
    if not moved:
        return []
    out = []
    issues = sorted({i for _, i in moved})
    for issue in issues:
        now_cells = _side_cells(conn, issue, sides)
        then_cells = dict(now_cells)
        for (a, i), value in before.items():
            if i == issue and a in sides:
                then_cells[a] = Cell(a, (), value[0], value[1])
        for a, i in moved:
            if i == issue and (a, i) not in before:
                then_cells.pop(a, None)  # it held nothing then
        movers = sorted(a for a, i in moved if i == issue)
        seen: set[tuple[str, str]] = set()
        for a in movers:
            for b in sorted(set(now_cells) | set(then_cells)):
                pair = (min(a, b), max(a, b))
                if b == a or pair in seen:
                    continue
                seen.add(pair)
                now = _relation(now_cells, pair)
                then = _relation(then_cells, pair)
                if now != then and (now in _TELLING or then in _TELLING):
                    x, y = sorted(pair, key=lambda s: (names.get(s) or s).casefold())
                    when = _latest(conn, pair, issue)
                    out.append(
                        Change(
                            "flip",
                            issue,
                            titles.get(issue, issue),
                            when,
                            x,
                            names.get(x, x),
                            other=y,
                            other_name=names.get(y, y),
                            relation=now,
                            was_relation=then,
                        )
                    )
    return out


def _latest(conn: sqlite3.Connection, columns: Sequence[str], issue: str) -> str:
    """The latest date on which these columns (their actors and members) took a position on
    the issue: when a reading of theirs last changed ('' if never dated)."""
    row = conn.execute(
        "WITH RECURSIVE m(id, depth) AS (SELECT value, 0 FROM json_each(?) UNION ALL "
        "SELECT a.id, m.depth + 1 FROM actors a JOIN m ON a.parent = m.id WHERE m.depth < 64) "
        "SELECT max(p.date) FROM positions p WHERE p.issue = ? AND p.actor IN (SELECT id FROM m)",
        (json.dumps(list(columns)), issue),
    ).fetchone()
    return row[0] or ""


def _sides(conn: sqlite3.Connection) -> set[str]:
    return {a for (a,) in conn.execute("SELECT id FROM actors WHERE parent IS NULL")}


def _side_cells(conn: sqlite3.Connection, issue: str, sides: set[str]) -> dict[str, Cell]:
    rows = conn.execute(
        "SELECT r.actor, r.stance, r.divided, r.assessments, r.since FROM rollups r "
        "JOIN actors a ON a.id = r.actor WHERE r.issue = ? AND a.parent IS NULL",
        (issue,),
    )
    return {a: Cell(a, (), s, bool(d), since=when, assessments=n) for a, s, d, n, when in rows if a in sides}


def _relation(cells: dict[str, Cell], pair: tuple[str, str]) -> str:
    """The relation of two sides on an issue: 'silent' when neither said anything on it."""
    chosen = [cells[a] for a in pair if a in cells]
    if not chosen:
        return "silent"
    return relation(chosen) if len(chosen) == 2 else "one-sided"


def _names(conn: sqlite3.Connection, table: str, column: str, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = list(ids)
    for n in range(0, len(wanted), 500):
        chunk = wanted[n : n + 500]
        out.update(
            conn.execute(
                f"SELECT id, {column} FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
        )
    return out


def loads(conn: sqlite3.Connection, limit: int = 20) -> list[LoadRecord]:
    """The latest loads, latest first (without their changes)."""
    return [
        LoadRecord(i, at, tuple(json.loads(files)))
        for i, at, files in conn.execute("SELECT id, at, files FROM loads ORDER BY id DESC LIMIT ?", (limit,))
    ]


def load_record(conn: sqlite3.Connection, load_id: int) -> LoadRecord | None:
    """One load with what it changed."""
    row = conn.execute("SELECT id, at, files FROM loads WHERE id = ?", (load_id,)).fetchone()
    if row is None:
        return None
    stored = conn.execute(
        "SELECT what, item FROM load_changes WHERE load = ? ORDER BY ord", (load_id,)
    ).fetchall()
    first = any(what == "first" for what, _ in stored)
    items = [Change(**json.loads(item)) for what, item in stored if what != "first"]
    return LoadRecord(row[0], row[1], tuple(json.loads(row[2])), tuple(items), first)


def last_load(conn: sqlite3.Connection) -> LoadRecord | None:
    row = conn.execute("SELECT max(id) FROM loads").fetchone()
    return load_record(conn, row[0]) if row and row[0] is not None else None


def loads_since(conn: sqlite3.Connection, day: str) -> list[LoadRecord]:
    """Every load on or after `day` (UTC), oldest first, with what each changed."""
    ids = [i for (i,) in conn.execute("SELECT id FROM loads WHERE at >= ? ORDER BY id", (day,))]
    return [r for r in (load_record(conn, i) for i in ids) if r is not None]
