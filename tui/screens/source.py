"""The whole source, read-only and selectable, scrolled to the quote and selecting it; `v`
starts a selection that the movement keys extend, and `enter` makes it a new quote (its
offsets those of the source's own characters: verbatim by construction)."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Document, Selection

from ...db import queries
from ...db.models import Quote, SourceText
from ..render.safe import clean, content
from .base import BaseScreen


def _cleaned_offset(text: str, offset: int) -> int:
    """Where `offset` of `text` lands once the text is cleaned for display."""
    return len(clean(text[:offset], limit=None))


#: Most characters the source view holds: a longer source (a 9.9M-character line froze
#: the UI for 23 s on leaving the view) is shown as a window around the quote.
SOURCE_WINDOW = 200_000


def source_window(text: str, start: int, end: int, size: int = SOURCE_WINDOW) -> tuple[int, int]:
    """The part of `text` to show around the quote [start, end): all of it when it fits,
    else about `size` characters centred on the quote (the whole quote, however long),
    cut at a line break or a space when one is near."""
    if len(text) <= size:
        return 0, len(text)
    lo = max(0, min(start - max(size - (end - start), 0) // 2, len(text) - size))
    hi = max(min(lo + size, len(text)), end)
    if lo:
        cut = max(text.rfind("\n", lo, min(lo + 200, start)), text.rfind(" ", lo, min(lo + 200, start)))
        lo = cut + 1 if cut >= 0 else lo
    if hi < len(text):
        cut = max(text.find("\n", max(hi - 200, end), hi), text.rfind(" ", max(hi - 200, end), hi))
        hi = cut if cut >= 0 else hi
    return lo, hi


def _source_offset(shown: str, cleaned: int) -> int:
    """The offset in `shown` whose cleaned text is `cleaned` characters long (the inverse
    of `_cleaned_offset`): the source's own offset of a place selected on screen."""
    if clean(shown, limit=None) == shown:
        return cleaned
    lo, hi = 0, len(shown)
    while lo < hi:
        mid = (lo + hi) // 2
        if _cleaned_offset(shown, mid) < cleaned:
            lo = mid + 1
        else:
            hi = mid
    return lo


class SourceArea(TextArea):
    """The source's text, read-only, with j/k/g/G beside the arrow keys (as every list
    has: read-only, the box types nothing, so the letters are free to move); after `v`
    the movement keys extend the selection."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    #: Whether the movement keys extend the selection (after `v`).
    selecting = False

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        super().action_cursor_word_left(select or self.selecting)

    def action_cursor_word_right(self, select: bool = False) -> None:
        super().action_cursor_word_right(select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)

    def action_first(self) -> None:
        self.move_cursor((0, 0), select=self.selecting)

    def action_last(self) -> None:
        self.move_cursor(self.document.end, select=self.selecting)


class SourceScreen(BaseScreen):
    """The whole source, read-only and selectable, scrolled to the quote and selecting it;
    `v` starts a selection of a passage, `enter` makes it a quote."""

    TITLE_TEXT = "Source"
    BINDINGS = [
        Binding("v", "select", "Select a passage", id="source-select"),
        Binding("enter", "make_quote", "Make it a quote", id="source-quote"),
    ]

    def __init__(self, quote: Quote):
        super().__init__()
        self.quote = quote
        self.src: SourceText | None = None
        #: Where the shown window starts in the source, and its text as stored.
        self.window: tuple[int, str] = (0, "")

    def compose_body(self) -> ComposeResult:
        yield Static(id="source-meta")
        yield SourceArea("", read_only=True, soft_wrap=True, id="source-text", show_line_numbers=False)

    def action_select(self) -> None:
        """Start a selection at the cursor: the movement keys extend it, enter makes it a quote."""
        area = self.query_one(SourceArea)
        area.selecting = True
        area.selection = Selection(area.cursor_location, area.cursor_location)
        self.query_one("#source-meta", Static).update(
            Content.styled("selecting: move to extend · enter: make it a quote · escape: stop", "bold")
        )

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as offsets into the source's own text (spaces at its ends left out)."""
        area = self.query_one(SourceArea)
        doc = cast(Document, area.document)
        a, b = sorted(
            (
                doc.get_index_from_location(area.selection.start),
                doc.get_index_from_location(area.selection.end),
            )
        )
        lo, shown = self.window
        start, end = lo + _source_offset(shown, a), lo + _source_offset(shown, b)
        text = self.src.text if self.src else ""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def action_make_quote(self) -> None:
        span = self.selected_span()
        if span is None or self.src is None:
            self.notify("Select a passage first: v, then move to extend it.", markup=False)
            return
        from . import coding

        self.query_one(SourceArea).selecting = False
        coding.quote_from_passage(self, self.quote, span[0], span[1])

    def action_back(self) -> None:
        area = self.query_one(SourceArea)
        if area.selecting:  # escape ends the selection first
            area.selecting = False
            self.reload()
            return
        super().action_back()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        q = self.quote
        src = self.src = queries.get_source(self.conn, q.source)
        if src is None:
            return
        self.set_title(content(src.source.title, oneline=True))
        lo, hi = source_window(src.text, q.start, q.end)
        part = (
            f"  · characters {lo + 1:,}–{hi:,} of {len(src.text):,} around the quote"
            if (lo, hi) != (0, len(src.text))
            else ""
        )
        self.query_one("#source-meta", Static).update(
            Content.assemble(
                content(src.source.outlet, oneline=True),
                f", published {src.source.published}",
                ("  · quote selected", "dim"),
                (part, "dim"),
            )
        )
        shown = src.text[lo:hi]
        self.window = (lo, shown)
        area = self.query_one(SourceArea)
        if area.selecting:
            return  # another process's edit: the text is the same, the selection kept
        area.load_text(clean(shown))
        start = _cleaned_offset(shown, q.start - lo)
        end = _cleaned_offset(shown, q.end - lo)
        doc = cast(Document, area.document)  # load_text gives a plain Document (no language)
        area.selection = Selection(doc.get_location_from_index(start), doc.get_location_from_index(end))
        area.focus()
        self.call_after_refresh(area.scroll_cursor_visible, center=True, animate=False)
