"""The whole negotiation on one screen (issues × sides), and one issue in full."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static
from textual.widgets.option_list import Option

from ...db import queries
from ...db.analysis import ASSESSMENT
from ...db.models import STANCE_MEANINGS, Actor, ComparisonRow, Issue, Position
from ...db.wording import short_date
from ..render import glyphs
from ..render.cells import matrix_cell
from ..render.prompts import issue_heading
from ..render.safe import clean, content
from ..widgets.lists import paged, read_ahead
from ..widgets.tables import VimDataTable
from . import dated
from .base import BaseScreen
from .positions import PositionListScreen

#: In "every actor" mode, at most this many columns (the most outspoken actors).
MAX_ACTOR_COLUMNS = 40


def conflict_pairs(row: ComparisonRow, names: dict[str, str]) -> list[str]:
    """'A ✗ B' for each pair of columns in conflict on the row's issue (never a body and
    its own member: db.analysis.conflicts)."""
    glyph = glyphs.RELATION_GLYPHS["conflict"]
    return [f"{names[a]} {glyph} {names[b]}" for a, b in row.conflicts]


class Matrix(VimDataTable):
    """Issues as rows, sides (or actors) as columns, stance glyphs in the cells."""

    BINDINGS = [Binding("enter", "select_cursor", "Open issue", id="matrix-open")]


class IssuesScreen(dated.AsOf, BaseScreen):
    TITLE_TEXT = "Issues"
    BINDINGS = [
        Binding("a", "toggle_actors", "Sides/actors", id="toggle-actors"),
        *dated.BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by_actor = False
        #: The columns (sides, or the most outspoken actors) and the rows (every issue).
        self.columns: list[Actor] = []
        self.issues: list[Issue] = []
        self._rows: dict[str, ComparisonRow] = {}

    def compose_body(self) -> ComposeResult:
        # issue and relation stay in sight while the sides scroll sideways
        yield Matrix(id="matrix", cursor_type="row", zebra_stripes=True, fixed_columns=2)
        with VerticalScroll(id="issue-detail-scroll"):
            yield Static(id="issue-detail")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(Matrix).focus()

    def reload(self) -> None:
        if self.by_actor:
            every = queries.list_actors(self.conn)
            speaking = sorted((a for a in every if a.position_count), key=lambda a: -a.position_count)
            keep = {a.id for a in speaking[:MAX_ACTOR_COLUMNS]}
            self.columns = [a for a in every if a.id in keep]
        else:
            self.columns = queries.list_sides(self.conn)
        self.issues = queries.list_issues(self.conn)
        self._rows = {}
        self._dates: list[str] | None = None
        self.build()

    def dates(self) -> list[str]:
        if self._dates is None:
            self._dates = queries.change_dates(self.conn, [a.id for a in self.columns])
        return self._dates

    def show_as_of(self) -> None:
        self._rows = {}
        self.build()

    def row_at(self, index: int) -> ComparisonRow:
        """Row `index`: the columns' stances on that issue, read for a page of issues at a
        time as the grid reaches them (a large dossier has hundreds of issues)."""

        def fetch(page: list[Issue]):
            rows = queries.issue_stances(
                self.conn, [a.id for a in self.columns], [i.id for i in page], self.as_of
            )
            return ((r.issue.id, r) for r in rows)

        return read_ahead(self._rows, self.issues, index, lambda i: i.id, fetch)

    def relayout(self) -> None:
        self.build()

    def build(self) -> None:
        mode = "every actor (own and members' positions)" if self.by_actor else "by side"
        self.set_title(
            Content.assemble(
                self.as_of_label(), f" · {len(self.issues)} issues, {mode}", ("  a: sides/actors", "dim")
            )
        )
        grid = self.query_one(Matrix)
        row_index = grid.cursor_row
        grid.clear(columns=True)
        self.laid_out_width = self.app.size.width
        width = max(self.laid_out_width - 2, 40)
        n = max(len(self.columns), 1)
        relation_w = 12 if width >= 70 else 3
        # glyph columns stay narrow so that issue titles can be read
        col_w = max(min(10, (width - 30 - relation_w) // n - 2), 4)
        issue_w = max(min(40, width - relation_w - n * (col_w + 2) - 4), 14)
        grid.add_column(Text("Issue", style="bold"), width=issue_w, key="issue")
        grid.add_column(Text("Relation", style="bold"), width=relation_w, key="relation")
        for a in self.columns:
            grid.add_column(
                Text(clean(a.name, oneline=True, limit=40), style="bold", overflow="ellipsis", no_wrap=True),
                width=col_w,
                key=a.id,
            )

        def make_cells(row: ComparisonRow) -> list:
            cells = []
            for cell in row.cells:
                cells.append(matrix_cell(cell))
            rel = Text(glyphs.RELATION_GLYPHS[row.relation], style=glyphs.RICH_RELATION_STYLES[row.relation])
            if relation_w > 3:
                rel.append(" " + row.relation)
            return [
                Text(clean(row.issue.title, oneline=True), no_wrap=True, overflow="ellipsis"),
                rel,
                *cells,
            ]

        def row_cells(n: int) -> Callable[[], list[Any]]:  # read when the row is first shown
            return lambda: make_cells(self.row_at(n))

        grid.set_rows([(issue.id, row_cells(n)) for n, issue in enumerate(self.issues)])
        if self.issues:
            grid.ensure_rows(row_index + 1)
            grid.move_cursor(row=min(row_index, len(self.issues) - 1))
            self._detail()
        else:
            self.query_one("#issue-detail", Static).update(
                Content.styled("No issues in this database yet.", "italic")
            )

    def _row(self) -> ComparisonRow | None:
        grid = self.query_one(Matrix)
        if not self.issues:
            return None
        return self.row_at(min(grid.cursor_row, len(self.issues) - 1))

    def _detail(self) -> None:
        row = self._row()
        if row is None:
            return
        names = {a.id: clean(a.name, oneline=True, limit=40) for a in self.columns}
        held = [c for c in row.cells if c.stance is not None]
        lines = [
            *issue_heading(row),
        ]
        if held:
            lines.append(
                Content("   ").join(
                    Content.assemble(
                        (f"{names[c.actor]} ", "bold"),
                        (glyphs.stance_label(c.stance), glyphs.STANCE_STYLES[c.stance]),
                    )
                    for c in held
                )
            )
        else:
            lines.append(Content.styled("No one holds a recorded position on this issue.", "dim"))
        pairs = conflict_pairs(row, names)
        if pairs:
            lines.append(Content.assemble(("conflicts: ", "bold $text-error"), Content(", ".join(pairs))))
        lines.append(Content.styled("enter: every position on this issue, with evidence", "dim"))
        self.query_one("#issue-detail", Static).update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.follow(self._detail)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self._row()
        if row is not None:
            self.app.open_issue(row.issue.id)

    def action_toggle_actors(self) -> None:
        self.by_actor = not self.by_actor
        self.reload()


class IssueScreen(PositionListScreen):
    """Every position on one issue, from +2 to -2, who said it, and the sides in conflict."""

    TITLE_TEXT = "Issue"

    def __init__(self, issue_id: str):
        super().__init__()
        self.issue_id = issue_id

    def reload(self) -> None:
        issue = queries.get_issue(self.conn, self.issue_id)
        if issue is None:
            self.show([Content(f"No issue with id {clean(self.issue_id, oneline=True)!r}.")], iter(()))
            return
        self.set_title(content(issue.title, oneline=True))
        sides = queries.list_sides(self.conn)
        names = {a.id: clean(a.name, oneline=True, limit=40) for a in sides}
        rows = queries.issue_stances(self.conn, [a.id for a in sides], [issue.id])
        lines = [
            Content.assemble((clean(issue.title, oneline=True), "bold")),
            Content.styled(clean(issue.question, oneline=True), "italic"),
        ]
        if rows:
            row = rows[0]
            lines.append(
                Content.assemble(
                    ("relation between sides: ", "dim"),
                    (glyphs.relation_label(row.relation), glyphs.RELATION_STYLES[row.relation]),
                )
            )
            pairs = conflict_pairs(row, names)
            if pairs:
                lines.append(
                    Content.assemble(("in conflict: ", "bold $text-error"), Content(", ".join(pairs)))
                )
        self.show(lines, self._options(issue.id, names))

    def _options(self, issue_id: str, names: dict[str, str]) -> Iterator[Option]:
        """The positions, a heading (with its count) before each stance; assessments
        (predictions, judgements) after every stance, under their own headings, since they
        are not stances; a position a later one of its actor replaced says so."""
        conn = self.conn
        counts = queries.issue_stance_counts(conn, issue_id)
        if not counts:
            yield Option(Content.styled("No positions recorded on this issue.", "dim italic"), disabled=True)
            return
        earlier = queries.issue_earlier_ids(conn, issue_id)
        side_of = {a.id: a.side for a in queries.list_actors(conn)}
        group: tuple[bool, int] | None = None

        def part(assessments: bool) -> Iterator[Position]:
            return paged(
                lambda after, limit: queries.issue_positions(
                    conn, issue_id, limit=limit, after=after, assessments=assessments
                )
            )

        for p in chain(part(False), part(True)):
            assessed = p.kind == ASSESSMENT
            if (assessed, p.stance) != group:
                if assessed and (group is None or not group[0]):
                    yield Option(
                        Content.styled("Assessments: predictions and judgements, not stances", "bold"),
                        disabled=True,
                    )
                group = (assessed, p.stance)
                yield Option(self._heading(p.stance, assessed, counts.get(group, 0)), disabled=True)
            side = side_of.get(p.actor)
            side_note = f" ({names.get(side, side)})" if side and side != p.actor else ""
            yield Option(
                Content.assemble(
                    "  ",
                    (clean(p.actor_name, oneline=True), "bold"),
                    (side_note, "dim"),
                    (f"  {p.kind.replace('_', ' ')}", "dim"),
                    (f"  {short_date(p.date)}", "dim"),
                    ("  earlier: replaced by a later one" if p.id in earlier else "", "italic"),
                    "\n    ",
                    content(p.summary, oneline=True),
                    (f"  [{len(p.evidence)} quote{'s' if len(p.evidence) != 1 else ''}]", "dim"),
                ),
                id=p.id,
            )

    @staticmethod
    def _heading(stance: int, assessed: bool, count: int) -> Content:
        if assessed:
            label = (f"  ? {stance:+d} assessment", "italic underline")
        else:
            label = (
                f"{glyphs.STANCE_GLYPHS[stance]} {stance:+d} {STANCE_MEANINGS[stance]}",
                glyphs.STANCE_STYLES[stance] + " underline",
            )
        return Content.assemble(label, (f"  ({count:,})", "dim"))
