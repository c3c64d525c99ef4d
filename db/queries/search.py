"""Full-text search over quote texts and position summaries, best first; one that knows
people: `@NAME` limits it to a speaker, and a word that names an actor ("Zelensky", by an
alias) finds that actor's own quotes and positions as well as the word.

How a text is read (`read_search`): each `@NAME` is a speaker, matched by id, name or alias
(`text.name_key`: case, accents, dots and hyphens ignored; a surname; the start of one
while it is the last thing typed); every other token is a word to find (`fts.build_query`:
the last a prefix from three letters on, so "UK" is the word UK). A word, or up to three
in a row, that is an actor's id, name or alias names that actor.

What is found (`search`):
- with speakers: their quotes and positions holding every word, newest first (their
  newest rows alone when there is no word); an unknown speaker finds nothing.
- otherwise: the rows holding every word, by bm25 among the RANK_WINDOW newest matches;
  and, first, for a word that names actors, their own rows holding the other words (or
  their newest rows), newest first, up to half the results when the words find others too.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from ..fts import FtsQuery, Term, build_query, match_of, match_spans, split_speakers, text_matches
from ..models import SearchHit
from ..text import name_key
from .rows import marks

#: Matches ranked per search: the most recently loaded this many (bm25 over every match of
#: a common word in a million quotes costs hundreds of ms; over these, a few).
RANK_WINDOW = 1000
#: Speakers with at most this many quotes (or positions) between them are searched through
#: their own rows, newest first, each matched in Python (`fts.text_matches`): through the
#: index, every match of a common word would be read to find a quiet speaker's few. More
#: than this, through the index, each match's speaker looked up.
SPEAKER_SCAN = 3000
#: Actors a speaker's start (`@gru` as one types) may stand for at most.
SPEAKER_PREFIX = 20
#: Words in a row that may name an actor ("Volodymyr Zelensky").
NAME_WORDS = 3

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


class _Kind(NamedTuple):
    name: str
    fts: str
    table: str
    who: str  # the column naming the actor
    body: str  # the column searched
    newest: str  # the ORDER BY for newest first
    counted: str  # the actors' column counting their rows
    hits: str


_KINDS = (
    # a quote's order is its speaker index's: newest first, then in its source's order
    _Kind("quote", "quotes_fts", "quotes", "speaker", "text", "date DESC, start", "quote_count", _QUOTE_HITS),
    _Kind(
        "position",
        "positions_fts",
        "positions",
        "actor",
        "summary",
        "coalesce(date, '') DESC, rowid DESC",
        "position_count",
        _POSITION_HITS,
    ),
)


class Reading(NamedTuple):
    """How a search text was read: what `search` looks for."""

    #: The words to find (None: no word).
    query: FtsQuery | None
    #: Each `@NAME` as typed, with the actors it matched (none: unknown, so nothing is found).
    speakers: tuple[tuple[str, tuple[str, ...]], ...]
    #: Words that name actors: (the words as typed, the indexes of their terms, the actors).
    people: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...]

    @property
    def unknown(self) -> tuple[str, ...]:
        """The speakers typed that match no actor."""
        return tuple(typed for typed, ids in self.speakers if not ids)

    @property
    def speaker_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for _typed, ids in self.speakers for i in ids))


def _actors_named(
    conn: sqlite3.Connection, key: str, prefix: bool = False, surname: bool = True
) -> tuple[str, ...]:
    """The actors whose id, name or alias is `key` (a name_key), else (with `surname`)
    whose name ends in it, else (with `prefix`) whose id, name or alias begins with it."""
    if not key:
        return ()
    found = [
        r[0] for r in conn.execute("SELECT DISTINCT actor FROM actor_aliases WHERE alias_key = ?", (key,))
    ]
    # a surname is one word: a scan of the names (1 ms at 1M quotes), so not for every
    # run of words nor for a letter or two
    if surname and not found and " " not in key and len(key) >= 3:
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT actor FROM actor_aliases WHERE ord = -1 AND alias_key LIKE ? ESCAPE '\\'",
                ("% " + escaped,),
            )
        ]
    if not found and prefix:
        # a range of the alias_key index: the keys that begin with it
        found = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT actor FROM actor_aliases WHERE alias_key >= ? AND alias_key < ? LIMIT ?",
                (key, key + "\U0010ffff", SPEAKER_PREFIX),
            )
        ]
    return tuple(sorted(found))


def read_search(conn: sqlite3.Connection, text: str, prefix_last: bool = True) -> Reading:
    """How `search` reads `text` (see the module docstring): the words, the speakers and
    the words that name actors. A few lookups by key, whatever the database's size."""
    rest, typed = split_speakers(text, prefix_last)
    query = build_query(rest, prefix_last)
    speakers = tuple((s.typed, _actors_named(conn, name_key(s.typed), s.prefix)) for s in typed)
    people: list[tuple[str, tuple[int, ...], tuple[str, ...]]] = []
    if query is not None and not speakers:
        terms = query.terms
        i = 0
        while i < len(terms):
            for n in range(min(NAME_WORDS, len(terms) - i), 0, -1):  # the longest name first
                words = " ".join(w for t in terms[i : i + n] for w in t.words)
                # ids, names and aliases only (dossiers list surnames as aliases): a
                # surname is a scan of the names, 1 ms on every plain search
                ids = _actors_named(conn, name_key(words), surname=False)
                if ids:
                    people.append((words, tuple(range(i, i + n)), ids))
                    i += n
                    break
            else:
                i += 1
    return Reading(query, speakers, tuple(people[:2]))


