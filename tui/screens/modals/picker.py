"""Pick an actor by typing part of its name (to add a column to a comparison)."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ....db import queries
from ....db.text import name_key
from ...guard import GuardDatabaseErrors
from ...render.safe import clean
from ...widgets.inputs import SafeInput
from ...widgets.lists import VimOptionList

if TYPE_CHECKING:  # for the type checker only: the app module imports the screens
    from textual import getters

    from ...app import CeasefireApp

#: Matches listed at once (a screen shows about 15; typing narrows them).
SHOWN = 100


class ActorPicker(GuardDatabaseErrors, ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("down", "to_list", "List", show=False),
    ]

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp
        app = getters.app(CeasefireApp)

    #: The first option's id when `allow_new` is set: a new actor, named as typed.
    NEW = "\x00new"

    def __init__(
        self,
        exclude: set[str],
        title: str = "Add an actor: type part of a name, enter picks",
        allow_new: bool = False,
    ):
        super().__init__()
        self.exclude = exclude
        self.title_text = title
        self.allow_new = allow_new
        #: What was typed, for a new actor's name.
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Content.styled(self.title_text, "bold"))
            yield SafeInput(placeholder="name, alias or role…", id="picker-input")
            yield VimOptionList(id="picker-list", markup=False)

    def on_mount(self) -> None:
        actors = [a for a in queries.list_actors(self.app.store.conn) if a.id not in self.exclude]
        #: Each actor beside what typing matches against, made once (not per keystroke).
        self.candidates = [(a, name_key(" ".join([a.name, a.id, a.role or "", *a.aliases]))) for a in actors]
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, text: str) -> None:
        """The first matches for `text`, and how many more there are: a list of thousands
        of actors took 190 ms to lay out on every keystroke."""
        self.typed = text
        key = name_key(text)
        matches = (a for a, hay in self.candidates if key in hay)
        shown = list(islice(matches, SHOWN))
        more = sum(1 for _ in matches)
        lst = self.query_one(VimOptionList)
        lst.clear_options()
        if self.allow_new:
            lst.add_option(
                Option(
                    Content.assemble(
                        ("+ a new actor", "bold"),
                        (f": {clean(text, oneline=True, limit=60)}" if text else "", ""),
                    ),
                    id=self.NEW,
                )
            )
        lst.add_options(
            [
                Option(
                    Content.assemble(
                        "  " * min(a.depth, 4),
                        (clean(a.name, oneline=True, limit=60), "bold"),
                        (f"  {clean(a.role, oneline=True, limit=60)}" if a.role else "", "dim"),
                    ),
                    id=a.id,
                )
                for a in shown
            ]
        )
        if more:
            lst.add_option(
                Option(
                    Content.styled(f"  … {more:,} more: type more of the name", "dim italic"), disabled=True
                )
            )
        if shown or self.allow_new:
            lst.highlighted = 1 if shown and self.allow_new else 0

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is not None:
            self.dismiss(lst.get_option_at_index(lst.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_to_list(self) -> None:
        self.query_one(VimOptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
