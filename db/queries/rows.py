"""How read queries turn rows into records: SELECT lists made from a record's fields, so
each value lands in its field by name, and reads of many ids in a few statements."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: Joins the ids of a group_concat (ids never contain it: see the dossier's id rule).
SEP = "\x1f"
#: Ids bound to one statement at most (SQLite's default limit is far above; pages stay small).
CHUNK = 500


def select_list(fields: Sequence[str], exprs: Mapping[str, str]) -> str:
    """A SELECT list giving each field (in the record's order) from its SQL expression:
    a record built from the row with `_make` then has every value in the field named for
    it. A field without an expression is a mistake, caught when the module is imported."""
    missing = [f for f in fields if f not in exprs]
    if missing:
        raise KeyError(f"no SQL expression for field(s) {missing}")
    return ", ".join(f'{exprs[f]} AS "{f}"' for f in fields)


def split(joined: str | None) -> tuple[str, ...]:
    """The ids a group_concat joined with SEP (none for NULL)."""
    return tuple(joined.split(SEP)) if joined else ()


def marks(n: int) -> str:
    """`?, ?, …` for n parameters."""
    return ", ".join("?" * n)


def by_ids(
    conn: sqlite3.Connection,
    select: Callable[[str], str],
    ids: Sequence[str],
    make: Callable[[Any], T],
    key: Callable[[T], str],
) -> list[T]:
    """Records by id, in the order given (unknown ids skipped), CHUNK ids to a statement:
    `select(marks)` is the statement for one chunk's placeholders."""
    found: dict[str, T] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = list(ids[i : i + CHUNK])
        for row in conn.execute(select(marks(len(chunk))), chunk):
            record = make(row)
            found[key(record)] = record
    return [found[x] for x in ids if x in found]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many records of each kind the database holds."""
    return {
        kind: conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
        for kind in ("sources", "actors", "issues", "quotes", "positions")
    }
