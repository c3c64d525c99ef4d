"""Text boxes whose value never carries a control character to the terminal."""

from __future__ import annotations

from textual.command import CommandInput
from textual.widgets import Input

from ..safe import typed


class SafeInput(Input):
    """An Input that cleans what is typed or pasted (escape sequences included)."""

    def validate_value(self, value: str) -> str:
        return typed(value)


# The palette's own box shows typed text too; Textual is pinned exactly, and this keeps
# a pasted escape sequence out of the palette as well.
CommandInput.validate_value = SafeInput.validate_value  # type: ignore[attr-defined]
