"""Quotes and sources: one quote, an actor's quotes, the drafted ones to review, a quote in
its paragraph."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from ..models import Passage, Quote, Source, SourceText
from .positions import quote_positions
from .rows import by_ids, select_list, split

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


def actor_quotes(conn: sqlite3.Connection, actor_id: str, limit: int = 50, offset: int = 0) -> list[Quote]:
    """One page of an actor's quotes, newest first."""
    rows = conn.execute(
        _QUOTE_SELECT + "WHERE q.speaker = ? ORDER BY q.date DESC, q.start LIMIT ? OFFSET ?",
        (actor_id, limit, offset),
    )
    return [_quote(r) for r in rows]


def unsure_quotes(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> list[Quote]:
    """Drafted quotes still marked low or medium confidence: low first, then by source order."""
    rows = conn.execute(
        _QUOTE_SELECT + "WHERE q.confidence IN ('low', 'medium') "
        "ORDER BY q.confidence, q.source, q.start LIMIT ? OFFSET ?",
        (limit, offset),
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
