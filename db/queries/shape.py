"""The shape of a negotiation: typed links between positions (both ways, and as a graph
with its cycles), an issue's options and the room to meet between sides, issue families.

A database of schema 4 holds none of it: every function here then finds nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from .. import analysis
from ..models import Issue, IssueOption, Link, OptionGrid, OptionMark, Position
from .actors import member_depths, parents_of
from .positions import positions_by_id
from .rows import CHUNK, marks, split


def has_shape(conn: sqlite3.Connection) -> bool:
    """Whether the database has schema 5's tables."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'position_links'")
    return found.fetchone() is not None


_LINK_ROWS = (
    "SELECT l.position, l.type, l.target, (SELECT group_concat(quote, char(31)) FROM "
    "(SELECT quote FROM position_link_evidence e WHERE e.position = l.position AND e.link = l.ord "
    "ORDER BY e.ord)) FROM position_links l WHERE l.{} IN ({}) ORDER BY l.position, l.ord"
)


def _edges(
    conn: sqlite3.Connection, column: str, ids: list[str]
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    out = []
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        for src, type_, tgt, ev in conn.execute(_LINK_ROWS.format(column, marks(len(chunk))), chunk):
            out.append((src, type_, tgt, split(ev)))
    return out


def all_edges(conn: sqlite3.Connection) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Every link: (position, type, target, evidence), in the order loaded."""
    if not has_shape(conn):
        return []
    rows = conn.execute(_LINK_ROWS.replace("WHERE l.{} IN ({}) ", ""))
    return [(src, type_, tgt, split(ev)) for src, type_, tgt, ev in rows]


def on_cycles(edges: Sequence[tuple[str, str, str, tuple[str, ...]]]) -> set[tuple[str, str, str]]:
    """The links (position, type, target) that lie on a cycle: those whose target leads
    back to their position along links."""
    out: dict[str, set[str]] = {}
    for src, _type, tgt, _ev in edges:
        out.setdefault(src, set()).add(tgt)
    reach: dict[str, set[str]] = {}

    def reachable(start: str) -> set[str]:
        if start not in reach:
            seen: set[str] = set()
            stack = [start]
            while stack:
                for nxt in out.get(stack.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            reach[start] = seen
        return reach[start]

    return {(src, type_, tgt) for src, type_, tgt, _ev in edges if src == tgt or src in reachable(tgt)}


def links_of(conn: sqlite3.Connection, position_ids: Sequence[str]) -> dict[str, list[Link]]:
    """Each of these positions' links, both ways: those it makes first (in order), then
    those other positions make to it; a position without any is absent."""
    ids = list(dict.fromkeys(position_ids))
    if not ids or not has_shape(conn):
        return {}
    outgoing = _edges(conn, "position", ids)
    incoming = _edges(conn, "target", ids)
    if not outgoing and not incoming:
        return {}
    others = {
        p.id: p for p in positions_by_id(conn, [e[2] for e in outgoing] + [e[0] for e in incoming], False)
    }
    # cycles through these links: read the graph near them (a chain is short)
    cyclic = on_cycles(_near(conn, outgoing + incoming))
    found: dict[str, list[Link]] = {}
    for src, type_, tgt, ev in outgoing:
        if tgt in others:
            found.setdefault(src, []).append(
                Link(src, type_, "out", others[tgt], ev, (src, type_, tgt) in cyclic)
            )
    for src, type_, tgt, ev in incoming:
        if src in others:
            found.setdefault(tgt, []).append(
                Link(tgt, type_, "in", others[src], ev, (src, type_, tgt) in cyclic)
            )
    return found


def _near(
    conn: sqlite3.Connection, edges: list[tuple[str, str, str, tuple[str, ...]]], limit: int = 2000
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """These links and every link reachable from their ends (up to `limit` links)."""
    known = {(e[0], e[1], e[2]): e for e in edges}
    frontier = list({e[2] for e in edges} | {e[0] for e in edges})
    seen = set(frontier)
    while frontier and len(known) < limit:
        step = _edges(conn, "position", frontier)
        frontier = []
        for e in step:
            known.setdefault((e[0], e[1], e[2]), e)
            if e[2] not in seen:
                seen.add(e[2])
                frontier.append(e[2])
    return list(known.values())


def chains(conn: sqlite3.Connection, actor_id: str) -> list[tuple[Position, list[Link]]]:
    """A side's chains of links: each position of the actor or its members that makes a
    link, with its links (both ways), issue by issue."""
    members = list(member_depths(conn, actor_id))
    if not has_shape(conn):
        return []
    ids: list[str] = []
    for i in range(0, len(members), CHUNK):
        chunk = members[i : i + CHUNK]
        ids += [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT p.id FROM positions p JOIN issues i ON i.id = p.issue "
                f"WHERE p.actor IN ({marks(len(chunk))}) AND (EXISTS (SELECT 1 FROM position_links l "
                "WHERE l.position = p.id) OR EXISTS (SELECT 1 FROM position_links l WHERE l.target = p.id)) "
                "ORDER BY i.ord, p.id",
                chunk,
            )
        ]
    found = links_of(conn, ids)
    return [(p, found.get(p.id, [])) for p in positions_by_id(conn, ids, False)]


# --- options and the room to meet -----------------------------------------------------


def issue_options(conn: sqlite3.Connection, issue_id: str) -> list[IssueOption]:
    """The issue's options, in order (none for an issue without)."""
    if not has_shape(conn):
        return []
    rows = conn.execute(
        "SELECT issue, option, label FROM issue_options WHERE issue = ? ORDER BY ord", (issue_id,)
    )
    return [IssueOption._make(r) for r in rows]


def issues_with_options(conn: sqlite3.Connection, issue_ids: Sequence[str]) -> set[str]:
    """Which of these issues list options."""
    if not has_shape(conn):
        return set()
    ids = list(issue_ids)
    out: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        out |= {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT issue FROM issue_options WHERE issue IN ({marks(len(chunk))})", chunk
            )
        }
    return out


