"""Long lists of positions, read a page at a time: every position on one issue (from +2 to
-2), and every position one actor holds (issue by issue)."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import queries
from ..render.safe import clean, content
from ..widgets.lists import PagedOptionList, or_else, paged
from .actors import position_prompt
from .base import BaseScreen


class PositionListScreen(BaseScreen):
    """A heading, then a list of positions that grows as the cursor nears its end; enter
    shows a position's evidence. Subclasses fill both in `reload`."""

    def compose_body(self) -> ComposeResult:
        yield Static(id="positions-head")
        yield PagedOptionList(id="positions-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PagedOptionList).focus()

    def show(self, head: list[Content], options: Iterator[Option]) -> None:
        self.query_one("#positions-head", Static).update(Content("\n").join(head))
        self.query_one(PagedOptionList).set_source(options)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.open_evidence([event.option_id])


class ActorPositionsScreen(PositionListScreen):
    """Every position an actor holds, issue by issue (from the profile's 'more' line)."""

    TITLE_TEXT = "Positions"

    def __init__(self, actor_id: str):
        super().__init__()
        self.actor_id = actor_id

    def reload(self) -> None:
        actor = queries.get_actor(self.conn, self.actor_id)
        if actor is None:
            self.show([Content(f"No actor with id {clean(self.actor_id, oneline=True)!r}.")], iter(()))
            return
        self.set_title(content(actor.name, oneline=True))
        head = [
            Content.assemble(
                (clean(actor.name, oneline=True), "bold"),
                (f"  {actor.position_count:,} positions, issue by issue; enter shows the evidence", "dim"),
            )
        ]
        self.show(head, self._options(actor.id))

    def _options(self, actor_id: str) -> Iterator[Option]:
        conn = self.conn
        return or_else(
            (
                Option(position_prompt(p), id=p.id)
                for p in paged(
                    lambda after, limit: queries.actor_positions(conn, actor_id, limit=limit, after=after)
                )
            ),
            Option(Content.styled("  none recorded", "dim italic"), disabled=True),
        )
