"""How well each position is sourced: the distinct outlets and sources behind its evidence,
with a passage another outlet republished counted once, and whether any of it reached the
source second-hand (a quote's `via`)."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence

from ..models import Backing
from .rows import CHUNK, marks

#: Quotation marks, apostrophes and dashes that one outlet prints where another prints the
#: plain form: the same passage either way.
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
_NOT_WORD = re.compile(r"[\W_]+")


def passage_key(text: str) -> str:
    """A quote's text reduced to its words (case, punctuation, quotation marks and spacing
    folded): two quotes with the same key are the same passage, wherever printed."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def via_of(venue: str | None) -> str | None:
    """Who passed a second-hand quote on: the dossier's `via`, stored with the venue as
    "…; via X" (or "via X" alone); None for words the source heard first-hand."""
    venue = venue or ""
    at = venue.rfind("via ")
    if at == -1 or (at > 0 and not venue[:at].endswith("; ")):
        return None
    return venue[at + 4 :] or None


_ROWS = (
    "SELECT e.position, q.text, q.venue, s.id, s.outlet, s.published FROM position_evidence e "
    "JOIN quotes q ON q.id = e.quote JOIN sources s ON s.id = q.source "
    "WHERE e.position IN ({}) ORDER BY e.position, s.published, s.id, e.ord"
)


def backing(conn: sqlite3.Connection, position_ids: Sequence[str]) -> dict[str, Backing]:
    """The backing of each of these positions, by id (an unknown id, or a position without
    evidence, is absent)."""
    rows: dict[str, list[tuple[str, str | None, str, str]]] = {}
    ids = list(dict.fromkeys(position_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        for pid, text, venue, source, outlet, _published in conn.execute(
            _ROWS.format(marks(len(chunk))), chunk
        ):
            rows.setdefault(pid, []).append((text, venue, source, outlet))
    return {pid: _backing(pid, found) for pid, found in rows.items()}


def _backing(pid: str, found: list[tuple[str, str | None, str, str]]) -> Backing:
    seen: set[str] = set()
    outlets: dict[str, None] = {}
    sources: set[str] = set()
    via: dict[str, None] = {}
    for text, venue, source, outlet in found:  # earliest source first: it keeps the passage
        passed = via_of(venue)
        if passed:
            via[passed] = None
        key = passage_key(text)
        if key in seen:
            continue
        seen.add(key)
        outlets[outlet] = None
        sources.add(source)
    return Backing(pid, tuple(outlets), len(sources), len(found), len(seen), tuple(via))


def single_source_ids(conn: sqlite3.Connection) -> list[str]:
    """Every position backed by one outlet, issue by issue (dossier order), then by actor:
    a position whose quotes all come from one outlet is one at once; one with several is
    one when the others only republish its passages."""
    order = (
        "SELECT p.id, count(DISTINCT s.outlet) FROM positions p JOIN issues i ON i.id = p.issue "
        "JOIN actors a ON a.id = p.actor JOIN position_evidence e ON e.position = p.id "
        "JOIN quotes q ON q.id = e.quote JOIN sources s ON s.id = q.source "
        "GROUP BY p.id ORDER BY i.ord, a.name, p.id"
    )
    ranked = list(conn.execute(order))
    several = [pid for pid, n in ranked if n > 1]
    single = {pid for pid, b in backing(conn, several).items() if b.single_source}
    return [pid for pid, n in ranked if n <= 1 or pid in single]


def same_passage(
    conn: sqlite3.Connection, text: str, other_than: str | None = None, limit: int = 3
) -> list[tuple[str, str, str]]:
    """Stored quotes that are the same passage as `text` (`passage_key` equal), from a
    source other than `other_than`: (quote id, source id, outlet), first printed first.
    Found through the full-text index by the passage's first words, then compared whole."""
    words = passage_key(text).split()
    if not words:
        return []
    phrase = '"' + " ".join(words[:12]) + '"'
    rows = conn.execute(
        "SELECT q.id, q.source, s.outlet, q.text FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid "
        "JOIN sources s ON s.id = q.source WHERE quotes_fts MATCH ? ORDER BY s.published, q.id LIMIT 200",
        (phrase,),
    )
    key = " ".join(words)
    found = [
        (qid, source, outlet)
        for qid, source, outlet, stored in rows
        if source != other_than and passage_key(stored) == key
    ]
    return found[:limit]
