"""What the database already holds, for the references and checks a dossier makes against it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .sync import Scope

#: A list field kept in a table of its own: (table, owner column, target column).
_LINKS = {
    ("quotes", "issues"): ("quote_issues", "quote", "issue"),
    ("positions", "evidence"): ("position_evidence", "position", "quote"),
    ("issues", "parent"): ("issue_parents", "issue", "parent"),
    ("positions", "links.position"): ("position_links", "position", "target"),
    ("positions", "links.evidence"): ("position_link_evidence", "position", "quote"),
    ("positions", "marks.evidence"): ("position_mark_evidence", "position", "quote"),
}


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
        #: Ids this load removes (`sync.plan`): no longer there for references.
        self.removed: dict[str, set[str]] = {}

    def _each(self, sql: str, values: list[str]) -> Iterator[tuple[Any, ...]]:
        """The rows of `sql` (its `{}` a list of marks) for `values`, 500 at a time (SQLite
        bounds the variables of one statement)."""
        assert self.conn is not None
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            yield from self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk)

    def ids(self, kind: str, wanted: Iterable[str]) -> set[str]:
        wanted = list(wanted)
        if self.conn is None or not wanted:
            return set()
        found = {r[0] for r in self._each(f"SELECT id FROM {kind} WHERE id IN ({{}})", wanted)}
        return found - self.removed.get(kind, set())

    def in_scope(self, kind: str, scope: Scope) -> Iterator[dict[str, str]]:
        """Every stored record of a kind that came from a file of the scope, with its file,
        a batch at a time."""
        if self.conn is None:
            return
        where, args = scope.where()
        cur = self.conn.execute(f"SELECT id, origin FROM {kind} WHERE {where}", args)
        while rows := cur.fetchmany(5000):
            yield dict(rows)

    def referring(
        self, kind: str, name: str, target_kind: str, targets: list[str]
    ) -> Iterator[tuple[str, str | None, str]]:
        """(id, origin, target) of each stored record of `kind` whose field `name` refers
        to one of `targets`."""
        if self.conn is None:
            return
        link = _LINKS.get((kind, name))
        if link is not None and not self.has(link[0]):
            return  # a file of an older schema holds none of them
        if link is None:
            sql = f'SELECT id, origin, "{name}" FROM {kind} WHERE "{name}" IN ({{}})'
        else:
            table, owner, target = link
            sql = (
                f"SELECT r.id, r.origin, l.{target} FROM {table} l JOIN {kind} r ON r.id = l.{owner} "
                f"WHERE l.{target} IN ({{}})"
            )
        yield from self._each(sql, targets)

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
        gone = self.removed.get("quotes", set())
        return [q for q in map(StoredQuote._make, rows) if q.id not in exclude and q.id not in gone]

    def has(self, table: str) -> bool:
        """Whether the database has the table (schema 5's are absent from an older file
        until the load upgrades it)."""
        if self.conn is None:
            return False
        found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        return found.fetchone() is not None

    def issue_parents(self) -> dict[str, str]:
        """Each stored issue's parent (those this load removes left out)."""
        if not self.has("issue_parents"):
            return {}
        assert self.conn is not None  # `has` said so
        gone = self.removed.get("issues", set())
        rows = self.conn.execute("SELECT issue, parent FROM issue_parents")
        return {i: p for i, p in rows if i not in gone}

    def issue_options(self, issue_ids: list[str]) -> dict[str, list[str]]:
        """The options of these stored issues, in order."""
        if not issue_ids or not self.has("issue_options"):
            return {}
        out: dict[str, list[str]] = {}
        for issue, option in self._each(
            "SELECT issue, option FROM issue_options WHERE issue IN ({}) ORDER BY issue, ord", issue_ids
        ):
            out.setdefault(issue, []).append(option)
        return out

    def marks_on(self, issue_ids: list[str]) -> list[tuple[str, str | None, str, str]]:
        """(position, origin, issue, option) of each stored mark on these issues' options."""
        if not issue_ids or not self.has("position_marks"):
            return []
        return list(
            self._each(
                "SELECT m.position, p.origin, m.issue, m.option FROM position_marks m "
                "JOIN positions p ON p.id = m.position WHERE m.issue IN ({})",
                issue_ids,
            )
        )

    def parents(self) -> dict[str, str | None]:
        if self.conn is None:
            return {}
        gone = self.removed.get("actors", set())
        return {a: p for a, p in self.conn.execute("SELECT id, parent FROM actors") if a not in gone}
