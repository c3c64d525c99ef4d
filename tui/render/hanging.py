"""Text whose wrapped lines hang: a line too long for its column goes on indented, so
that each record's first line stands out from the rest (Textual wraps to the margin)."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

#: Cells a wrapped line is indented by, beyond the indent of the line it continues.
HANG = 2


class Hanging(Visual):
    """`content` laid out line by line; a line that wraps goes on HANG cells further in
    than it starts."""

    def __init__(self, content: Content, hang: int = HANG):
        self.content = content
        self.hang = hang
        self._laid_out: tuple[int, list[Content]] | None = None

    def __str__(self) -> str:
        return str(self.content)

    def lines(self, width: int) -> list[Content]:
        """The lines as shown at `width`: each line of the text, wrapped, its
        continuations indented."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        out: list[Content] = []
        for line in self.content.split("\n", allow_blank=True):
            text = line.plain
            indent = min(len(text) - len(text.lstrip(" ")) + self.hang, max(width // 3, 0))
            first, *rest = line.wrap(width) or [line]
            out.append(first)
            if not rest:
                continue
            start = len(first.plain)
            while start < len(text) and text[start] == " ":
                start += 1
            for piece in line[start:].wrap(max(width - indent, 1)):
                out.append(piece.pad_left(indent))
        self._laid_out = (width, out)
        return out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        lines = self.lines(width)
        if height is not None:
            lines = lines[:height]
        return [strip for line in lines for strip in line.render_strips(width, 1, style, options)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))
