"""Issue 18's promised keys: each key the app promises does what it says, also when it is
typed ahead in one burst (as over SSH), and says so when it does not apply."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import TextArea

from ceasefire_tui.db import queries
from ceasefire_tui.tui.app import CeasefireApp
from ceasefire_tui.tui.keys import all_bindings
from ceasefire_tui.tui.ptyrun import time_to_marker
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.issues import IssuesScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen
from ceasefire_tui.tui.screens.search import SearchScreen
from ceasefire_tui.tui.screens.source import SourceScreen
from ceasefire_tui.tui.widgets.actor_list import ActorList
from tests.tui.test_flows import goto_actor
from tests.tui.test_terminal import EXE, FRAME
from tests.tui.test_typing import NAMED

#: The burst's keys by what they type, enter too.
KEYS = {**NAMED, "\r": ("enter", "\r")}


def title_text(app) -> str:
    return str(app.screen.query_one("#title-left").render())


def burst(app, keys: str) -> None:
    """Post every key at once, as the terminal driver does with a burst of input."""
    for char in keys:
        app.post_message(events.Key(*KEYS.get(char, (char, char))))


async def test_enter_typed_ahead_in_the_palette_opens_the_first_match(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "\x10putin\r")  # ctrl+p, a name, enter: one burst, before any match
        for _ in range(40):
            await pilot.pause(0.05)
            if not CommandPalette.is_open(app):
                break
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert isinstance(app.screen, ActorsScreen)
        assert app.screen.query_one(ActorList).highlighted_id == "putin"


async def test_enter_typed_ahead_in_search_opens_the_first_result(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "/nato\r")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, QuoteScreen):
                break
        assert isinstance(app.screen, QuoteScreen)
        assert [type(s) for s in app.screen_stack] == [ActorsScreen, SearchScreen, QuoteScreen]


@pytest.fixture
def terminal_env(tmp_path, seed_db_path):
    return {
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "CEASEFIRE_TUI_DB": str(seed_db_path),
        "NO_COLOR": "1",
    }


@pytest.mark.parametrize(
    "keys, shown",
    [
        (b"\x10putin\r", b"Putin, President Putin"),  # Putin's profile: his aliases
        (b"/nato\r", b"Backs these positions"),  # a quote, opened
    ],
    ids=["palette", "search"],
)
def test_enter_typed_ahead_in_one_burst_on_a_real_terminal(terminal_env, keys, shown):
    """The keys written to the terminal at once, as a burst over SSH arrives: the enter
    behind the text opens its first match once the matches are in."""
    out = bytearray()
    seen = {}

    def typed(write, read_for, proc, master):
        read_for(0.3)
        start = len(out)
        write(keys)
        deadline = time.monotonic() + 10
        while shown not in out[start:] and time.monotonic() < deadline:
            read_for(0.1)
        seen["after"] = bytes(out[start:])

    time_to_marker([EXE], FRAME, env=terminal_env, after=typed, record=out)
    assert shown in seen["after"]
    assert b"Traceback" not in out


async def test_vim_keys_move_in_the_source_view_as_the_arrows_do(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(queries.search(app.store.conn, "ironclad")[0].quote_id)
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, SourceScreen)
        area = app.screen.query_one(TextArea)
        start = area.cursor_location
        await pilot.press("down")
        below = area.cursor_location
        await pilot.press("up")
        assert below != start
        moved_back = area.cursor_location
        await pilot.press("j")
        assert area.cursor_location == below
        await pilot.press("k")
        assert area.cursor_location == moved_back
        await pilot.press("G")
        assert area.cursor_location == area.document.end
        await pilot.press("g")
        assert area.cursor_location == (0, 0)
        assert area.text == area.document.text and isinstance(app.screen, SourceScreen)  # no edit


async def test_c_with_one_marked_compares_it_with_the_one_under_the_cursor(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        await pilot.press("space")  # marks Putin, the cursor moves on
        other = app.screen.query_one(ActorList).highlighted_id
        assert app.marked == ["putin"] and other not in (None, "putin")
        await pilot.press("c")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.actor_ids == ["putin", other]


async def test_picking_the_actor_being_compared_itself_says_so_and_keeps_picking(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        await pilot.press("c")  # nothing marked: compare Putin with the next one picked
        screen = app.screen
        assert isinstance(screen, ActorsScreen) and screen.picking == "putin"
        await pilot.press("enter")  # on Putin himself
        await pilot.pause()
        assert screen.picking == "putin"
        assert isinstance(app.focused, ActorList)  # not the profile, whose enter opens evidence
        assert "pick an actor to compare with" in title_text(app)
        said = [str(n.message) for n in app._notifications]
        assert said and "Vladimir Putin is the one being compared: pick another" in said[-1]
        await pilot.press("enter")  # again: still picking, nothing opened
        assert app.screen is screen and screen.picking == "putin"
        await goto_actor(pilot, "zelenskiy")
        await pilot.press("enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.actor_ids == ["putin", "zelenskiy"]


async def test_the_same_actor_marked_and_picked_with_c_asks_for_another(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        await pilot.press("space", "k", "c")  # Putin marked, the cursor back on him
        screen = app.screen
        assert isinstance(screen, ActorsScreen) and screen.picking == "putin"
        await pilot.press("c")
        assert app.screen is screen and screen.picking == "putin"
        assert "pick another" in str(list(app._notifications)[-1].message)


async def test_filter_pressed_three_times_shows_one_message_not_three(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("f", "f", "f")
        await pilot.pause(0.2)
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("Filter: shared")  # what the rack shows
        app.notify("a warning", severity="warning")
        await pilot.press("f")
        await pilot.pause(0.2)
        assert [n.severity for n in app._notifications] == ["warning", "information"]


async def test_keys_of_other_screens_say_where_they_work_on_the_issues_matrix(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, IssuesScreen)
        for key, says in [
            ("y", "y does nothing on Issues: Copy citation on Evidence, Quote"),
            ("s", "s does nothing on Issues: Source on Quote"),
            ("x", "x does nothing on Issues: Remove actor on Compare"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert len(said) == 1 and said[0].startswith(says), said
        assert isinstance(app.screen, IssuesScreen)


def test_every_key_of_a_screen_says_so_where_it_does_nothing():
    """Keys bound on some screens but not others: pressed where they do nothing, they say
    where they work (moves, enter, escape, q and tab are everywhere or self-evident)."""
    every = all_bindings(CeasefireApp)
    everywhere = {"escape", "q", "tab", "enter", "down", "up", "l", "h", "left", "right"}  # moves
    everywhere |= {
        k.strip() for b in every if b.where in ("CeasefireApp", "BaseScreen") for k in b.keys.split(",")
    }
    screen_keys = {k.strip() for b in every if b.where != "CeasefireApp" for k in b.keys.split(",")}
    for key in sorted(screen_keys - everywhere):
        name = events.Key(key, None).name
        assert callable(getattr(CeasefireApp, f"key_{name}", None)), key


@pytest.mark.parametrize("words, says", [("Izvestia", "1 match;"), ("ironclad", "3 matches, best first")])
async def test_search_counts_its_matches_in_words_that_agree(app, words, says):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *words)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#search-status").render())
        assert status.startswith(says), status
