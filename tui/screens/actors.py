"""The first screen: actors grouped by side, and the selected actor's profile beside them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...db import edits, queries, views
from ...db.models import Actor
from ...db.queries import listing
from ...db.views import View
from ..render import glyphs
from ..render.edits import edit_lines
from ..render.prompts import actor_prompt, position_prompt, quote_prompt
from ..render.safe import clean, content
from ..widgets.actor_list import ActorList
from ..widgets.lists import PagedOptionList, Viewed, paged, paged_by_offset
from .base import BaseScreen

#: Quotes fetched per page in the profile; the next page loads as the cursor nears the end.
QUOTE_PAGE = 20
#: Positions shown in the profile; an actor with more has a line that lists them all.
PROFILE_POSITIONS = 50
MAX_COMPARE = 4


def _none(view: View) -> str:
    return "  none matches the filter" if view.filtered else "  none recorded"


#: What each section of the profile sorts, filters and counts by (o, O, |, F).
PROFILE_SECTIONS: dict[str, dict[str, str]] = {
    "positions": {"issue": "issue", "stance": "stance", "kind": "kind", "date": "date"},
    "quotes": {"date": "date", "outlet": "outlet", "kind": "kind", "confidence": "confidence"},
}


def section_of(option_id: str | None) -> str | None:
    """The profile section a line belongs to, from its id ('pos:…', 'more:…', 'quote:…')."""
    kind = (option_id or "").partition(":")[0]
    if kind == "head":
        return option_id.partition(":")[2] if option_id else None
    return {"pos": "positions", "more": "positions", "quote": "quotes"}.get(kind)


class ProfileList(PagedOptionList):
    """The selected actor's positions, then its quotes (newest first, paged). `o O | F`
    sort, filter and count the section under the cursor, each section keeping its own view
    (said on the border as 'positions: …' or 'quotes: …')."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.section = "positions"
        self.section_views = {name: View() for name in PROFILE_SECTIONS}
        self.view_columns = dict(PROFILE_SECTIONS[self.section])

    def on_mount(self) -> None:
        self.say_view()

    def enter_section(self, section: str) -> None:
        self.section = section
        self.view = self.section_views[section]
        self.view_columns = dict(PROFILE_SECTIONS[section])
        self.say_view()

    def set_view(self, view: View, announce: bool = True) -> None:
        self.section_views[self.section] = view
        super().set_view(view, announce)

    def view_text(self) -> str:
        said = super().view_text()
        return f"{self.section}: {said}" if said else ""

    def say_view(self) -> None:
        super().say_view()
        if not self.typing and not self.view_text():
            self.border_subtitle = f"{self.section}: o sort, | filter, F counts"

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and not self.typing:
            section = section_of(self.get_option_at_index(highlighted).id)
            if section is not None and section != self.section:
                self.enter_section(section)


