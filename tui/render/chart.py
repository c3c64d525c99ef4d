"""One issue through time, at a glance: a row per column, a stance glyph per date."""

from __future__ import annotations

from textual.content import Content

from ...db.models import Cell, IssueChart
from ...db.wording import short_date
from . import glyphs
from .safe import clean

#: The width of one date's column ("18 Mar" and a space).
DATE_WIDTH = 7
LABEL_WIDTH = 14


def dates_that_fit(width: int) -> int:
    return max((width - LABEL_WIDTH - 2) // DATE_WIDTH, 1)


def _glyph(cell: Cell) -> tuple[str, str]:
    if cell.stance is None and cell.divided:
        return "±", "bold"
    if cell.stance is None and cell.assessments:
        return "?", "italic"
    return glyphs.STANCE_GLYPHS[cell.stance], glyphs.STANCE_STYLES[cell.stance]


def _key(cell: Cell) -> tuple[int | None, bool]:
    return cell.stance, cell.divided


def chart_lines(chart: IssueChart, highlight: str | None = None) -> list[Content]:
    """The chart as lines: a heading, the date axis, then each column's glyphs; a cell that
    changed from the date before is underlined and marked `*` (no colour needed)."""
    title = clean(chart.issue.title, oneline=True, limit=60)
    lines = [Content.assemble((title, "bold"), (" · each side through time", "dim"))]
    if not chart.dates:
        lines.append(Content.styled("No dated position on this issue.", "dim italic"))
        return lines
    year = chart.dates[-1][:4]
    axis = "".join(f"{short_date(d, year=False):<{DATE_WIDTH}}" for d in chart.dates)
    earlier = (
        f"{chart.earlier} earlier date{'s' if chart.earlier != 1 else ''} left off · "
        if chart.earlier
        else ""
    )
    lines.append(Content.assemble((" " * LABEL_WIDTH + axis, "bold"), (f" {year}", "dim")))
    for row in chart.rows:
        name = clean(row.actor.name, oneline=True, limit=LABEL_WIDTH - 1)
        parts: list[tuple[str, str] | str] = [
            (f"{name:<{LABEL_WIDTH}}", "bold reverse" if row.actor.id == highlight else "bold")
        ]
        before: Cell | None = None
        for cell in row.cells:
            glyph, style = _glyph(cell)
            changed = before is not None and _key(before) != _key(cell)
            mark = "*" if changed else ""
            parts.append((f"{glyph}{mark}", f"{style} underline" if changed else style))
            parts.append(" " * (DATE_WIDTH - len(glyph) - len(mark)))
            before = cell
        lines.append(Content.assemble(*parts))
    lines.append(
        Content.styled(f"{earlier}* changed that day · ± divided · ? assessed only · · silent", "dim")
    )
    return lines
