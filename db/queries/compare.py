"""Comparisons, as their callers ask for them: in full (every position behind every cell,
for the command line and the brief), as a summary (each cell's reading and lead, for the
grid), and the readings of some columns on some issues (the matrix, one issue); each as it
stands today or as it stood on a past day (`as_of`).

A body's column includes what its members said. Today's readings come from the rollups
kept at load; a past day's are computed by the same rules (`analysis`) from the positions
dated up to it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from .. import analysis, derived
from ..models import Actor, Cell, Comparison, ComparisonRow, Issue, Position, StatedPosition
from .actors import ActorNotFound, get_actor, member_depths, parents_of
from .positions import POSITION_SELECT, issues_in_order, list_issues, position, positions_by_id
from .rows import CHUNK, marks

_ROLLUP_COLUMNS = "stance, divided, differ, lead, since, was, was_date, n, assessments, assessment"


def _actors(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[Actor]:
    actors = []
    for actor_id in actor_ids:
        actor = get_actor(conn, actor_id)
        if actor is None:
            raise ActorNotFound(actor_id, [])
        actors.append(actor)
    return actors


def _cell(actor: str, r: analysis.Reading, positions: tuple[StatedPosition, ...] = ()) -> Cell:
    if r.stance is not None and r.stance not in (-2, -1, 0, 1, 2):
        from .positions import checked_stance

        checked_stance(r.stance, f"the reading of {actor!r}")
    return Cell(
        actor,
        positions,
        r.stance,
        bool(r.divided),
        r.n,
        None,
        r.lead,
        r.differ,
        r.since,
        r.was,
        r.was_date,
        r.assessments,
        r.assessment,
    )


def _readings(
    conn: sqlite3.Connection, actor: Actor, issue_ids: Sequence[str] | None, as_of: str | None
) -> dict[str, analysis.Reading]:
    """The column's reading of each issue it addresses (of `issue_ids`, if given): today's
    from the rollups, a past day's from the positions dated up to it."""
    if as_of is not None:
        dated = _dated(conn, actor.id, issue_ids, as_of)
        found = derived.readings(dated, parents_of(conn, actor.id), only=actor.id)
        return {issue: r for (column, issue), r in found.items() if column == actor.id}
    sql = f"SELECT issue, {_ROLLUP_COLUMNS} FROM rollups WHERE actor = ?"
    args: list[str] = [actor.id]
    if issue_ids is not None:
        sql += f" AND issue IN ({marks(len(issue_ids))})"
        args += list(issue_ids)
    return {row[0]: analysis.Reading._make(row[1:]) for row in conn.execute(sql, args)}


#: Today's cell of a summary, straight from a rollup row (`_cell`'s fields, in its order).
_CELL_COLUMNS = "issue, stance, divided, n, lead, differ, since, was, was_date, assessments, assessment"


def _cells(
    conn: sqlite3.Connection, actor: Actor, issue_ids: Sequence[str] | None, as_of: str | None
) -> dict[str, Cell]:
    """The column's cell on each issue it addresses (of `issue_ids`, if given), without
    its positions: a summary's. Today's are made straight from the rollup rows (a large
    comparison has thousands: no Reading in between)."""
    if as_of is not None:
        return {i: _cell(actor.id, r) for i, r in _readings(conn, actor, issue_ids, as_of).items()}
    sql = f"SELECT {_CELL_COLUMNS} FROM rollups WHERE actor = ?"
    args: list[str] = [actor.id]
    if issue_ids is not None:
        sql += f" AND issue IN ({marks(len(issue_ids))})"
        args += list(issue_ids)
    out = {}
    a = actor.id
    for (
        issue,
        stance,
        divided,
        n,
        lead,
        differ,
        since,
        was,
        was_date,
        assessments,
        assessment,
    ) in conn.execute(sql, args):
        if stance is not None and stance not in (-2, -1, 0, 1, 2):
            from .positions import checked_stance

            checked_stance(stance, f"the reading of {a!r}")
        out[issue] = Cell(
            a, (), stance, bool(divided), n, None, lead, differ, since, was, was_date, assessments, assessment
        )
    return out


