"""An issue's options by the sides of a comparison, each mark with the quotes that say it
(enter opens a quote), and the room to meet."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import queries
from ...db.models import OptionGrid, OptionMark
from ...db.wording import mark_word, option_words, room_words, short_date
from ..render.hanging import Hanging
from ..render.options import MARK_GLYPHS, MARK_STYLES
from ..render.prompts import quote_prompt
from ..render.safe import clean, content
from ..widgets.lists import PagedOptionList
from . import dated
from .base import BaseScreen

#: Where an option stands in the room to meet, said.
VERDICTS = {
    "every_side_accepts": "every side accepts",
    "no_side_rejects": "no side rejects",
    "divided": "a side is divided",
    "rejected": "rejected by a side",
}


class OptionsScreen(dated.AsOf, BaseScreen):
    """Option by option: each side's marks, who made them, and their evidence; `[` `]`
    step through the days on which the issue's marks could change."""

    TITLE_TEXT = "Options"
    BINDINGS = [*dated.BINDINGS]

    def __init__(self, issue_id: str, side_ids: list[str], as_of: str | None = None):
        super().__init__()
        self.issue_id = issue_id
        self.side_ids = list(side_ids)
        #: The day the marks are read as of (None: now), Compare's when opened from it.
        self.as_of = as_of

    def compose_body(self) -> ComposeResult:
        yield Static(id="options-head")
        yield PagedOptionList(id="options-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PagedOptionList).focus()

    def dates(self) -> list[str]:
        return queries.change_dates(self.conn, self.side_ids, [self.issue_id])

    def show_as_of(self) -> None:
        self.reload()

    def reload(self) -> None:
        issue = queries.get_issue(self.conn, self.issue_id)
        grid = queries.option_grid(self.conn, issue, self.side_ids, self.as_of) if issue is not None else None
        head = self.query_one("#options-head", Static)
        if issue is None or grid is None:
            head.update(Content("This issue lists no options."))
            self.query_one(PagedOptionList).set_source(iter(()))
            return
        self.set_title(
            Content.assemble(
                self.as_of_label(),
                " · ",
                content(issue.title, oneline=True),
            )
        )
        head.update(
            Content("\n").join(
                [
                    Content.styled(clean(issue.question, oneline=True), "italic"),
                    Content.styled(clean("Room to meet: " + room_words(grid), oneline=True), "bold"),
                ]
            )
        )
        names = {a.id: a.name for a in queries.comparison_summary(self.conn, self.side_ids).actors}
        self.query_one(PagedOptionList).set_source(self._options(grid, names))

    def _options(self, grid: OptionGrid, names: dict[str, str]) -> Iterator[Option | None]:
        n = 0

        def quotes(evidence: tuple[str, ...]) -> Iterator[Option]:
            nonlocal n
            for q in queries.quotes_by_id(self.conn, list(evidence)):
                n += 1
                # under the mark it says, indented with it
                prompt = quote_prompt(q, show_speaker=True, limit=600).content
                lines = prompt.split("\n", allow_blank=True)
                body = Content("\n").join(Content.assemble("      ", line) for line in lines)
                yield Option(Hanging(body), id=f"{n}|{q.id}")

        for k, o in enumerate(grid.options):
            if k:
                yield None
            verdict = VERDICTS[grid.room_of(o.id)]
            yield Option(
                Content.assemble(
                    (clean(o.label, oneline=True), "bold underline"), (f"  {verdict}", "italic")
                ),
                disabled=True,
            )
            for side in self.side_ids:
                side_name = clean(names.get(side, side), oneline=True)
                reading = grid.readings.get((side, o.id))
                if reading is None:
                    yield Option(Content.assemble(f"  {side_name}: ", ("· no mark", "dim")), disabled=True)
                else:
                    glyph = "±" if reading.mark is None else MARK_GLYPHS[reading.mark]
                    style = "bold" if reading.mark is None else MARK_STYLES[reading.mark]
                    yield Option(
                        Content.assemble(
                            f"  {side_name}: ",
                            (f"{glyph} {clean(option_words(reading, side), oneline=True)}", style),
                        ),
                        disabled=True,
                    )
                lead = reading.lead.position if reading is not None and reading.lead else None
                for m in sorted(grid.marks.get((side, o.id), ()), key=lambda m: m.position != lead):
                    yield Option(self._mark_line(m, "    "), disabled=True)
                    yield from quotes(m.evidence)
                for m in grid.earlier.get((side, o.id), ()):
                    yield Option(self._mark_line(m, "    earlier, superseded: "), disabled=True)
                    yield from quotes(m.evidence)

    @staticmethod
    def _mark_line(m: OptionMark, indent: str) -> Content:
        """One mark: its glyph and word, who made it, and its position's date."""
        return Content.assemble(
            indent,
            (f"{MARK_GLYPHS[m.mark]} {mark_word(m.mark)}", MARK_STYLES[m.mark]),
            (f" — {clean(m.actor_name, oneline=True)}, {short_date(m.date)}", "dim"),
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        quote_id = (event.option_id or "").partition("|")[2]
        if quote_id:
            self.app.open_quote(quote_id)
