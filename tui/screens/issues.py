"""The whole negotiation on one screen (issues × sides), and one issue in full."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
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

from ...db import brief, queries, views
from ...db.analysis import ASSESSMENT
from ...db.models import STANCE_MEANINGS, Actor, ComparisonRow, Issue, Position
from ...db.views import View
from ...db.wording import short_date
from ..render import families, glyphs
from ..render.cells import matrix_cell
from ..render.families import family_order
from ..render.hanging import Hanging
from ..render.prompts import issue_heading
from ..render.safe import clean, content
from ..widgets.lists import paged, read_ahead
from ..widgets.tables import VimDataTable
from . import dated
from .base import BaseScreen
from .compare import FILTERS, keep_row, write_export
from .positions import PositionListScreen

#: In "every actor" mode, at most this many columns (the most outspoken actors).
MAX_ACTOR_COLUMNS = 40


def conflict_pairs(row: ComparisonRow, names: dict[str, str]) -> list[str]:
    """'A ✗ B' for each pair of columns in conflict on the row's issue (never a body and
    its own member: db.analysis.conflicts)."""
    glyph = glyphs.RELATION_GLYPHS["conflict"]
    return [f"{names[a]} {glyph} {names[b]}" for a, b in row.conflicts]


def abbreviate(actor: Actor, width: int) -> str:
    """A column heading that fits `width`: the name; else the longest alias that fits (the
    dossier's own short names: 'UK', 'Kyiv', 'Putin'); else a person's surname; else the
    name cut with '…' (never three letters that name no one)."""
    name = clean(actor.name, oneline=True, limit=40)
    if len(name) <= width:
        return name
    fitting = [a for a in (clean(x, oneline=True, limit=40) for x in actor.aliases) if 0 < len(a) <= width]
    if fitting:
        return max(fitting, key=lambda a: (len(a), a))
    short = clean(glyphs.short_name(actor.name, actor.kind), oneline=True, limit=40)
    if len(short) <= width:
        return short
    return name[: max(width - 1, 1)] + "…"


class Matrix(VimDataTable):
    """Issues as rows, sides (or actors) as columns, stance glyphs in the cells."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", tooltip="Open the issue under the cursor", id="matrix-open")
    ]


