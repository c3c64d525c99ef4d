"""The cells of tables: a stance with who holds it, fitted to a column's width; text cut
to a column says so (…) and is cut at a word."""

from __future__ import annotations

from rich.text import Text

from ...db.models import Cell
from . import glyphs
from .safe import clean


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters: whole, or cut and ended with …, at a word
    when that loses little (the last quarter), else inside the word."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = text[: width - 1]
    if text[width - 1] != " ":  # the head ends inside a word: drop that word's start
        space = head.rfind(" ")
        if space >= width * 3 // 4:
            head = head[:space]
    return head.rstrip(" ,;:–—-") + "…"


def middle_cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, its end kept whole: 'Security…for Russia'."""
    if len(text) <= width:
        return text
    budget = width - 1 - max(width // 3, 1)  # a third at least for the start
    tail = ""
    for word in reversed(text.split()):
        longer = f"{word} {tail}" if tail else word
        if len(longer) > budget:
            break
        tail = longer
    tail = tail or text[-budget:]
    return text[: width - 1 - len(tail)].rstrip() + "…" + tail


def distinct_cuts(texts: list[str], width: int) -> list[str]:
    """Each text cut to `width`; two different texts that would read alike once cut
    ('Security guarantee…' twice) are cut in the middle instead, keeping the ends that
    tell them apart."""
    shown = [cut(t, width) for t in texts]
    sources: dict[str, set[str]] = {}
    for text, label in zip(texts, shown, strict=True):
        sources.setdefault(label, set()).add(text)
    return [
        middle_cut(text, width) if len(sources[label]) > 1 else label
        for text, label in zip(texts, shown, strict=True)
    ]


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
        text.append(" — " + cut(summary, room))
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
