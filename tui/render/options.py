"""An issue's options by the sides of a comparison: a small grid of marks, glyph and word
(never colour alone), and the room to meet under it."""

from __future__ import annotations

from textual.content import Content

from ...db.models import OptionGrid
from ...db.wording import room_words
from .safe import clean

#: How each mark looks: a glyph and a word.
MARK_GLYPHS = {"demanded": "▲▲", "acceptable": "✓", "red_line": "✗"}
MARK_STYLES = {
    "demanded": "bold $text-success",
    "acceptable": "$text-success",
    "red_line": "bold $text-error",
}
MARK_ORDER = ("red_line", "demanded", "acceptable")


def mark_label(marks: set[str], width: int) -> tuple[str, str]:
    """A cell of the grid: its marks (a red line first), cut to `width`, and its style."""
    if not marks:
        return "·".ljust(width), "dim"
    shown = [m for m in MARK_ORDER if m in marks]
    text = " ".join(f"{MARK_GLYPHS[m]} {m.replace('_', ' ')}" for m in shown)
    if len(text) > width:
        text = " ".join(MARK_GLYPHS[m] for m in shown)
    return text[:width].ljust(width), MARK_STYLES[shown[0]]


def grid_lines(grid: OptionGrid, names: dict[str, str], sides: list[str], width: int) -> list[Content]:
    """The grid: one line an option, a column a side; then the room to meet."""
    label_w = min(max(len(o.label) for o in grid.options), 24)
    cell_w = max(min((width - label_w - 2) // max(len(sides), 1) - 1, 16), 3)
    head = Content.assemble(
        ("Options".ljust(label_w), "bold"),
        *(("  " + clean(names[s], oneline=True)[:cell_w].ljust(cell_w), "bold") for s in sides),
    )
    lines = [head]
    for o in grid.options:
        parts: list[tuple[str, str] | str] = [clean(o.label, oneline=True)[:label_w].ljust(label_w)]
        for s in sides:
            text, style = mark_label({m.mark for m in grid.marks.get((s, o.id), ())}, cell_w)
            parts += ["  ", (text, style)]
        lines.append(Content.assemble(*parts))
    lines.append(Content.styled(clean("Room to meet: " + room_words(grid), oneline=True), "italic"))
    return lines