def option_marks(conn: sqlite3.Connection, issue_id: str, as_of: str | None = None) -> list[OptionMark]:
    """Every mark on the issue's options made by positions dated up to `as_of` (all of
    them without it), by option order then actor; each says whether its position is its
    actor's current one on the issue as of that day (the latest: `analysis.current_ids`,
    stated positions and assessments each apart)."""
    return [m for m, _kind in _marks(conn, issue_id, as_of)]


def _marks(conn: sqlite3.Connection, issue_id: str, as_of: str | None) -> list[tuple[OptionMark, str]]:
    """`option_marks`, each with its position's kind."""
    if not has_shape(conn):
        return []
    day = "" if as_of is None else " AND coalesce(p.date, '') <= ?"
    args: tuple[str, ...] = (issue_id,) if as_of is None else (issue_id, as_of)
    rows = conn.execute(
        "SELECT m.position, p.actor, a.name, m.option, m.mark, (SELECT group_concat(quote, char(31)) FROM "
        "(SELECT quote FROM position_mark_evidence e WHERE e.position = m.position AND e.mark = m.ord "
        "ORDER BY e.ord)), coalesce(p.date, ''), p.kind FROM position_marks m "
        "JOIN positions p ON p.id = m.position JOIN actors a ON a.id = p.actor "
        "JOIN issue_options o ON o.issue = m.issue AND o.option = m.option "
        f"WHERE m.issue = ?{day} ORDER BY o.ord, a.name, m.position",
        args,
    ).fetchall()
    if not rows:
        return []
    # a later position without marks supersedes an earlier one with them: read every
    # position of the issue by these actors, not only the marking ones
    actors = {r[1] for r in rows}
    dated = [
        analysis.Dated._make(r)
        for r in conn.execute(
            "SELECT p.id, p.actor, p.issue, p.stance, p.kind, coalesce(p.date, '') FROM positions p "
            f"WHERE p.issue = ?{day}",
            args,
        )
        if r[1] in actors
    ]
    current = analysis.current_ids(dated)
    return [
        (OptionMark(r[0], r[1], r[2], r[3], r[4], split(r[5]), r[6], r[0] in current), r[7]) for r in rows
    ]


def option_grid(
    conn: sqlite3.Connection, issue: Issue, side_ids: Sequence[str], as_of: str | None = None
) -> OptionGrid | None:
    """The issue's options by these sides, as they stand (as of `as_of`, if given): each
    side's column is the actor and every actor below it, and counts only each actor's
    current positions' marks (earlier ones are kept apart, as history); each side reads
    each option by `analysis.option_reading`, and the room to meet follows
    (`analysis.room_to_meet`). None for an issue without options."""
    options = issue_options(conn, issue.id)
    if not options:
        return None
    columns = {side: parents_of(conn, side) for side in side_ids}
    cells: dict[tuple[str, str], list[OptionMark]] = {}
    earlier: dict[tuple[str, str], list[OptionMark]] = {}
    for m, kind in _marks(conn, issue.id, as_of):
        # an assessment's marks are a prediction about the talks, not the side's own
        if kind == analysis.ASSESSMENT:
            continue
        for side, members in columns.items():
            if m.actor in members:
                (cells if m.current else earlier).setdefault((side, m.option), []).append(m)
    readings = {}
    for side, parents in columns.items():
        for o in options:
            by_actor: dict[str, list[OptionMark]] = {}
            for m in cells.get((side, o.id), ()):
                by_actor.setdefault(m.actor, []).append(m)
            reading = analysis.option_reading(side, by_actor, parents) if by_actor else None
            if reading is not None:
                readings[(side, o.id)] = reading
    no_reject, every, divided = analysis.room_to_meet([o.id for o in options], list(side_ids), readings)
    return OptionGrid(
        issue,
        tuple(options),
        {k: tuple(v) for k, v in cells.items()},
        no_reject,
        every,
        readings,
        divided,
        {k: tuple(v) for k, v in earlier.items()},
        as_of,
    )


# --- issue families -------------------------------------------------------------------


def issue_parents(conn: sqlite3.Connection) -> dict[str, str]:
    """Each issue's parent (issues without one are absent)."""
    if not has_shape(conn):
        return {}
    return dict(conn.execute("SELECT issue, parent FROM issue_parents"))
