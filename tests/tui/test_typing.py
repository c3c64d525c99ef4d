"""Keys typed in a burst (typing ahead over SSH, a fast typist) keep their order and reach
the box they were typed for; the actor picker and the palette stay quick with thousands
of actors (they list the best matches, not every one)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from textual import events
from textual.command import CommandInput, CommandList
from textual.widgets import Input, OptionList

from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.commands import BEST
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.modals.picker import SHOWN, ActorPicker
from ceasefire_tui.tui.screens.search import SearchScreen
from ceasefire_tui.tui.widgets.actor_list import ActorList
from tests.support.dossiers import build_db
from tests.support.screens import option_texts

#: Keys by what they type: (key name, character).
NAMED = {
    "\x10": ("ctrl+p", None),
    "/": ("slash", "/"),
    " ": ("space", " "),
    "\b": ("backspace", None),
    "←": ("left", None),
}


def burst(app, keys: str) -> None:
    """Post every key at once, as the terminal driver does with a burst of input: nothing
    waits for one key to be handled before the next arrives."""
    for char in keys:
        app.post_message(events.Key(*NAMED.get(char, (char, char))))


async def test_editing_keys_run_in_the_order_typed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one(Input)
        burst(app, "ba\bc")
        await pilot.pause()
        assert box.value == "bc"  # not "ba": the backspace came before the c
        burst(app, "\b\b\bthe peace←←←←←\bX")
        await pilot.pause()
        assert box.value == "theXpeace"


async def test_keys_typed_right_after_slash_go_into_the_search_box(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "/russia")  # 'u' and 'i' are keys of their own on the Actors screen
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, SearchScreen)
        assert [type(s) for s in app.screen_stack] == [ActorsScreen, SearchScreen]
        assert app.screen.query_one(Input).value == "russia"


async def test_a_name_typed_right_after_ctrl_p_goes_into_the_palette_in_order(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "\x10grushkx\bo")  # ctrl+p, then a typo mended at once
        await pilot.pause(0.4)
        box = app.screen.query_one(CommandInput)
        assert box.value == "grushko"
        # the palette's matches come from a worker: an enter typed before they exist is
        # issue 18's typed-ahead enter; this test is about the letters arriving in order
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ActorList).highlighted_id == "grushko"


async def test_slash_in_a_box_is_typed_and_from_the_results_goes_back_to_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"u/n")
        box = app.screen.query_one(Input)
        assert box.value == "u/n"
        await pilot.press(*["backspace"] * 3, *"russia")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("slash")
        assert app.focused is box and box.value == "russia"
        assert len(app.screen_stack) == 2


async def test_a_name_typed_right_after_a_goes_into_the_picker(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        burst(app, "aeurope")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "europe"
        await pilot.press("enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.actor_ids == ["russia", "ukraine", "europe"]


@pytest.fixture(scope="module")
def crowd_db_path(tmp_path_factory):
    """A bloc of many members: more actors than the picker lists at once."""
    folder = tmp_path_factory.mktemp("crowd")
    actors = [{"id": "bloc", "name": "Bloc", "kind": "coalition"}]
    actors += [
        {"id": f"m{n:03d}", "name": f"Member {n:03d}", "kind": "person", "parent": "bloc"}
        for n in range(SHOWN + 50)
    ]
    (folder / "crowd.json").write_text(json.dumps({"actors": actors}), encoding="utf-8")
    return build_db(folder / "crowd.db", folder / "crowd.json")


async def test_picker_lists_the_first_matches_and_says_how_many_more(crowd_db_path):
    app = make_app(crowd_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["bloc", "m000"])
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        burst(app, "amember 1")  # 'a' opens the picker; the name typed at once follows it
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ActorPicker)
        assert picker.query_one(Input).value == "member 1"
        texts = option_texts(picker.query_one(OptionList))
        # "member 1" matches Member 100 .. 149 (50 of them), all shown
        assert len(texts) == 50 and all("Member 1" in t for t in texts)
        await pilot.press(*["backspace"] * 8)
        texts = option_texts(picker.query_one(OptionList))
        assert len(texts) == SHOWN + 1
        # every actor but the two compared already: SHOWN listed, the rest counted
        others = 1 + SHOWN + 50 - 2
        assert texts[-1].strip() == f"… {others - SHOWN} more: type more of the name"
        await pilot.press(*"member 149", "enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.actor_ids == ["bloc", "m000", "m149"]


async def test_palette_gives_the_best_matches_not_every_one(crowd_db_path):
    app = make_app(crowd_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"member")
        await pilot.pause(0.4)
        hits = app.screen.query_one(CommandList)
        assert hits.option_count == BEST  # of 150 members matching
        await pilot.press(*" 149")
        await pilot.pause(0.4)
        assert "Member 149" in str(hits.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        assert app.screen.query_one(ActorList).highlighted_id == "m149"


async def test_palette_finds_an_actor_by_alias_and_says_which(app):
    """The palette's candidates come from the name index: an alias the label does not hold
    ("Kiev" for Ukraine) still finds the actor, and the hit names the alias."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"kiev")
        await pilot.pause(0.4)
        hits = app.screen.query_one(CommandList)
        assert "Ukraine (Kiev)" in str(hits.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        assert app.screen.query_one(ActorList).highlighted_id == "ukraine"


def test_palette_box_is_patched_as_soon_as_the_app_is_imported():
    """The palette can be the first box a user opens: its keys in order and its text
    cleaned do not wait for a screen that imports the safe box."""
    code = (
        "from textual.command import CommandInput\n"
        "import ceasefire_tui.tui.app\n"
        "assert CommandInput._on_key.__name__ == '_on_key_in_order'\n"
        "assert '\\x1b' not in CommandInput.validate_value(None, 'a\\x1b[31mb')\n"
        "import sys; assert 'ceasefire_tui.tui.screens.search' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_slash_does_not_open_search_over_a_modal(app):
    """`/` is a priority key (it must beat the keys typed behind it), and priority keys
    reach past modals: help, an error, the picker keep it out."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark", "slash")
        assert [type(s).__name__ for s in app.screen_stack] == ["ActorsScreen", "HelpScreen"]
        await pilot.press("escape")
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("a", "down", "slash")  # the picker, its list focused
        assert isinstance(app.screen, ActorPicker)