class ActorsScreen(BaseScreen):
    TITLE_TEXT = "Actors"
    BINDINGS = [
        Binding("space", "mark", "Mark", tooltip="Mark for Compare, move on", id="mark"),
        Binding("c", "compare", "Compare", id="compare"),
        # in help, not the footer: the footer's keys fit 80 columns
        Binding("t", "timeline", "Timeline", show=False, id="actor-timeline"),
        Binding("L", "links", "Links", show=False, id="actor-links"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane"),
        Binding("i", "app.issues", "Issues", id="issues"),  # the app's, shown here
        Binding("escape", "back", "Cancel", show=False, id="back"),
        # priority, like `/` and ctrl+p: a key typed right after `q` in one burst (over
        # SSH) is otherwise acted on first, and the quit lost or run on a half-built screen
        Binding("q", "quit_unless_typing", "Quit", priority=True, id="quit"),
        # and plain too: a `q` typed while another screen showed reaches this one only
        # after the `q` before it closed that screen, past the priority check
        Binding("q", "quit_unless_typing", "Quit", show=False, id="quit"),
    ]

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        #: The actor to highlight once the list is filled (a palette jump).
        self.to_select = select
        self.actors: list[Actor] = []
        self.by_id: dict[str, Actor] = {}
        self.current: str | None = None
        #: The first actor of a compare waiting for its second ('c' with one chosen).
        self.picking: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="actors-body"):
            yield ActorList(self._prompt, id="actor-list")
            with Vertical(id="profile"):
                yield Static(id="profile-head")
                yield Static(id="profile-edited")
                yield ProfileList(id="profile-list", markup=False)

    def on_mount(self) -> None:
        # counted by side, kind or count (a name is one actor each: nothing to count)
        self.query_one(ActorList).offer(
            views.ACTOR_COLUMNS, {k: v for k, v in views.ACTOR_COLUMNS.items() if k != "name"}
        )
        self.reload()
        self.query_one(ActorList).focus()
        if self.to_select:
            self.select_actor(self.to_select)

    def reload(self) -> None:
        self.actors = queries.list_actors(self.conn, with_aliases=False)
        self.by_id = {a.id: a for a in self.actors}
        self.app.marked[:] = [m for m in self.app.marked if m in self.by_id]
        self._fill_list(keep=self.current)
        if self.current:
            self.show_profile(self.current)
        self._title()

    # --- the actor list ------------------------------------------------------------------

    def _prompt(self, actor_id: str, width: int) -> Content:
        return actor_prompt(self.by_id[actor_id], width, actor_id in self.app.marked)

    def _fields(self, actor: Actor) -> dict[str, views.Field]:
        return views.actor_fields(actor, {a.id: a.name for a in self.actors if a.parent is None})

    def _shown_actors(self) -> list[Actor]:
        return views.apply(self.actors, self._fields, self.query_one(ActorList).view)

    def _fill_list(self, keep: str | None = None) -> None:
        """The actors by side (a rule between sides); sorted (o), one list in that order;
        filtered (|, or a count's line), those kept."""
        lst = self.query_one(ActorList)
        rows: list[str | None] = []
        side = None
        grouped = lst.view.sort is None
        for actor in self._shown_actors():
            if grouped and actor.side != side and side is not None:
                rows.append(None)
            side = actor.side
            rows.append(actor.id)
        lst.set_rows(rows, keep=keep)
        if not self.actors:
            self.query_one("#profile-head", Static).update(
                Content("This database holds no actors. Load a dossier with `ceasefire-tui load DOSSIER`.")
            )

    def select_actor(self, actor_id: str) -> None:
        """Highlight an actor in the list (from the palette) and give the list focus."""
        lst = self.query_one(ActorList)
        index = lst.index_of(actor_id)
        if index is not None:
            lst.move_to(index)
            lst.focus()

    @on(Viewed.ViewChanged, "#actor-list")
    def _list_view_changed(self, event: Viewed.ViewChanged) -> None:
        event.stop()
        self._fill_list(keep=self.current)
        self._title()

    @on(Viewed.CountsWanted, "#actor-list")
    def _list_counts(self, event: Viewed.CountsWanted) -> None:
        event.stop()
        lst = self.query_one(ActorList)
        lst.show_counts(event.column, views.counts(self._shown_actors(), self._fields, event.column))

    def action_quit_unless_typing(self) -> None:
        """q quits here, except while a filter is being typed (in the list or the profile):
        then it is a letter."""
        if getattr(self.app.focused, "typing", False):
            raise SkipAction()
        self.app.exit()

    @on(ActorList.Highlighted)
    def _highlighted(self, event: ActorList.Highlighted) -> None:
        if event.actor_id != self.current:
            first = self.current is None
            self.current = event.actor_id
            if first:
                self.show_profile(event.actor_id)
            else:
                self.follow(lambda: self.show_profile(self.current))

    @on(ActorList.Selected)
    def _selected(self, event: ActorList.Selected) -> None:
        if self.picking:
            self._picked(event.actor_id)
            return
        self.query_one(ProfileList).focus()

    def _picked(self, actor_id: str | None) -> None:
        """While picking: compare with `actor_id`, or say why not (the actor being compared
        itself: picking goes on, in the list, as the title says)."""
        assert self.picking is not None
        if actor_id is None or actor_id == self.picking:
            name = clean(self.by_id[self.picking].name, oneline=True)
            self.notify(
                f"{name} is the one being compared: pick another actor (enter), or escape to cancel.",
                markup=False,
            )
            return
        first, self.picking = self.picking, None
        self._title()
        self.app.open_compare([first, actor_id])

    @on(events.DescendantFocus, "#profile-list")
    def _left_the_list(self) -> None:
        """Picking happens in the list: leaving it (tab, a click) ends picking, so that the
        title never asks for a pick while enter opens the profile's evidence."""
        if self.picking:
            self.picking = None
            self._title()

    # --- the profile ---------------------------------------------------------------------

    def show_profile(self, actor_id: str) -> None:
        if actor_id not in self.by_id:
            return
        actor = queries.get_actor(self.conn, actor_id)  # with its aliases
        if actor is None:
            return
        chain: list[str] = []
        parent = actor.parent
        while parent and parent in self.by_id and len(chain) < 10:
            chain.append(self.by_id[parent].name)
            parent = self.by_id[parent].parent
        lines = [Content.assemble((clean(actor.name, oneline=True), "bold"), (f"  {actor.kind}", "dim"))]
        if actor.role:
            lines.append(content(actor.role, oneline=True))
        if chain:
            lines.append(Content.assemble(("speaks for ", "dim"), content(" › ".join(chain), oneline=True)))
        if actor.aliases:
            lines.append(Content.assemble(("also ", "dim"), content(", ".join(actor.aliases), oneline=True)))
        self.query_one("#profile-head", Static).update(Content("\n").join(lines))
        self._show_edited(actor.id)
        self.query_one(ProfileList).set_source(self._profile_options(actor), highlight=False)

    def _show_edited(self, actor_id: str) -> None:
        """The actor's own latest edit in the app (made as a new speaker, changed by an
        undo) under the head, on one line cut to the pane (the rest: `history ID`)."""
        edited = edit_lines(
            edits.history(self.conn, actor_id, limit=2, kind="actors"),
            actor_id,
            indent="",
            shown=1,
            compact=True,
        )
        line = self.query_one("#profile-edited", Static)
        line.update(edited[0] if edited else Content(""))
        line.display = bool(edited)

    def _profile_options(self, actor: Actor) -> Iterator[Option]:
        """The profile's lines, made as the list asks for them: the first positions (the
        rest are one key away), then the quotes, newest first, a page at a time."""
        conn = self.conn
        sections = self.query_one(ProfileList).section_views
        pview, qview = sections["positions"], sections["quotes"]
        yield self._heading(
            "Positions",
            actor.position_count,
            pview,
            lambda: listing.count_positions(conn, pview, actor=actor.id),
        )
        if pview == View():
            positions = queries.actor_positions(conn, actor.id, limit=PROFILE_POSITIONS)
            held = actor.position_count
        else:
            positions = listing.sorted_positions(conn, pview, actor=actor.id, limit=PROFILE_POSITIONS)
            held = listing.count_positions(conn, pview, actor=actor.id)
        backed = queries.backing(conn, [p.id for p in positions])
        linked = queries.links_of(conn, [p.id for p in positions])
        for p in positions:
            yield Option(
                position_prompt(p, backing=backed.get(p.id), links=linked.get(p.id, ())), id=f"pos:{p.id}"
            )
        if not positions:
            yield Option(Content.styled(_none(pview), "dim italic"), disabled=True)
        elif held > len(positions):
            yield Option(
                Content.styled(f"  … {held - len(positions):,} more: enter lists them all", "italic"),
                id="more:positions",
            )
        yield self._heading(
            "Quotes", actor.quote_count, qview, lambda: listing.count_quotes(conn, qview, speaker=actor.id)
        )
        if qview == View():
            quotes = paged(
                lambda after, limit: queries.actor_quotes(conn, actor.id, limit=limit, after=after),
                QUOTE_PAGE,
            )
        else:
            quotes = paged_by_offset(
                lambda offset, limit: listing.sorted_quotes(
                    conn, qview, speaker=actor.id, limit=limit, offset=offset
                ),
                QUOTE_PAGE,
            )
        empty = True
        for q in quotes:
            empty = False
            yield Option(quote_prompt(q), id=f"quote:{q.id}")
        if empty:
            yield Option(Content.styled(_none(qview), "dim italic"), disabled=True)

    def _heading(self, name: str, total: int, view: View, kept: Callable[[], int]) -> Option:
        """'Positions (12)', 'Quotes (40, newest first)'; under a filter 'Positions (3 of 12,
        filter: “nato”)', under a sort the sort said."""
        labels = PROFILE_SECTIONS[name.lower()]
        said = view.describe(labels)
        if view.filtered:
            count = f"{kept():,} of {total:,}"
        else:
            count = f"{total:,}"
        if not said and name == "Quotes":
            said = "newest first"
        return Option(
            Content.styled(f"{name} ({count}{', ' + said if said else ''})", "bold underline"),
            id=f"head:{name.lower()}",
            disabled=True,
        )

    @on(OptionList.OptionSelected, "#profile-list")
    def _profile_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, ident = (event.option_id or "").partition(":")
        if kind == "pos":
            self.app.open_evidence(position_ids=[ident])
        elif kind == "quote":
            self.app.open_quote(ident)
        elif kind == "more" and self.current:
            self.app.open_actor_positions(
                self.current, self.query_one(ProfileList).section_views["positions"]
            )

    @on(Viewed.ViewChanged, "#profile-list")
    def _profile_view_changed(self, event: Viewed.ViewChanged) -> None:
        """A section sorted or filtered: the profile again, the cursor on that section's
        first line."""
        event.stop()
        if not self.current or self.current not in self.by_id:
            return
        lst = self.query_one(ProfileList)
        section = lst.section
        self.show_profile(self.current)
        first = next(
            (i for i, o in enumerate(lst.options) if not o.disabled and section_of(o.id) == section), None
        )
        lst.highlighted = first  # None when the filter kept none: the heading says so
        lst.enter_section(section)

    @on(Viewed.CountsWanted, "#profile-list")
    def _profile_counts(self, event: Viewed.CountsWanted) -> None:
        event.stop()
        if not self.current:
            return
        lst = self.query_one(ProfileList)
        view = lst.section_views[lst.section]
        if lst.section == "positions":
            lines = listing.position_counts(self.conn, event.column, view, actor=self.current)
        else:
            lines = listing.quote_counts(self.conn, event.column, view, speaker=self.current)
        lst.show_counts(
            event.column, lines, title=f"{lst.section} by {PROFILE_SECTIONS[lst.section][event.column]}"
        )

    # --- marks and compare ---------------------------------------------------------------

    def _highlighted_actor(self) -> str | None:
        return self.query_one(ActorList).highlighted_id

    def _title(self) -> None:
        marked = self.app.marked
        if self.picking:
            name = clean(self.by_id[self.picking].name, oneline=True)
            context = Content.assemble(
                ("pick an actor to compare with ", "bold $accent"),
                (name, "bold $accent"),
                (" (enter; escape cancels)", "$accent"),
            )
        elif marked:
            names = ", ".join(
                clean(self.by_id[m].name, oneline=True, limit=30) for m in marked if m in self.by_id
            )
            context = Content.assemble((f"{glyphs.MARK} {len(marked)} marked: ", "bold"), Content(names))
        else:
            context = Content.styled("space marks actors, c compares them", "dim")
        unsure = sum(a.unsure_count for a in self.actors)
        if unsure and not self.picking:
            context = Content.assemble(
                context, "  ", (f"{glyphs.UNSURE} {unsure} drafted quotes to review: u", "bold $text-warning")
            )
        self.set_title(context)

    def action_mark(self) -> None:
        actor_id = self._highlighted_actor()
        if actor_id is None:
            return
        marked = self.app.marked
        if actor_id in marked:
            marked.remove(actor_id)
        else:
            marked.append(actor_id)
        lst = self.query_one(ActorList)
        lst.refresh_actor(actor_id)
        self._title()
        lst.action_cursor_down()

    def action_timeline(self) -> None:
        actor_id = self._highlighted_actor() or self.current
        if actor_id is not None:
            self.app.open_timeline(actor_id)

    def action_links(self) -> None:
        actor_id = self._highlighted_actor() or self.current
        if actor_id is not None:
            self.app.open_links(actor_id)

    def action_compare(self) -> None:
        """Two or more marked: compare them; picking: compare with the one under the
        cursor; one marked: with the one under the cursor, or (on it) with the next one
        picked; none: the one under the cursor with the next one picked."""
        marked = [m for m in self.app.marked if m in self.by_id]
        if len(marked) >= 2:
            if len(marked) > MAX_COMPARE:
                self.notify(
                    f"Comparing the first {MAX_COMPARE} marked actors (of {len(marked)}).", markup=False
                )
            self.app.open_compare(marked[:MAX_COMPARE])
            return
        current = self._highlighted_actor()
        if self.picking:
            self._picked(current)
            return
        if marked and current and current != marked[0]:
            self.app.open_compare([marked[0], current])
            return
        first = marked[0] if marked else current
        if first is None:
            return
        self.picking = first
        self._title()
        self.query_one(ActorList).focus()

    def action_back(self) -> None:
        if self.picking:
            self.picking = None
            self._title()
        elif self.focused is not None and self.focused.id == "profile-list":
            self.query_one(ActorList).focus()
        else:  # an Actors screen a palette jump put on top: back to where it was made
            super().action_back()
