"""NO_COLOR as attributes only: no colour and no dim in anything the app writes."""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

_NOT_DIM = Style(dim=False)


@lru_cache(1024)
def attributes_only(style: Style) -> Style:
    """`style` without its colours, and not dim (bold, italic, underline, reverse, links
    and the mouse's metadata kept)."""
    return style.without_color + _NOT_DIM


class AttributesOnly(LineFilter):
    """What NO_COLOR asks for: Textual's own filter turns colours into greys (SGR 90 and
    37 for 'rejects' and for hints, which read as disabled); this one drops them, and dim
    with them, so that bold, reverse and underline carry what colour would."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else attributes_only(style), control)
            for text, style, control in segments
        ]
