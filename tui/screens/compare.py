"""Compare, the heart of the app: actors as columns, issues as rows, relations and scores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from ...db import brief, queries, views
from ...db.models import Comparison, ComparisonRow, OptionGrid
from ...db.output import OutputError, slug, write_new
from ...db.wording import cell_words, short_date
from ..render import families, glyphs
from ..render.cells import cell_text, distinct_cuts
from ..render.hanging import Hanging
from ..render.options import grid_lines
from ..render.prompts import backing_tag, issue_heading, link_line
from ..render.safe import clean
from ..widgets.lists import read_ahead
from ..widgets.tables import VimDataTable
from . import dated
from .base import BaseScreen

FILTERS = ("all", "conflicts", "agreements", "shared")
FILTER_HELP = {
    "all": "every issue any of them addresses",
    "conflicts": "issues where two of them hold opposite stances",
    "agreements": "issues where they agree",
    "shared": "issues two or more of them address",
}
MAX_COLUMNS = 4
#: The grid's columns: issue, relation, then the actors.
ACTOR_COLUMN = 2


def keep_row(row: ComparisonRow, mode: str) -> bool:
    if mode == "conflicts":
        return row.relation == "conflict"
    if mode == "agreements":
        return row.relation == "agreement"
    if mode == "shared":
        return sum(1 for c in row.cells if c.stance is not None) >= 2
    return True


def write_export(screen: BaseScreen, name: str, text: str, what: str) -> None:
    """Write a new file in the current folder (else the home folder) and say where."""
    try:
        path = write_new(Path.cwd(), name, text)
    except (OSError, OutputError) as first:
        try:
            path = write_new(Path.home(), name, text)
        except (OSError, OutputError):
            screen.notify(
                clean(f"Could not write the {what.lower()}: {first}", oneline=True),
                severity="error",
                markup=False,
            )
            return
    screen.notify(clean(f"{what} written to {path}", oneline=True), markup=False, timeout=8)


class CompareGrid(VimDataTable):
    """The comparison grid; cells are literal Text, never markup."""

    BINDINGS = [Binding("enter", "select_cursor", "Evidence", id="grid-evidence")]


class CompareScreen(dated.AsOf, BaseScreen):
    TITLE_TEXT = "Compare"
    # In footer order, which fits 80 columns with ? and /; t, a, x and the moves are in help.
    BINDINGS = [
        *dated.BINDINGS,
        Binding("t", "timeline", "Timeline", show=False, id="compare-timeline"),
        Binding("f", "filter", "Filter", id="filter"),
        # priority, so that a name typed right after `a` goes into the picker's box
        Binding("a", "add", "Add actor", show=False, priority=True, id="add-actor"),
        Binding("e", "export", "Brief", tooltip="Export the brief (as of the day shown)", id="export"),
        Binding("x", "remove", "Remove actor", show=False, id="remove-actor"),
        Binding("L", "links", "Links", show=False, id="compare-links"),
        Binding("m", "options", "Option marks", show=False, id="compare-options"),
        Binding("z", "fold", "Fold family", show=False, id="compare-fold-family"),
        Binding("less_than_sign,comma", "move(-1)", "Move left", show=False, id="move-left"),
        Binding("greater_than_sign,full_stop", "move(1)", "Move right", show=False, id="move-right"),
    ]

    def __init__(self, actor_ids: list[str]):
        super().__init__()
        self.actor_ids = list(actor_ids)[:MAX_COLUMNS]
        self.mode = "all"
        #: Issue families: the parent of each issue, and the folded ones.
        self.parents: dict[str, str] = {}
        self.folded: set[str] = set()
        self.comparison: Comparison | None = None
        self.rows: list[ComparisonRow] = []

    def compose_body(self) -> ComposeResult:
        yield Static(id="pairs")
        yield CompareGrid(id="grid", cursor_type="cell", zebra_stripes=True, fixed_columns=2)
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(CompareGrid).focus()

    def reload(self) -> None:
        self.comparison = queries.comparison_summary(self.conn, self.actor_ids, self.as_of)
        names = {a.id: a.name for a in self.comparison.actors}
        label = " × ".join(clean(names.get(a, a), oneline=True, limit=40) for a in self.actor_ids)
        self.app.remember("compare", {"actors": list(self.actor_ids), "label": label})
        self._dates: list[str] | None = None
        self._cells: dict[tuple[str, str], tuple] = {}
        self._led: dict[str, ComparisonRow] = {}
        #: The issues of the comparison that list options, and their grids once read.
        self._optioned = queries.issues_with_options(self.conn, [r.issue.id for r in self.comparison.rows])
        self._grids: dict[str, OptionGrid | None] = {}
        self.parents = queries.issue_parents(self.conn)
        self.build()

    def dates(self) -> list[str]:
        if self._dates is None:
            self._dates = queries.change_dates(self.conn, self.actor_ids)
        return self._dates

    def show_as_of(self) -> None:
        dates = self._dates
        self.reload()
        self._dates = dates

    def led(self, index: int) -> ComparisonRow:
        """Row `index` of the grid with its cells' lead positions, read a page of rows at
        a time (a large comparison has hundreds of rows; a screen shows a few)."""
        return read_ahead(
            self._led,
            self.rows,
            index,
            lambda r: r.issue.id,
            lambda page: ((r.issue.id, r) for r in queries.with_leads(self.conn, page)),
        )

    def cell_positions(self, actor_id: str, issue_id: str) -> tuple:
        """The positions behind a cell, fetched when first needed."""
        key = (actor_id, issue_id)
        if key not in self._cells:
            self._cells[key] = queries.cell_positions(self.conn, actor_id, issue_id, self.as_of)
        return self._cells[key]

    def relayout(self) -> None:
        self.build()

    # --- drawing -------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int, int]:
        self.laid_out_width = self.app.size.width
        total = max(self.laid_out_width - 2, 40)
        n = len(self.actor_ids)
        issue_w = max(min(28, total // (n + 2)), 12)
        relation_w = 12 if total >= 70 else 3
        actor_w = max((total - issue_w - relation_w - 2 * (n + 2)) // max(n, 1), 8)
        return issue_w, actor_w, relation_w

    def build(self) -> None:
        c = self.comparison
        assert c is not None
        names = {a.id: clean(a.name, oneline=True, limit=40) for a in c.actors}
        short = {a.id: clean(glyphs.short_name(a.name, a.kind), oneline=True, limit=30) for a in c.actors}
        grid_view = self.query_one(CompareGrid).view_text()
        # the day first (it must always show), then who is compared: a long title is cut at
        # its end at 80 columns, and the names were cut away behind the filter and sort
        self.set_title(
            Content.assemble(
                self.as_of_label(),
                " · ",
                Content(" × ".join(names[a] for a in self.actor_ids)),
                " · ",
                (f"filter: {self.mode}", "bold $accent"),
                *((" · ", (clean(grid_view, oneline=True), "bold $accent")) if grid_view else ()),
            )
        )
        self._pairs(short)
        grid = self.query_one(CompareGrid)
        cursor = grid.cursor_coordinate
        grid.clear(columns=True)
        issue_w, actor_w, relation_w = self._widths()
        grid.add_column(Text("Issue", style="bold"), width=issue_w, key="issue")
        grid.add_column(Text("Relation", style="bold"), width=relation_w, key="relation")
        for a in c.actors:
            label = names[a.id] if len(names[a.id]) <= actor_w else short[a.id]
            grid.add_column(Text(label, style="bold", overflow="ellipsis"), width=actor_w, key=a.id)
        # families: members under their parent (those the comparison holds), folded or not;
        # a sort or filter of the grid's own (o, |) then orders and keeps rows as it says
        by_issue = {r.issue.id: r for r in c.rows}
        parents = {i: p for i, p in self.parents.items() if i in by_issue and p in by_issue}
        family = families.members_of(parents)
        ordered = families.shown(
            families.family_order([r.issue for r in c.rows], parents), parents, self.folded
        )
        self.rows = self.shown_rows([by_issue[i.id] for i in ordered], grid.view)
        differ = {
            p: families.diverging(by_issue[p], [by_issue[m] for m in self._descendants(p, family)])
            for p in family
        }
        grid.offer(
            {"issue": "issue", "relation": "relation", **names},
            {"issue": "issue", "relation": "relation", **names, "pairs": "pair", "conflicts": "in conflict"},
        )

        titles: dict[str, Text] = {}  # the rows' titles cut to the column, filled once

        def make_cells(row: ComparisonRow) -> list:
            if not titles:
                titles.update(self._titles(issue_w, parents, family))
            rel = Text(glyphs.RELATION_GLYPHS[row.relation], style=glyphs.RICH_RELATION_STYLES[row.relation])
            if relation_w > 3:
                rel.append(" " + row.relation)
            cells = []
            for cell in row.cells:
                t = cell_text(cell, actor_w, cell.actor)
                if cell.actor in differ.get(row.issue.id, {}):  # its members' stances part ways
                    t = Text.assemble(("≠", "bold"), t)
                cells.append(t)
            return [titles[row.issue.id], rel, *cells]

        def row_cells(n: int) -> Callable[[], list[Any]]:  # read when the row is first shown
            return lambda: make_cells(self.led(n))

        table_rows = [(row.issue.id, row_cells(n)) for n, row in enumerate(self.rows)]
        grid.set_rows(table_rows)
        if not self.rows:
            self.query_one("#detail", Static).update(
                Content.styled(
                    f"No issue matches the filter '{self.mode}' ({FILTER_HELP[self.mode]})"
                    + (f" and {grid.view_text()}" if grid.view.filtered else "")
                    + ". Press f for the next filter"
                    + (", | then escape to clear the text filter." if grid.view.filtered else "."),
                    "italic",
                )
            )
        else:
            grid.ensure_rows(cursor.row + 1)
            grid.cursor_coordinate = grid.validate_cursor_coordinate(cursor)
            self._detail()

    def _titles(self, width: int, parents: dict[str, str], family: dict[str, list[str]]) -> dict[str, Text]:
        """Each shown row's issue title cut to `width`, after its place in its family
        (indent, ▾ or ▸N), no two alike (the whole title is in the detail below the grid,
        for the row under the cursor)."""
        marks = [families.family_mark(r.issue, parents, family, self.folded) for r in self.rows]
        room = max(width - max((len(m) for m in marks), default=0), 4)
        titles = distinct_cuts([clean(r.issue.title, oneline=True) for r in self.rows], room)
        return {
            r.issue.id: Text(mark + title, no_wrap=True, overflow="ellipsis")
            for r, mark, title in zip(self.rows, marks, titles, strict=True)
        }

    def fields(self, row: ComparisonRow) -> dict[str, views.Field]:
        """The row's columns for sorting, filtering and counting."""
        c = self.comparison
        assert c is not None
        names = {a.id: clean(glyphs.short_name(a.name, a.kind), oneline=True, limit=30) for a in c.actors}
        return views.row_fields(row, names, [(p.a, p.b) for p in c.pairs if p.nested])

    def shown_rows(self, rows, view: views.View) -> list[ComparisonRow]:
        """The rows kept by the relation filter (f) and the grid's own sort and filter."""
        return views.apply([r for r in rows if keep_row(r, self.mode)], self.fields, view)

    def view_words(self) -> str:
        """The filter and sort in words, for the brief."""
        grid = self.query_one(CompareGrid)
        said = grid.view_text()
        return f"filter: {self.mode}" + (f" · {said}" if said else "")

    @on(VimDataTable.ViewChanged)
    def _view_changed(self) -> None:
        self.build()

    @on(VimDataTable.CountsWanted)
    def _counts(self, event: VimDataTable.CountsWanted) -> None:
        c = self.comparison
        assert c is not None
        grid = self.query_one(CompareGrid)
        rows = self.shown_rows(c.rows, grid.view)  # what is on screen
        grid.show_counts(event.column, views.counts(rows, self.fields, event.column))

    def _pairs(self, names: dict[str, str]) -> None:
        c = self.comparison
        assert c is not None  # built before it is shown
        bits = []
        for p in c.pairs:
            if p.nested:
                score = "member, no score"
            elif p.agreement is None:
                score = f"n/a ({p.shared} shared)"
            else:
                score = f"{p.agreement:.2f}"
            bits.append(
                Content.assemble(
                    (f"{names[p.a]}–{names[p.b]} ", "bold"),
                    score,
                    *(
                        ()
                        if p.agreement is None
                        else (
                            " (",
                            (
                                f"{glyphs.RELATION_GLYPHS['conflict']}{p.conflicts}",
                                "bold $text-error" if p.conflicts else "",
                            ),
                            f" of {p.shared})",
                        )
                    ),
                )
            )
        head = Content.styled("agreement ", "dim")
        self.query_one("#pairs", Static).update(Content.assemble(head, Content(" · ").join(bits)))

    def _current(self) -> tuple[ComparisonRow | None, int | None]:
        """The row under the cursor and the column index among actors (None on issue/relation)."""
        grid = self.query_one(CompareGrid)
        if not self.rows or grid.row_count == 0:
            return None, None
        row = self.led(min(grid.cursor_row, len(self.rows) - 1))
        col = grid.cursor_column - ACTOR_COLUMN
        return row, col if 0 <= col < len(self.actor_ids) else None

    def _detail(self) -> None:
        row, col = self._current()
        detail = self.query_one("#detail", Static)
        if row is None:
            return
        assert self.comparison is not None  # built before a row is shown
        names = {a.id: clean(a.name, oneline=True) for a in self.comparison.actors}
        lines = [
            *issue_heading(row),
        ]
        grid = self._grid(row)
        if grid is not None:
            lines += grid_lines(grid, names, self.actor_ids, max(self.app.size.width - 4, 40))
            lines.append(Content.styled("m: each mark with its evidence", "dim"))
        one = col is not None
        cells = [row.cells[col]] if col is not None else list(row.cells)
        for cell in cells:
            lines.append(
                Content.assemble(
                    (f"{names[cell.actor]}: ", "bold"),
                    (glyphs.STANCE_GLYPHS[cell.stance] + " ", glyphs.STANCE_STYLES[cell.stance]),
                    (cell_words(cell, year=False), glyphs.STANCE_STYLES[cell.stance]),
                )
            )
            # one cell: its positions, read now; the whole row: each column's lead
            shown = (
                self.cell_positions(cell.actor, row.issue.id)[:12]
                if one
                else ([cell.lead] if cell.lead else [])
            )
            backed = queries.backing(self.conn, [sp.position.id for sp in shown])
            linked = queries.links_of(self.conn, [sp.position.id for sp in shown])
            for sp in shown:
                p = sp.position
                who = "" if sp.stated_by == cell.actor else f"{clean(sp.stated_by_name, oneline=True)}: "
                quotes = f", {len(p.evidence)} quote{'s' if len(p.evidence) != 1 else ''}" if one else ""
                if p.id in backed:
                    quotes += f", {backing_tag(backed[p.id])}"
                when = short_date(p.date, year=False) + ("" if sp.current else ", earlier")
                lines.append(
                    Content.assemble(
                        "  ",
                        (f"{p.stance:+d}", glyphs.STANCE_STYLES[p.stance]),
                        f" {who}{clean(p.summary, oneline=True)}",
                        (f"  [{p.kind.replace('_', ' ')}, {when}{quotes}]", "dim"),
                    )
                )
                lines += [Content.assemble("     ", link_line(link)) for link in linked.get(p.id, ())]
            total = len(self.cell_positions(cell.actor, row.issue.id)) if one else cell.count
            if total > len(shown):
                lines.append(
                    Content.styled(
                        f"  … and {total - len(shown)} more ({'enter' if one else 'move to the column'})",
                        "dim",
                    )
                )
        lines.append(Content.styled("enter: the evidence behind this cell", "dim"))
        detail.update(Hanging(Content("\n").join(lines)))

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self.follow(self._detail)

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_evidence()

    # --- actions -------------------------------------------------------------------------

    def action_evidence(self) -> None:
        row, col = self._current()
        if row is None:
            return
        cells = [row.cells[col]] if col is not None else list(row.cells)
        ids = [sp.position.id for cell in cells for sp in self.cell_positions(cell.actor, row.issue.id)]
        if not ids:
            self.notify("No position here: this column is silent on the issue.", markup=False)
            return
        self.app.open_evidence(ids, title=clean(row.issue.title, oneline=True))

    @staticmethod
    def _descendants(issue: str, family: dict[str, list[str]]) -> list[str]:
        out: list[str] = []
        todo = list(family.get(issue, []))
        while todo and len(out) < 500:
            out.append(todo.pop(0))
            todo += family.get(out[-1], [])
        return out

    def action_fold(self) -> None:
        """Fold the issue family under the cursor (on a member: its parent's), or unfold it."""
        row, _col = self._current()
        if row is None:
            return
        issue = row.issue.id
        has_members = issue in set(self.parents.values())
        family = issue if has_members else self.parents.get(issue)
        if family is None:
            self.notify("This issue is in no family (no parent, no members).", markup=False)
            return
        self.folded ^= {family}
        self.build()
        at = next((n for n, r in enumerate(self.rows) if r.issue.id == family), None)
        if at is not None:
            grid = self.query_one(CompareGrid)
            grid.ensure_rows(at + 1)
            grid.move_cursor(row=at)

    def _grid(self, row: ComparisonRow) -> OptionGrid | None:
        """The row's options by the columns, when its issue lists options."""
        issue = row.issue.id
        if issue not in self._optioned:
            return None
        if issue not in self._grids:
            self._grids[issue] = queries.option_grid(self.conn, row.issue, self.actor_ids, self.as_of)
        return self._grids[issue]

    def action_options(self) -> None:
        """The options of the issue under the cursor, each mark with its evidence."""
        row, _col = self._current()
        if row is None or row.issue.id not in self._optioned:
            self.notify("This issue lists no options.", markup=False)
            return
        self.app.open_options(row.issue.id, self.actor_ids, self.as_of)

    def action_links(self) -> None:
        """The links of the column under the cursor (the first column elsewhere)."""
        _row, col = self._current()
        self.app.open_links(self.actor_ids[col if col is not None else 0])

    def action_filter(self) -> None:
        self.mode = FILTERS[(FILTERS.index(self.mode) + 1) % len(FILTERS)]
        self.notify(f"Filter: {self.mode} — {FILTER_HELP[self.mode]}.", markup=False, timeout=3)
        self.build()

    def action_add(self) -> None:
        if len(self.actor_ids) >= MAX_COLUMNS:
            self.notify(f"At most {MAX_COLUMNS} actors side by side; remove one with x.", markup=False)
            return
        from .modals.picker import ActorPicker

        def added(actor_id: str | None) -> None:
            if actor_id and actor_id not in self.actor_ids:
                self.actor_ids.append(actor_id)
                self.reload()

        self.app.push_screen(ActorPicker(exclude=set(self.actor_ids)), added)

    def action_remove(self) -> None:
        _, col = self._current()
        if col is None:
            self.notify("Move the cursor to an actor's column to remove it.", markup=False)
            return
        if len(self.actor_ids) <= 2:
            self.notify("A comparison needs two actors; add one (a) before removing.", markup=False)
            return
        del self.actor_ids[col]
        self.reload()

    def action_move(self, step: int) -> None:
        _, col = self._current()
        if col is None:
            return
        other = col + step
        if not 0 <= other < len(self.actor_ids):
            return
        ids = self.actor_ids
        ids[col], ids[other] = ids[other], ids[col]
        self.reload()
        grid = self.query_one(CompareGrid)
        grid.cursor_coordinate = grid.cursor_coordinate._replace(column=other + ACTOR_COLUMN)

    def action_timeline(self) -> None:
        """The timeline of the column under the cursor (else the first), its chart showing
        every column of this comparison on the row's issue."""
        row, col = self._current()
        actor = self.actor_ids[col if col is not None else 0]
        self.app.open_timeline(actor, row.issue.id if row else None, list(self.actor_ids))

    def action_export(self) -> None:
        # every position, for the footnotes
        full = queries.comparison(self.conn, self.actor_ids, self.as_of)
        filtered = full._replace(rows=tuple(self.shown_rows(full.rows, self.query_one(CompareGrid).view)))
        text = brief.comparison_markdown(
            self.conn,
            filtered,
            lambda s: clean(s, oneline=True, limit=10**6),
            shown=f"{self.view_words()}: {len(filtered.rows)} of {len(full.rows)} issues",
        )
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        # ids come from the database: a slug, never a path, NUL or control character
        write_export(self, f"brief-{slug('-'.join(self.actor_ids))}-{stamp}.md", text, "Brief")
