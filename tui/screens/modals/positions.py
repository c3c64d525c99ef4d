"""Pick one of a few positions (to add a quote to its evidence)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ....db.models import Position
from ...render.prompts import position_prompt
from ...widgets.lists import VimOptionList


class PositionPicker(ModalScreen[str | None]):
    """The positions offered, enter picks one, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="position-picker-cancel")]

    def __init__(self, title: str, positions: list[Position]):
        super().__init__()
        self.title_text = title
        self.positions = positions

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Content.styled(self.title_text, "bold"))
            yield VimOptionList(
                *[Option(position_prompt(p, show_actor=True), id=p.id) for p in self.positions],
                id="picker-list",
                markup=False,
            )

    def on_mount(self) -> None:
        lst = self.query_one(VimOptionList)
        lst.highlighted = 0 if self.positions else None
        lst.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
