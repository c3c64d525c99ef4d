"""Lists that move with vim keys too (j/k/g/G), and that fill themselves a page at a time,
so no list holds every row of a large dossier (tables: `tables.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...db.views import View, cycle
from ..guard import GuardDatabaseErrors
from ..render.safe import clean

if TYPE_CHECKING:  # for the checker: the mixin is always mixed into a widget
    from textual.widget import Widget

    _WidgetBase = Widget
else:
    from textual.widget import Widget

    _WidgetBase = object

T = TypeVar("T")
V = TypeVar("V")

#: Rows added to a list or table at a time: laying out a row costs Textual a measure of
#: every cell, and a screen at 80x24 shows about 15.
TABLE_PAGE = 30


#: The keys that sort, filter and count any table or list (VisiData's, where free).
VIEW_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    # in help ("Tables and lists") and on the widget's border, not the footer: it is full
    Binding("o", "sort", "Sort", show=False, id="sort"),
    Binding("O", "sort_reverse", "Reverse sort", show=False, id="sort-reverse"),
    Binding("vertical_line", "filter_rows", "Filter rows", key_display="|", show=False, id="filter-rows"),
    Binding("F", "counts", "Counts", show=False, id="counts"),
]


class Viewed(_WidgetBase):
    """What any table or list of ours shares: a `View` (sort, text filter, one value of a
    column) changed by `o`/`O`/`|`/`F` and always said on the widget's bottom border. The
    widget only holds the view and says it changed (`ViewChanged`); the screen that fills
    it reads its rows again in that order (from the database when it pages them)."""

    #: The view as it stands.
    view: View = View()
    #: The columns it can sort by and count, id -> label, in cycle order (a table's are
    #: its columns; a list says which it offers with `offer`).
    view_columns: dict[str, str] = {}
    #: Columns whose values can be counted (`F`); by default every sortable one.
    count_columns: dict[str, str] | None = None
    #: A text filter is being typed (keys go to it, not to bindings).
    typing = False

    @dataclass
    class ViewChanged(Message):
        """The sort or filter of a table or list changed: fill it again."""

        widget: Widget
        view: View

        @property
        def control(self) -> Widget:
            return self.widget

    @dataclass
    class CountsWanted(Message):
        """`F`: the screen is asked for the counts of `column` (lists paged from the
        database count there); it answers with `show_counts`."""

        widget: Widget
        column: str

        @property
        def control(self) -> Widget:
            return self.widget

    def offer(self, columns: Mapping[str, str], counted: Mapping[str, str] | None = None) -> None:
        """The sorts (id -> label, in cycle order) and the counts this widget offers."""
        self.view_columns = dict(columns)
        self.count_columns = None if counted is None else dict(counted)
        self.say_view()

    def set_view(self, view: View, announce: bool = True) -> None:
        self.view = view
        self.say_view()
        if announce:
            self.post_message(self.ViewChanged(self, view))

    def view_text(self) -> str:
        """The view in words, with the column labels ('' for the natural order)."""
        return self.view.describe(self.view_columns | (self.count_columns or {}))

    def say_view(self) -> None:
        """The sort and filter on the bottom border (or the text being typed)."""
        if self.typing:
            said = f"filter: {clean(self.view.text, oneline=True)}▏  enter keeps · esc clears"
        else:
            said = clean(self.view_text(), oneline=True) or "o sort · | filter · F counts"
        self.border_subtitle = said if self.view_columns else ""

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("sort", "sort_reverse", "filter_rows", "counts") and not self.view_columns:
            return False  # a list that offers no sort (the profile): the keys are not shown
        return super().check_action(action, parameters)

    # --- the column to sort or count -------------------------------------------------------

    def cursor_column_key(self) -> str | None:
        """The column under the cursor, for a table with a cell cursor (None: a list)."""
        return None

    def action_sort(self) -> None:
        column = self.cursor_column_key()
        if column is not None and column in self.view_columns:
            if self.view.sort == column:  # again on the same column: back to the natural order
                self.set_view(self.view._replace(sort=None, descending=False))
            else:
                self.set_view(self.view._replace(sort=column, descending=False))
        elif self.view_columns:
            self.set_view(cycle(list(self.view_columns), self.view))

    def action_sort_reverse(self) -> None:
        view = self.view
        if view.sort is None:
            column = self.cursor_column_key()
            if column not in self.view_columns:
                column = next(iter(self.view_columns), None)
            if column is None:
                return
            view = view._replace(sort=column, descending=False)
        self.set_view(view._replace(descending=not view.descending))

    def action_counts(self) -> None:
        counted = self.view_columns if self.count_columns is None else self.count_columns
        column = self.cursor_column_key()
        if column not in counted:
            column = self.view.sort if self.view.sort in counted else next(iter(counted), None)
        if column is not None:
            self.post_message(self.CountsWanted(self, column))

    def show_counts(self, column: str, lines: list[tuple[str, int]], title: str = "") -> None:
        """The counts of a column in a box (the app's `open_counts`: a widget does not
        import the screens); enter on a line filters to its rows."""
        counted = self.view_columns | (self.count_columns or {})
        label = counted.get(column, column)

        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_view(self.view._replace(column=column, value=value, text=""))

        self.app.open_counts(title or f"by {label}", lines, chosen)  # type: ignore[attr-defined]

    # --- the text filter, typed -------------------------------------------------------------

    def action_filter_rows(self) -> None:
        self.set_typing(True)

    def set_typing(self, typing: bool) -> None:
        self.typing = typing
        self.say_view()
        self.screen.refresh_bindings()  # the footer: while typing, letters are text

    def on_key(self, event: events.Key) -> None:
        if not self.typing:
            # `|` starts the filter here, at once, not as a binding: a binding runs only
            # after the key has bubbled up to the app, and the letters typed right behind
            # it in one burst (over SSH) would reach this widget first and be lost
            keys = getattr(self.app, "keymap", {}).get("filter-rows", "vertical_line")
            if self.view_columns and event.key in [k.strip() for k in keys.split(",")]:
                event.stop()
                event.prevent_default()
                self.set_typing(True)
            return
        event.stop()
        event.prevent_default()
        text = self.view.text
        if event.key == "enter":
            self.set_typing(False)
            return
        if event.key == "escape":
            self.set_typing(False)
            self.set_view(self.view._replace(text="", column=None, value=""))
            return
        if event.key in ("backspace", "ctrl+h"):
            text = text[:-1]
        elif event.key == "ctrl+u":
            text = ""
        elif event.character and event.character.isprintable() and len(event.character) == 1:
            text += event.character
        else:
            return
        self.set_view(self.view._replace(text=text))

    def on_blur(self) -> None:
        if self.typing:
            self.set_typing(False)


class VimOptionList(OptionList):
    """An OptionList with j/k/g/G beside the arrow keys, whose first row is highlighted
    when focus enters it with none highlighted (so that enter opens what is shown)."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="list-open"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def on_focus(self) -> None:
        if self.highlighted is None:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)


