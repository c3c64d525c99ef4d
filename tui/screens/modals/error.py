"""A database fault, said plainly; the app keeps running."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...render.safe import clean


class ErrorScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="back"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(Content.styled("The database could not be read", "bold $text-error"))
            yield Static(Content(clean(self.message)))
            yield Static(Content.styled("escape: back   q: quit   ctrl+r: try again", "dim"))
