"""The one-line title bar at the top of every screen, and the 'terminal too small' notice."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

#: Below this size panes would be empty or overlap: a notice is shown instead.
MIN_WIDTH = 50
MIN_HEIGHT = 14


class TitleBar(Static):
    """Screen name, then context (dossier text cleaned by the caller)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, title: str, context: Content | str = "") -> None:
        head = Content.styled(title, "bold")
        if context:
            context = context if isinstance(context, Content) else Content(context)
            head = Content.assemble(head, " · ", context)
        self.update(head)


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
        self.update(Content(f"Terminal too small: needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                            "Enlarge the window, or press q to quit."))
