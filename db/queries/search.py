"""Full-text search over quote texts and position summaries, best first."""

from __future__ import annotations

import sqlite3

from ..fts import build_query, match_spans
from ..models import SearchHit
from .rows import marks

#: Matches ranked per search: the most recently loaded this many (bm25 over every match of
#: a common word in a million quotes costs hundreds of ms; over these, a few).
RANK_WINDOW = 1000

_QUOTE_HITS = (
    "SELECT q.rowid, q.id, q.text, q.speaker, a.name, q.kind, s.outlet FROM quotes q "
    "JOIN actors a ON a.id = q.speaker LEFT JOIN sources s ON s.id = q.source WHERE q.rowid IN ({})"
)
#: A position's hit opens its first quote of evidence.
_POSITION_HITS = (
    "SELECT p.rowid, p.id, p.summary, p.actor, a.name, "
    "(SELECT quote FROM position_evidence WHERE position = p.id ORDER BY ord "
    " LIMIT 1) FROM positions p JOIN actors a ON a.id = p.actor "
    "WHERE p.rowid IN ({})"
)


def _best(conn: sqlite3.Connection, fts: str, match: str, limit: int) -> list[tuple[float, int]]:
    """(bm25, rowid) of the best `limit` matches among the newest RANK_WINDOW."""
    rows = conn.execute(
        f"SELECT bm25({fts}), rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, RANK_WINDOW),
    ).fetchall()
    rows.sort()
    return rows[:limit]


def search(conn: sqlite3.Connection, text: str, limit: int = 50, prefix_last: bool = True) -> list[SearchHit]:
    """Quotes and position summaries matching `text`, best first (by bm25, among the
    RANK_WINDOW most recently loaded matches of each kind). Any text is a valid query:
    one with no searchable word returns nothing without touching the database.
    `prefix_last`: the last word is a prefix (as you type); see `fts.build_query`."""
    query = build_query(text, prefix_last)
    if query is None:
        return []
    hits: list[tuple[float, SearchHit]] = []
    try:
        for kind, fts, select in (
            ("quote", "quotes_fts", _QUOTE_HITS),
            ("position", "positions_fts", _POSITION_HITS),
        ):
            best = _best(conn, fts, query.match, limit)
            if not best:
                continue
            score = {rowid: s for s, rowid in best}
            for row in conn.execute(select.format(marks(len(best))), [r for _, r in best]):
                reported_by = None
                if kind == "quote":
                    rowid, rid, body, speaker, name, quote_kind, outlet = row
                    opens = rid
                    if quote_kind == "reported":  # the outlet's words, not the speaker's
                        reported_by = outlet or "the source"
                else:
                    rowid, rid, body, speaker, name, opens = row
                spans = match_spans(body, query.terms)
                hits.append(
                    (score[rowid], SearchHit(kind, rid, opens, body, speaker, name, spans, reported_by))
                )
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("fts5"):
            return []  # a query FTS5 still refuses finds nothing rather than failing
        raise
    hits.sort(key=lambda h: (h[0], h[1].kind, h[1].id))
    return [h for _, h in hits[:limit]]
