"""A virtual list of actors: one line per actor, only the visible lines ever rendered.

Textual's OptionList lays out every option before showing any (0.4 s for 2,000 actors) and
repaints the whole list when the cursor moves; this list renders what is on screen and
repaints two lines per move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from .lists import VIEW_BINDINGS, Viewed

_REVERSE = Style(reverse=True)

#: A row is an actor id, or None for the rule between two sides.
Row = str | None


class ActorList(Viewed, ScrollView, can_focus=True):
    """Actors by side (rules between sides), a cursor, prompts drawn on demand; `o O | F`
    sort, filter and count them (the screen fills the rows in the view's order)."""

    BINDINGS = [
        *VIEW_BINDINGS,
        Binding("enter", "select", "Open", id="list-open"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    COMPONENT_CLASSES = {"actor-list--row", "actor-list--cursor", "actor-list--separator"}
    DEFAULT_CSS = """
    ActorList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        & > .actor-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .actor-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .actor-list--separator {
            color: $foreground 15%;
        }
    }
    """

    @dataclass
    class Highlighted(Message):
        actor_list: ActorList
        actor_id: str

    @dataclass
    class Selected(Message):
        actor_list: ActorList
        actor_id: str

    def __init__(self, prompt: Callable[[str, int], Content], **kwargs):
        """`prompt(actor_id, width)` draws one actor's line."""
        super().__init__(**kwargs)
        self._prompt = prompt
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}
        self.cursor: int | None = None

    # --- contents ------------------------------------------------------------------------

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the rows; the cursor goes to `keep` if present, else the first actor."""
        self.rows = rows
        self._index = {r: i for i, r in enumerate(rows) if r is not None}
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self.cursor = None
        target = self._index.get(keep) if keep is not None else None
        if target is None:
            target = next((i for i, r in enumerate(rows) if r is not None), None)
        self.refresh()
        if target is not None:
            self.move_to(target)

    @property
    def actor_count(self) -> int:
        return len(self._index)

    @property
    def highlighted_id(self) -> str | None:
        return self.rows[self.cursor] if self.cursor is not None else None

    def index_of(self, actor_id: str) -> int | None:
        return self._index.get(actor_id)

    def refresh_actor(self, actor_id: str) -> None:
        """Redraw one actor's line (after its mark changed)."""
        index = self._index.get(actor_id)
        if index is not None:
            self._refresh_row(index)

    def lines(self) -> list[str]:
        """Every row as plain text, as drawn at the current width (for tests and search)."""
        width = self.scrollable_content_region.width or 40
        return ["" if r is None else str(self._prompt(r, width)) for r in self.rows]

    # --- the cursor ----------------------------------------------------------------------

    def move_to(self, index: int, direction: int = 1) -> None:
        """Put the cursor on row `index` (or the nearest actor in `direction`)."""
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        while self.rows[index] is None:
            index += direction
            if not 0 <= index < len(self.rows):
                return
        if index == self.cursor:
            return
        old, self.cursor = self.cursor, index
        if old is not None:
            self._refresh_row(old)
        self._refresh_row(index)
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        actor_id = self.rows[index]
        assert actor_id is not None  # the loop above steps over the rules
        self.post_message(self.Highlighted(self, actor_id))

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor_down(self) -> None:
        self.move_to((self.cursor if self.cursor is not None else -1) + 1, 1)

    def action_cursor_up(self) -> None:
        self.move_to((self.cursor if self.cursor is not None else 1) - 1, -1)

    def action_first(self) -> None:
        self.move_to(0, 1)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1, -1)

    def action_page_down(self) -> None:
        self.move_to((self.cursor or 0) + max(self.size.height - 1, 1), 1)

    def action_page_up(self) -> None:
        self.move_to((self.cursor or 0) - max(self.size.height - 1, 1), -1)

    def action_select(self) -> None:
        if self.cursor is not None:
            actor_id = self.rows[self.cursor]
            assert actor_id is not None  # the cursor never rests on a rule
            self.post_message(self.Selected(self, actor_id))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index] is not None:
            self.move_to(index)
            if event.chain > 1:
                self.action_select()

    # --- drawing -------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if index >= len(self.rows):
            return Strip.blank(width, self.get_visual_style("actor-list--row").rich_style)
        row = self.rows[index]
        if row is None:
            style = self.get_visual_style("actor-list--separator")
            return Strip([Segment("─" * width, style.rich_style)], width)
        component = "actor-list--cursor" if index == self.cursor else "actor-list--row"
        style = self.get_visual_style("actor-list--row", component)
        strips = Visual.to_strips(self, self._prompt(row, width), width, 1, style)
        strip = strips[0].crop_extend(0, width, style.rich_style)
        if component == "actor-list--cursor" and self.get_component_styles(component).text_style.reverse:
            strip = strip.apply_style(_REVERSE)  # a visual style has no reverse (NO_COLOR's cursor)
        return strip
