"""The Textual app: global keys, navigation between screens, themes; no SQL here."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify

from .guard import GuardAppDatabaseErrors
from .history import History
from .session_log import Entry, SessionLog
from .settings import load_settings, save_setting
from .store import Store
from .textual_compat import drop_notifications, is_exiting, replace_no_color_filter

# for what it patches into the palette's box (cleaned text, keys in order), before the
# palette first opens; it costs nothing (Input is already loaded with the App)
from .widgets import inputs  # noqa: F401

if TYPE_CHECKING:
    from ..db.views import View

#: Seconds after the first refresh before the garbage collector, paused by the launch,
#: runs again.
COLLECTOR_PAUSE = 0.5

#: How often the app looks for another process's edits (PRAGMA data_version), in seconds.
POLL_SECONDS = 1.0

#: Themes that follow the terminal's own palette (light or dark), offered first.
ANSI_THEMES = ("ansi-dark", "ansi-light")


def _provider(name: str):
    """A palette provider class, imported only when the palette first opens (start-up
    does not pay for textual.command)."""

    def load():
        from . import commands

        return getattr(commands, name)

    load.__name__ = name
    return load


class CeasefireApp(GuardAppDatabaseErrors, App):
    """Browse actors side by side, drill into quotes, compare demands."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "ceasefire-tui"
    COMMANDS = App.COMMANDS | {
        _provider(n)
        for n in ("HistoryCommands", "ActorCommands", "IssueCommands", "QuoteCommands", "ViewCommands")
    }
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        # priority (here and for the palette): the key opens its box before the keys typed
        # after it are routed (see `action_search`)
        Binding("slash", "search", "Search", priority=True, id="search"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="palette"),
        Binding("i", "issues", "Issues", show=False, id="issues"),
        Binding("u", "unsure_quotes", "Review drafted quotes", show=False, id="unsure"),
        Binding("w", "changes", "What changed", show=False, id="changes"),
        Binding("ctrl+r", "reload", "Reload data", show=False, id="reload"),
        # priority: a text area's own undo (the Source view's) must not take the app's
        Binding("ctrl+z", "undo", "Undo the last edit", show=False, priority=True, id="undo"),
        Binding("ctrl+y", "redo", "Redo the edit undone", show=False, priority=True, id="redo"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="force-quit"),
    ]

    def __init__(
        self, db_path: Path, theme: str | None = None, edit: bool = False, replay: list[Entry] | None = None
    ):
        super().__init__()
        #: This session's commands (sessions/ beside settings.json), and those to replay.
        self.session_log = SessionLog()
        self._replay_entries = list(replay or ())
        self.store = Store(db_path)
        #: This session's edits (their numbers in the edits table), to undo; and those undone.
        self.undo_stack: list[int] = []
        self.redo_stack: list[int] = []
        self._edit_at_start = edit
        #: The database's `data_version` as last read: another process's commit changes it.
        self._data_version: int | None = None
        #: Actors marked for comparison, in the order they were marked; kept across screens.
        self.marked: list[str] = []
        self._theme_arg = theme
        if self.no_color:  # NO_COLOR: attributes only (no greys, no dim)
            from .render.nocolour import AttributesOnly

            replace_no_color_filter(self, AttributesOnly())
        self._history: History | None = None

    @property
    def history(self) -> History:
        """Recent comparisons, searches and quotes (history.json), read when first needed."""
        if self._history is None:
            self._history = History.load()
        return self._history

    def remember(self, kind: str, entry: dict) -> None:
        """Put an entry first in the history (a damaged file said once, then replaced)."""
        history = self.history
        if history.warning:
            self.notify(history.warning, severity="warning", markup=False, timeout=10)
            history.warning = None
        first = history.entries[kind][:1]
        if first != [entry]:
            history.add(kind, entry)

    # --- start and stop ------------------------------------------------------------------

    def get_default_screen(self):
        from .screens.actors import ActorsScreen

        return ActorsScreen()

    def on_mount(self) -> None:
        # the first refresh is not the whole first screen (the profile follows): wait a
        # moment more before the collector's first pass (25 ms at 1M quotes)
        self.call_after_refresh(self.set_timer, COLLECTOR_PAUSE, self._resume_collector)
        settings = load_settings()
        if "keymap" in settings:
            self._apply_keymap(settings["keymap"])
        wanted = self._theme_arg or settings.get("theme")
        if wanted in self.available_themes:
            self.theme = wanted
        elif self._theme_arg:
            self.notify(
                f"No theme called {self._theme_arg!r}; using {self.theme}.", severity="warning", markup=False
            )
        if self.history.warning:
            self.notify(self.history.warning, severity="warning", markup=False, timeout=10)
            self.history.warning = None
        # from here on a theme is the user's choice (the palette's), and remembered;
        # --theme is for this run only
        self._theme_chosen = True
        if self._edit_at_start:
            self.store.writer  # noqa: B018 - opened now: a database that cannot be written says so at once
        self._data_version = self._read_data_version()
        self.set_interval(POLL_SECONDS, self._poll)
        if self._replay_entries:
            self.call_after_refresh(self._replay_session)

    # --- the session's commands --------------------------------------------------------------

    def _replay_session(self) -> None:
        """Open the screens a replayed session ended on, bottom first."""
        from ..db.views import View

        entries, self._replay_entries = self._replay_entries, []
        for e in entries:
            args = dict(e.args)
            if isinstance(args.get("view"), dict):
                args["view"] = View(**args["view"])
            openers: dict[str, Callable[..., None]] = {
                "issues": self.action_issues,
                "actor": self.select_actor,
                "unsure": self.action_unsure_quotes,
            }
            opener = openers.get(e.open or "") or getattr(self, f"open_{e.open}")
            opener(**args)

    def _push_logged(self, screen, name: str, **args) -> None:
        """Push a screen and log it as opened (unless the app is closing: nothing opens)."""
        if is_exiting(self):
            return
        self._log_top_state()
        screen.logged_as = name
        self.session_log.add(name, **args)
        if self.session_log.warning:
            self.notify(self.session_log.warning, severity="warning", markup=False, timeout=10)
            self.session_log.warning = None
        self.push_screen(screen)

    def _log_top_state(self) -> None:
        """What the screen on top came to hold (its search text), before it is left."""
        top = self.screen
        state = top.log_state() if getattr(top, "logged_as", None) and hasattr(top, "log_state") else None
        if state:
            self.session_log.add_state(**state)

    def pop_screen(self):
        if getattr(self.screen, "logged_as", None) and len(self.screen_stack) > 1:
            self._log_top_state()
            self.session_log.add(None)
        return super().pop_screen()

    def exit(self, *args, **kwargs) -> None:
        self._log_top_state()
        super().exit(*args, **kwargs)

    # --- edits (the review desk) -----------------------------------------------------------

    def _read_data_version(self) -> int | None:
        from ..db import desk

        try:
            return desk.data_version(self.store.conn)
        except Exception:  # a database fault shows where a screen reads; the poll waits
            return None

    def _poll(self) -> None:
        """Another process's edit or load, seen without a restart: SQLite's data_version
        changes when another connection commits (one cheap PRAGMA per tick)."""
        from ..db.connect import release_gone

        release_gone()  # a database deleted or replaced meanwhile: its disk space given back
        now = self._read_data_version()
        if now is not None and self._data_version is not None and now != self._data_version:
            self._data_version = now
            self.refresh_screens()
        elif self._data_version is None:
            self._data_version = now

    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()

    def edit(self, verb, done_message: str = "") -> object | None:
        """Make an edit (`verb(writer connection)` -> desk.Done): a refusal is said (both
        versions, or the field at fault) and nothing changes; else it joins this session's
        undo list and every open screen reads the data again."""
        from ..db import desk
        from ..db.connect import StoreError

        try:
            done = verb(self.store.writer)
        except desk.Invalid:
            raise  # a form shows the problem beside its field
        except (desk.Refused, StoreError) as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=12)
            return None
        self.undo_stack.append(done.edit)
        self.redo_stack.clear()
        self._after_edit(done, done_message)
        return done

    def _after_edit(self, done, message: str) -> None:
        self.refresh_screens()
        self._data_version = self._read_data_version()
        note = message or f"Edit {done.edit} saved."
        if done.by_hand:
            self.notify(note + " " + " ".join(done.by_hand), severity="warning", markup=False, timeout=15)
        else:
            self.notify(note + " (ctrl+z undoes it)", markup=False)

    def action_undo(self) -> None:
        """Take back this session's last edit (refused if someone changed it since)."""
        from ..db import desk

        self._replay(
            desk.undo,
            self.undo_stack,
            self.redo_stack,
            "Nothing to undo in this session.",
            "undone (ctrl+y redoes it)",
        )

    def action_redo(self) -> None:
        from ..db import desk

        self._replay(desk.redo, self.redo_stack, self.undo_stack, "Nothing to redo.", "made again")

    def _replay(self, verb, take: list[int], give: list[int], empty: str, said: str) -> None:
        """Undo or redo the edit last on `take` with `verb`, then move it onto `give`."""
        from ..db import desk

        if not take:
            self.notify(empty, markup=False)
            return
        number = take[-1]
        try:
            done = verb(self.store.writer, number)
        except desk.Refused as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=12)
            return
        take.pop()
        give.append(number)
        self._after_edit(done, f"Edit {number} {said}.")

    #: The user's keymap (binding id -> keys), as applied.
    keymap: dict[str, str] = {}

    def _apply_keymap(self, keymap: object) -> None:
        """Remap keys from settings.json ("keymap"); what is wrong in it is said, and the
        rest applies."""
        from .keys import check_keymap

        self.keymap, problems = check_keymap(keymap, type(self))
        self.set_keymap(self.keymap)
        for problem in problems:
            self.notify(problem, severity="warning", markup=False, timeout=10)

    def keys_for(self, binding: Binding) -> str:
        """The keys a binding answers to, with the user's keymap applied."""
        return self.keymap.get(binding.id or "", binding.key)

    @on(Notify)
    def _news_replaces_news(self, event: Notify) -> None:
        """One piece of news at a time: a new message takes the place of the one before
        (pressing `f` three times shows the last filter, not three toasts over the table);
        warnings and errors stay until they time out."""
        if event.notification.severity == "information":
            drop_notifications(self, "information")

    @staticmethod
    def _resume_collector() -> None:
        """When the launch paused the collector: what start-up made lives as long as the
        app, so set it apart from what the collector scans, and let the collector run."""
        if not gc.isenabled():
            gc.collect()  # the little garbage start-up made (4,600 objects at 1M), not frozen
            gc.freeze()
            gc.enable()

    #: Set once start-up has applied --theme or the remembered theme.
    _theme_chosen = False

    def watch_theme(self, theme: str) -> None:
        if self._theme_chosen:
            save_setting("theme", theme)

    def on_unmount(self) -> None:
        self.store.close()

    def show_database_error(self, message: str) -> None:
        """A database fault, on screen; the app keeps running (escape goes back)."""
        from .screens.modals.error import ErrorScreen

        if not isinstance(self.screen, ErrorScreen):
            self.push_screen(ErrorScreen(message))

    # --- navigation ----------------------------------------------------------------------

    def push_screen(self, screen, callback=None, wait_for_dismiss: bool = False):  # type: ignore[override]
        """Keys typed after `q` in one burst (as over SSH) open nothing: a screen pushed
        while the app is exiting would be composed on a closing app."""
        if is_exiting(self):
            done = asyncio.get_running_loop().create_future()
            done.set_result(None)
            return done
        if wait_for_dismiss:  # two calls: Textual's overloads tell the two results apart
            return super().push_screen(screen, callback, wait_for_dismiss=True)
        return super().push_screen(screen, callback)

    def open_compare(self, actor_ids: list[str]) -> None:
        from .screens.compare import CompareScreen

        self._push_logged(CompareScreen(actor_ids), "compare", actor_ids=actor_ids)

    def open_evidence(self, position_ids: list[str], title: str = "") -> None:
        from .screens.evidence import EvidenceScreen

        self._push_logged(
            EvidenceScreen(position_ids, title), "evidence", position_ids=position_ids, title=title
        )

    def open_counts(self, title: str, lines: list[tuple[str, int]], chosen) -> None:
        """Counts at a glance (F): each value with its count; `chosen` gets the value picked."""
        from .screens.modals.counts import CountsModal

        self.push_screen(CountsModal(title, lines), chosen)

    def open_search(self, query: str = "") -> None:
        from .screens.search import SearchScreen

        self._push_logged(SearchScreen(query), "search", query=query)

    def open_quote(self, quote_id: str) -> None:
        from .screens.quote import QuoteScreen

        self._push_logged(QuoteScreen(quote_id), "quote", quote_id=quote_id)

    def open_actor_positions(self, actor_id: str, view: View | None = None) -> None:
        from .screens.positions import ActorPositionsScreen

        self._push_logged(
            ActorPositionsScreen(actor_id, view), "actor_positions", actor_id=actor_id, view=view
        )

    def open_links(self, actor_id: str) -> None:
        from .screens.links import LinksScreen

        self._push_logged(LinksScreen(actor_id), "links", actor_id=actor_id)

    def open_single_source(self) -> None:
        from .screens.positions import SingleSourcePositionsScreen

        self._push_logged(SingleSourcePositionsScreen(), "single_source")

    def open_timeline(
        self, actor_id: str, issue_id: str | None = None, columns: list[str] | None = None
    ) -> None:
        from .screens.timeline import TimelineScreen

        self._push_logged(
            TimelineScreen(actor_id, issue_id, columns),
            "timeline",
            actor_id=actor_id,
            issue_id=issue_id,
            columns=columns,
        )

    def open_changes(self) -> None:
        from .screens.changes import ChangesScreen

        if not isinstance(self.screen, ChangesScreen):
            self._push_logged(ChangesScreen(), "changes")

    def open_source(self, quote_id: str) -> None:
        """The whole source of a quote, scrolled to it and selecting it."""
        from ..db import queries
        from .screens.source import SourceScreen

        quote = queries.get_quote(self.store.conn, quote_id)
        if quote is None:
            from .render.safe import clean

            self.notify(f"No quote with id {clean(quote_id, oneline=True, limit=80)!r}.", markup=False)
            return
        self._push_logged(SourceScreen(quote), "source", quote_id=quote_id)

    def open_options(self, issue_id: str, side_ids: list[str], as_of: str | None = None) -> None:
        from .screens.options import OptionsScreen

        self._push_logged(
            OptionsScreen(issue_id, side_ids, as_of),
            "options",
            issue_id=issue_id,
            side_ids=side_ids,
            as_of=as_of,
        )

    def open_issue(self, issue_id: str) -> None:
        from .screens.issues import IssueScreen

        self._push_logged(IssueScreen(issue_id), "issue", issue_id=issue_id)

    def select_actor(self, actor_id: str) -> None:
        """The Actors screen with this actor highlighted (so space marks it): the one
        showing, else a new one pushed on top, so that escape goes back to where the jump
        was made from (the stack is kept, not discarded)."""
        from .screens.actors import ActorsScreen

        if isinstance(self.screen, ActorsScreen):
            self.screen.select_actor(actor_id)
        else:
            self._push_logged(ActorsScreen(select=actor_id), "actor", actor_id=actor_id)

    def action_issues(self) -> None:
        from .screens.issues import IssuesScreen

        if not isinstance(self.screen, IssuesScreen):
            self._push_logged(IssuesScreen(), "issues")

    def action_search(self) -> None:
        """Open the search box. A priority key, so that `/russia` typed in one burst lands
        in the box (a plain binding runs only after the keys behind it have gone to the
        old screen); in a text box, `/` is typed instead."""
        from textual.screen import ModalScreen
        from textual.widgets import Input

        from .screens.search import SearchScreen

        typing = getattr(self.focused, "typing", False)  # a table's filter being typed (`|`)
        if isinstance(self.focused, Input) or typing or isinstance(self.screen, ModalScreen):
            raise SkipAction()  # a priority key reaches past modals: help, errors, picker
        if isinstance(self.screen, SearchScreen):
            self.screen.query_one(Input).focus()  # from the results, back to the box
        else:
            self._push_logged(SearchScreen(), "search", query="")

    def action_command_palette(self) -> None:
        """The palette, keeping an enter typed before its matches are in (`Palette`)."""
        from textual.command import CommandPalette

        from .widgets.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        from .screens.modals.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_compare_marked(self) -> None:
        if len(self.marked) >= 2:
            self.open_compare(self.marked[:4])
        else:
            self.notify("Mark two or more actors first (space on the Actors screen).", markup=False)

    def action_changes(self) -> None:
        self.open_changes()

    def action_unsure_quotes(self) -> None:
        from .screens.unsure import UnsureScreen

        if not isinstance(self.screen, UnsureScreen):
            self._push_logged(UnsureScreen(), "unsure")

    def _key_not_here(self, event: events.Key) -> None:
        """A key of other screens, pressed where it does nothing (no binding here took
        it): say where it works, rather than nothing at all."""
        from .keys import uses_of

        uses = uses_of(type(self), event.key)
        if not uses:
            return
        here = getattr(self.screen, "TITLE_TEXT", "") or "this screen"
        key = self.get_key_display(Binding(event.key, ""))
        elsewhere = ", ".join(f"{what} on {', '.join(where)}" for what, where in uses.items())
        self.notify(f"{key} does nothing on {here}: {elsewhere}.", markup=False, timeout=3)

    # Textual calls key_<name> for a key no binding took: the keys of some screens only
    # (tests/tui/test_promised_keys.py keeps this list whole)
    key_space = key_c = key_t = key_f = key_a = key_e = key_x = key_s = _key_not_here
    key_y = key_upper_y = key_less_than_sign = key_comma = key_greater_than_sign = _key_not_here
    key_full_stop = key_left_square_bracket = key_right_square_bracket = _key_not_here
    key_o = key_upper_o = key_upper_f = key_upper_e = key_vertical_line = _key_not_here
    key_upper_l = key_z = key_upper_z = key_m = _key_not_here
    key_n = key_p = key_r = key_v = key_ctrl_s = key_plus = _key_not_here

    def action_reload(self) -> None:
        """Read the database again on every open screen (after a load elsewhere)."""
        self.refresh_screens()
        self.notify("Reloaded.", markup=False)


def make_app(
    db_path: Path, theme: str | None = None, edit: bool = False, replay: list[Entry] | None = None
) -> CeasefireApp:
    """The app on a database: used by the CLI and by the tests (`replay`: the screens of a
    logged session to open at the start, bottom first)."""
    return CeasefireApp(db_path, theme=theme, edit=edit, replay=replay)


def run(
    db_path: Path,
    mouse: bool = True,
    theme: str | None = None,
    edit: bool = False,
    replay: list[Entry] | None = None,
) -> int:
    from .terminal import watch_for_hangup

    watch_for_hangup()
    app = make_app(db_path, theme=theme, edit=edit, replay=replay)
    app.run(mouse=mouse)
    return app.return_code or 0
