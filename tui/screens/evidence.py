"""Evidence: the positions behind a cell, a position or an issue, each with its quotes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...db import queries
from ...db.models import Position, Quote
from ..render import glyphs
from ..render.prompts import quote_prompt
from ..render.safe import clean, content
from ..widgets.lists import PagedOptionList, VimOptionList
from .base import BaseScreen
from .modals.citation import copy_citation, show_citation

#: Positions read at a time on the evidence screen (each with all of its quotes).
EVIDENCE_PAGE = 10


class EvidenceScreen(BaseScreen):
    """The positions behind a cell, a position or an issue, each with its quotes."""

    TITLE_TEXT = "Evidence"
    BINDINGS = [
        Binding("y", "copy", "Copy citation", id="copy"),
        Binding("Y", "show_citation", "Show citation", show=False, id="show-citation"),
        Binding("p", "code_position", "Position", id="evidence-position"),
        Binding("e", "edit_position", "Edit position", show=False, id="evidence-edit-position"),
        Binding("x", "delete_position", "Delete position", show=False, id="evidence-delete-position"),
    ]

    def __init__(self, position_ids: list[str], title: str = ""):
        super().__init__()
        # a body's column holds its members' positions too: a row can name one twice
        self.position_ids = list(dict.fromkeys(position_ids))
        self.title_text = title
        self.quotes: dict[str, Quote] = {}
        self.positions: dict[str, Position] = {}

    def compose_body(self) -> ComposeResult:
        yield PagedOptionList(id="evidence-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PagedOptionList).focus()

    def reload(self) -> None:
        first = queries.positions_by_id(self.conn, self.position_ids[:EVIDENCE_PAGE])
        self.set_title(
            Content(self.title_text or (clean(first[0].issue_title, oneline=True) if first else ""))
        )
        self.quotes.clear()
        self.query_one(PagedOptionList).set_source(self._options(first))

    def _options(self, first: list) -> Iterator[Option | None]:
        """Each position, then the quotes that are its evidence; read a few positions at a
        time (a whole row of a large comparison can hold thousands), `first` already read."""
        conn, ids = self.conn, self.position_ids
        # slices of the ids, not `paged`: a position deleted since stops no page short
        pages = chain(
            [first],
            (
                queries.positions_by_id(conn, ids[start : start + EVIDENCE_PAGE])
                for start in range(EVIDENCE_PAGE, len(ids), EVIDENCE_PAGE)
            ),
        )
        for n, p in enumerate(p for page in pages for p in page):
            if n:
                yield None
            yield Option(
                Content.assemble(
                    (clean(p.actor_name, oneline=True), "bold"),
                    ": ",
                    (glyphs.stance_label(p.stance), glyphs.STANCE_STYLES[p.stance]),
                    f" {p.stance:+d} ",
                    (p.kind.replace("_", " "), "dim"),
                    "\n  ",
                    content(p.summary, oneline=True),
                ),
                disabled=True,
            )
            self.positions[p.id] = p
            for q in queries.quotes_by_id(conn, list(p.evidence)):
                self.quotes[q.id] = q
                yield Option(quote_prompt(q, show_speaker=True, limit=1200), id=f"{p.id}|{q.id}")

    def _quote(self) -> Quote | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id or ""
        return self.quotes.get(option_id.partition("|")[2])

    def _position(self) -> Position | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id or ""
        return self.positions.get(option_id.partition("|")[0])

    def action_code_position(self) -> None:
        q = self._quote()
        if q is not None:
            from . import coding

            coding.code_position(self, q)

    def action_edit_position(self) -> None:
        p = self._position()
        if p is not None:
            from . import coding

            coding.edit_position(self, p)

    def action_delete_position(self) -> None:
        p = self._position()
        if p is not None:
            from . import coding

            coding.delete_position(self, p)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        quote_id = (event.option_id or "").partition("|")[2]
        if quote_id:
            self.app.open_quote(quote_id)

    def action_copy(self) -> None:
        q = self._quote()
        if q is not None:
            copy_citation(self, q)

    def action_show_citation(self) -> None:
        q = self._quote()
        if q is not None:
            show_citation(self, q)
