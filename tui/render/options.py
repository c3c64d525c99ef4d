"""An issue's options by the sides of a comparison: a small grid of marks, glyph and word
(never colour alone), and the room to meet under it."""

from __future__ import annotations

from textual.content import Content

from ...db.models import OptionGrid, OptionReading
from ...db.wording import mark_word, option_words, room_words
from .safe import clean

#: How each mark looks: a glyph and a word.
MARK_GLYPHS = {"demanded": "▲▲", "acceptable": "✓", "red_line": "✗"}
MARK_STYLES = {
    "demanded": "bold $text-success",
    "acceptable": "$text-success",
    "red_line": "bold $text-error",
}


def reading_label(reading: OptionReading | None, width: int) -> tuple[str, str]:
    """A side's cell: the mark that leads it (glyph and word), `± divided` when its members
    mark the option both ways, and `!` when a member differs from the lead; cut to `width`."""
    if reading is None:
        return "·".ljust(width), "dim"
    if reading.mark is None:
        return "± divided"[:width].ljust(width), "bold"
    flag = " !" if reading.differ else ""
    text = f"{MARK_GLYPHS[reading.mark]} {mark_word(reading.mark)}{flag}"
    if len(text) > width:
        text = f"{MARK_GLYPHS[reading.mark]}{flag}"
    return text[:width].ljust(width), MARK_STYLES[reading.mark]


def grid_lines(grid: OptionGrid, names: dict[str, str], sides: list[str], width: int) -> list[Content]:
    """The grid: one line an option, a column a side; then who divides a side or differs
    from it, and the room to meet."""
    label_w = min(max(len(o.label) for o in grid.options), 24)
    cell_w = max(min((width - label_w - 2) // max(len(sides), 1) - 1, 16), 3)
    head = Content.assemble(
        ("Options".ljust(label_w), "bold"),
        *(("  " + clean(names[s], oneline=True)[:cell_w].ljust(cell_w), "bold") for s in sides),
    )
    lines = [head]
    who: list[Content] = []
    for o in grid.options:
        parts: list[tuple[str, str] | str] = [clean(o.label, oneline=True)[:label_w].ljust(label_w)]
        for s in sides:
            reading = grid.readings.get((s, o.id))
            text, style = reading_label(reading, cell_w)
            parts += ["  ", (text, style)]
            if reading is not None and reading.differ:
                said = f"{o.label} — {names.get(s, s)}: {option_words(reading)}"
                who.append(Content.styled(clean(said, oneline=True), "bold" if reading.mark is None else ""))
        lines.append(Content.assemble(*parts))
    lines += who
    lines.append(Content.styled(clean("Room to meet: " + room_words(grid), oneline=True), "italic"))
    return lines
