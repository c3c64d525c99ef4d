"""Issues and positions: the issues in order, one issue's positions, one actor's, by id."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from ..connect import StoreError
from ..models import Issue, Position
from .rows import CHUNK, by_ids, marks, select_list, split

_ISSUE = select_list(
    Issue._fields, {"id": "id", "title": "title", "question": "question", "position_count": "position_count"}
)

_POSITION_EXPRS = {
    "id": "p.id",
    "actor": "p.actor",
    "actor_name": "a.name",
    "issue": "p.issue",
    "issue_title": "i.title",
    "stance": "p.stance",
    "kind": "p.kind",
    "summary": "p.summary",
    # the quotes that are its evidence, in their order
    "evidence": "(SELECT group_concat(quote, char(31)) FROM "
    "(SELECT quote FROM position_evidence WHERE position = p.id ORDER BY ord))",
    "date": "coalesce(p.date, '')",
    "as_of": "p.as_of",
}
_FROM = "FROM positions p JOIN actors a ON a.id = p.actor JOIN issues i ON i.id = p.issue "
#: Positions with their evidence.
POSITION_SELECT = f"SELECT {select_list(Position._fields, _POSITION_EXPRS)} {_FROM}"
#: Positions without it (a grid shows the summary only).
BARE_POSITION_SELECT = (
    f"SELECT {select_list(Position._fields, dict(_POSITION_EXPRS, evidence='NULL'))} {_FROM}"
)


#: The stances a position can hold; the loader writes no other.
STANCES = frozenset({-2, -1, 0, 1, 2})


def checked_stance(value: object, where: str) -> int:
    """A stance read from the database, or a StoreError: a file someone else wrote can
    hold anything there, and a stance outside -2..+2 has no meaning to show."""
    if type(value) is not int or value not in STANCES:
        raise StoreError(
            f"{where} has stance {value!r} in the database; expected an integer from -2 to +2 "
            "(the file was not written by ceasefire-tui's load: rebuild it with `load`)"
        )
    return value


def position(row: Sequence[Any]) -> Position:
    p = Position._make(row)
    checked_stance(p.stance, f"position {p.id!r}")
    # The row holds the evidence ids joined by group_concat; split makes them the tuple.
    return p._replace(evidence=split(cast(str | None, p.evidence)))


def list_issues(conn: sqlite3.Connection) -> list[Issue]:
    """Every issue, in dossier order."""
    return [Issue._make(r) for r in conn.execute(f"SELECT {_ISSUE} FROM issues ORDER BY ord")]


def issues_in_order(conn: sqlite3.Connection, issue_ids: Sequence[str]) -> list[Issue]:
    """These issues (unknown ids skipped, each once), in dossier order: a page of them read
    by key, not every issue."""
    ids = list(dict.fromkeys(issue_ids))
    found: list[tuple[Any, ...]] = []
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        found.extend(
            conn.execute(f"SELECT ord, {_ISSUE} FROM issues WHERE id IN ({marks(len(chunk))})", chunk)
        )
    found.sort(key=lambda r: (r[0] is not None, r[0] or 0))  # as ORDER BY ord: NULL first
    return [Issue._make(r[1:]) for r in found]


def get_issue(conn: sqlite3.Connection, issue_id: str) -> Issue | None:
    row = conn.execute(f"SELECT {_ISSUE} FROM issues WHERE id = ?", (issue_id,)).fetchone()
    return Issue._make(row) if row else None


def resolve_issue(conn: sqlite3.Connection, name: str) -> Issue | None:
    """An issue by its id, else by its title (case-insensitive, exact)."""
    found = get_issue(conn, name)
    if found is not None:
        return found
    row = conn.execute(
        f"SELECT {_ISSUE} FROM issues WHERE lower(title) = lower(?) ORDER BY id LIMIT 1", (name,)
    )
    hit = row.fetchone()
    return Issue._make(hit) if hit else None


def positions_by_id(
    conn: sqlite3.Connection, position_ids: Sequence[str], evidence: bool = True
) -> list[Position]:
    """These positions, in the order given (unknown ids skipped); without `evidence`,
    each position's `evidence` is left empty (cheaper)."""
    select = POSITION_SELECT if evidence else BARE_POSITION_SELECT
    return by_ids(conn, lambda m: f"{select}WHERE p.id IN ({m})", position_ids, position, lambda p: p.id)


def _positions_page(
    conn: sqlite3.Connection, page: str, params: Sequence[Any], limit: int, offset: int
) -> list[Position]:
    """One page of positions: `page` picks (and sorts) the page's ids first, so the evidence
    of a position is read only when it is on the page, not for every match."""
    ids = [r[0] for r in conn.execute(f"{page} LIMIT ? OFFSET ?", (*params, limit, offset))]
    return positions_by_id(conn, ids)


