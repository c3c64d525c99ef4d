"""The whole source, read-only and selectable, scrolled to the quote and selecting it."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Document, Selection

from ...db import queries
from ...db.models import Quote
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


class SourceText(TextArea):
    """The source's text, read-only, with j/k/g/G beside the arrow keys (as every list
    has): read-only, the box types nothing, so the letters are free to move."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def action_first(self) -> None:
        self.move_cursor((0, 0))

    def action_last(self) -> None:
        self.move_cursor(self.document.end)


class SourceScreen(BaseScreen):
    """The whole source, read-only and selectable, scrolled to the quote and selecting it."""

    TITLE_TEXT = "Source"

    def __init__(self, quote: Quote):
        super().__init__()
        self.quote = quote

    def compose_body(self) -> ComposeResult:
        yield Static(id="source-meta")
        yield SourceText("", read_only=True, soft_wrap=True, id="source-text", show_line_numbers=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        q = self.quote
        src = queries.get_source(self.conn, q.source)
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
        area = self.query_one(TextArea)
        area.load_text(clean(shown))
        start = _cleaned_offset(shown, q.start - lo)
        end = _cleaned_offset(shown, q.end - lo)
        doc = cast(Document, area.document)  # load_text gives a plain Document (no language)
        area.selection = Selection(doc.get_location_from_index(start), doc.get_location_from_index(end))
        area.focus()
        self.call_after_refresh(area.scroll_cursor_visible, center=True, animate=False)