class IssuesScreen(dated.AsOf, BaseScreen):
    TITLE_TEXT = "Issues"
    BINDINGS = [
        Binding("f", "filter", "Filter", tooltip="Next relation filter: conflicts, agreements…", id="filter"),
        Binding(
            "a",
            "toggle_actors",
            "Sides/actors",
            show=False,  # in help: the footer has room for the keys used most
            tooltip="Columns: the sides, or every actor",
            id="toggle-actors",
        ),
        *dated.BINDINGS,
        Binding(
            "e", "export", "Export", tooltip="Write the matrix as Markdown (E: as CSV)", id="matrix-export"
        ),
        Binding("E", "export('csv')", "Export CSV", show=False, id="matrix-export-csv"),
        Binding("z", "fold", "Fold family", show=False, id="fold-family"),
        Binding("Z", "fold_all", "Fold all families", show=False, id="fold-families"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by_actor = False
        #: The relation filter (`f`): all, conflicts, agreements, shared.
        self.mode = "all"
        #: The columns (sides, or the most outspoken actors) and the rows (every issue).
        self.columns: list[Actor] = []
        self.issues: list[Issue] = []
        self._rows: dict[str, ComparisonRow] = {}
        #: Issue families: each issue's parent, its members in order, and the folded ones
        #: (their members hidden); every issue in family order, folded or not.
        self.parents: dict[str, str] = {}
        self.family: dict[str, list[str]] = {}
        self.folded: set[str] = set()
        self.all_issues: list[Issue] = []
        self._members: dict[str, list[ComparisonRow]] = {}

    def compose_body(self) -> ComposeResult:
        # issue and relation stay in sight while the sides scroll sideways
        yield Matrix(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=2)
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
        self.parents = queries.issue_parents(self.conn)
        self.all_issues = family_order(queries.list_issues(self.conn), self.parents)
        self.family = {}
        for issue in self.all_issues:
            if issue.id in self.parents:
                self.family.setdefault(self.parents[issue.id], []).append(issue.id)
        self.folded &= set(self.family)
        self._show_families()
        self._dates: list[str] | None = None
        self.build()

    def _show_families(self) -> None:
        """The rows shown: every issue, but the members of a folded family."""
        self.issues = families.shown(self.all_issues, self.parents, self.folded)
        self._rows = {}
        self._members = {}

    def members(self, issue_id: str) -> list[ComparisonRow]:
        """The columns' stances on each member of an issue's family (every level)."""
        if issue_id not in self._members:
            ids: list[str] = []
            todo = list(self.family.get(issue_id, []))
            while todo and len(ids) < 500:
                ids.append(todo.pop(0))
                todo += self.family.get(ids[-1], [])
            self._members[issue_id] = (
                queries.issue_stances(self.conn, [a.id for a in self.columns], ids, self.as_of) if ids else []
            )
        return self._members[issue_id]

    def diverging(self, row: ComparisonRow) -> dict[str, list[tuple[Issue, int]]]:
        """Each column whose stances inside the row's family part ways with this one."""
        return families.diverging(row, self.members(row.issue.id))

    def dates(self) -> list[str]:
        if self._dates is None:
            self._dates = queries.change_dates(self.conn, [a.id for a in self.columns])
        return self._dates

    def show_as_of(self) -> None:
        self._rows = {}
        self._members = {}
        self.build()

    def row_at(self, index: int) -> ComparisonRow:
        """Row `index`: the columns' stances on that issue, read for a page of issues at a
        time as the grid reaches them (a large dossier has hundreds of issues)."""

        def fetch(page: list[Issue]):
            rows = queries.issue_stances(
                self.conn, [a.id for a in self.columns], [i.id for i in page], self.as_of
            )
            return ((r.issue.id, r) for r in rows)

        return read_ahead(self._rows, self.shown, index, lambda i: i.id, fetch)

    #: The issues shown, in the order shown (every issue, unless filtered or sorted).
    shown: list[Issue] = []

    def all_rows(self) -> list[ComparisonRow]:
        """Every issue's row (a sort or filter needs them all: one read)."""
        missing = [i.id for i in self.issues if i.id not in self._rows]
        if missing:
            rows = queries.issue_stances(self.conn, [a.id for a in self.columns], missing, self.as_of)
            self._rows.update((r.issue.id, r) for r in rows)
        return [self._rows[i.id] for i in self.issues if i.id in self._rows]

    def names(self) -> dict[str, str]:
        return {a.id: clean(a.name, oneline=True, limit=40) for a in self.columns}

    def fields(self, row: ComparisonRow) -> dict[str, views.Field]:
        return views.row_fields(row, self._names)

    def shown_rows(self) -> list[ComparisonRow]:
        """The rows kept by the relation filter (f) and the matrix's sort and filter."""
        view = self.query_one(Matrix).view
        rows = [r for r in self.all_rows() if keep_row(r, self.mode)]
        return views.apply(rows, self.fields, view)

    def view_words(self) -> str:
        said = self.query_one(Matrix).view_text()
        return f"filter: {self.mode}" + (f" · {said}" if said else "")

    @on(VimDataTable.ViewChanged)
    def _view_changed(self) -> None:
        self.build()

    @on(VimDataTable.CountsWanted)
    def _counts(self, event: VimDataTable.CountsWanted) -> None:
        matrix = self.query_one(Matrix)
        matrix.show_counts(event.column, views.counts(self.shown_rows(), self.fields, event.column))

    def relayout(self) -> None:
        self.build()

    def build(self) -> None:
        grid = self.query_one(Matrix)
        self._names = self.names()
        if self.mode == "all" and grid.view == views.View():
            self.shown = list(self.issues)  # read a page at a time as the grid reaches them
        else:
            self.shown = [r.issue for r in self.shown_rows()]
        mode = "actors" if self.by_actor else "sides"
        said = grid.view_text()
        self.set_title(
            Content.assemble(
                self.as_of_label(),
                f" · {len(self.shown)} of {len(self.issues)} issues · {mode}"
                if len(self.shown) != len(self.issues)
                else f" · {len(self.issues)} issues · {mode}",
                *((" · ", (f"filter: {self.mode}", "bold $accent")) if self.mode != "all" else ()),
                *((" · ", (clean(said, oneline=True), "bold $accent")) if said else ()),
            )
        )
        row_index, column = grid.cursor_row, grid.cursor_column
        grid.clear(columns=True)
        self.laid_out_width = self.app.size.width
        width = max(self.laid_out_width - 2, 40)
        n = max(len(self.columns), 1)
        relation_w = 12 if width >= 70 else 3
        # glyph columns stay narrow so that issue titles can be read; with many actors
        # they scroll sideways past the frozen issue and relation (never under 6: a heading
        # is a name or an alias, not three letters)
        col_w = max(min(10, (width - 30 - relation_w) // n - 2), 6)
        issue_w = max(min(40, width - relation_w - n * (col_w + 2) - 4), 14)
        grid.add_column(Text("Issue", style="bold"), width=issue_w, key="issue")
        grid.add_column(Text("Relation", style="bold"), width=relation_w, key="relation")
        for a in self.columns:
            grid.add_column(
                Text(abbreviate(a, col_w), style="bold", overflow="ellipsis", no_wrap=True),
                width=col_w,
                key=a.id,
            )
        names = self._names
        grid.offer(
            {"issue": "issue", "relation": "relation", **names},
            {"issue": "issue", "relation": "relation", **names, "conflicts": "in conflict"},
        )

        def make_cells(row: ComparisonRow) -> list:
            differ = self.diverging(row) if row.issue.id in self.family else {}
            cells = []
            for cell in row.cells:
                t = matrix_cell(cell)
                if cell.actor in differ:  # its stances inside the family differ from this one
                    t.append("≠", style="bold")
                cells.append(t)
            rel = Text(glyphs.RELATION_GLYPHS[row.relation], style=glyphs.RICH_RELATION_STYLES[row.relation])
            if relation_w > 3:
                rel.append(" " + row.relation)
            return [self._title_cell(row.issue), rel, *cells]

        def row_cells(n: int) -> Callable[[], list[Any]]:  # read when the row is first shown
            return lambda: make_cells(self.row_at(n))

        grid.set_rows([(issue.id, row_cells(n)) for n, issue in enumerate(self.shown)])
        if self.shown:
            grid.ensure_rows(row_index + 1)
            grid.move_cursor(row=min(row_index, len(self.shown) - 1), column=column)
            self._detail()
        elif self.issues:
            self.query_one("#issue-detail", Static).update(
                Content.styled(
                    f"No issue matches {self.view_words()}. Press f for the next filter, "
                    "| then escape to clear a text filter.",
                    "italic",
                )
            )
        else:
            self.query_one("#issue-detail", Static).update(
                Content.styled("No issues in this database yet.", "italic")
            )

    def _title_cell(self, issue: Issue) -> Text:
        return families.title_cell(issue, self.parents, self.family, self.folded)

    def action_fold(self) -> None:
        """Fold the family under the cursor (on a member: its parent's), or unfold it."""
        row = self._row()
        if row is None:
            return
        issue = row.issue.id
        family = issue if issue in self.family else self.parents.get(issue)
        if family is None:
            self.notify("This issue is in no family (no parent, no members).", markup=False)
            return
        self.folded ^= {family}
        self._show_families()
        self.build()
        self._cursor_to(family)

    def action_fold_all(self) -> None:
        """Fold every family, or unfold them all when any is folded."""
        row = self._row()
        self.folded = set() if self.folded else set(self.family)
        self._show_families()
        self.build()
        if row is not None:
            issue = row.issue.id
            while issue in self.parents and issue not in {i.id for i in self.shown}:
                issue = self.parents[issue]
            self._cursor_to(issue)

    def _cursor_to(self, issue_id: str) -> None:
        at = next((n for n, i in enumerate(self.shown) if i.id == issue_id), None)
        if at is not None:
            grid = self.query_one(Matrix)
            grid.ensure_rows(at + 1)
            grid.move_cursor(row=at)
            self._detail()

    def _row(self) -> ComparisonRow | None:
        grid = self.query_one(Matrix)
        if not self.shown:
            return None
        return self.row_at(min(grid.cursor_row, len(self.shown) - 1))

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
        lines += self._family_lines(row, names)
        lines.append(Content.styled("enter: every position on this issue, with evidence", "dim"))
        self.query_one("#issue-detail", Static).update(Hanging(Content("\n").join(lines)))

    def _family_lines(self, row: ComparisonRow, names: dict[str, str]) -> list[Content]:
        """A family's members, and each column whose stances inside it differ from this one."""
        issue = row.issue.id
        lines: list[Content] = []
        parent = self.parents.get(issue)
        if parent is not None:
            title = next((i.title for i in self.all_issues if i.id == parent), parent)
            lines.append(Content.assemble(("member of ", "dim"), content(title, oneline=True)))
        if issue not in self.family:
            return lines
        folded = "folded" if issue in self.folded else "unfolded"
        titles = [m.issue.title for m in self.members(issue)]
        lines.append(
            Content.assemble(
                (f"family ({folded}; z folds/unfolds): ", "dim"), content(", ".join(titles), oneline=True)
            )
        )
        here = {c.actor: c.stance for c in row.cells}
        for actor, found in self.diverging(row).items():
            if actor not in names:
                continue
            own = "no stance here" if here.get(actor) is None else glyphs.stance_label(here[actor])
            there = "; ".join(f"{glyphs.stance_label(s)} on {clean(i.title, oneline=True)}" for i, s in found)
            lines.append(
                Content.assemble((f"≠ {names[actor]}: ", "bold"), f"{own}; ", content(there, oneline=True))
            )
        return lines

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self.follow(self._detail)

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_filter(self) -> None:
        self.mode = FILTERS[(FILTERS.index(self.mode) + 1) % len(FILTERS)]
        self.build()

    def action_export(self, kind: str = "md") -> None:
        """The matrix as shown (its filter and sort said) to a new file."""
        rows = self.shown_rows()
        columns = [(a.id, clean(a.name, oneline=True, limit=10**4)) for a in self.columns]
        shown = f"{self.view_words()}: {len(rows)} of {len(self.issues)} issues"
        make = brief.matrix_csv if kind == "csv" else brief.matrix_markdown
        text = make(rows, columns, lambda s: clean(s, oneline=True, limit=10**6), shown)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        write_export(self, f"matrix-{stamp}.{kind}", text, "Matrix")

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
    COLUMNS = {"stance": "stance", "actor": "actor", "kind": "kind", "date": "date"}

    def __init__(self, issue_id: str):
        super().__init__()
        self.issue_id = issue_id

    def scope(self) -> dict[str, str]:
        return {"issue": self.issue_id}

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
        # sorted or filtered: one flat list in that order (the stance headings are for the
        # issue's own order, +2 to -2)
        self.show(lines, self._options(issue.id, names) if self.view == View() else self.sorted_options(True))

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
                Hanging(
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
                    )
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
