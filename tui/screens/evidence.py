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

from ...db import edits, queries, views
from ...db.models import Position, Quote
from ...db.wording import backing_words, stance_words
from ..render import glyphs
from ..render.edits import SHOWN, edit_lines
from ..render.prompts import link_line, quote_prompt
from ..render.safe import clean, content
from ..widgets.lists import PagedOptionList, Viewed, VimOptionList
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

    #: What the positions sort and count by (o, O, F); the natural order is the cell's.
    COLUMNS = {"actor": "actor", "stance": "stance", "kind": "kind", "date": "date"}

    def on_mount(self) -> None:
        self.query_one(PagedOptionList).offer(self.COLUMNS)
        self.reload()
        self.query_one(PagedOptionList).focus()

    @staticmethod
    def fields(p: Position) -> dict[str, views.Field]:
        return {
            "actor": views.Field(p.actor_name.casefold(), p.actor_name),
            "stance": views.Field(p.stance, stance_words(p.stance)),
            "kind": views.Field(p.kind, p.kind),
            "date": views.Field(p.date or None, p.date),
            "summary": views.Field(None, p.summary),
        }

    def shown_ids(self) -> list[str]:
        """The positions in the list's order and filter (all of them read, without their
        evidence, only when a sort or filter asks for it)."""
        view = self.query_one(PagedOptionList).view
        if view == views.View():
            return self.position_ids
        bare = queries.positions_by_id(self.conn, self.position_ids, evidence=False)
        return [p.id for p in views.apply(bare, self.fields, view)]

    @on(Viewed.ViewChanged)
    def _view_changed(self) -> None:
        self.reload()

    @on(Viewed.CountsWanted)
    def _counts(self, event: Viewed.CountsWanted) -> None:
        bare = queries.positions_by_id(self.conn, self.shown_ids(), evidence=False)
        self.query_one(PagedOptionList).show_counts(
            event.column, views.counts(bare, self.fields, event.column)
        )

    def reload(self) -> None:
        self.shown = self.shown_ids()
        first = queries.positions_by_id(self.conn, self.shown[:EVIDENCE_PAGE])
        self.set_title(
            Content(self.title_text or (clean(first[0].issue_title, oneline=True) if first else ""))
        )
        self.quotes.clear()
        self.query_one(PagedOptionList).set_source(self._options(first))

    def _options(self, first: list) -> Iterator[Option | None]:
        """Each position, then the quotes that are its evidence; read a few positions at a
        time (a whole row of a large comparison can hold thousands), `first` already read."""
        conn, ids = self.conn, self.shown
        # slices of the ids, not `paged`: a position deleted since stops no page short
        pages = chain(
            [first],
            (
                queries.positions_by_id(conn, ids[start : start + EVIDENCE_PAGE])
                for start in range(EVIDENCE_PAGE, len(ids), EVIDENCE_PAGE)
            ),
        )
        if not ids:
            said = self.query_one(PagedOptionList).view_text()
            yield Option(Content.styled(f"  no position matches {said}", "dim italic"), disabled=True)
        for n, p in enumerate(p for page in pages for p in page):
            if n:
                yield None
            backed = queries.backing(conn, [p.id]).get(p.id)
            sourcing = (
                Content.assemble("\n  ", (clean(backing_words(backed), oneline=True), "italic"))
                if backed is not None
                else Content("")
            )
            edited = edit_lines(edits.history(conn, p.id, limit=SHOWN + 1, kind="positions"), p.id)
            yield Option(
                Content.assemble(
                    (clean(p.actor_name, oneline=True), "bold"),
                    ": ",
                    (glyphs.stance_label(p.stance), glyphs.STANCE_STYLES[p.stance]),
                    f" {p.stance:+d} ",
                    (p.kind.replace("_", " "), "dim"),
                    "\n  ",
                    content(p.summary, oneline=True),
                    sourcing,
                    *(Content.assemble("\n", line) for line in edited),
                ),
                disabled=True,
            )
            self.positions[p.id] = p
            for q in queries.quotes_by_id(conn, list(p.evidence)):
                self.quotes[q.id] = q
                yield Option(quote_prompt(q, show_speaker=True, limit=1200), id=f"{p.id}|{q.id}")
            yield from self._links(p)

    def _links(self, p: Position) -> Iterator[Option]:
        """The position's links both ways, each with the quotes that say it (enter on the
        link opens the other position's evidence)."""
        for n, link in enumerate(queries.links_of(self.conn, [p.id]).get(p.id, [])):
            other = link.other
            yield Option(
                Content.assemble(
                    link_line(link),
                    "\n   ",
                    (f"{clean(other.actor_name, oneline=True)}: ", "bold"),
                    content(other.summary, oneline=True),
                    ("  (enter: its evidence)", "dim"),
                ),
                id=f"link:{n}:{p.id}|{other.id}",
            )
            said = [q for q in queries.quotes_by_id(self.conn, list(link.evidence))]
            if [q.id for q in said] == list(p.evidence):
                yield Option(Content.styled("     said in the quotes above", "dim italic"), disabled=True)
                continue
            for q in said:
                self.quotes[q.id] = q
                yield Option(quote_prompt(q, show_speaker=True, limit=1200), id=f"{p.id}~{n}|{q.id}")

    def _quote(self) -> Quote | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id or ""
        if option_id.startswith("link:"):
            return None
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
        option_id = event.option_id or ""
        if option_id.startswith("link:"):
            self.app.open_evidence([option_id.partition("|")[2]])
            return
        quote_id = option_id.partition("|")[2]
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
