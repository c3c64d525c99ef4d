"""Command palette providers: jump to an actor, an issue or a quote; views and compare.

Palette entries hold dossier text, so every hit is built as cleaned `Content` with our own
highlighting (Textual's `Matcher.highlight` would parse the candidate as markup).
"""

from __future__ import annotations

import asyncio
import heapq
import sqlite3
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..db import queries
from ..db.text import name_key
from .render.safe import clean, highlighted

if TYPE_CHECKING:  # for the type checker only: the app module imports this one
    from .app import CeasefireApp

#: Hits a provider gives the palette for one query: the palette lays out every hit it gets
#: (a thousand actors matching "m" took 100 ms a keystroke) and shows about ten.
BEST = 30

T = TypeVar("T")


def best(query: str, matcher, items: list[tuple[str, str]]) -> list[tuple[float, str, str, list]]:
    """(score, id, label, offsets) of the BEST labels matching `query`, best first."""
    scored = ((matcher.match(label), key, label) for key, label in items)
    top = heapq.nlargest(BEST, (s for s in scored if s[0] > 0), key=lambda s: s[0])
    return [(score, key, label, matcher.fuzzy_search.match(query, label)[1]) for score, key, label in top]


async def _read(app: CeasefireApp, read: Callable[[sqlite3.Connection], T]) -> T:
    """`read` run in a thread on its own connection while the palette opens: the names to
    find candidates in take tens of ms at 1M quotes, once, instead of scoring every name a key."""
    store = app.store
    return await asyncio.to_thread(lambda: read(store.conn))


def _display(prefix: str, text: str, offsets) -> Content:
    spans = [(o, o + 1) for o in offsets]
    return Content.assemble((prefix, "dim"), highlighted(text, spans, style="bold underline"))


#: An actor whose name or alias is the whole text typed scores this many times the matcher's.
EXACT_NAME = 2.0


class HistoryCommands(Provider):
    """recent: … — a comparison, search or quote opened before (kept across runs)."""

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp

        @property
        def app(self) -> CeasefireApp: ...

    def _entries(self):
        app = self.app
        history = app.history.entries
        for e in history["compare"]:
            yield f"recent compare: {e.get('label', '')}", partial(app.open_compare, list(e["actors"]))
        for e in history["search"]:
            yield f"recent search: {e.get('label', '')}", partial(app.open_search, e["query"])
        for e in history["quote"]:
            yield f"recent quote: {e.get('label', '')}", partial(app.open_quote, e["id"])

    #: A recent item's score is scaled by this: what was opened before comes after an actor,
    #: an issue or a view the text names ("russia" is the actor Russia first, not "recent
    #: compare: Europe × Russia"); among recent items the order is the matcher's.
    WEIGHT = 0.5

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback in self._entries():
            label = clean(name, oneline=True, limit=120)
            score = matcher.match(label)
            if score > 0:
                offsets = matcher.fuzzy_search.match(query, label)[1]
                yield Hit(score * self.WEIGHT, _display("", label, offsets), callback, text=label)

    async def discover(self) -> Hits:
        for name, callback in list(self._entries())[:15]:
            label = clean(name, oneline=True, limit=120)
            yield DiscoveryHit(_display("", label, ()), callback, text=label)


