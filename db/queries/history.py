"""Stances through time: an actor's timeline (each position with what its actor held
before), the dates on which a view changed, one issue's chart (every column's reading as
of each of those dates), and what changed since a day or in a load (`db.changes`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from .. import analysis, changes, derived
from ..models import Change, ChartRow, IssueChart, LoadRecord, Step
from .actors import member_depths, parents_of
from .compare import _actors, _cell, _dated, _stated_positions
from .positions import get_issue, list_issues
from .rows import CHUNK, marks

#: The dates an issue chart keeps (the latest ones), to fit a terminal's width.
CHART_DATES = 12


def timeline(
    conn: sqlite3.Connection, actor_id: str, issue_id: str | None = None, as_of: str | None = None
) -> list[Step]:
    """Every position of an actor and its members (on one issue, or all; dated up to
    `as_of`), in date order, each with the stance its actor held on the issue before."""
    stated = [
        sp
        for sps in _stated_positions(conn, actor_id, [issue_id] if issue_id else None, as_of).values()
        for sp in sps
    ]
    before = analysis.befores(
        analysis.Dated(p.id, p.actor, p.issue, p.stance, p.kind, p.date)
        for p in (sp.position for sp in stated)
    )
    order = {i.id: n for n, i in enumerate(list_issues(conn))}
    stated.sort(
        key=lambda sp: (sp.position.date, order.get(sp.position.issue, 0), sp.stated_by, sp.position.id)
    )
    return [Step(sp, *before.get(sp.position.id, (None, None))) for sp in stated]


def change_dates(
    conn: sqlite3.Connection, actor_ids: Sequence[str], issue_ids: Sequence[str] | None = None
) -> list[str]:
    """The dates, in order, on which any of these columns (their actors and members) took a
    position (on these issues, if given): where a view's readings can change."""
    members = sorted({m for a in actor_ids for m in member_depths(conn, a)})
    dates: set[str] = set()
    for i in range(0, len(members), CHUNK):
        chunk = members[i : i + CHUNK]
        sql = f"SELECT DISTINCT date FROM positions WHERE actor IN ({marks(len(chunk))}) AND date > ''"
        args = list(chunk)
        if issue_ids is not None:
            sql += f" AND issue IN ({marks(len(issue_ids))})"
            args += list(issue_ids)
        dates.update(d for (d,) in conn.execute(sql, args))
    return sorted(dates)


def issue_chart(
    conn: sqlite3.Connection, actor_ids: Sequence[str], issue_id: str, limit: int = CHART_DATES
) -> IssueChart | None:
    """Each column's reading of one issue as of each date on which any of them took a
    position on it (the latest `limit` dates); None for an unknown issue."""
    issue = get_issue(conn, issue_id)
    if issue is None:
        return None
    actors = _actors(conn, actor_ids)
    dated = {a.id: _dated(conn, a.id, [issue_id], None) for a in actors}
    axis = sorted({p.date for ps in dated.values() for p in ps if p.date})
    shown = axis[-limit:] if limit > 0 else axis
    rows = []
    for a in actors:
        parents = parents_of(conn, a.id)
        cells = []
        for day in shown:
            found = derived.readings([p for p in dated[a.id] if p.date <= day], parents, only=a.id)
            r = found.get((a.id, issue_id))
            cells.append(_cell(a.id, r) if r is not None else _cell(a.id, _SILENT))
        rows.append(ChartRow(a, tuple(cells)))
    return IssueChart(issue, tuple(shown), tuple(rows), len(axis) - len(shown))


_SILENT = analysis.Reading(None, False, 0, None, None, None, None, 0, 0, None)


def changes_since(conn: sqlite3.Connection, day: str) -> list[Change]:
    """What changed after `day` by the sources' dates (see `db.changes.since`)."""
    return changes.since(conn, day)


def last_load(conn: sqlite3.Connection) -> LoadRecord | None:
    """The latest load, with what it changed."""
    return changes.last_load(conn)


def loads(conn: sqlite3.Connection, limit: int = 20) -> list[LoadRecord]:
    """The latest loads, latest first."""
    return changes.loads(conn, limit)
