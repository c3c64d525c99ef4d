"""The drafted quotes whose speaker is not sure, for review."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...db import queries
from ..render.prompts import quote_prompt
from ..widgets.lists import PagedOptionList, or_else, paged
from .base import BaseScreen


class UnsureScreen(BaseScreen):
    """Drafted quotes marked low or medium confidence: review these first (read a page at
    a time: a large draft has tens of thousands)."""

    TITLE_TEXT = "Unsure quotes"

    def compose_body(self) -> ComposeResult:
        yield PagedOptionList(id="unsure-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PagedOptionList).focus()

    def reload(self) -> None:
        self.set_title(Content.styled("drafted with low or medium confidence, low first", "dim"))
        self.query_one(PagedOptionList).set_source(self._options())

    def _options(self) -> Iterator[Option]:
        conn = self.conn
        return or_else(
            (
                Option(quote_prompt(q, show_speaker=True), id=q.id)
                for q in paged(lambda after, limit: queries.unsure_quotes(conn, limit=limit, after=after))
            ),
            Option(
                Content.styled("No unsure quotes: nothing drafted is waiting for review.", "italic"),
                disabled=True,
            ),
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.open_quote(event.option_id)
