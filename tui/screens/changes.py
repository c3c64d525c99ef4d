"""What changed: relations between sides that flipped, stances that moved, new and edited
positions; in the latest load, or since a day by the sources' dates (`[` `]` step the day)."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import queries
from ...db.chronicle import HEADINGS
from ...db.models import Change
from ...db.wording import change_words, short_date
from ..render.safe import clean
from ..widgets.lists import VimOptionList
from .base import BaseScreen
from .dated import step_day


class ChangesScreen(BaseScreen):
    TITLE_TEXT = "What changed"
    BINDINGS = [
        # one footer entry for the pair, as Compare's [ ] (the footer fits 80 columns)
        Binding(
            "left_square_bracket",
            "since(-1)",
            "Since day",
            key_display="[ ]",
            tooltip="Since an earlier day ([) or a later one (])",
            id="since-earlier",
        ),
        Binding("right_square_bracket", "since(1)", "Since later", show=False, id="since-later"),
        Binding("l", "latest_load", "Latest load", id="since-load"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: None: what the latest load changed; a day: what changed after it.
        self.since: str | None = None
        self.changes: list[Change] = []

    def compose_body(self) -> ComposeResult:
        yield Static(id="changes-head")
        yield VimOptionList(id="changes-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(VimOptionList).focus()

    def reload(self) -> None:
        self._dates: list[str] | None = None
        head = self.query_one("#changes-head", Static)
        if self.since is None:
            record = queries.last_load(self.conn)
            self.set_title(Content.styled("in the latest load", "bold"))
            if record is None:
                self.changes = []
                head.update(
                    Content.styled(
                        "No load is recorded in this database. [ shows what changed by date.", "dim"
                    )
                )
            else:
                self.changes = list(record.changes)
                files = ", ".join(record.files)
                note = " (the first: nothing before it to compare)" if record.first else ""
                head.update(
                    Content.assemble(
                        (
                            f"Load #{record.id} at {record.at.replace('T', ' ').replace('Z', ' UTC')}{note}",
                            "bold",
                        ),
                        "\n",
                        (clean(files, oneline=True, limit=300), "dim"),
                    )
                )
        else:
            self.changes = queries.changes_since(self.conn, self.since)
            self.set_title(Content.styled(f"since {short_date(self.since)}", "bold reverse"))
            head.update(
                Content.assemble(
                    (f"After {short_date(self.since)}, by the dates the sources give", "bold"),
                    ("\n[ ] another day · l: the latest load", "dim"),
                )
            )
        self.query_one(VimOptionList).set_options(list(self._options()))

    def _options(self) -> Iterator[Option]:
        if not self.changes:
            yield Option(Content.styled("Nothing changed.", "dim italic"), disabled=True)
            return
        for what, heading in HEADINGS.items():
            group = [(n, c) for n, c in enumerate(self.changes) if c.what == what]
            if not group:
                continue
            yield Option(Content.styled(f"{heading} ({len(group)})", "bold underline"), disabled=True)
            for n, c in group:
                yield Option(
                    Content.assemble(
                        "  ",
                        (clean(c.issue_title, oneline=True, limit=40), "bold"),
                        ": ",
                        clean(change_words(c, year=False), oneline=True, limit=300),
                    ),
                    id=str(n),
                )

    def _change(self) -> Change | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id
        return self.changes[int(option_id)] if option_id is not None else None

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        c = self._change()
        if c is None:
            return
        if c.what == "flip":
            self.app.open_compare([c.actor, c.other])
        elif c.what == "removed" or c.position is None:
            self.notify("Removed: it has no evidence left to show.", markup=False)
        elif c.what == "shift":
            self.app.open_timeline(c.actor, c.issue)
        else:
            self.app.open_evidence([c.position], clean(c.issue_title, oneline=True))

    def action_since(self, step: int) -> None:
        if self._dates is None:
            sides = [a.id for a in queries.list_sides(self.conn)]
            self._dates = queries.change_dates(self.conn, sides)
        dates = self._dates
        if not dates:
            self.notify("No dated positions: nothing to step through.", markup=False)
            return
        if self.since is None:
            # from the latest load to the last day before the latest date
            day = step_day(dates, None, -1) if step < 0 else None
        else:
            day = step_day(dates, self.since, step)
        if day is None and step > 0:
            self.notify("Nothing after the latest date; l shows the latest load.", markup=False, timeout=3)
            return
        if day == self.since:
            self.notify("Already at the earliest date.", markup=False, timeout=2)
            return
        self.since = day
        self.reload()

    def action_latest_load(self) -> None:
        self.since = None
        self.reload()
