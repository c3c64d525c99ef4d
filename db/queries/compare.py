"""Comparisons, as their callers ask for them: in full (every position behind every cell,
for the command line and the brief), as a summary (each cell's stance, count and lead,
for the grid), and the stances of some columns on some issues (the matrix, one issue).

A body's column includes what its members said; stances come from the rollups kept at load.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from .. import analysis
from ..models import Actor, Cell, Comparison, ComparisonRow, Issue, Position, StatedPosition
from .actors import ActorNotFound, get_actor, member_depths
from .positions import POSITION_SELECT, list_issues, position, positions_by_id
from .rows import CHUNK, marks


def _actors(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[Actor]:
    actors = []
    for actor_id in actor_ids:
        actor = get_actor(conn, actor_id)
        if actor is None:
            raise ActorNotFound(actor_id, [])
        actors.append(actor)
    return actors


def _rollup_cells(
    conn: sqlite3.Connection, actor: Actor, issue_ids: Sequence[str] | None = None
) -> dict[str, Cell]:
    """The column's summary cell on each issue it addresses (of `issue_ids`, if given)."""
    sql = "SELECT issue, n_m2, n_m1, n_0, n_p1, n_p2, lead FROM rollups WHERE actor = ?"
    args: list[str] = [actor.id]
    if issue_ids is not None:
        sql += f" AND issue IN ({marks(len(issue_ids))})"
        args += list(issue_ids)
    cells = {}
    for issue, n_m2, n_m1, n_0, n_p1, n_p2, lead in conn.execute(sql, args):
        counts = (n_m2, n_m1, n_0, n_p1, n_p2)
        cells[issue] = Cell(
            actor.id,
            (),
            analysis.stance_from_counts(counts),
            analysis.divided_from_counts(counts),
            sum(counts),
            None,
            lead,
        )
    return cells


def _rows(
    actors: Sequence[Actor], issues: Sequence[Issue], columns: Sequence[dict[str, Cell]]
) -> list[ComparisonRow]:
    silent = [Cell(a.id, (), None) for a in actors]
    rows = []
    for issue in issues:
        cells = tuple(col.get(issue.id, empty) for col, empty in zip(columns, silent, strict=True))
        rows.append(ComparisonRow(issue, analysis.relation([c.stance for c in cells]), cells))
    return rows


def _addressed(conn: sqlite3.Connection, columns: Sequence[dict[str, Cell]]) -> list[Issue]:
    """The issues any column addresses, in dossier order."""
    addressed = set().union(*columns)
    return [i for i in list_issues(conn) if i.id in addressed]


def comparison_summary(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> Comparison:
    """The actors compared on every issue any of them addresses, with pair scores: each
    cell's stance, count and lead position's id (`with_leads` reads the leads, for the
    rows a screen shows; `cell_positions` every position behind a cell)."""
    actors = _actors(conn, actor_ids)
    columns = [_rollup_cells(conn, a) for a in actors]
    rows = _rows(actors, _addressed(conn, columns), columns)
    return Comparison(tuple(actors), tuple(rows), analysis.pair_scores(list(actor_ids), rows))


def comparison(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> Comparison:
    """The actors compared in full: every issue any of them addresses, every position
    behind every cell (with the member who stated it), and the pair scores."""
    actors = _actors(conn, actor_ids)
    issues = _addressed(conn, [_rollup_cells(conn, a) for a in actors])
    stated = {a.id: _stated_positions(conn, a.id) for a in actors}
    columns = [
        {i.id: analysis.make_cell(a.id, tuple(stated[a.id].get(i.id, ()))) for i in issues} for a in actors
    ]
    rows = _rows(actors, issues, columns)
    return Comparison(tuple(actors), tuple(rows), analysis.pair_scores(list(actor_ids), rows))


def issue_stances(
    conn: sqlite3.Connection, actor_ids: Sequence[str], issue_ids: Sequence[str]
) -> list[ComparisonRow]:
    """The columns' stances on each of these issues (addressed or not), in dossier order:
    a page of the issues matrix, or one issue's relation between the sides."""
    actors = _actors(conn, actor_ids)
    columns = [_rollup_cells(conn, a, issue_ids) for a in actors]
    wanted = set(issue_ids)
    return _rows(actors, [i for i in list_issues(conn) if i.id in wanted], columns)


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
    conn: sqlite3.Connection, column: str, issue_ids: Sequence[str] | None = None
) -> dict[str, list[StatedPosition]]:
    """A column's positions (its own and its members'), by issue: its own first, then
    nearer members', firmer stances first, by id (the first is the cell's lead)."""
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
        stated.extend(position(r) for r in conn.execute(sql, args))
    stated.sort(key=lambda p: (rank[p.actor], -abs(p.stance), p.id))
    out: dict[str, list[StatedPosition]] = defaultdict(list)
    for p in stated:
        out[p.issue].append(StatedPosition(p, column, p.actor, p.actor_name))
    return out


def cell_positions(conn: sqlite3.Connection, column: str, issue_id: str) -> tuple[StatedPosition, ...]:
    """Every position behind one cell of a comparison (a column on an issue)."""
    return tuple(_stated_positions(conn, column, [issue_id]).get(issue_id, ()))
