"""A bare Textual app with the same widgets as ceasefire-tui's first screen: the baseline.

A one-line title bar (two texts), a list of N one-line options beside a profile (a short
text and a second list of two-line options), the footer. No database, no CLI, no styling.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static


class Bare(App):
    BINDINGS = [
        ("q", "quit", "Quit"),
        ("space", "bell", "Mark"),
        ("c", "bell", "Compare"),
        ("i", "bell", "Issues"),
        ("question_mark", "bell", "Help"),
        ("slash", "bell", "Search"),
    ]
    CSS = """
    #title { height: 1; dock: top; }
    #title Static { width: auto; }
    """

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    def compose(self) -> ComposeResult:
        with Horizontal(id="title"):
            yield Static("Actors · space marks actors, c compares them")
            yield Static("? help  ^p pal.")
        with Horizontal():
            yield OptionList(*[f"  Actor number {i}   3q 2p" for i in range(self.n)])
            with Vertical():
                yield Static("Actor number 0  person\nrole\nspeaks for side")
                yield OptionList(*[f"Position {i}\n   summary of it" for i in range(12)])
        yield Footer()


if __name__ == "__main__":
    Bare(int(sys.argv[1]) if len(sys.argv) > 1 else 16).run()