class ActorCommands(Provider):
    """actor: NAME — select it in the Actors list."""

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp

        @property
        def app(self) -> CeasefireApp: ...

    async def startup(self) -> None:
        actors, self.index = await _read(
            self.app, lambda conn: (queries.list_actors(conn, with_aliases=False), queries.actor_names(conn))
        )
        self.names = {a.id: (clean(a.name, oneline=True, limit=80), a.role) for a in actors}
        self.actors = [(a.id, self._label(a.id)) for a in actors]

    def _label(self, actor_id: str, alias: str | None = None) -> str:
        name, role = self.names[actor_id]
        if alias:
            name += f" ({clean(alias, oneline=True, limit=40)})"
        return clean(name + (f" — {role}" if role else ""), oneline=True, limit=120)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        # the name index picks the few actors the text may name; the matcher scores only them
        items = []
        typed = name_key(query)
        exact: set[str] = set()
        for found in self.index.find(query):
            if found.id in self.names:
                # found by an alias the name does not hold ("Kiev" for Ukraine): say which
                shown = found.alias and name_key(found.alias) not in name_key(self.names[found.id][0])
                items.append((found.id, self._label(found.id, found.alias if shown else None)))
                if typed and typed in (name_key(self.names[found.id][0]), name_key(found.alias or "")):
                    exact.add(found.id)
        for score, actor_id, label, offsets in best(query, matcher, items):
            yield Hit(
                # the actor the text names whole ("russia", "UK") first, before issues and
                # names that merely hold it (the matcher scores every label holding the
                # word alike: "Territory Russia holds" 21, "Russia — …" 21)
                score * EXACT_NAME if actor_id in exact else score,
                _display("actor: ", label, offsets),
                partial(self.app.select_actor, actor_id),
                text=f"actor: {label}",
            )

    async def discover(self) -> Hits:
        for actor_id, label in self.actors[:40]:
            yield DiscoveryHit(
                _display("actor: ", label, ()),
                partial(self.app.select_actor, actor_id),
                text=f"actor: {label}",
            )


class IssueCommands(Provider):
    """issue: TITLE — open the issue."""

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp

        @property
        def app(self) -> CeasefireApp: ...

    async def startup(self) -> None:
        issues, self.index = await _read(
            self.app, lambda conn: (queries.list_issues(conn), queries.issue_names(conn))
        )
        self.issues = {i.id: clean(i.title, oneline=True, limit=120) for i in issues}

    async def search(self, query: str) -> Hits:
        # the name index picks the few issues the text may mean; the matcher scores only them
        found = self.index.find(query)
        items = [(c.id, self.issues[c.id]) for c in found if c.id in self.issues]
        for score, issue_id, label, offsets in best(query, self.matcher(query), items):
            yield Hit(
                score,
                _display("issue: ", label, offsets),
                partial(self.app.open_issue, issue_id),
                text=f"issue: {label}",
            )


class QuoteCommands(Provider):
    """quote: SPEAKER “TEXT” — open the quote (full-text search on what is typed)."""

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp

        @property
        def app(self) -> CeasefireApp: ...

    async def search(self, query: str) -> Hits:
        store = self.app.store

        def run():
            return queries.search(store.conn, query, limit=20)

        hits = await asyncio.to_thread(run)
        for rank, hit in enumerate(hits):
            if hit.quote_id is None:
                continue
            text = clean(hit.text, oneline=True, limit=100)
            who = clean(hit.speaker_name, oneline=True, limit=40)
            label = Content.assemble(
                ("quote: " if hit.kind == "quote" else "position: ", "dim"),
                (who + " ", "bold"),
                highlighted(text, hit.spans, style="bold underline"),
            )
            yield Hit(
                0.5 - rank / 100, label, partial(self.app.open_quote, hit.quote_id), text=f"{who} {text}"
            )


class ViewCommands(Provider):
    """view: … and compare: … commands."""

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp

        @property
        def app(self) -> CeasefireApp: ...

    def _commands(self):
        app = self.app
        return [
            ("view: actors", "The actors by side, with profiles", lambda: app.select_actor("")),
            ("view: issues matrix", "Every issue against every side", app.action_issues),
            ("view: search", "Full-text search over quotes and positions", app.action_search),
            (
                "view: unsure quotes",
                "Drafted quotes to review (low or medium confidence)",
                app.action_unsure_quotes,
            ),
            (
                "view: what changed",
                "Flipped relations, moved stances, new positions: latest load, or since a day",
                app.action_changes,
            ),
            (
                "view: single-source positions",
                "Positions that rest on one outlet alone (a republished passage counts once)",
                app.open_single_source,
            ),
            ("view: help", "Keys, stance scale, relations, agreement score", app.action_help),
            (
                "compare: marked actors",
                "Compare the actors marked on the Actors screen",
                app.action_compare_marked,
            ),
            ("data: reload", "Read the database again", app.action_reload),
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, text=name, help=help_text)
