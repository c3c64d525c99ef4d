"""What a load computes from the records: each position's date, and each column's reading
of each issue (the rollups), by the rules in `analysis`."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby

from .analysis import ASSESSMENT, Dated, Reading, Standing, column_reading, standing

#: A position's date: its `as_of`, else the latest date of its evidence ('' when neither).
DATE_SQL = (
    "coalesce(as_of, (SELECT max(q.date) FROM position_evidence e JOIN quotes q ON q.id = e.quote "
    "WHERE e.position = positions.id), '')"
)


def recompute(conn: sqlite3.Connection) -> None:
    """Dates, then rollups, for the whole database (inside the caller's transaction)."""
    conn.execute(f"UPDATE positions SET date = {DATE_SQL} WHERE date IS NOT {DATE_SQL}")
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    rows = conn.execute("SELECT id, actor, issue, stance, kind, date FROM positions ORDER BY actor, issue")
    conn.execute("DELETE FROM rollups")
    conn.executemany(
        "INSERT INTO rollups (actor, issue, stance, divided, differ, lead, since, was, was_date, n, "
        "assessments, assessment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a, i, *r) for (a, i), r in readings(map(Dated._make, rows), lambda a: chain(parents, a)).items()],
    )


def chain(parents: dict[str, str | None], actor: str) -> Iterator[tuple[str, int]]:
    """The actor and each body above it, with its depth below that body."""
    node: str | None = actor
    depth = 0
    while node is not None and depth <= len(parents):
        yield node, depth
        node, depth = parents.get(node), depth + 1


def readings(
    positions: Iterable[Dated], columns_of: Callable[[str], Iterable[tuple[str, int]]]
) -> dict[tuple[str, str], Reading]:
    """Every column's reading of every issue it addresses. `positions` come grouped by
    actor and issue; `columns_of(actor)` names the columns an actor's positions count in
    (with the actor's depth below each: 0 for its own)."""
    own: dict[tuple[str, str], Standing] = {}
    members: dict[tuple[str, str], list[tuple[int, Standing]]] = defaultdict(list)
    assessed: dict[tuple[str, str], list[tuple[int, Dated]]] = defaultdict(list)
    for (actor, issue), group in _grouped(positions):
        s = standing(group)
        assessments = [p for p in group if p.kind == ASSESSMENT]
        for column, depth in columns_of(actor):
            key = (column, issue)
            if s is not None:
                if depth == 0:
                    own[key] = s
                else:
                    members[key].append((depth, s))
            assessed[key].extend((depth, p) for p in assessments)
    out = {}
    for key in set(own) | set(members) | set(assessed):
        reading = column_reading(own.get(key), members.get(key, ()), assessed.get(key, ()))
        if reading is not None:
            out[key] = reading
    return out


def _grouped(positions: Iterable[Dated]) -> Iterator[tuple[tuple[str, str], list[Dated]]]:
    for key, group in groupby(positions, key=lambda p: (p.actor, p.issue)):
        yield key, list(group)
