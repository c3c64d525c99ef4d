"""What every screen shares: the title bar, the footer, 'too small', back and quit keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from ..guard import GuardDatabaseErrors
from ..widgets.bars import MIN_HEIGHT, MIN_WIDTH, TitleBar, TooSmall

if TYPE_CHECKING:  # for the type checker only: the app module imports the screens
    import sqlite3

    from textual import getters

    from ..app import CeasefireApp
    from ..store import Store


class BaseScreen(GuardDatabaseErrors, Screen):
    """A screen with a title bar and footer; subclasses give `compose_body`."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("q", "back", "Back", show=False, id="close"),
    ]
    #: The screen's name in the title bar and in help.
    TITLE_TEXT = ""

    def check_action(self, action: str, parameters) -> bool | None:
        # while a table's filter is typed (`|`), a letter is text even where the screen
        # binds it with priority (Compare's `a`)
        if getattr(self.focused, "typing", False):
            return False
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield from self.compose_body()
        yield TooSmall()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    if TYPE_CHECKING:
        # Textual types `app` as any App; every screen runs in a CeasefireApp (Textual's
        # own way to say so, for the checker only: at run time `app` stays Textual's).
        app = getters.app(CeasefireApp)

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def conn(self) -> sqlite3.Connection:
        return self.app.store.conn

    def set_title(self, context="") -> None:
        self.query_one(TitleBar).show(self.TITLE_TEXT, context)

    #: The width a screen laid its table out for (see `relayout`); None before it has.
    laid_out_width: int | None = None

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        self.set_class(event.size.width < 70, "-narrow")
        if self.laid_out_width not in (None, event.size.width):
            self.call_after_refresh(self.relayout)

    def relayout(self) -> None:
        """Lay the screen out again for a new width (screens with sized columns)."""

    #: How long the cursor must rest before a side panel follows it, in seconds: holding
    #: a key over SSH then sends only the list's lines, not a panel per row passed.
    FOLLOW_DELAY = 0.08

    def follow(self, callback) -> None:
        """Run `callback` once the cursor has rested (a newer call replaces an older one)."""
        timer = getattr(self, "_follow_timer", None)
        if timer is not None:
            timer.stop()
        self._follow_timer = self.set_timer(self.FOLLOW_DELAY, callback)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def reload(self) -> None:
        """Read the data again (after a load by another process)."""
