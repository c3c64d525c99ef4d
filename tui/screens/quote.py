"""A quote in full: who, when, where, from which source; its paragraph, highlighted; and
the positions it backs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import desk, queries, views
from ...db.brief import is_reported
from ...db.models import Position, Quote
from ..render import glyphs
from ..render.edits import SHOWN, edit_lines
from ..render.prompts import position_prompt
from ..render.safe import clean, content, highlighted
from ..widgets.lists import Viewed, ViewedOptionList
from .base import BaseScreen
from .modals.citation import copy_citation, show_citation

#: Longest quote shown in full on the quote screen; longer ones are read in the source view.
QUOTE_DISPLAY_LIMIT = 20_000


class QuoteScreen(BaseScreen):
    """A quote in full: who, when, where, from which source; its paragraph; what it backs."""

    TITLE_TEXT = "Quote"
    BINDINGS = [
        Binding("s", "source", "Source", id="source"),
        Binding("y", "copy", "Copy citation", id="copy"),
        Binding("Y", "show_citation", "Show citation", show=False, id="show-citation"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane"),
        Binding("p", "code_position", "Position", id="quote-position"),
        Binding("plus", "add_evidence", "Add to a position's evidence", show=False, id="quote-add-evidence"),
        Binding("e", "edit_position", "Edit position", show=False, id="quote-edit-position"),
        Binding("x", "delete_position", "Delete position", show=False, id="quote-delete-position"),
    ]

    def __init__(self, quote_id: str):
        super().__init__()
        self.quote_id = quote_id
        self.quote: Quote | None = None
        self.position_issues: dict[str, str] = {}
        self.positions: dict[str, Position] = {}

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="quote-scroll"):
            yield Static(id="quote-meta")
            yield Static(id="quote-text")
            yield Static(Content.styled("In the source", "bold underline"), classes="heading")
            yield Static(id="quote-paragraph")
        # out of the scroll, so that it stays right above its list however long the quote
        yield Static(
            Content.styled("Backs these positions", "bold underline"),
            classes="heading",
            id="quote-positions-heading",
        )
        yield ViewedOptionList(id="quote-positions", markup=False)

    def on_mount(self) -> None:
        self.query_one("#quote-positions", ViewedOptionList).offer(views.POSITION_LIST_COLUMNS)
        self.reload()
        self.query_one("#quote-scroll").focus()

    def reload(self) -> None:
        passage = queries.passage(self.conn, self.quote_id)
        if passage is None:
            self.set_title(Content("not found"))
            self.query_one("#quote-meta", Static).update(
                Content(f"No quote with id {clean(self.quote_id, oneline=True)!r}.")
            )
            return
        q = self.quote = passage.quote
        said = clean(q.text, oneline=True, limit=60)
        self.app.remember(
            "quote", {"id": q.id, "label": f"{clean(q.speaker_name, oneline=True, limit=40)} “{said}”"}
        )
        kind = (
            f"  reported by {clean(q.outlet, oneline=True, limit=60)}"
            if is_reported(q)
            else f"  {q.kind} quote"
        )
        self.set_title(Content.assemble(Content(clean(q.speaker_name, oneline=True)), (kind, "dim")))
        meta = [
            Content.assemble(
                (clean(q.speaker_name, oneline=True), "bold"),
                (" — " + clean(q.speaker_role, oneline=True) if q.speaker_role else "", ""),
            )
        ]
        when = q.said or f"{q.published} (the source's date)"
        meta.append(
            Content.assemble(
                ("when ", "dim"),
                when,
                (("   where " if q.venue else ""), "dim"),
                content(q.venue, oneline=True, empty=""),
            )
        )
        meta.append(
            Content.assemble(
                ("source ", "dim"),
                content(q.source_title, oneline=True, style="italic"),
                ", ",
                content(q.outlet, oneline=True),
            )
        )
        if q.url:
            meta.append(Content.assemble(("url ", "dim"), content(q.url, oneline=True)))
        if q.confidence:
            style = "bold $text-warning" if q.confidence != "high" else "dim"
            meta.append(
                Content.assemble(
                    (
                        f"{glyphs.UNSURE if q.confidence != 'high' else ''}"
                        f" drafted, {q.confidence} confidence",
                        style,
                    ),
                    (": " if q.note else "", ""),
                    content(q.note, oneline=True, empty=""),
                )
            )
        review = desk.reviewed(self.conn, q.id)
        if review is not None:
            meta.append(
                Content.styled(
                    f"reviewed by {clean(review.who, oneline=True)} on {review.at[:16].replace('T', ' ')}",
                    "dim",
                )
            )
        meta += edit_lines(desk.history(self.conn, q.id, limit=SHOWN + 1, kind="quotes"), q.id)
        self.query_one("#quote-meta", Static).update(Content("\n").join(meta))
        text = q.text
        suffix = ""
        if len(text) > QUOTE_DISPLAY_LIMIT:
            text = text[:QUOTE_DISPLAY_LIMIT]
            suffix = f"… ({len(q.text):,} characters: press s to read it all in the source)"
        body = content(text, style="bold")
        if is_reported(q):  # the outlet's words about the speaker: no quotation marks
            body = Content.assemble((clean(q.outlet, oneline=True, limit=60) + " reported: ", "dim"), body)
        else:
            body = Content.assemble("“", body, "”")
        self.query_one("#quote-text", Static).update(Content.assemble(body, (suffix, "dim")))
        para = passage.paragraph
        start, end = passage.start, passage.end
        if len(para) > QUOTE_DISPLAY_LIMIT * 2:  # a giant paragraph: show the part around it
            lo = max(start - 2000, 0)
            hi = min(end + 2000, len(para), lo + QUOTE_DISPLAY_LIMIT * 2)
            para, start, end = para[lo:hi], start - lo, min(end, hi) - lo
        self.query_one("#quote-paragraph", Static).update(
            highlighted(para, [(start, end)], style="reverse bold")
        )
        # option ids are the positions' (unique); a quote can back two positions on one issue
        self.position_issues = {p.id: p.issue for p in passage.positions}
        self.positions = {p.id: p for p in passage.positions}
        self._fill_positions()

    def _fill_positions(self) -> None:
        """The positions the quote backs, in the list's sort and filter (o, O, |, F)."""
        plist = self.query_one("#quote-positions", ViewedOptionList)
        plist.clear_options()
        shown = views.apply(self.positions.values(), views.position_fields, plist.view)
        plist.add_options([Option(position_prompt(p, show_actor=True), id=p.id) for p in shown])
        if not self.positions:
            plist.add_option(Option(Content.styled("  none (context only)", "dim italic"), disabled=True))
        elif not shown:
            plist.add_option(
                Option(Content.styled(f"  none matches {plist.view_text()}", "dim italic"), disabled=True)
            )

    @on(Viewed.ViewChanged, "#quote-positions")
    def _view_changed(self) -> None:
        self._fill_positions()

    @on(Viewed.CountsWanted, "#quote-positions")
    def _counts(self, event: Viewed.CountsWanted) -> None:
        plist = self.query_one("#quote-positions", ViewedOptionList)
        shown = views.apply(self.positions.values(), views.position_fields, plist.view)
        plist.show_counts(event.column, views.counts(shown, views.position_fields, event.column))

    @on(OptionList.OptionSelected, "#quote-positions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        issue = self.position_issues.get(event.option_id or "")
        if issue:
            self.app.open_issue(issue)

    def _position(self) -> Position | None:
        plist = self.query_one("#quote-positions", ViewedOptionList)
        if not self.positions:
            return None
        if plist.highlighted is None:  # not moved to yet: the first one shown
            first = next((o.id for o in plist.options if not o.disabled), None)
            return self.positions.get(first or "")
        return self.positions.get(plist.get_option_at_index(plist.highlighted).id or "")

    def action_code_position(self) -> None:
        if self.quote is not None:
            from . import coding

            coding.code_position(self, self.quote)

    def action_add_evidence(self) -> None:
        if self.quote is not None:
            from . import coding

            coding.add_as_evidence(self, self.quote)

    def action_edit_position(self) -> None:
        p = self._position()
        if p is None:
            self.notify("The quote backs no position: p codes one.", markup=False)
            return
        from . import coding

        coding.edit_position(self, p)

    def action_delete_position(self) -> None:
        p = self._position()
        if p is None:
            self.notify("The quote backs no position: p codes one.", markup=False)
            return
        from . import coding

        coding.delete_position(self, p)

    def action_source(self) -> None:
        if self.quote is not None:
            self.app.open_source(self.quote.id)

    def action_copy(self) -> None:
        if self.quote is not None:
            copy_citation(self, self.quote)

    def action_show_citation(self) -> None:
        if self.quote is not None:
            show_citation(self, self.quote)
