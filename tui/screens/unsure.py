"""The drafted quotes whose speaker is not sure, for review."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...db import queries
from ...db.queries import listing
from ...db.views import View
from ..render.prompts import quote_prompt
from ..widgets.lists import PagedOptionList, Viewed, or_else, paged, paged_by_offset
from .base import BaseScreen


class UnsureScreen(BaseScreen):
    """Drafted quotes marked low or medium confidence: review these first (read a page at
    a time: a large draft has tens of thousands)."""

    TITLE_TEXT = "Unsure quotes"

    def compose_body(self) -> ComposeResult:
        yield PagedOptionList(id="unsure-list", markup=False)

    #: What the queue sorts and counts by (o, O, F), in the database.
    COLUMNS = {"confidence": "confidence", "speaker": "speaker", "outlet": "outlet", "date": "date"}

    def on_mount(self) -> None:
        self.query_one(PagedOptionList).offer(self.COLUMNS)
        self.reload()
        self.query_one(PagedOptionList).focus()

    def reload(self) -> None:
        said = self.query_one(PagedOptionList).view_text()
        self.set_title(
            Content.styled(f"drafted with low or medium confidence · {said}", "bold $accent")
            if said
            else Content.styled("drafted with low or medium confidence, low first", "dim")
        )
        self.query_one(PagedOptionList).set_source(self._options())

    def _options(self) -> Iterator[Option]:
        conn = self.conn
        view = self.query_one(PagedOptionList).view

        rows = (
            paged(lambda after, limit: queries.unsure_quotes(conn, limit=limit, after=after))
            if view == View()
            else paged_by_offset(
                lambda offset, limit: listing.sorted_quotes(
                    conn, view, unsure=True, limit=limit, offset=offset
                )
            )
        )

        return or_else(
            (Option(quote_prompt(q, show_speaker=True), id=q.id) for q in rows),
            Option(
                Content.styled(
                    f"No drafted quote to review matches {self.query_one(PagedOptionList).view_text()}."
                    if view.filtered
                    else "No unsure quotes: nothing drafted is waiting for review.",
                    "italic",
                ),
                disabled=True,
            ),
        )

    @on(Viewed.ViewChanged)
    def _view_changed(self) -> None:
        self.reload()

    @on(Viewed.CountsWanted)
    def _counts(self, event: Viewed.CountsWanted) -> None:
        lst = self.query_one(PagedOptionList)
        lst.show_counts(event.column, listing.quote_counts(self.conn, event.column, lst.view, unsure=True))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.open_quote(event.option_id)
