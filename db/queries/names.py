"""Names as typed into the palette: the few actors and issues worth scoring for what is
typed, so that the palette's fuzzy matcher scores a few dozen names a key instead of every
one (2,000 actors and 500 issues cost it 50-130 ms a key at 1M quotes).

`actor_names` and `issue_names` are read once when the palette opens (one pass over the
names); each key is then a lookup in them. A candidate is an actor whose id, name or alias (compared
as `text.name_key`: case, accents, dots and hyphens ignored) or role has a word beginning
with what is typed, or an issue whose id or title has one: every word of a key starts a
suffix of it, and the suffixes are sorted, so those beginning with the text are one range
found by bisection. Only when no word begins so, names holding the typed letters in order
(what the fuzzy matcher itself requires). Best first: the whole key, then a key that begins
with the text, then a word inside it, then the role; among equals the most quoted actors,
issues in dossier order.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from typing import NamedTuple

from ..text import name_key

#: Candidates given for one query: the palette shows its best 30 of them.
CANDIDATES = 60


class Candidate(NamedTuple):
    """An actor or an issue the typed text may mean."""

    id: str
    #: The alias the text matched, when it is not the actor's id or name (None for an issue).
    alias: str | None


#: (suffix, tier, rank, id, alias, key): tier 1 when the key begins with the text, 2 for a
#: word inside it, 3 for a word of the role; among equals the lower rank first.
_Entry = tuple[str, int, int, str, "str | None", str]


def _suffixes(key: str) -> list[tuple[int, str]]:
    """(0 for the whole key, else 1; the key from that word on) for each word of `key`
    (its words are single-spaced: `name_key` makes them so)."""
    out = [(0, key)]
    at = key.find(" ")
    while at != -1:
        out.append((1, key[at + 1 :]))
        at = key.find(" ", at + 1)
    return out


class Names:
    """Names of one kind (actors or issues) by the suffixes their words begin, sorted."""

    def __init__(self, entries: list[_Entry]) -> None:
        entries.sort(key=lambda e: e[:4])
        self.entries = entries
        self.suffixes = [e[0] for e in entries]
        self.keys = list({e[5:] + e[2:5]: None for e in entries if e[1] < 3})

    def find(self, text: str, limit: int = CANDIDATES) -> list[Candidate]:
        """The actors or issues `text` may name, best first (see the module docstring)."""
        key = name_key(text)
        if not key:
            return []
        best: dict[str, tuple[int, int, str | None]] = {}
        i = bisect_left(self.suffixes, key)
        while i < len(self.entries) and self.suffixes[i].startswith(key):
            _suffix, tier, rank, ident, alias, whole = self.entries[i]
            tier = 0 if tier == 1 and whole == key else tier
            if ident not in best or (tier, rank) < best[ident][:2]:
                best[ident] = (tier, rank, alias)
            i += 1
        if not best:  # no word begins so: the letters in order, as the fuzzy matcher asks
            letters = re.compile(".*".join(re.escape(c) for c in key if not c.isspace()))
            for k, rank, ident, alias in self.keys:
                if ident not in best and letters.search(k):
                    best[ident] = (4, rank, alias)
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))
        return [Candidate(ident, alias) for ident, (_t, _r, alias) in ranked[:limit]]


def actor_names(conn: sqlite3.Connection) -> Names:
    """Every actor's id, name, aliases and role, to find the actors a text may name."""
    actors = conn.execute("SELECT id, role FROM actors ORDER BY quote_count DESC, name, id").fetchall()
    rank = {ident: n for n, (ident, _role) in enumerate(actors)}
    entries: list[_Entry] = []
    for actor, alias, key, ord_ in conn.execute("SELECT actor, alias, alias_key, ord FROM actor_aliases"):
        key = key.partition("#")[0]  # an alias that folds onto another is stored as KEY#n
        shown = alias if ord_ >= 0 else None  # the id and the name are not aliases to show
        n = rank.get(actor, len(rank))
        entries += [(suffix, 1 + inside, n, actor, shown, key) for inside, suffix in _suffixes(key)]
    for actor, role in actors:
        if role:  # casefolded only: accents in a role are rarely typed without them
            role_key = " ".join(role.casefold().split())
            entries += [(suffix, 3, rank[actor], actor, None, role_key) for _i, suffix in _suffixes(role_key)]
    return Names(entries)


def issue_names(conn: sqlite3.Connection) -> Names:
    """Every issue's id and title, to find the issues a text may mean (`Candidate.id`)."""
    entries: list[_Entry] = []
    for n, (ident, title) in enumerate(conn.execute("SELECT id, title FROM issues ORDER BY ord, id")):
        for key in dict.fromkeys((name_key(title), name_key(ident))):
            entries += [(s, 1 + inside, n, ident, None, key) for inside, s in _suffixes(key)]
    return Names(entries)
