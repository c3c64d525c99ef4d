"""The one-line title bar at the top of every screen, and the 'terminal too small' notice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

#: Below this size panes would be empty or overlap: a notice is shown instead.
MIN_WIDTH = 50
MIN_HEIGHT = 14


class TitleBar(Horizontal):
    """Screen name and context on the left (dossier text cleaned by the caller); the keys
    that open help and the palette on the right, so they stay in sight at any width."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
    }
    TitleBar > #title-left {
        width: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TitleBar > #title-right {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="title-left")
        yield Static(Content("? help  ^p palette"), id="title-right")

    def show(self, title: str, context: Content | str = "", trail: list[str] | None = None) -> None:
        """The screen's name after the screens it was reached through ('Actors › Compare ›
        Evidence', shortened from the left with '…'), then its context."""
        head = Content.styled(title, "bold")
        if trail:
            head = Content.assemble((breadcrumbs(trail), "dim"), head)
        if context:
            context = context if isinstance(context, Content) else Content(context)
            head = Content.assemble(head, " · ", context)
        self.query_one("#title-left", Static).update(head)


#: The most of the title bar the trail of screens before the current one may take.
TRAIL_WIDTH = 30


def breadcrumbs(trail: list[str], width: int = TRAIL_WIDTH) -> str:
    """'Actors › Compare › ' for the screens before the current one; when that is wider
    than `width`, the earliest are dropped for '… › ' (the nearest stay in sight)."""
    names = list(trail)
    text = "".join(f"{n} › " for n in names)
    while len(text) > width and names:
        names.pop(0)
        text = "… › " + "".join(f"{n} › " for n in names)
    return text


class TooSmall(Static):
    """Shown in place of a screen's panes when the terminal is below the minimum size."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def on_mount(self) -> None:
        self.update(
            Content(
                f"Terminal too small: needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                "Enlarge the window, or press q to quit."
            )
        )
