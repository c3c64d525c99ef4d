"""Counts at a glance (VisiData's `F`): how many rows read each value of a column; enter
on a line filters the table or list to the rows it counts."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...render.safe import clean
from ...widgets.lists import VimOptionList


class CountsModal(ModalScreen[str | None]):
    """Each value of a column with its count, most first; enter: those rows only."""

    BINDINGS = [Binding("escape,q,F", "cancel", "Close counts", id="close-counts")]

    def __init__(self, title: str, lines: list[tuple[str, int]]):
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        total = sum(n for _, n in self.lines)
        with Vertical(id="counts-box"):
            yield Static(
                Content.assemble(
                    (clean(self.title_text, oneline=True), "bold"),
                    (f"  {len(self.lines):,} values, {total:,} in all · enter: those rows", "dim"),
                )
            )
            width = max((len(f"{n:,}") for _, n in self.lines), default=1)
            yield VimOptionList(
                *(
                    Option(
                        Content.assemble((f"{n:>{width},}", "bold"), "  ", clean(value, oneline=True)),
                        id=str(i),
                    )
                    for i, (value, n) in enumerate(self.lines)
                )
                or [Option(Content.styled("nothing to count", "dim italic"), disabled=True)],
                id="counts-list",
                markup=False,
            )

    def on_mount(self) -> None:
        lst = self.query_one(VimOptionList)
        lst.focus()
        lst.highlighted = 0 if self.lines else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.dismiss(self.lines[int(event.option_id)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