def actor_positions(
    conn: sqlite3.Connection, actor_id: str, limit: int = -1, offset: int = 0, after: str | None = None
) -> list[Position]:
    """The actor's own positions, issue by issue (issues in dossier order); a page of them
    with `limit` (-1: all) and `offset`, or the page after the position `after` (read by
    key from that position on: any page costs what the first does)."""
    where, params = "", [actor_id]
    if after is not None:
        key = conn.execute(
            "SELECT i.ord, p.stance FROM positions p JOIN issues i ON i.id = p.issue "
            "WHERE p.id = ? AND p.actor = ?",
            (after, actor_id),
        ).fetchone()
        if key is None or key[0] is None:
            return []  # gone since the page before (a load elsewhere): the list ends there
        # issues from the key's on (each has its own `ord`), the key's own positions up to it skipped
        where = "WHERE i.ord >= ? AND (i.ord > ? OR p.stance < ? OR (p.stance = ? AND p.id > ?)) "
        params += [key[0], key[0], key[1], key[1], after]
    # issues first (CROSS JOIN keeps that order): a page is read off the (actor, issue)
    # index issue by issue, instead of sorting every position of a prolific speaker
    page = (
        "SELECT p.id FROM issues i CROSS JOIN positions p ON p.issue = i.id "
        f"AND p.actor = ? {where}ORDER BY i.ord, p.stance DESC, p.id"
    )
    return _positions_page(conn, page, params, limit, offset)


def issue_positions(
    conn: sqlite3.Connection,
    issue_id: str,
    limit: int = -1,
    offset: int = 0,
    assessments: bool | None = None,
    after: str | None = None,
) -> list[Position]:
    """Every position on an issue, from +2 to -2, then by actor name (a page with `limit`
    and `offset`, or the page after the position `after`, read by key); only the
    assessments (predictions and judgements, which are not stances) with
    `assessments=True`, only the stances with False."""
    where = {None: "", True: " AND p.kind = 'assessment'", False: " AND p.kind != 'assessment'"}[assessments]
    params: list[Any] = [issue_id]
    if after is not None:
        key = conn.execute(
            "SELECT p.stance, a.name FROM positions p JOIN actors a ON a.id = p.actor "
            "WHERE p.id = ? AND p.issue = ?",
            (after, issue_id),
        ).fetchone()
        if key is None:
            return []  # gone since the page before (a load elsewhere): the list ends there
        # the (issue, stance) index from the key's stance down, its own up to the key skipped
        where += " AND p.stance <= ? AND (p.stance < ? OR (a.name, p.id) > (?, ?))"
        params += [key[0], key[0], key[1], after]
    page = (
        "SELECT p.id FROM positions p JOIN actors a ON a.id = p.actor WHERE p.issue = ?"
        f"{where} ORDER BY p.stance DESC, a.name, p.id"
    )
    return _positions_page(conn, page, params, limit, offset)


def issue_stance_counts(conn: sqlite3.Connection, issue_id: str) -> dict[tuple[bool, int], int]:
    """How many positions on the issue hold each stance, keyed (is an assessment, stance);
    stances nobody holds are absent."""
    rows = conn.execute(
        "SELECT kind = 'assessment', stance, count(*) FROM positions WHERE issue = ? GROUP BY 1, 2",
        (issue_id,),
    )
    return {
        (bool(assessed), checked_stance(stance, f"a position on issue {issue_id!r}")): n
        for assessed, stance, n in rows
    }


def issue_earlier_ids(conn: sqlite3.Connection, issue_id: str) -> set[str]:
    """The positions on an issue that a later one of the same actor has replaced (the
    actor's stances and its assessments each have their own latest date)."""
    rows = conn.execute(
        "SELECT p.id FROM positions p JOIN ("
        "  SELECT actor, kind = 'assessment' AS assessed, max(coalesce(date, '')) AS latest"
        "  FROM positions WHERE issue = ? GROUP BY 1, 2"
        ") l ON l.actor = p.actor AND l.assessed = (p.kind = 'assessment') "
        "WHERE p.issue = ? AND coalesce(p.date, '') < l.latest",
        (issue_id, issue_id),
    )
    return {r[0] for r in rows}


def quote_positions(conn: sqlite3.Connection, quote_id: str) -> list[Position]:
    """The positions a quote is evidence for, issue by issue."""
    rows = conn.execute(
        POSITION_SELECT + "JOIN position_evidence e ON e.position = p.id "
        "WHERE e.quote = ? ORDER BY i.ord, p.id",
        (quote_id,),
    )
    return [position(r) for r in rows]


def get_position(conn: sqlite3.Connection, position_id: str) -> Position | None:
    found = positions_by_id(conn, [position_id])
    return found[0] if found else None
