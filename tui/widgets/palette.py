"""The command palette, keeping an enter typed before its matches exist."""

from __future__ import annotations

from textual import on
from textual.command import CommandPalette
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from ..textual_compat import is_palette_gather, palette_enter, palette_gathering


class Palette(CommandPalette):
    """Textual's palette, but `ctrl+p putin enter` typed in one burst (as keys arrive over
    SSH) opens Putin: an enter typed while the matches of the text are still being gathered
    waits for them and picks the first, instead of picking from the list shown before."""

    #: An enter came before the matches of what was typed; acted on when they are in.
    enter_pending = False

    @on(Input.Submitted)
    def _enter_typed(self, event: Input.Submitted) -> None:
        if palette_gathering(self):
            # before the palette's own handler, which would pick from the old list
            event.stop()
            event.prevent_default()
            self.enter_pending = True

    @on(Input.Changed)
    def _typed(self) -> None:
        self.enter_pending = False  # an enter is for the text it followed, not for more

    @on(Worker.StateChanged)
    def _gathered(self, event: Worker.StateChanged) -> None:
        if not (self.enter_pending and is_palette_gather(self, event.worker)):
            return
        if event.state == WorkerState.SUCCESS and not palette_gathering(self):
            self.enter_pending = False
            palette_enter(self)
