"""What a load computes from the records: each position's date, and each column's reading
of each issue (the rollups), by the rules in `analysis`."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

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
    rows = conn.execute("SELECT id, actor, issue, stance, kind, date FROM positions ORDER BY issue")
    conn.execute("DELETE FROM rollups")
    conn.executemany(
        "INSERT INTO rollups (actor, issue, stance, divided, differ, lead, since, was, was_date, n, "
        "assessments, assessment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a, i, *r) for (a, i), r in readings(map(Dated._make, rows), parents).items()],
    )


def chain(parents: Mapping[str, str | None], actor: str) -> Iterator[tuple[str, int]]:
    """The actor and each body above it, with its depth below that body."""
    node: str | None = actor
    depth = 0
    while node is not None and depth <= len(parents):
        yield node, depth
        node, depth = parents.get(node), depth + 1


def readings(
    positions: Iterable[Dated], parents: Mapping[str, str | None], only: str | None = None
) -> dict[tuple[str, str], Reading]:
    """Every column's reading of every issue it addresses (only `only`'s and its members',
    if given). `parents` gives each actor's parent. A column is read from its actor's own
    positions and its direct members' columns, each read the same way (`analysis`), as of
    each day on which anything in it changed, for `since` and `was`."""
    by_issue: dict[str, dict[str, list[Dated]]] = defaultdict(lambda: defaultdict(list))
    for p in positions:
        by_issue[p.issue][p.actor].append(p)
    out: dict[tuple[str, str], Reading] = {}
    for issue, by_actor in by_issue.items():
        out.update(((column, issue), r) for column, r in _Issue(by_actor, parents, only).readings())
    return out


_NOTHING: tuple[Reading | None, list[tuple[int, Standing]], list[tuple[int, Dated]], Standing | None] = (
    None,
    [],
    [],
    None,
)


class _Issue:
    """One issue's columns: the tree of actors above those who took a position on it."""

    def __init__(
        self, by_actor: dict[str, list[Dated]], parents: Mapping[str, str | None], only: str | None
    ) -> None:
        self.by_actor = by_actor
        self.kids: dict[str, set[str]] = defaultdict(set)
        self.days: dict[str, set[str]] = defaultdict(set)
        self.memo: dict[
            tuple[str, str],
            tuple[Reading | None, list[tuple[int, Standing]], list[tuple[int, Dated]], Standing | None],
        ] = {}
        for actor, ps in by_actor.items():
            path = [node for node, _ in chain(parents, actor)]
            if only is not None:
                if only not in path:
                    continue
                path = path[: path.index(only) + 1]
            dates = {p.date for p in ps}
            for node in path:
                self.days[node] |= dates
            for child, parent in zip(path, path[1:], strict=False):
                self.kids[parent].add(child)

    def readings(self) -> Iterator[tuple[str, Reading]]:
        self.sorted_days = {column: sorted(days) for column, days in self.days.items()}
        for column, ordered in self.sorted_days.items():
            now = self.at(column, ordered[-1])[0]
            if now is None:
                continue
            yield column, self._history(column, now, ordered)

    def _history(self, column: str, now: Reading, days: list[str]) -> Reading:
        """`now` with its since (the first day of its latest run) and was (the stance the
        day before it), read as of each earlier day."""
        if now.stance is None:
            return now
        since: str | None = days[-1]
        was = was_date = None
        for day in reversed(days[:-1]):
            then = self.at(column, day)[0]
            if then is not None and then.stance == now.stance:
                since = day
                continue
            if then is not None and then.stance is not None:
                was, was_date = then.stance, day
            break
        return now._replace(since=since, was=was, was_date=was_date)

    def at(
        self, column: str, day: str
    ) -> tuple[Reading | None, list[tuple[int, Standing]], list[tuple[int, Dated]], Standing | None]:
        """As of `day`: the column's reading, its members' standings (with their depth),
        its assessments (with their depth), and its actor's own standing."""
        # as of the latest day on or before `day` on which anything in the column changed:
        # the same reading, read once
        days = self.sorted_days[column]
        n = bisect_right(days, day)
        if n == 0:
            return _NOTHING
        day = days[n - 1]
        key = (column, day)
        found = self.memo.get(key)
        if found is not None:
            return found
        mine = [p for p in self.by_actor.get(column, ()) if p.date <= day]
        own = standing(mine)
        assessed = [(0, p) for p in mine if p.kind == ASSESSMENT]
        members: list[tuple[int, Standing]] = []
        leads: list[tuple[int, Standing]] = []
        for kid in sorted(self.kids.get(column, ())):
            reading, below, kid_assessed, kid_own = self.at(kid, day)
            if kid_own is not None:
                members.append((1, kid_own))
            members.extend((d + 1, s) for d, s in below)
            assessed.extend((d + 1, p) for d, p in kid_assessed)
            if reading is not None and reading.stance is not None and reading.lead is not None:
                leads.append(
                    (
                        1,
                        Standing(
                            kid, reading.stance, reading.lead, reading.since or "", None, None, reading.n
                        ),
                    )
                )
        reading = column_reading(own, members, assessed, leads)
        found = (reading, members, assessed, own)
        self.memo[key] = found
        return found
