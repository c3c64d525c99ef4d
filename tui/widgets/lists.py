"""Lists and tables that move with vim keys too (j/k/g/G, h/l in tables), and that fill
themselves a page at a time, so no list holds every row of a large dossier."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

#: Rows added to a table at a time: laying out a row costs Textual a measure of every cell.
TABLE_PAGE = 30


class VimOptionList(OptionList):
    """An OptionList with j/k/g/G beside the arrow keys."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="list-open"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


def paged(fetch: Callable[[int, int], list], page: int = TABLE_PAGE) -> Iterator:
    """Every row `fetch(offset, limit)` gives, read a page at a time as they are consumed."""
    offset = 0
    while True:
        rows = fetch(offset, page)
        yield from rows
        if len(rows) < page:
            return
        offset += len(rows)


class PagedOptionList(VimOptionList):
    """An option list fed by an iterable of options (None: a divider), taken a page at a
    time: the next page is taken when the cursor comes near the end of what is shown."""

    #: How close to the end (in options) the cursor may come before the next page is taken.
    MARGIN = 5

    _source: Iterator[Option | None] = iter(())

    def set_source(self, options: Iterable[Option | None], highlight: bool = True) -> None:
        """Show these options instead, taking the first page of them now; with `highlight`,
        the cursor goes to the first one that can be chosen."""
        self._source = iter(options)
        self.clear_options()
        self.take()
        if highlight:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled),
                                    None)

    def take(self, count: int = TABLE_PAGE) -> None:
        batch = list(islice(self._source, count))
        if len(batch) < count:
            self._source = iter(())
        if batch:
            self.add_options(batch)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - self.MARGIN:
            self.take()


class VimDataTable(DataTable):
    """A DataTable with h/j/k/l/g/G beside the arrow keys, filled a page at a time:
    more rows are added as the cursor nears the last one (G adds them all)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]

    def set_rows(self, rows: list[tuple[str, Callable[[], list]]]) -> None:
        """Replace the rows with (key, make_cells) pairs; the first page is added now, and
        each row's cells are made only when it is added."""
        self._pending: list[tuple[str, Callable[[], list]]] = []
        self.clear()
        self._pending = list(reversed(rows))
        self._add_page()

    def _add_page(self, count: int = TABLE_PAGE) -> None:
        if getattr(self, "_adding", False):
            return  # adding a row can move the cursor, which asks for more: one at a time
        self._adding = True
        try:
            pending = getattr(self, "_pending", [])
            while count > 0 and pending:
                key, make_cells = pending.pop()
                self.add_row(*make_cells(), key=key)
                count -= 1
        finally:
            self._adding = False

    def ensure_rows(self, count: int) -> None:
        """Add pages until the table holds at least `count` rows (or all it has)."""
        while getattr(self, "_pending", None) and self.row_count < count:
            self._add_page()

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if getattr(self, "_pending", None) and new.row >= self.row_count - 15:
            self._add_page()

    def action_scroll_bottom(self) -> None:
        self._add_page(len(getattr(self, "_pending", [])))
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self._add_page()
        super().action_page_down()
