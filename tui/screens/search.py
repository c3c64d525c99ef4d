"""Search as you type over quotes and position summaries; the drafted quotes still to review."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...db import queries, views
from ...db.connect import open_reader
from ...db.models import SearchHit
from ...db.wording import hit_voice
from ..render.hanging import Hanging
from ..render.safe import clean, highlighted
from ..widgets.inputs import SafeInput
from ..widgets.lists import Viewed, ViewedOptionList, VimOptionList
from .base import BaseScreen

RESULT_LIMIT = 50
SNIPPET = 220


def snippet(text: str, spans, width: int = SNIPPET):
    """The part of `text` around its first match, from the start of a word, with the
    spans moved to match."""
    spans = list(spans)
    start = 0
    if spans and spans[0][0] > width // 3:
        start = spans[0][0] - width // 4
        # begin at a word: the lead-in moves on past a cut word (the match begins one, so
        # this stops there at the latest)
        while start < spans[0][0] and not text[start - 1].isspace():
            start += 1
    piece = text[start : start + width]
    moved = [(a - start, min(b, start + width) - start) for a, b in spans if a >= start and a < start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix, piece, suffix, moved


def hit_prompt(hit: SearchHit) -> Hanging:
    prefix, piece, suffix, spans = snippet(hit.text, hit.spans)
    voice = hit_voice(
        clean(hit.speaker_name, oneline=True, limit=60),
        hit.reported_by and clean(hit.reported_by, oneline=True, limit=40),
    )
    head = Content.assemble((hit.kind, "dim"), " · ", (voice, "bold"))
    body = highlighted(piece, spans, style="reverse bold", oneline=True)
    # a direct quote is the speaker's words, in quotation marks; a reported one the outlet's
    marks = ("“", "”") if hit.kind == "quote" and hit.reported_by is None else ("", "")
    return Hanging(Content.assemble(head, "\n   ", marks[0], prefix, body, suffix, marks[1]))


#: How a search is typed, said when nothing matches.
SYNTAX = (
    "Words are matched whole, except the last from three letters (a prefix); "
    "@name limits to a speaker; a name or alias also finds that actor's own words."
)


def _who(hits: list[SearchHit], reading: queries.Reading | None) -> str:
    """The speakers and the named actors the search found, as the status line says them."""
    if reading is None or not (reading.speakers or reading.people):
        return ""
    names = {h.speaker: h.speaker_name for h in hits}
    ids = reading.speaker_ids or tuple(i for _w, _n, found in reading.people for i in found)
    shown = [clean(names[i], oneline=True, limit=40) for i in ids if i in names]
    if not shown:
        return ""
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    said = "speaker" if reading.speakers else "by"
    return f"{said}: {', '.join(shown[:3])}{more} · "


class SearchScreen(BaseScreen):
    TITLE_TEXT = "Search"
    BINDINGS = [
        Binding("down", "results", "Results", show=False, id="to-results"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane"),
    ]

    @dataclass
    class Searched(Message):
        """A search finished (in a worker)."""

        query: str
        hits: list[SearchHit]
        error: str | None = None
        #: How the text was read: its speakers and the words that name actors.
        reading: queries.Reading | None = None

    def __init__(self, query: str = "") -> None:
        super().__init__()
        #: The text to search for at once (a search reopened from the history).
        self.initial = query
        self._inflight: sqlite3.Connection | None = None
        self._search_lock = threading.Lock()
        self.hits: list[SearchHit] = []
        #: The text whose results are shown (None before the first search is shown).
        self._shown: str | None = None
        #: The text an enter was typed after before its results were in.
        self._enter_pending: str | None = None

    def compose_body(self) -> ComposeResult:
        yield SafeInput(
            placeholder="Search quotes and positions (words, or the start of one)…", id="search-input"
        )
        yield Static(id="search-status")
        yield ViewedOptionList(id="search-results", markup=False)

    #: What the results sort and count by (o, O, F); the natural order is the best first.
    COLUMNS = {"speaker": "speaker", "outlet": "outlet", "kind": "kind"}

    @staticmethod
    def fields(item: tuple[int, SearchHit]) -> dict[str, views.Field]:
        hit = item[1]
        outlet = hit.reported_by or ""
        return {
            "speaker": views.Field(hit.speaker_name.casefold(), hit.speaker_name),
            "outlet": views.Field(outlet.casefold() or None, outlet),
            "kind": views.Field(hit.kind, hit.kind),
            "text": views.Field(None, hit.text),
        }

    def shown_hits(self) -> list[tuple[int, SearchHit]]:
        """The results in the list's order and filter, each with its index in `hits`."""
        lst = self.query_one(ViewedOptionList)
        return views.apply(list(enumerate(self.hits)), self.fields, lst.view)

    def _fill(self) -> None:
        lst = self.query_one(ViewedOptionList)
        lst.clear_options()
        shown = self.shown_hits()
        if self.hits and not shown:
            lst.add_option(
                Option(
                    Content.styled(f"none of the results match {lst.view_text()}", "dim italic"),
                    disabled=True,
                )
            )
        lst.add_options([Option(hit_prompt(h), id=str(i)) for i, h in shown])

    @on(Viewed.ViewChanged)
    def _view_changed(self) -> None:
        self._fill()

    @on(Viewed.CountsWanted)
    def _counts(self, event: Viewed.CountsWanted) -> None:
        lst = self.query_one(ViewedOptionList)
        lst.show_counts(event.column, views.counts(self.shown_hits(), self.fields, event.column))

    def on_mount(self) -> None:
        self.query_one(ViewedOptionList).offer(self.COLUMNS)
        self.set_title(Content.styled("results update as you type; enter opens a quote", "dim"))
        self._status("Type to search. Every word must occur; the last may be a prefix; @name: a speaker.")
        self.query_one(Input).focus()
        if self.initial:
            self.query_one(Input).value = self.initial  # searches (Input.Changed)

    def on_unmount(self) -> None:
        self._remember()

    #: The text the session log last heard of (what the screen was opened with, at first).
    _logged_query: str | None = None

    def log_state(self) -> dict | None:
        query = self.typed.strip()
        said = self.initial.strip() if self._logged_query is None else self._logged_query
        if query == said:
            return None
        self._logged_query = query
        return {"query": query}

    #: What the box holds (kept for the history when the screen closes).
    typed = ""

    def _remember(self) -> None:
        query = self.typed.strip()
        if query:
            self.app.remember("search", {"query": query, "label": clean(query, oneline=True, limit=60)})

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content.styled(text, "dim"))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.value != self._enter_pending:
            self._enter_pending = None  # an enter is for the text it followed, not for more
        self.typed = event.value
        self.run_search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """enter in the box opens the best match (or the one highlighted); typed before
        the results of the text are in (`/nato` and enter in one burst, as over SSH), it
        opens the first of them once they are."""
        if self._shown != event.value:
            self._enter_pending = event.value
            return
        self._open_first()

    def _open_first(self) -> None:
        lst = self.query_one(VimOptionList)
        if lst.option_count:
            self.action_results()
            lst.action_select()

    def reload(self) -> None:
        self.run_search(self.query_one(Input).value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str) -> None:
        """Query in a thread on its own connection; a newer query interrupts this one."""
        with self._search_lock:
            if self._inflight is not None:
                self._inflight.interrupt()
        if not text.strip():
            self.post_message(self.Searched(text, []))
            return
        try:
            conn = open_reader(self.store.path)
        except Exception as exc:  # a StoreError: shown in the status line
            self.post_message(self.Searched(text, [], str(exc)))
            return
        with self._search_lock:
            self._inflight = conn
        try:
            reading = queries.read_search(conn, text)
            hits = queries.search(conn, text, limit=RESULT_LIMIT)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                return  # superseded by a newer query
            self.post_message(self.Searched(text, [], str(exc)))
            return
        finally:
            with self._search_lock:
                if self._inflight is conn:
                    self._inflight = None
            conn.close()
        self.post_message(self.Searched(text, hits, reading=reading))

    @on(Searched)
    def _show(self, message: Searched) -> None:
        if message.query != self.query_one(Input).value:
            return  # a stale answer
        lst = self.query_one(VimOptionList)
        lst.clear_options()
        self.hits = message.hits
        self._shown = message.query
        if self._enter_pending == message.query and not message.hits:
            self._enter_pending = None  # nothing to open: the status line says why
        if message.error:
            self._status(f"Search failed: {message.error}")
            return
        if not message.query.strip():
            self._status("Type to search. Every word must occur; the last may be a prefix; @name: a speaker.")
            return
        reading = message.reading
        if reading is not None and reading.unknown:
            names = ", ".join(repr(clean(u, oneline=True, limit=40)) for u in reading.unknown)
            self._status(f"No speaker called {names}: @ takes an id, a name or an alias (@vladimir-putin).")
            return
        if not message.hits:
            self._status(f"No matches. {SYNTAX}")
            return
        more = "+" if len(message.hits) >= RESULT_LIMIT else ""
        order = "newest first" if reading is not None and reading.speakers else "best first"
        if len(message.hits) == 1:
            self._status(f"{_who(message.hits, reading)}1 match; enter opens it")
        else:
            self._status(
                f"{_who(message.hits, reading)}{len(message.hits)}{more} matches, {order}; "
                "enter opens the first, ↓ moves to the others"
            )
        self._fill()
        if self._enter_pending == message.query:
            self._enter_pending = None
            self._open_first()

    def action_results(self) -> None:
        lst = self.query_one(VimOptionList)
        if lst.option_count:
            lst.focus()
            if lst.highlighted is None:
                lst.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option_id is not None  # every hit's option has its index as id
        hit = self.hits[int(event.option_id)]
        self._remember()
        if hit.quote_id:
            self.app.open_quote(hit.quote_id)
