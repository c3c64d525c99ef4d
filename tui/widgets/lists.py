"""Lists and tables that move with vim keys too (j/k/g/G, h/l in tables)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, OptionList


class VimOptionList(OptionList):
    """An OptionList with j/k/g/G beside the arrow keys."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="list-open"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class VimDataTable(DataTable):
    """A DataTable with h/j/k/l/g/G beside the arrow keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]
