"""Quotes and sources: one quote, an actor's quotes, the drafted ones to review, a quote in
its paragraph."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from ..models import Passage, Quote, Source, SourceText
from .positions import quote_positions
from .rows import by_ids, marks, select_list, split

_QUOTE_SELECT = (
    "SELECT "
    + select_list(
        Quote._fields,
        {
            "id": "q.id",
            "source": "q.source",
            "speaker": "q.speaker",
            "speaker_name": "a.name",
            "speaker_role": "a.role",
            "kind": "q.kind",
            "text": "q.text",
            "venue": "q.venue",
            "said": "q.said",
            "date": "q.date",
            "start": "q.start",
            "end": 'q."end"',
            "source_title": "s.title",
            "outlet": "s.outlet",
            "published": "s.published",
            "url": "s.url",
            "issues": "(SELECT group_concat(issue, char(31)) FROM quote_issues WHERE quote = q.id)",
            "confidence": "q.confidence",
            "note": "q.note",
        },
    )
    + " FROM quotes q JOIN actors a ON a.id = q.speaker JOIN sources s ON s.id = q.source "
)

_SOURCE = select_list(
    Source._fields, {"id": "id", "title": "title", "outlet": "outlet", "published": "published", "url": "url"}
)


#: The confidences still to review, in the queue's order (low first).
UNSURE = ("low", "medium")


def _quote(row: Sequence[Any]) -> Quote:
    q = Quote._make(row)
    # The row holds the issue ids joined by group_concat; split makes them the tuple.
    return q._replace(issues=split(cast(str | None, q.issues)))


def get_quote(conn: sqlite3.Connection, quote_id: str) -> Quote | None:
    row = conn.execute(_QUOTE_SELECT + "WHERE q.id = ?", (quote_id,)).fetchone()
    return _quote(row) if row else None


def quotes_by_id(conn: sqlite3.Connection, quote_ids: Sequence[str]) -> list[Quote]:
    """The quotes with these ids, in the order given (unknown ids skipped)."""
    return by_ids(conn, lambda m: f"{_QUOTE_SELECT}WHERE q.id IN ({m})", quote_ids, _quote, lambda q: q.id)


def actor_quotes(
    conn: sqlite3.Connection, actor_id: str, limit: int = 50, offset: int = 0, after: str | None = None
) -> list[Quote]:
    """One page of an actor's quotes, newest first (then in the order of their sources);
    with `after` (a quote id), the page that follows that quote, read by key off the
    (speaker, date, start) index from that quote on, so any page costs what the first does
    (`offset` reads and skips every row before its page)."""
    where, params = "q.speaker = ?", [actor_id]
    if after is not None:
        key = conn.execute(
            "SELECT date, start, rowid FROM quotes WHERE id = ? AND speaker = ?", (after, actor_id)
        ).fetchone()
        if key is None:
            return []  # gone since the page before (a load elsewhere): the list ends there
        date, start, rowid = key
        # newest first, then by start: the index range from the key's day down, the day's
        # own quotes up to the key skipped
        where += " AND q.date <= ? AND (q.date < ? OR (q.start, q.rowid) > (?, ?))"
        params += [date, date, start, rowid]
    rows = conn.execute(
        # rowid: the index's own order of ties
        f"{_QUOTE_SELECT}WHERE {where} ORDER BY q.date DESC, q.start, q.rowid LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [_quote(r) for r in rows]


def unsure_quotes(
    conn: sqlite3.Connection, limit: int = 50, offset: int = 0, after: str | None = None
) -> list[Quote]:
    """Drafted quotes still marked low or medium confidence: low first, then by source order;
    with `after` (a quote id), the page that follows it, read by key (as `actor_quotes`)."""
    where, params = f"q.confidence IN ({marks(len(UNSURE))})", list(UNSURE)
    if after is not None:
        key = conn.execute(
            "SELECT confidence, source, start, rowid FROM quotes WHERE id = ?", (after,)
        ).fetchone()
        if key is None or key[0] not in UNSURE:
            return []  # reviewed or gone since the page before: the list ends there
        # one range of the (confidence, source, start) index, from the key to the last
        # level; the level test is not given the index (`+`), which would start each
        # level from its beginning
        where = (
            f"(q.confidence, q.source, q.start, q.rowid) > (?, ?, ?, ?) AND q.confidence <= ? AND +{where}"
        )
        params = [*key, max(UNSURE), *UNSURE]
    rows = conn.execute(
        f"{_QUOTE_SELECT}WHERE {where} ORDER BY q.confidence, q.source, q.start, q.rowid LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [_quote(r) for r in rows]


def get_source(conn: sqlite3.Connection, source_id: str) -> SourceText | None:
    row = conn.execute(f"SELECT {_SOURCE}, text FROM sources WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        return None
    *fields, text = row
    return SourceText(Source._make(fields), text)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (lines between blank-free line breaks) holding text[start:end]."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi == -1 else hi


def passage(conn: sqlite3.Connection, quote_id: str) -> Passage | None:
    """A quote with the paragraph of its source around it and the positions it backs."""
    quote = get_quote(conn, quote_id)
    if quote is None:
        return None
    row = conn.execute("SELECT text FROM sources WHERE id = ?", (quote.source,)).fetchone()
    text = row[0]
    lo, hi = paragraph_bounds(text, quote.start, quote.end)
    return Passage(
        quote, text[lo:hi], quote.start - lo, quote.end - lo, tuple(quote_positions(conn, quote_id))
    )
