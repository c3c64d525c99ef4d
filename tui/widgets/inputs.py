"""Text boxes whose value never carries a control character to the terminal, and that
keep every key in the order it was typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ..render.safe import typed
from ..textual_compat import input_on_key, own_bindings, patch_command_input


async def _on_key_in_order(self: Input, event: events.Key) -> None:
    """Run the box's own bindings (backspace, arrows, ctrl+w…) here, in order.

    Textual inserts a printable key as soon as the box reads it, but runs the box's
    bindings only once the key has bubbled up to the app: in a burst of keys (typing ahead
    over SSH, a fast typist) a backspace then lands after the letters typed after it,
    `ba⌫c` giving `ba` (textual#6605)."""
    for binding in own_bindings(self, event.key):
        if not binding.priority and await self.app.run_action(binding.action, self):
            event.stop()
            event.prevent_default()
            return
    await input_on_key(self, event)


class SafeInput(Input):
    """An Input that cleans what is typed or pasted (escape sequences included), and runs
    its editing keys in the order they were typed."""

    def validate_value(self, value: str) -> str:
        return typed(value)

    _on_key = _on_key_in_order


# The palette's own box shows typed text too; Textual is pinned exactly, and this keeps a
# pasted escape sequence out of the palette, and its keys in order, as well.
patch_command_input(SafeInput.validate_value, _on_key_in_order)
