"""The edits made in the app, as plain records: who (the login name), when, the verb, and
each record before and after (the `edits` table of schema 6, which `db.desk` writes).
Only the standard library: a screen that shows a record's history need not import the
dossier editor."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

State = dict[str, Any]


def _kind(kind: str) -> str:
    return kind if kind.endswith("s") else kind + "s"


@dataclass(frozen=True)
class HistoryRow:
    edit: int
    at: str
    who: str
    verb: str
    kind: str
    record: str
    before: State | None
    after: State | None

    def fields(self) -> list[tuple[str, str, str]]:
        """Each field that changed, as (name, before, after), each value a line of text
        ('—' for none, a list's items joined by commas); none when the record was made or
        removed (`changed` says which)."""
        b, a = self.before or {}, self.after or {}
        if not b or not a:
            return []
        return [
            (k, _shown(b.get(k)), _shown(a.get(k))) for k in dict.fromkeys([*b, *a]) if b.get(k) != a.get(k)
        ]

    def changed(self) -> list[str]:
        """Each field that changed: `name: before -> after`."""
        b, a = self.before or {}, self.after or {}
        if not b:
            return ["created"]
        if not a:
            return ["removed"]
        return [
            f"{k}: {b.get(k, '—')} -> {a.get(k, '—')}"
            for k in dict.fromkeys([*b, *a])
            if b.get(k) != a.get(k)
        ]


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _row(r: tuple[Any, ...]) -> HistoryRow:
    return HistoryRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        json.loads(r[6]) if r[6] else None,
        json.loads(r[7]) if r[7] else None,
    )


def history(
    conn: sqlite3.Connection, record: str | None = None, limit: int = 200, kind: str | None = None
) -> list[HistoryRow]:
    """The edits of one record (of `kind`, or of any kind with that id), or all, newest first."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edits'").fetchone() is None:
        return []  # a database from before schema 6: no edits yet
    sql = "SELECT edit, at, who, verb, kind, record, before, after FROM edits"
    args: tuple[Any, ...] = ()
    if record is not None and kind is not None:
        sql += " WHERE kind = ? AND record = ?"
        args = (_kind(kind), record)
    elif record is not None:
        sql += " WHERE record = ?"
        args = (record,)
    return [_row(r) for r in conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))]
