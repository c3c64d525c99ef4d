"""The drafted quotes whose speaker is not sure, for review."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...db import desk, queries
from ...db.models import Quote
from ...db.queries import listing
from ...db.views import View
from ..render.prompts import quote_prompt
from ..widgets.lists import PagedOptionList, Viewed, or_else, paged, paged_by_offset
from . import coding
from .base import BaseScreen


class UnsureScreen(BaseScreen):
    """Drafted quotes marked low or medium confidence: review these first (read a page at
    a time: a large draft has tens of thousands)."""

    TITLE_TEXT = "Unsure quotes"
    BINDINGS = [
        Binding("a", "accept", "Accept", id="review-accept"),
        Binding("r", "reassign", "Speaker", id="review-reassign"),
        Binding(
            "n", "reject", "Reject", tooltip="Not a quotation: remove it from the dossier", id="review-reject"
        ),
        # in help, not the footer: the footer's keys fit 80 columns
        Binding(
            "v", "fix", "Venue/date", show=False, tooltip="Fix the quote's venue or date", id="review-fix"
        ),
        Binding(
            "p",
            "code_position",
            "Position",
            show=False,
            tooltip="Code a position from the quote",
            id="review-position",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The quotes listed, by id (the review keys act on the highlighted one).
        self.quotes: dict[str, Quote] = {}

    def compose_body(self) -> ComposeResult:
        yield PagedOptionList(id="unsure-list", markup=False)

    #: What the queue sorts and counts by (o, O, F), in the database.
    COLUMNS = {"confidence": "confidence", "speaker": "speaker", "outlet": "outlet", "date": "date"}

    def on_mount(self) -> None:
        self.query_one(PagedOptionList).offer(self.COLUMNS)
        self.reload()
        self.query_one(PagedOptionList).focus()

    def reload(self) -> None:
        done, left = desk.review_counts(self.conn)
        total = done + left
        progress = f"{done} of {total} reviewed" if total else "nothing to review"
        said = self.query_one(PagedOptionList).view_text()
        self.set_title(
            Content.assemble(
                (progress, "bold"),
                (f" · {said}", "bold $accent")
                if said
                else ("  · low or medium confidence, low first", "dim"),
            )
        )
        lst = self.query_one(PagedOptionList)
        at = lst.highlighted
        self.quotes.clear()
        lst.set_source(self._options())
        if at is not None and lst.option_count:
            # the quote just reviewed has left: the cursor is on the next one
            lst.highlighted = min(at, lst.option_count - 1)

    def _options(self) -> Iterator[Option]:
        conn = self.conn
        view = self.query_one(PagedOptionList).view

        def listed(q: Quote) -> Option:
            self.quotes[q.id] = q
            return Option(quote_prompt(q, show_speaker=True), id=q.id)

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
            (listed(q) for q in rows),
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

    def current(self) -> Quote | None:
        lst = self.query_one(PagedOptionList)
        if lst.highlighted is None:
            return None
        return self.quotes.get(lst.get_option_at_index(lst.highlighted).id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "reassign", "reject", "fix", "code_position"):
            return self.current() is not None or None
        return True

    def action_accept(self) -> None:
        q = self.current()
        if q is not None:
            coding.accept(self, q)

    def action_reassign(self) -> None:
        q = self.current()
        if q is not None:
            coding.reassign(self, q)

    def action_reject(self) -> None:
        q = self.current()
        if q is not None:
            coding.reject(self, q)

    def action_fix(self) -> None:
        q = self.current()
        if q is not None:
            coding.fix(self, q)

    def action_code_position(self) -> None:
        q = self.current()
        if q is not None:
            coding.code_position(self, q)
