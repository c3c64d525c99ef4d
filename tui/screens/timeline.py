"""An actor's timeline: each position in date order with what its speaker held before, and
under it the highlighted position's issue as a chart of every side through time."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import queries
from ...db.models import Step
from ...db.wording import short_date, step_words
from ..render import chart, glyphs
from ..render.safe import clean, content
from ..widgets.lists import VimOptionList
from . import dated
from .base import BaseScreen

#: Rows of a chart of sides (the actor's own side is always one of them).
CHART_ROWS = 6


class TimelineScreen(dated.AsOf, BaseScreen):
    TITLE_TEXT = "Timeline"
    BINDINGS = [
        Binding("f", "only_issue", "This issue/all", id="timeline-issue"),
        *dated.BINDINGS,
    ]

    def __init__(self, actor_id: str, issue_id: str | None = None, columns: list[str] | None = None):
        super().__init__()
        self.actor_id = actor_id
        #: The issue to start on; with `only`, the only issue listed.
        self.issue_id = issue_id
        self.only = False
        #: The chart's rows: these columns (from Compare), else the sides on the issue.
        self.columns = columns
        self.steps: list[Step] = []

    def compose_body(self) -> ComposeResult:
        yield VimOptionList(id="timeline-list", markup=False)
        with VerticalScroll(id="chart-scroll"):
            yield Static(id="chart")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(VimOptionList).focus()

    def dates(self) -> list[str]:
        return queries.change_dates(
            self.conn, [self.actor_id], [self.issue_id] if self.only and self.issue_id else None
        )

    def show_as_of(self) -> None:
        self.reload()

    def relayout(self) -> None:
        self._chart()

    def reload(self) -> None:
        actor = queries.get_actor(self.conn, self.actor_id)
        lst = self.query_one(VimOptionList)
        if actor is None:
            lst.set_options(
                [Option(f"No actor with id {clean(self.actor_id, oneline=True)!r}.", disabled=True)]
            )
            return
        self.actor = actor
        scope = "one issue" if self.only else "every issue"
        self.set_title(
            Content.assemble(
                self.as_of_label(), " · ", content(actor.name, oneline=True), (f" · {scope}", "dim")
            )
        )
        issue = self.issue_id if self.only else None
        self.steps = queries.timeline(self.conn, actor.id, issue, self.as_of)
        lst.set_options(list(self._options()))
        if not self.steps:
            self._chart()
            return
        # start on the issue asked for (its latest step), else on the latest step
        start = len(self.steps) - 1
        if self.issue_id is not None:
            on_issue = [n for n, s in enumerate(self.steps) if s.stated.position.issue == self.issue_id]
            start = on_issue[-1] if on_issue else start
        lst.highlighted = self._option_index(start)
        self._chart()

    def _option_index(self, step: int) -> int:
        lst = self.query_one(VimOptionList)
        return lst.get_option_index(str(step))

    def _options(self) -> Iterator[Option]:
        if not self.steps:
            when = f" dated up to {short_date(self.as_of)}" if self.as_of else ""
            yield Option(Content.styled(f"No positions{when}.", "dim italic"), disabled=True)
            return
        day = None
        for n, s in enumerate(self.steps):
            p = s.stated.position
            if p.date != day:
                day = p.date
                yield Option(Content.styled(short_date(day), "bold underline"), disabled=True)
            who = (
                ""
                if s.stated.stated_by == self.actor_id
                else f"{clean(s.stated.stated_by_name, oneline=True)}: "
            )
            change = step_words(s, year=False)
            yield Option(
                Content.assemble(
                    "  ",
                    (clean(p.issue_title, oneline=True, limit=40), "bold"),
                    "  ",
                    who,
                    (glyphs.stance_label(p.stance), glyphs.STANCE_STYLES[p.stance]),
                    f" {p.stance:+d} ",
                    (p.kind.replace("_", " "), "dim"),
                    ("" if s.stated.current else " · earlier", "dim"),
                    "\n    ",
                    (change, "bold" if s.change == "changed" else "dim"),
                    " — ",
                    content(p.summary, oneline=True),
                ),
                id=str(n),
            )

    def _step(self) -> Step | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None or not self.steps:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id
        return self.steps[int(option_id)] if option_id is not None else None

    def _chart(self) -> None:
        box = self.query_one("#chart", Static)
        step = self._step()
        issue = step.stated.position.issue if step else self.issue_id
        if issue is None:
            box.update(Content.styled("No issue to chart.", "dim italic"))
            return
        self.laid_out_width = self.app.size.width
        columns = self.columns or self._sides(issue)
        found = queries.issue_chart(self.conn, columns, issue, chart.dates_that_fit(self.app.size.width - 2))
        if found is None:
            box.update(Content.styled("No such issue.", "dim italic"))
            return
        lines = chart.chart_lines(found, self.actor.side if self.columns is None else self.actor_id)
        lines.append(Content.styled("enter: the evidence of the position · f: this issue only / all", "dim"))
        box.update(Content("\n").join(lines))

    def _sides(self, issue: str) -> list[str]:
        """The sides that took a position on the issue (the actor's own first), a few."""
        sides = [a.id for a in queries.list_sides(self.conn)]
        rows = queries.issue_stances(self.conn, sides, [issue])
        row = rows[0] if rows else None
        speaking = (
            [c.actor for c in row.cells if c.stance is not None or c.divided or c.assessments] if row else []
        )
        own = self.actor.side
        ordered = [own] + [s for s in speaking if s != own]
        return ordered[:CHART_ROWS]

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.follow(self._chart)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        step = self._step()
        if step is not None:
            self.app.open_evidence(
                [step.stated.position.id], clean(step.stated.position.issue_title, oneline=True)
            )

    def action_only_issue(self) -> None:
        step = self._step()
        if step is not None:
            self.issue_id = step.stated.position.issue
        if self.issue_id is None:
            return
        self.only = not self.only
        self.reload()
