"""Actors: the list by side and tree, one actor, a name resolved, a body's members."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..models import Actor
from ..text import name_key
from .rows import select_list

_ACTOR = select_list(
    Actor._fields,
    {
        "id": "a.id",
        "name": "a.name",
        "kind": "a.kind",
        "role": "a.role",
        "parent": "a.parent",
        "side": "a.side",
        "depth": "a.depth",
        "aliases": "NULL",
        "quote_count": "a.quote_count",
        "position_count": "a.position_count",
        "unsure_count": "a.unsure_count",
    },
)


def _actor(row: Sequence[Any], aliases: dict[str, tuple[str, ...]]) -> Actor:
    actor = Actor._make(row)
    return actor._replace(aliases=aliases.get(actor.id, ()))


def _aliases(
    conn: sqlite3.Connection, actor_id: str | None = None, sides: bool = False
) -> dict[str, tuple[str, ...]]:
    """Display aliases by actor: of one actor, of the sides (top-level actors) or of all."""
    sql = "SELECT actor, alias FROM actor_aliases WHERE ord >= 0"
    args: tuple[Any, ...] = ()
    if actor_id is not None:
        sql += " AND actor = ?"
        args = (actor_id,)
    elif sides:
        sql += " AND actor IN (SELECT id FROM actors WHERE parent IS NULL)"
    out: dict[str, list[str]] = defaultdict(list)
    for actor, alias in conn.execute(sql + " ORDER BY actor, ord", args):
        out[actor].append(alias)
    return {k: tuple(v) for k, v in out.items()}


def list_actors(conn: sqlite3.Connection, with_aliases: bool = True) -> list[Actor]:
    """Every actor, grouped by side (sides by name) and in tree order within each side:
    a body first, then the members that speak for it. Without `with_aliases` (faster on a
    large dossier) each actor's `aliases` is empty: `get_actor` has them."""
    aliases = _aliases(conn) if with_aliases else {}
    # no ORDER BY: the tree below orders them (an index-ordered scan costs a lookup a row)
    rows = conn.execute(f"SELECT {_ACTOR} FROM actors a")
    actors = [_actor(r, aliases) for r in rows]
    known = {a.id for a in actors}
    # one sort for every parent's members: persons first, then bodies, each by name
    actors.sort(key=lambda a: (a.kind != "person", a.name.casefold(), a.id))
    children: dict[str | None, list[Actor]] = defaultdict(list)
    for a in actors:
        children[a.parent if a.parent in known else None].append(a)
    ordered: list[Actor] = []
    stack = sorted(children[None], key=lambda a: (a.name.casefold(), a.id), reverse=True)
    while stack:
        actor = stack.pop()
        ordered.append(actor)
        stack.extend(reversed(children.get(actor.id, ())))
    return ordered


def get_actor(conn: sqlite3.Connection, actor_id: str) -> Actor | None:
    """One actor, with its aliases; None if there is none with this id."""
    row = conn.execute(f"SELECT {_ACTOR} FROM actors a WHERE a.id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    return _actor(row, _aliases(conn, actor_id))


class ActorNotFound(LookupError):
    """A name that matches no actor, or more than one; `candidates` are the closest ones."""

    def __init__(self, name: str, candidates: list[Actor], ambiguous: bool = False):
        self.name = name
        self.candidates = candidates
        self.ambiguous = ambiguous
        listed = ", ".join(f"{a.name} ({a.id})" for a in candidates)
        if ambiguous:
            message = f"{name!r} could be any of: {listed}; use an id"
        elif candidates:
            message = f"no actor called {name!r}; closest: {listed}"
        else:
            message = f"no actor called {name!r}"
        super().__init__(message)


def _like_suffix(key: str) -> str:
    """A LIKE pattern for names ending in the word(s) `key`, its wildcards escaped."""
    return "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve_actor(conn: sqlite3.Connection, name: str) -> Actor:
    """The actor whose id, name, alias or surname is `name` (case and accents ignored)."""
    key = name_key(name)
    found = [
        r[0] for r in conn.execute("SELECT DISTINCT actor FROM actor_aliases WHERE alias_key = ?", (key,))
    ]
    if not found and key:
        # a surname or last word of a name: "Putin" for "Vladimir Putin"
        found = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT actor FROM actor_aliases WHERE ord < 0 AND alias_key LIKE ? ESCAPE '\\'",
                (_like_suffix(key),),
            )
        ]
    if len(found) == 1:
        actor = get_actor(conn, found[0])
        assert actor is not None
        return actor
    if len(found) > 1:
        raise ActorNotFound(name, [a for a in (get_actor(conn, i) for i in found) if a], ambiguous=True)
    import difflib

    keys = dict(conn.execute("SELECT alias_key, actor FROM actor_aliases"))
    close = difflib.get_close_matches(key, list(keys), n=8, cutoff=0.5)
    ids = list(dict.fromkeys(keys[k] for k in close))[:5]
    raise ActorNotFound(name, [a for a in (get_actor(conn, i) for i in ids) if a])


def member_depths(conn: sqlite3.Connection, actor_id: str) -> dict[str, int]:
    """The actor (depth 0) and every actor below it in the parent chains, with how far
    below it each sits."""
    rows = conn.execute(
        "WITH RECURSIVE m(id, depth) AS (SELECT ?, 0 UNION ALL "
        "SELECT a.id, m.depth + 1 FROM actors a JOIN m ON a.parent = m.id) "
        "SELECT id, depth FROM m ORDER BY depth",
        (actor_id,),
    )
    return dict(rows.fetchall())


def parents_of(conn: sqlite3.Connection, actor_id: str) -> dict[str, str | None]:
    """The parent of the actor and of every actor below it (the actor's own: None)."""
    rows = conn.execute(
        "WITH RECURSIVE m(id, depth) AS (SELECT ?, 0 UNION ALL "
        "SELECT a.id, m.depth + 1 FROM actors a JOIN m ON a.parent = m.id WHERE m.depth < 64) "
        "SELECT m.id, a.parent FROM m JOIN actors a ON a.id = m.id",
        (actor_id,),
    )
    found: dict[str, str | None] = dict(rows.fetchall())
    found[actor_id] = None
    return found


def list_sides(conn: sqlite3.Connection) -> list[Actor]:
    """The actors at the top of their parent chains, by name."""
    aliases = _aliases(conn, sides=True)
    rows = conn.execute(f"SELECT {_ACTOR} FROM actors a WHERE a.parent IS NULL")
    return sorted((_actor(r, aliases) for r in rows), key=lambda a: a.name.casefold())
