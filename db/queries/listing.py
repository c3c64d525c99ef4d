"""Long lists sorted and filtered as the user asks (`db.views.View`): one issue's or one
actor's positions, an actor's quotes, the drafted quotes to review, a page at a time, and
the counts of a column's values (VisiData's `F`). Only whitelisted columns reach the SQL:
a view names a column by its id, never by an expression, and every value is a parameter."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..models import Position, Quote
from ..views import View
from .positions import positions_by_id
from .quotes import quotes_by_id

#: The columns of a list of positions: id -> SQL expression.
POSITION_COLUMNS = {
    "stance": "p.stance",
    "actor": "a.name",
    "issue": "i.title",
    "kind": "p.kind",
    "date": "coalesce(p.date, '')",
}
#: What a text filter on positions looks in.
_POSITION_TEXT = ("p.summary", "a.name", "i.title", "p.kind")
_POSITIONS_FROM = "FROM positions p JOIN actors a ON a.id = p.actor JOIN issues i ON i.id = p.issue "

#: The columns of a list of quotes.
QUOTE_COLUMNS = {
    "speaker": "a.name",
    "outlet": "s.outlet",
    "date": "q.date",
    "kind": "q.kind",
    "confidence": "q.confidence",
}
_QUOTE_TEXT = ("q.text", "a.name", "s.outlet", "s.title")
_QUOTES_FROM = "FROM quotes q JOIN actors a ON a.id = q.speaker JOIN sources s ON s.id = q.source "


def _like(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its own % _ and \\ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(
    view: View, columns: dict[str, str], text_exprs: tuple[str, ...], where: list[str], params: list[Any]
) -> None:
    if view.column is not None and view.column in columns:
        where.append(f"CAST({columns[view.column]} AS TEXT) = ?")
        params.append(view.value)
    if view.text:
        like = _like(view.text)
        where.append("(" + " OR ".join(f"{e} LIKE ? ESCAPE '\\'" for e in text_exprs) + ")")
        params.extend([like] * len(text_exprs))


def _order(view: View, columns: dict[str, str], tie: str) -> str:
    if view.sort not in columns:
        return f" ORDER BY {tie}"
    expr = columns[view.sort]
    if view.sort in ("actor", "speaker", "issue", "outlet"):
        expr += " COLLATE NOCASE"
    # a missing value (NULL) last either way, as db.views sorts
    return f" ORDER BY {expr} IS NULL, {expr} {'DESC' if view.descending else 'ASC'}, {tie}"


def _positions_where(issue: str | None, actor: str | None, view: View) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if issue is not None:
        where.append("p.issue = ?")
        params.append(issue)
    if actor is not None:
        where.append("p.actor = ?")
        params.append(actor)
    _where(view, POSITION_COLUMNS, _POSITION_TEXT, where, params)
    return ("WHERE " + " AND ".join(where) + " " if where else ""), params


def sorted_positions(
    conn: sqlite3.Connection,
    view: View,
    issue: str | None = None,
    actor: str | None = None,
    limit: int = -1,
    offset: int = 0,
) -> list[Position]:
    """A page of the positions on `issue` and/or of `actor`, in the view's order and kept
    by its filters (ties: issue order, then stance from +2, then id)."""
    where, params = _positions_where(issue, actor, view)
    order = _order(view, POSITION_COLUMNS, "i.ord, p.stance DESC, p.id")
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT p.id {_POSITIONS_FROM}{where}{order} LIMIT ? OFFSET ?", (*params, limit, offset)
        )
    ]
    return positions_by_id(conn, ids)


def position_counts(
    conn: sqlite3.Connection, column: str, view: View, issue: str | None = None, actor: str | None = None
) -> list[tuple[str, int]]:
    """How many of those positions (as filtered) read each value of `column`, most first."""
    if column not in POSITION_COLUMNS:
        raise ValueError(f"no column {column!r} in a list of positions")
    return _counts(conn, POSITION_COLUMNS[column], _POSITIONS_FROM, *_positions_where(issue, actor, view))


def count_positions(
    conn: sqlite3.Connection, view: View, issue: str | None = None, actor: str | None = None
) -> int:
    """How many positions on `issue` and/or of `actor` the view's filters keep."""
    where, params = _positions_where(issue, actor, view)
    return int(conn.execute(f"SELECT count(*) {_POSITIONS_FROM}{where}", params).fetchone()[0])


def _counts(
    conn: sqlite3.Connection, expr: str, from_: str, where: str, params: list[Any]
) -> list[tuple[str, int]]:
    """How many rows of `from_` kept by `where` read each value of `expr`, most first."""
    rows = conn.execute(
        f"SELECT CAST({expr} AS TEXT), count(*) {from_}{where}GROUP BY 1 ORDER BY 2 DESC, 1", params
    )
    return [(value, n) for value, n in rows if value is not None]


def _quotes_where(speaker: str | None, unsure: bool, view: View) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if speaker is not None:
        where.append("q.speaker = ?")
        params.append(speaker)
    if unsure:
        where.append("q.confidence IN ('low', 'medium')")
    _where(view, QUOTE_COLUMNS, _QUOTE_TEXT, where, params)
    return ("WHERE " + " AND ".join(where) + " " if where else ""), params


def sorted_quotes(
    conn: sqlite3.Connection,
    view: View,
    speaker: str | None = None,
    unsure: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Quote]:
    """A page of the quotes of `speaker` (or the drafted ones to review, `unsure`), in the
    view's order and kept by its filters (ties: newest first, then source order)."""
    where, params = _quotes_where(speaker, unsure, view)
    order = _order(view, QUOTE_COLUMNS, "q.date DESC, q.source, q.start, q.id")
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT q.id {_QUOTES_FROM}{where}{order} LIMIT ? OFFSET ?", (*params, limit, offset)
        )
    ]
    return quotes_by_id(conn, ids)


def count_quotes(
    conn: sqlite3.Connection, view: View, speaker: str | None = None, unsure: bool = False
) -> int:
    """How many quotes of `speaker` (or drafted ones to review) the view's filters keep."""
    where, params = _quotes_where(speaker, unsure, view)
    return int(conn.execute(f"SELECT count(*) {_QUOTES_FROM}{where}", params).fetchone()[0])


def quote_counts(
    conn: sqlite3.Connection, column: str, view: View, speaker: str | None = None, unsure: bool = False
) -> list[tuple[str, int]]:
    """How many of those quotes (as filtered) read each value of `column`, most first."""
    if column not in QUOTE_COLUMNS:
        raise ValueError(f"no column {column!r} in a list of quotes")
    return _counts(conn, QUOTE_COLUMNS[column], _QUOTES_FROM, *_quotes_where(speaker, unsure, view))
