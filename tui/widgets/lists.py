"""Lists that move with vim keys too (j/k/g/G), and that fill themselves a page at a time,
so no list holds every row of a large dossier (tables: `tables.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..guard import GuardDatabaseErrors

T = TypeVar("T")
V = TypeVar("V")

#: Rows added to a list or table at a time: laying out a row costs Textual a measure of
#: every cell, and a screen at 80x24 shows about 15.
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


class PagedOptionList(GuardDatabaseErrors, VimOptionList):
    """An option list fed by an iterable of options (None: a divider), taken a page at a
    time: the next page is taken when the cursor comes near the end of what is shown (a
    database fault while reading it shows the error screen, as on any screen)."""

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
