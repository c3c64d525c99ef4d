"""What the database already holds, for the references and checks a dossier makes against it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple


class StoredQuote(NamedTuple):
    """What placing a stored quote again needs of it."""

    id: str
    text: str
    occurrence: int | None
    said: str | None
    #: The dossier file it was loaded from.
    origin: str | None


class Existing:
    """What the database already holds, for references a dossier makes to it."""

    def __init__(self, conn: sqlite3.Connection | None):
        self.conn = conn

    def ids(self, kind: str, wanted: Iterable[str]) -> set[str]:
        wanted = list(wanted)
        if self.conn is None or not wanted:
            return set()
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM {kind} WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def source(self, source_id: str) -> tuple[str, str] | None:
        """(text, published) of a source already stored."""
        if self.conn is None:
            return None
        row = self.conn.execute("SELECT text, published FROM sources WHERE id = ?", (source_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def quotes_of(self, source_id: str, exclude: set[str]) -> list[StoredQuote]:
        """Each quote stored for a source (but those in `exclude`), in source order."""
        if self.conn is None:
            return []
        rows = self.conn.execute(
            "SELECT id, text, occurrence, said, origin FROM quotes WHERE source = ? ORDER BY start",
            (source_id,),
        )
        return [q for q in map(StoredQuote._make, rows) if q.id not in exclude]

    def parents(self) -> dict[str, str | None]:
        if self.conn is None:
            return {}
        return dict(self.conn.execute("SELECT id, parent FROM actors"))
