"""A quote's citation: to the clipboard (OSC 52), or shown to select where that cannot work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ....db.brief import citation
from ....db.models import Quote
from ...clipboard import can_copy, osc52_sequences
from ...render.safe import clean
from ...textual_compat import remember_clipboard, terminal_writer


def citation_text(quote: Quote) -> str:
    return citation(quote, lambda s: clean(s, oneline=True, limit=10**6))


def copy_citation(screen, quote: Quote) -> None:
    """`y`: the citation to the user's clipboard (OSC 52), or shown to select where it can't."""
    text = citation_text(quote)
    app = screen.app
    write = terminal_writer(app)
    if not can_copy() or write is None:
        app.push_screen(
            CitationModal(
                text, "This terminal cannot take a clipboard sequence: select the citation below and copy it."
            )
        )
        return
    sequences, how = osc52_sequences(text)
    remember_clipboard(app, text)
    for seq in sequences:
        write(seq)
    screen.notify(
        f"Citation copied to your clipboard via {how}. Press Y to see it (if your terminal ignores OSC 52).",
        markup=False,
        timeout=6,
    )


class CitationModal(ModalScreen):
    """The citation, selectable, for terminals where the clipboard sequence cannot work."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="close")]

    def __init__(self, text: str, note: str):
        super().__init__()
        self.text = text
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="citation-box"):
            yield Static(Content(self.note), id="citation-note")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="citation-text")
            yield Static(Content.styled("escape closes", "dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()


def show_citation(screen, quote: Quote) -> None:
    """`Y`: the citation on screen, selectable."""
    screen.app.push_screen(CitationModal(citation_text(quote), "The citation:"))
