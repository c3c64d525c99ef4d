"""`?` from anywhere: the keys of the screen below and the global ones, and how to read it all."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ....db.analysis import AGREEMENT_FORMULA, ASSESSMENT_RULE, COLUMN_STANCE_RULE, OPTION_RULE, TIME_RULE
from ....db.models import RELATION_MEANINGS, STANCE_MEANINGS
from ...render import glyphs

NAVIGATION = [
    ("↑ ↓ / j k", "move"),
    ("← → / h l", "move between columns (tables)"),
    ("g / G, home / end", "first / last (long lists read a page at a time: G again goes on)"),
    ("enter", "open"),
    ("tab", "next pane"),
    ("escape", "back one step (marks and filters are kept)"),
    ("q", "back; quits on the Actors screen"),
    ("ctrl+q", "quit from anywhere"),
]


def key_name(app, key: str) -> str:
    names = [app.get_key_display(Binding(k.strip(), "")) for k in key.split(",")]
    return " / ".join(names)


def screen_bindings(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) of the bindings the screen itself declares, then the app's."""
    out = []
    seen = set()
    focused = type(screen.focused) if screen.focused is not None else None
    for source in (focused, type(screen), type(screen.app)):
        if source is None:
            continue
        for cls in source.__mro__:
            for b in getattr(cls, "BINDINGS", None) or ():
                if not isinstance(b, Binding) or not b.description:
                    continue
                if source is focused and not b.show:
                    continue  # the widget's own moves: listed under "Moving around"
                action = b.action.removeprefix("app.")
                if action in seen:
                    continue
                seen.add(action)
                keys = getattr(screen.app, "keys_for", lambda b: b.key)(b)
                # a footer's short word may have its full meaning in the tooltip
                out.append((key_name(screen.app, keys), b.tooltip or b.description))
    return out


#: The keys every table and list shares (tui.widgets.lists.VIEW_BINDINGS) and the panes'.
TABLE_KEYS = [
    ("o", "sort by the column under the cursor (again: the dossier's order; a list: the next sort)"),
    ("O", "reverse the sort"),
    ("|", "filter the rows as you type: enter keeps the filter, escape clears it"),
    ("F", "counts: how many rows read each value of the column; enter shows those rows"),
    ("tab / 1 2 3", "the next pane / the pane of that number (on its top border)"),
]


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close-help"),
        Binding("j,down", "scroll(1)", "Scroll", show=False),
        Binding("k,up", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-box").scroll_relative(y=step, animate=False)

    def _text(self) -> Content:
        title = getattr(self.under, "TITLE_TEXT", "") or "this screen"
        lines: list[Content] = [Content.styled(f"Help · {title}", "bold"), Content("")]
        lines.append(Content.styled("Keys on this screen (and everywhere)", "bold underline"))
        for keys, desc in screen_bindings(self.under):
            lines.append(Content.assemble((f"  {keys:<22}", "bold"), desc))
        lines.append(Content(""))
        lines.append(Content.styled("Moving around", "bold underline"))
        for keys, desc in NAVIGATION:
            lines.append(Content.assemble((f"  {keys:<22}", "bold"), desc))
        lines.append(
            Content.assemble(
                ("  ctrl+p".ljust(24), "bold"),
                "palette: jump to any actor, issue or quote; views; recent comparisons, searches, quotes",
            )
        )
        lines.append(Content(""))
        lines.append(
            Content.styled("Tables and lists (the view is said on the bottom border)", "bold underline")
        )
        for keys, desc in TABLE_KEYS:
            lines.append(Content.assemble((f"  {keys:<22}", "bold"), desc))
        lines.append(Content(""))
        lines.append(Content.styled("Stances (each answers its issue's question)", "bold underline"))
        for stance in (2, 1, 0, -1, -2):
            lines.append(
                Content.assemble(
                    "  ",
                    (f"{glyphs.STANCE_GLYPHS[stance]:<3}", glyphs.STANCE_STYLES[stance]),
                    f"{stance:+d}  {STANCE_MEANINGS[stance]}",
                )
            )
        lines.append(
            Content.assemble(
                "  ", (f"{glyphs.STANCE_GLYPHS[None]:<3}", "dim"), "    silent: no recorded position"
            )
        )
        lines.append(Content.assemble("  !     ", "members of a body hold opposite stances"))
        lines.append(Content(""))
        lines.append(Content.styled("Relations between the columns on an issue", "bold underline"))
        for relation, meaning in RELATION_MEANINGS.items():
            lines.append(
                Content.assemble(
                    "  ",
                    (f"{glyphs.RELATION_GLYPHS[relation]} {relation:<10}", glyphs.RELATION_STYLES[relation]),
                    f" {meaning}",
                )
            )
        lines.append(Content(""))
        lines.append(Content.styled("How the numbers are made", "bold underline"))
        lines.append(Content(f"  A body speaks with its members: {COLUMN_STANCE_RULE}."))
        lines.append(Content(f"  Pair score: {AGREEMENT_FORMULA}."))
        lines.append(Content(f"  Time: {TIME_RULE}."))
        lines.append(Content(f"  Assessments: {ASSESSMENT_RULE}."))
        lines.append(Content(f"  Options: {OPTION_RULE}."))
        lines.append(
            Content(
                "  Marks: ± divided (members hold opposite stances), ? assessed only, "
                "! members differ from the lead or it dissents from its side, "
                "↺ changed (was … in the detail), N differ: members who differ."
            )
        )
        lines.append(
            Content(
                "  Through time: [ and ] step Compare, the matrix, a timeline and the option marks (m) "
                "back and forth through the days on which anything in them changed (the day is in the "
                "title); t opens a timeline (each position with what its speaker held before, and a chart "
                "of every side on its issue); w shows what changed."
            )
        )
        lines.append(Content(""))
        lines.append(Content.styled("Marks: ●   Drafted quote still to review: ?", "dim"))
        lines.append(Content.styled("escape closes this help", "dim"))
        return Content("\n").join(lines)
