"""Evidence, a quote in its paragraph, the whole source scrolled to it, and its citation."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Document, Selection

from ...db import queries
from ...db.brief import citation
from ...db.models import Quote
from .. import glyphs
from ..clipboard import can_copy, osc52_sequences
from ..safe import clean, content, highlighted
from ..textual_compat import remember_clipboard, terminal_writer
from ..widgets.lists import PagedOptionList, VimOptionList
from .actors import quote_prompt
from .base import BaseScreen

#: Positions read at a time on the evidence screen (each with all of its quotes).
EVIDENCE_PAGE = 10
#: Longest quote shown in full on the quote screen; longer ones are read in the source view.
QUOTE_DISPLAY_LIMIT = 20_000


def copy_citation(screen, quote: Quote) -> None:
    """`y`: the citation to the user's clipboard (OSC 52), or shown to select where it can't."""
    text = citation(quote, lambda s: clean(s, oneline=True, limit=10**6))
    app = screen.app
    write = terminal_writer(app)
    if not can_copy() or write is None:
        app.push_screen(CitationModal(text, "This terminal cannot take a clipboard sequence: "
                                            "select the citation below and copy it."))
        return
    sequences, how = osc52_sequences(text)
    remember_clipboard(app, text)
    for seq in sequences:
        write(seq)
    screen.notify(f"Citation copied to your clipboard via {how}. "
                  "Press Y to see it (if your terminal ignores OSC 52).", markup=False,
                  timeout=6)


class CitationModal(ModalScreen):
    """The citation, selectable, for terminals where the clipboard sequence cannot work."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="close")]

    def __init__(self, text: str, note: str):
        super().__init__()
        self.text = text
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="citation-box"):
            yield Static(Content(self.note), id="citation-note")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="citation-text")
            yield Static(Content.styled("escape closes", "dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()


class EvidenceScreen(BaseScreen):
    """The positions behind a cell, a position or an issue, each with its quotes."""

    TITLE_TEXT = "Evidence"
    BINDINGS = [
        Binding("y", "copy", "Copy citation", id="copy"),
        Binding("Y", "show_citation", "Show citation", show=False, id="show-citation"),
    ]

    def __init__(self, position_ids: list[str], title: str = ""):
        super().__init__()
        # a body's column holds its members' positions too: a row can name one twice
        self.position_ids = list(dict.fromkeys(position_ids))
        self.title_text = title
        self.quotes: dict[str, Quote] = {}

    def compose_body(self) -> ComposeResult:
        yield PagedOptionList(id="evidence-list", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PagedOptionList).focus()

    def reload(self) -> None:
        first = queries.positions_by_id(self.conn, self.position_ids[:EVIDENCE_PAGE])
        self.set_title(Content(self.title_text or (clean(first[0].issue_title, oneline=True)
                                                   if first else "")))
        self.quotes.clear()
        self.query_one(PagedOptionList).set_source(self._options(first))

    def _options(self, first: list) -> Iterator[Option | None]:
        """Each position, then the quotes that are its evidence; read a few positions at a
        time (a whole row of a large comparison can hold thousands), `first` already read."""
        conn, ids = self.conn, self.position_ids
        # slices of the ids, not `paged`: a position deleted since stops no page short
        pages = chain([first], (queries.positions_by_id(conn, ids[start:start + EVIDENCE_PAGE])
                                for start in range(EVIDENCE_PAGE, len(ids), EVIDENCE_PAGE)))
        for n, p in enumerate(p for page in pages for p in page):
            if n:
                yield None
            yield Option(Content.assemble(
                (clean(p.actor_name, oneline=True), "bold"), ": ",
                (glyphs.stance_label(p.stance), glyphs.STANCE_STYLES[p.stance]),
                f" {p.stance:+d} ", (p.kind.replace("_", " "), "dim"), "\n  ",
                content(p.summary, oneline=True)), disabled=True)
            for q in queries.quotes_by_id(conn, list(p.evidence)):
                self.quotes[q.id] = q
                yield Option(quote_prompt(q, show_speaker=True, limit=1200), id=f"{p.id}|{q.id}")

    def _quote(self) -> Quote | None:
        lst = self.query_one(VimOptionList)
        if lst.highlighted is None:
            return None
        option_id = lst.get_option_at_index(lst.highlighted).id or ""
        return self.quotes.get(option_id.partition("|")[2])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        quote_id = (event.option_id or "").partition("|")[2]
        if quote_id:
            self.app.open_quote(quote_id)

    def action_copy(self) -> None:
        q = self._quote()
        if q is not None:
            copy_citation(self, q)

    def action_show_citation(self) -> None:
        q = self._quote()
        if q is not None:
            self.app.push_screen(CitationModal(
                citation(q, lambda s: clean(s, oneline=True, limit=10**6)), "The citation:"))


class QuoteScreen(BaseScreen):
    """A quote in full: who, when, where, from which source; its paragraph; what it backs."""

    TITLE_TEXT = "Quote"
    BINDINGS = [
        Binding("s", "source", "Source", id="source"),
        Binding("y", "copy", "Copy citation", id="copy"),
        Binding("Y", "show_citation", "Show citation", show=False, id="show-citation"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane"),
    ]

    def __init__(self, quote_id: str):
        super().__init__()
        self.quote_id = quote_id
        self.quote: Quote | None = None
        self.position_issues: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="quote-scroll"):
            yield Static(id="quote-meta")
            yield Static(id="quote-text")
            yield Static(Content.styled("In the source", "bold underline"), classes="heading")
            yield Static(id="quote-paragraph")
            yield Static(Content.styled("Backs these positions", "bold underline"),
                         classes="heading")
        yield VimOptionList(id="quote-positions", markup=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#quote-scroll").focus()

    def reload(self) -> None:
        passage = queries.passage(self.conn, self.quote_id)
        if passage is None:
            self.set_title(Content("not found"))
            self.query_one("#quote-meta", Static).update(
                Content(f"No quote with id {clean(self.quote_id, oneline=True)!r}."))
            return
        q = self.quote = passage.quote
        self.set_title(Content.assemble(Content(clean(q.speaker_name, oneline=True)),
                                        (f"  {q.kind} quote", "dim")))
        meta = [Content.assemble((clean(q.speaker_name, oneline=True), "bold"),
                                 (" — " + clean(q.speaker_role, oneline=True)
                                  if q.speaker_role else "", ""))]
        when = q.said or f"{q.published} (the source's date)"
        meta.append(Content.assemble(("when ", "dim"), when,
                                     (("   where " if q.venue else ""), "dim"),
                                     content(q.venue, oneline=True, empty="")))
        meta.append(Content.assemble(("source ", "dim"),
                                     content(q.source_title, oneline=True, style="italic"),
                                     ", ", content(q.outlet, oneline=True)))
        if q.url:
            meta.append(Content.assemble(("url ", "dim"), content(q.url, oneline=True)))
        if q.confidence:
            style = "bold $text-warning" if q.confidence != "high" else "dim"
            meta.append(Content.assemble((f"{glyphs.UNSURE if q.confidence != 'high' else ''}"
                                          f" drafted, {q.confidence} confidence", style),
                                         (": " if q.note else "", ""),
                                         content(q.note, oneline=True, empty="")))
        self.query_one("#quote-meta", Static).update(Content("\n").join(meta))
        text = q.text
        suffix = ""
        if len(text) > QUOTE_DISPLAY_LIMIT:
            text = text[:QUOTE_DISPLAY_LIMIT]
            suffix = f"… ({len(q.text):,} characters: press s to read it all in the source)"
        body = content(text, style="bold")
        if q.kind == "direct":
            body = Content.assemble("“", body, "”")
        self.query_one("#quote-text", Static).update(Content.assemble(body, (suffix, "dim")))
        para = passage.paragraph
        start, end = passage.start, passage.end
        if len(para) > QUOTE_DISPLAY_LIMIT * 2:  # a giant paragraph: show the part around it
            lo = max(start - 2000, 0)
            hi = min(end + 2000, len(para), lo + QUOTE_DISPLAY_LIMIT * 2)
            para, start, end = para[lo:hi], start - lo, min(end, hi) - lo
        self.query_one("#quote-paragraph", Static).update(
            highlighted(para, [(start, end)], style="reverse bold"))
        plist = self.query_one("#quote-positions", VimOptionList)
        plist.clear_options()
        from .actors import position_prompt

        # option ids are the positions' (unique); a quote can back two positions on one issue
        self.position_issues = {p.id: p.issue for p in passage.positions}
        plist.add_options([Option(position_prompt(p, show_actor=True), id=p.id)
                           for p in passage.positions])
        if not passage.positions:
            plist.add_option(Option(Content.styled("  none (context only)", "dim italic"),
                                    disabled=True))

    @on(OptionList.OptionSelected, "#quote-positions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        issue = self.position_issues.get(event.option_id or "")
        if issue:
            self.app.open_issue(issue)

    def action_source(self) -> None:
        if self.quote is not None:
            self.app.push_screen(SourceScreen(self.quote))

    def action_copy(self) -> None:
        if self.quote is not None:
            copy_citation(self, self.quote)

    def action_show_citation(self) -> None:
        if self.quote is not None:
            self.app.push_screen(CitationModal(
                citation(self.quote, lambda s: clean(s, oneline=True, limit=10**6)),
                "The citation:"))


def _cleaned_offset(text: str, offset: int) -> int:
    """Where `offset` of `text` lands once the text is cleaned for display."""
    return len(clean(text[:offset], limit=None))


#: Most characters the source view holds: a longer source (a 9.9M-character line froze
#: the UI for 23 s on leaving the view) is shown as a window around the quote.
SOURCE_WINDOW = 200_000


def source_window(text: str, start: int, end: int, size: int = SOURCE_WINDOW
                  ) -> tuple[int, int]:
    """The part of `text` to show around the quote [start, end): all of it when it fits,
    else about `size` characters centred on the quote (the whole quote, however long),
    cut at a line break or a space when one is near."""
    if len(text) <= size:
        return 0, len(text)
    lo = max(0, min(start - max(size - (end - start), 0) // 2, len(text) - size))
    hi = max(min(lo + size, len(text)), end)
    if lo:
        cut = max(text.rfind("\n", lo, min(lo + 200, start)),
                  text.rfind(" ", lo, min(lo + 200, start)))
        lo = cut + 1 if cut >= 0 else lo
    if hi < len(text):
        cut = max(text.find("\n", max(hi - 200, end), hi), text.rfind(" ", max(hi - 200, end), hi))
        hi = cut if cut >= 0 else hi
    return lo, hi


class SourceScreen(BaseScreen):
    """The whole source, read-only and selectable, scrolled to the quote and selecting it."""

    TITLE_TEXT = "Source"

    def __init__(self, quote: Quote):
        super().__init__()
        self.quote = quote

    def compose_body(self) -> ComposeResult:
        yield Static(id="source-meta")
        yield TextArea("", read_only=True, soft_wrap=True, id="source-text",
                       show_line_numbers=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        q = self.quote
        src = queries.get_source(self.conn, q.source)
        if src is None:
            return
        self.set_title(content(src.source.title, oneline=True))
        lo, hi = source_window(src.text, q.start, q.end)
        part = (f"  · characters {lo + 1:,}–{hi:,} of {len(src.text):,} around the quote"
                if (lo, hi) != (0, len(src.text)) else "")
        self.query_one("#source-meta", Static).update(Content.assemble(
            content(src.source.outlet, oneline=True), f", published {src.source.published}",
            ("  · quote selected", "dim"), (part, "dim")))
        shown = src.text[lo:hi]
        area = self.query_one(TextArea)
        area.load_text(clean(shown))
        start = _cleaned_offset(shown, q.start - lo)
        end = _cleaned_offset(shown, q.end - lo)
        doc = cast(Document, area.document)  # load_text gives a plain Document (no language)
        area.selection = Selection(doc.get_location_from_index(start),
                                   doc.get_location_from_index(end))
        area.focus()
        self.call_after_refresh(area.scroll_cursor_visible, center=True, animate=False)