def _best(conn: sqlite3.Connection, fts: str, match: str, limit: int) -> list[tuple[float, int]]:
    """(bm25, rowid) of the best `limit` matches among the newest RANK_WINDOW."""
    rows = conn.execute(
        f"SELECT bm25({fts}), rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, RANK_WINDOW),
    ).fetchall()
    rows.sort()
    return rows[:limit]


def _by(
    conn: sqlite3.Connection, kind: _Kind, actors: tuple[str, ...], terms: tuple[Term, ...], limit: int
) -> list[int]:
    """The rowids of these actors' rows holding every term (all their rows without terms),
    newest first, at most `limit`."""
    m = marks(len(actors))
    where = f"FROM {kind.table} WHERE {kind.who} IN ({m}) ORDER BY {kind.newest}"
    if not terms:  # the rowids alone: sorted off a covering index, no row read
        return [r[0] for r in conn.execute(f"SELECT rowid {where} LIMIT ?", (*actors, limit))]
    newest = f"SELECT rowid, {kind.body} {where}"
    rows = conn.execute(f"SELECT coalesce(sum({kind.counted}), 0) FROM actors WHERE id IN ({m})", actors)
    if rows.fetchone()[0] <= SPEAKER_SCAN:
        found = []
        for rowid, body in conn.execute(newest, actors):
            if text_matches(body, terms):
                found.append(rowid)
                if len(found) == limit:
                    break
        return found
    return [
        r[0]
        for r in conn.execute(
            f"SELECT f.rowid FROM {kind.fts} f JOIN {kind.table} t ON t.rowid = f.rowid "
            f"WHERE {kind.fts} MATCH ? AND t.{kind.who} IN ({m}) ORDER BY f.rowid DESC LIMIT ?",
            (match_of(terms), *actors, limit),
        )
    ]


def _hits(
    conn: sqlite3.Connection, kind: _Kind, rowids: list[int], terms: tuple[Term, ...]
) -> dict[int, SearchHit]:
    """The hits of these rows, by rowid, each with where its terms occur."""
    out: dict[int, SearchHit] = {}
    if not rowids:
        return out
    for row in conn.execute(kind.hits.format(marks(len(rowids))), rowids):
        reported_by = None
        if kind.name == "quote":
            rowid, rid, body, speaker, name, quote_kind, outlet = row
            opens = rid
            if quote_kind == "reported":  # the outlet's words, not the speaker's
                reported_by = outlet or "the source"
        else:
            rowid, rid, body, speaker, name, opens = row
        spans = match_spans(body, terms) if terms else ()
        out[rowid] = SearchHit(kind.name, rid, opens, body, speaker, name, spans, reported_by)
    return out


def search(conn: sqlite3.Connection, text: str, limit: int = 50, prefix_last: bool = True) -> list[SearchHit]:
    """Quotes and position summaries matching `text`, best first (see the module docstring:
    speakers, names, and bm25 among the RANK_WINDOW most recently loaded matches of each
    kind). Any text is a valid query: one with no searchable word and no speaker returns
    nothing without touching the database. `prefix_last`: the last word is a prefix (as
    you type); see `fts.build_query`."""
    rest, typed = split_speakers(text, prefix_last)
    if not typed and build_query(rest, prefix_last) is None:
        return []
    reading = read_search(conn, text, prefix_last)
    if reading.unknown:
        return []
    terms = reading.query.terms if reading.query else ()
    # (order, hit): speakers' and named actors' own rows first, newest first; then by bm25
    own: list[tuple[tuple[int, int], SearchHit]] = []
    found: list[tuple[tuple[float, int], SearchHit]] = []
    try:
        for k, kind in enumerate(_KINDS):
            if reading.speakers:
                rowids = _by(conn, kind, reading.speaker_ids, terms, limit)
                hits = _hits(conn, kind, rowids, terms)
                own += [((n, k), hits[r]) for n, r in enumerate(rowids) if r in hits]
                continue
            seen: set[int] = set()
            for _words, indexes, ids in reading.people:
                others = tuple(t for n, t in enumerate(terms) if n not in indexes)
                rowids = [r for r in _by(conn, kind, ids, others, limit) if r not in seen]
                seen.update(rowids)
                hits = _hits(conn, kind, rowids, terms)
                own += [((n, k), hits[r]) for n, r in enumerate(rowids) if r in hits]
            if reading.query is None:
                continue
            best = [(s, r) for s, r in _best(conn, kind.fts, reading.query.match, limit) if r not in seen]
            hits = _hits(conn, kind, [r for _, r in best], terms)
            found += [((s, k), hits[r]) for s, r in best if r in hits]
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("fts5"):
            return []  # a query FTS5 still refuses finds nothing rather than failing
        raise
    own.sort(key=lambda h: h[0])
    found.sort(key=lambda h: (h[0][0], h[1].kind, h[1].id))
    # a name's own rows first, but not all the results when the words find others too
    first = min(len(own), max(limit - len(found), limit // 2))
    return [h for _, h in own[:first]] + [h for _, h in found[: limit - first]]