class ViewedOptionList(Viewed, VimOptionList):
    """A list held whole in memory (search results) that sorts, filters and counts: the
    screen applies the view to its rows (db.views)."""

    BINDINGS = list(VIEW_BINDINGS)


def paged(fetch: Callable[[str | None, int], list], page: int = TABLE_PAGE) -> Iterator:
    """Every row `fetch(after, limit)` gives, read a page at a time as they are consumed:
    `after` is the id of the last row read (None for the first page), so each page is read
    by key, not by an offset that costs more the further down the list."""
    after: str | None = None
    while True:
        rows = fetch(after, page)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1].id


def paged_by_offset(fetch: Callable[[int, int], list], page: int = TABLE_PAGE) -> Iterator:
    """Every row `fetch(offset, limit)` gives, a page at a time: for a list in an order of
    the user's choosing (`o`, `|`), which has no index to read it by key."""
    offset = 0
    while True:
        rows = fetch(offset, page)
        yield from rows
        if len(rows) < page:
            return
        offset += len(rows)


def or_else(options: Iterable[Option], placeholder: Option) -> Iterator[Option]:
    """The options, or `placeholder` alone when there are none (a lazy list cannot be
    asked its length before it is read)."""
    empty = True
    for option in options:
        empty = False
        yield option
    if empty:
        yield placeholder


def read_ahead(
    cache: dict,
    items: Sequence[T],
    index: int,
    key: Callable[[T], str],
    fetch: Callable[[list[T]], Iterable[tuple[str, V]]],
) -> V:
    """What `fetch` gives for items[index], read together with the next page of items not
    yet in `cache` (a grid adds its rows a page at a time; each page costs one read)."""
    wanted = key(items[index])
    if wanted not in cache:
        cache.update(fetch([i for i in items[index : index + TABLE_PAGE] if key(i) not in cache]))
    return cache[wanted]


class PagedOptionList(Viewed, GuardDatabaseErrors, VimOptionList):
    """An option list fed by an iterable of options (None: a divider), taken a page at a
    time: the next page is taken when the cursor comes near the end of what is shown (a
    database fault while reading it shows the error screen, as on any screen)."""

    BINDINGS = list(VIEW_BINDINGS)

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
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def take(self, count: int = TABLE_PAGE) -> None:
        batch = list(islice(self._source, count))
        if len(batch) < count:
            self._source = iter(())
        # an option already shown is not added again: a page read after a load elsewhere
        # can repeat one (and OptionList refuses a duplicate id)
        seen = {o.id for o in self.options if o.id is not None}
        fresh: list[Option | None] = []
        for option in batch:
            if option is not None and option.id is not None:
                if option.id in seen:
                    continue
                seen.add(option.id)
            fresh.append(option)
        if fresh:
            self.add_options(fresh)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - self.MARGIN:
            self.take()
