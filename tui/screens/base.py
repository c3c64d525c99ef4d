"""What every screen shares: the title bar, the footer, 'too small', back and quit keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
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
    from textual.widget import Widget

    from ..app import CeasefireApp
    from ..store import Store


class BaseScreen(GuardDatabaseErrors, Screen):
    """A screen with a title bar and footer; subclasses give `compose_body`."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("q", "back", "Back", show=False, id="close"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane"),
        Binding("1", "pane(1)", "Pane 1", show=False, id="pane-1"),
        Binding("2", "pane(2)", "Pane 2", show=False, id="pane-2"),
        Binding("3", "pane(3)", "Pane 3", show=False, id="pane-3"),
    ]
    #: The screen's name in the title bar and in help.
    TITLE_TEXT = ""
    #: What the session log calls this screen, when it was opened as a command (none for a
    #: screen pushed by another means: the default one, a modal).
    logged_as: str | None = None

    def log_state(self) -> dict | None:
        """What this screen came to hold since it opened, for the session log (a search's
        text); None when nothing changed."""
        return None

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
        self.query_one(TitleBar).show(self.TITLE_TEXT, context, self.trail())

    def trail(self) -> list[str]:
        """The names of the screens below this one on the stack (where it was reached from)."""
        stack = self.app.screen_stack
        below = stack[: stack.index(self)] if self in stack else stack
        return [s.TITLE_TEXT for s in below if isinstance(s, BaseScreen) and s.TITLE_TEXT]

    # --- panes ---------------------------------------------------------------------------

    def panes(self) -> list[Widget]:
        """The screen's panes that take the keyboard, in focus order (1, 2, 3 jump to them)."""
        return [w for w in self.focus_chain if not isinstance(w, TitleBar)]

    @on(events.Mount)
    def _number_panes(self) -> None:
        # after the subclass's own mount has filled them: each pane says its number
        def number() -> None:
            panes = self.panes()
            if len(panes) < 2:
                return
            for n, pane in enumerate(panes[:3], 1):
                if not str(pane.border_title or "").startswith(f"{n} "):
                    pane.border_title = f"{n} {pane.border_title or ''}".rstrip()

        self.call_after_refresh(number)

    def action_pane(self, n: int) -> None:
        panes = self.panes()
        if 0 < n <= len(panes):
            panes[n - 1].focus()

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