def _dated(
    conn: sqlite3.Connection, column: str, issue_ids: Sequence[str] | None, as_of: str | None
) -> list[analysis.Dated]:
    """The positions of a column (its own and its members'), dated up to `as_of`, grouped
    by actor and issue."""
    members = list(member_depths(conn, column))
    out: list[analysis.Dated] = []
    for i in range(0, len(members), CHUNK):
        chunk = members[i : i + CHUNK]
        sql = (
            "SELECT id, actor, issue, stance, kind, coalesce(date, '') FROM positions "
            f"WHERE actor IN ({marks(len(chunk))})"
        )
        args = list(chunk)
        if issue_ids is not None:
            sql += f" AND issue IN ({marks(len(issue_ids))})"
            args += list(issue_ids)
        if as_of is not None:
            sql += " AND coalesce(date, '') <= ?"
            args.append(as_of)
        out.extend(analysis.Dated._make(r) for r in conn.execute(sql, args))
    out.sort(key=lambda p: (p.actor, p.issue))
    return out


def _bodies(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[list[str]]:
    """For each actor, the bodies above it in its parent chain, nearest first (a few
    lookups by key: chains are short, where listing a body's members reads them all)."""
    out = []
    for actor_id in actor_ids:
        chain: list[str] = []
        row = conn.execute("SELECT parent FROM actors WHERE id = ?", (actor_id,)).fetchone()
        node = row[0] if row else None
        while node is not None and len(chain) <= 64:
            chain.append(node)
            row = conn.execute("SELECT parent FROM actors WHERE id = ?", (node,)).fetchone()
            node = row[0] if row else None
        out.append(chain)
    return out


def _containers(actor_ids: Sequence[str], chains: Sequence[list[str]]) -> list[int | None]:
    """For each column, the index of the nearest other column of the view it sits inside."""
    index = {a: i for i, a in enumerate(actor_ids)}
    return [next((index[b] for b in chain if b in index), None) for chain in chains]


def _nested(actor_ids: Sequence[str], chains: Sequence[list[str]]) -> set[tuple[str, str]]:
    """(body, member) pairs of the view: a member at any depth, not only the nearest."""
    shown = set(actor_ids)
    return {
        (body, actor_id)
        for actor_id, chain in zip(actor_ids, chains, strict=True)
        for body in chain
        if body in shown and body != actor_id
    }


def _nested_pairs(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> set[tuple[str, str]]:
    return _nested(actor_ids, _bodies(conn, actor_ids))


def _rows(
    conn: sqlite3.Connection,
    actors: Sequence[Actor],
    issues: Sequence[Issue],
    columns: Sequence[dict[str, Cell]],
) -> list[ComparisonRow]:
    ids = [a.id for a in actors]
    chains = _bodies(conn, ids)
    containers = _containers(ids, chains)
    nested_pairs = _nested(ids, chains)
    parties = [c is None for c in containers]
    nested = not all(parties)
    silent = [Cell(a.id, (), None) for a in actors]
    rows = []
    for issue in issues:
        cells = tuple(col.get(issue.id, empty) for col, empty in zip(columns, silent, strict=True))
        if nested:  # only a column inside another can dissent from it
            marks_ = analysis.dissents(cells, containers)
            cells = tuple(c._replace(dissent=d) if d else c for c, d in zip(cells, marks_, strict=True))
        rows.append(
            ComparisonRow(
                issue, analysis.relation(cells, parties), cells, analysis.conflicts(cells, nested_pairs)
            )
        )
    return rows


def _addressed(conn: sqlite3.Connection, columns: Sequence[dict[str, Cell]]) -> list[Issue]:
    """The issues any column addresses, in dossier order."""
    addressed = set().union(*columns)
    return [i for i in list_issues(conn) if i.id in addressed]


def _compared(
    conn: sqlite3.Connection, actors: Sequence[Actor], rows: list[ComparisonRow], as_of: str | None
) -> Comparison:
    ids = [a.id for a in actors]
    nested = _nested_pairs(conn, ids)
    return Comparison(tuple(actors), tuple(rows), analysis.pair_scores(ids, rows, nested), as_of)


def comparison_summary(
    conn: sqlite3.Connection, actor_ids: Sequence[str], as_of: str | None = None
) -> Comparison:
    """The actors compared on every issue any of them addresses, with pair scores: each
    cell's reading and lead position's id (`with_leads` reads the leads, for the rows a
    screen shows; `cell_positions` every position behind a cell)."""
    actors = _actors(conn, actor_ids)
    columns = [_cells(conn, a, None, as_of) for a in actors]
    return _compared(conn, actors, _rows(conn, actors, _addressed(conn, columns), columns), as_of)


def comparison(conn: sqlite3.Connection, actor_ids: Sequence[str], as_of: str | None = None) -> Comparison:
    """The actors compared in full: every issue any of them addresses, every position
    behind every cell (with the member who stated it, and whether it is current), and the
    pair scores."""
    actors = _actors(conn, actor_ids)
    columns = []
    for a in actors:
        stated = _stated_positions(conn, a.id, None, as_of)
        columns.append(
            {i: _cell(a.id, r, tuple(stated.get(i, ()))) for i, r in _readings(conn, a, None, as_of).items()}
        )
    rows = with_leads(conn, _rows(conn, actors, _addressed(conn, columns), columns))
    return _compared(conn, actors, rows, as_of)


def issue_stances(
    conn: sqlite3.Connection, actor_ids: Sequence[str], issue_ids: Sequence[str], as_of: str | None = None
) -> list[ComparisonRow]:
    """The columns' readings of each of these issues (addressed or not), in dossier order:
    a page of the issues matrix, or one issue's relation between the sides."""
    actors = _actors(conn, actor_ids)
    columns = [_cells(conn, a, issue_ids, as_of) for a in actors]
    return _rows(conn, actors, issues_in_order(conn, issue_ids), columns)


def with_leads(conn: sqlite3.Connection, rows: Sequence[ComparisonRow]) -> list[ComparisonRow]:
    """The rows of a summary comparison with each cell's lead position read (without its
    evidence: a grid shows the summary only). A screen reads them for the rows it shows."""
    wanted = [c.lead_id for r in rows for c in r.cells if c.lead_id and c.lead is None]
    lead_of = {p.id: p for p in positions_by_id(conn, wanted, evidence=False)}

    def filled(cell: Cell) -> Cell:
        lead = lead_of.get(cell.lead_id) if cell.lead_id else None
        if lead is None:
            return cell
        return cell._replace(lead=StatedPosition(lead, cell.actor, lead.actor, lead.actor_name))

    return [r._replace(cells=tuple(map(filled, r.cells))) for r in rows]


def _stated_positions(
    conn: sqlite3.Connection, column: str, issue_ids: Sequence[str] | None = None, as_of: str | None = None
) -> dict[str, list[StatedPosition]]:
    """A column's positions (its own and its members'), dated up to `as_of`, by issue: its
    own first, then nearer members'; current before earlier, stances before assessments;
    latest first, firmer first, by id."""
    rank = member_depths(conn, column)
    members = list(rank)
    stated: list[Position] = []
    for i in range(0, len(members), CHUNK):
        chunk = members[i : i + CHUNK]
        sql = POSITION_SELECT + f"WHERE p.actor IN ({marks(len(chunk))})"
        args = list(chunk)
        if issue_ids is not None:
            sql += f" AND p.issue IN ({marks(len(issue_ids))})"
            args += list(issue_ids)
        if as_of is not None:
            sql += " AND coalesce(p.date, '') <= ?"
            args.append(as_of)
        stated.extend(position(r) for r in conn.execute(sql, args))
    current = analysis.current_ids(
        analysis.Dated(p.id, p.actor, p.issue, p.stance, p.kind, p.date) for p in stated
    )
    stated.sort(
        key=lambda p: (
            rank[p.actor],
            p.id not in current,
            p.kind == analysis.ASSESSMENT,
            analysis.later_first(p.date),
            -abs(p.stance),
            p.id,
        )
    )
    out: dict[str, list[StatedPosition]] = defaultdict(list)
    for p in stated:
        out[p.issue].append(StatedPosition(p, column, p.actor, p.actor_name, p.id in current))
    return out


def cell_positions(
    conn: sqlite3.Connection, column: str, issue_id: str, as_of: str | None = None
) -> tuple[StatedPosition, ...]:
    """Every position behind one cell of a comparison (a column on an issue)."""
    return tuple(_stated_positions(conn, column, [issue_id], as_of).get(issue_id, ()))
