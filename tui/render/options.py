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


#: A cell wide enough for its widest reading ('✓ acceptable !'); a name may take a few more.
CELL_W = 14
NAME_W = 18
#: The option labels' column: at least this, at most that.
LABEL_MIN, LABEL_MAX = 12, 40


def _cut(text: str, width: int) -> str:
    """`text` in `width` cells, an ellipsis where it was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def grid_lines(grid: OptionGrid, names: dict[str, str], sides: list[str], width: int) -> list[Content]:
    """The grid: one line an option, a column a side; then who divides a side or differs
    from it, and the room to meet. The columns take what their readings and names need
    (the labels the rest, up to their longest), narrower only when `width` is short."""
    n = max(len(sides), 1)
    longest = max((len(clean(names.get(s, s), oneline=True)) for s in sides), default=0)
    cell_w = max(CELL_W, min(longest, NAME_W))
    if LABEL_MIN + n * (cell_w + 2) > width:
        cell_w = max((width - LABEL_MIN) // n - 2, 3)
    label_w = max(min(max(len(o.label) for o in grid.options), LABEL_MAX, width - n * (cell_w + 2)), 7)
    head = Content.assemble(
        ("Options".ljust(label_w), "bold"),
        *(("  " + _cut(clean(names.get(s, s), oneline=True), cell_w).ljust(cell_w), "bold") for s in sides),
    )
    lines = [head]
    who: list[Content] = []
    for o in grid.options:
        parts: list[tuple[str, str] | str] = [_cut(clean(o.label, oneline=True), label_w).ljust(label_w)]
        for s in sides:
            reading = grid.readings.get((s, o.id))
            text, style = reading_label(reading, cell_w)
            parts += ["  ", (text, style)]
            if reading is not None and reading.differ:
                said = f"{o.label} — {names.get(s, s)}: {option_words(reading, s)}"
                who.append(Content.styled(clean(said, oneline=True), "bold" if reading.mark is None else ""))
        lines.append(Content.assemble(*parts))
    lines += who
    lines.append(Content.styled(clean("Room to meet: " + room_words(grid), oneline=True), "italic"))
    return lines
