"""Tables that move with vim keys too (h/j/k/l/g/G) and add their rows a page at a time.
Apart from `lists.py` so that the first screen does not import DataTable."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from ..guard import GuardDatabaseErrors
from .lists import TABLE_PAGE, VIEW_BINDINGS, Viewed


class VimDataTable(Viewed, GuardDatabaseErrors, DataTable):
    """A DataTable with h/j/k/l/g/G beside the arrow keys, filled a page at a time:
    more rows are added as the cursor nears the last one (G adds them all)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
        *VIEW_BINDINGS,
    ]

    #: Rows not added yet, the next one last: (key, make_cells).
    _pending: list[tuple[str, Callable[[], list]]] = []
    #: A page is being added (adding a row can move the cursor, which asks for more).
    _adding = False

    def cursor_column_key(self) -> str | None:
        if self.cursor_type != "cell" or not self.ordered_columns:
            return None
        column = self.ordered_columns[min(self.cursor_column, len(self.ordered_columns) - 1)]
        return str(column.key.value)

    def set_rows(self, rows: list[tuple[str, Callable[[], list]]]) -> None:
        """Replace the rows with (key, make_cells) pairs; the first page is added now, and
        each row's cells are made only when it is added."""
        self.clear()
        self._pending = list(reversed(rows))
        self._add_page()

    def clear(self, columns: bool = False):
        # first forget the rows not added yet: clearing moves the cursor to the top, which
        # would add them, made for the columns being cleared
        self._pending = []
        return super().clear(columns)

    def _add_page(self, count: int = TABLE_PAGE) -> None:
        if self._adding:
            return
        self._adding = True
        try:
            pending = self._pending
            while count > 0 and pending:
                key, make_cells = pending.pop()
                self.add_row(*make_cells(), key=key)
                count -= 1
        finally:
            self._adding = False

    def ensure_rows(self, count: int) -> None:
        """Add pages until the table holds at least `count` rows (or all it has)."""
        while self._pending and self.row_count < count:
            self._add_page()

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self._pending and new.row >= self.row_count - 15:
            self._add_page()

    def action_scroll_bottom(self) -> None:
        self._add_page(len(self._pending))
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self._add_page()
        super().action_page_down()
