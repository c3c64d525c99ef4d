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
from ...db.queries import listing
from ...db.views import View
from ..render.prompts import position_prompt
from ..render.safe import clean, content
from ..widgets.lists import PagedOptionList, Viewed, or_else, paged, paged_by_offset
from .base import BaseScreen


class PositionListScreen(BaseScreen):
    """A heading, then a list of positions that grows as the cursor nears its end; enter
    shows a position's evidence. Subclasses fill both in `reload`; the list sorts and
    filters (o, O, |, F) in the database, by `COLUMNS`, within `scope()`."""

    #: The columns the list sorts and counts by (db.queries.listing.POSITION_COLUMNS).
    COLUMNS: dict[str, str] = {}

    def scope(self) -> dict[str, str]:
        """Which positions the list holds: {"issue": id} or {"actor": id}."""
        return {}

    @property
    def view(self) -> View:
        return self.query_one(PagedOptionList).view

    def sorted_options(self, show_actor: bool) -> Iterator[Option]:
        """The positions in the list's own order and filter, read a page at a time."""
        conn, view, scope = self.conn, self.view, self.scope()
        return or_else(
            (
                Option(position_prompt(p, show_actor=show_actor), id=p.id)
                for p in paged_by_offset(
                    lambda offset, limit: listing.sorted_positions(
                        conn, view, limit=limit, offset=offset, **scope
                    )
                )
            ),
            Option(
                Content.styled(f"  no position matches {self.list_view_text()}", "dim italic"), disabled=True
            ),
        )

    def list_view_text(self) -> str:
        return self.query_one(PagedOptionList).view_text()

    @on(Viewed.ViewChanged)
    def _view_changed(self) -> None:
        self.reload()

    @on(Viewed.CountsWanted)
    def _counts(self, event: Viewed.CountsWanted) -> None:
        lst = self.query_one(PagedOptionList)
        lst.show_counts(
            event.column, listing.position_counts(self.conn, event.column, lst.view, **self.scope())
        )

    def compose_body(self) -> ComposeResult:
        yield Static(id="positions-head")
        yield PagedOptionList(id="positions-list", markup=False)

    def on_mount(self) -> None:
        self.query_one(PagedOptionList).offer(self.COLUMNS)
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
    COLUMNS = {"issue": "issue", "stance": "stance", "kind": "kind", "date": "date"}

    def __init__(self, actor_id: str, view: View | None = None):
        super().__init__()
        self.actor_id = actor_id
        #: The sort and filter it opens with (the profile's, from its 'more' line).
        self.opening_view = view or View()

    def on_mount(self) -> None:
        self.query_one(PagedOptionList).set_view(self.opening_view, announce=False)
        super().on_mount()

    def scope(self) -> dict[str, str]:
        return {"actor": self.actor_id}

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
        self.show(head, self._options(actor.id) if self.view == View() else self.sorted_options(False))

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


class SingleSourcePositionsScreen(PositionListScreen):
    """Every position that rests on one outlet alone, issue by issue: the claims to check
    before leaning on them (a passage another outlet republished is no second outlet)."""

    TITLE_TEXT = "Single-source positions"

    def reload(self) -> None:
        ids = queries.single_source_ids(self.conn)
        self.set_title("one outlet each")
        head = [
            Content.assemble(
                (f"{len(ids):,} positions rest on a single outlet", "bold"),
                ("  issue by issue; enter shows the evidence", "dim"),
            )
        ]
        self.show(head, self._options(ids))

    def _options(self, ids: list[str]) -> Iterator[Option]:
        conn = self.conn

        def page(offset: int, limit: int) -> list[Option]:
            chunk = ids[offset : offset + limit]
            backed = queries.backing(conn, chunk)
            return [
                Option(position_prompt(p, show_actor=True, backing=backed.get(p.id)), id=p.id)
                for p in queries.positions_by_id(conn, chunk)
            ]

        return or_else(
            paged_by_offset(page),
            Option(
                Content.styled("  none: every position has more than one outlet", "dim italic"), disabled=True
            ),
        )
