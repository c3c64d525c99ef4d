"""A bare Textual app with the same widgets as ceasefire-tui's first screen: the baseline.

Title bar, a list of N one-line options beside a profile (a static text and a second list),
footer. No database, no CLI.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static


class Bare(App):
    BINDINGS = [("q", "quit", "Quit"), ("space", "bell", "Mark"), ("c", "bell", "Compare"),
                ("i", "bell", "Issues"), ("question_mark", "bell", "Help")]

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    def compose(self) -> ComposeResult:
        yield Static("Actors · space marks actors, c compares them")
        with Horizontal():
            yield OptionList(*[f"  Actor number {i}   3q 2p" for i in range(self.n)])
            with Vertical():
                yield Static("Actor number 0\nrole\nspeaks for side")
                yield OptionList(*[f"Position {i}\n   summary of it" for i in range(8)])
        yield Footer()


if __name__ == "__main__":
    Bare(int(sys.argv[1]) if len(sys.argv) > 1 else 16).run()
