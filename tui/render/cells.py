"""The cells of tables: a stance with who holds it, fitted to a column's width."""

from __future__ import annotations

from rich.text import Text

from ...db.models import Cell
from . import glyphs
from .safe import clean


def cell_text(cell: Cell, width: int, column_id: str) -> Text:
    """A grid cell: glyph and word of the current stance, then in words what a reader must
    not miss (divided, members differing, what it was before, dissent from its side), then
    as much of the summary as fits; who said it."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if cell.stance is None:
        if cell.divided:
            text.append("± divided", style="bold")
        elif cell.assessments:
            text.append("? assessed only", style="italic")
        else:
            text.append("·", style="dim")
        return text
    style = glyphs.RICH_STANCE_STYLES[cell.stance]
    text.append(glyphs.stance_label(cell.stance), style=style)
    first = cell.lead
    assert first is not None  # a cell with a stance has a lead
    if first.stated_by != column_id:
        surname = clean(first.stated_by_name, oneline=True, limit=40).split()
        text.append(f" ({surname[-1] if surname else '?'})", style="italic")
    if cell.dissent:
        text.append(" dissents", style="bold")
    if cell.divided:
        text.append(" divided", style="bold")
    elif cell.differ:
        text.append(f" {cell.differ} differ", style="bold")
    if cell.was is not None:
        text.append(f" was {glyphs.STANCE_GLYPHS[cell.was]}", style="italic")
    room = width - len(text.plain) - 3
    if room >= 12:
        summary = clean(first.position.summary, oneline=True, limit=200)
        text.append(" — " + summary[:room])
    return text


def matrix_cell(cell: Cell) -> Text:
    """A matrix cell: the current stance's glyph; ± divided without a stance of its own,
    ? assessed only; then ! when members differ or are divided, ↺ when it changed."""
    if cell.stance is None and cell.divided:
        return Text("±", style="bold")
    if cell.stance is None and cell.assessments:
        return Text("?", style="italic")
    t = Text(glyphs.STANCE_GLYPHS[cell.stance], style=glyphs.RICH_STANCE_STYLES[cell.stance])
    if cell.stance is not None and (cell.divided or cell.differ or cell.dissent):
        t.append("!", style="bold")
    if cell.was is not None:
        t.append("↺", style="italic")
    return t
