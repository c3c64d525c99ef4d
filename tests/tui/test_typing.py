"""Keys typed in a burst (typing ahead over SSH, a fast typist) keep their order and reach
the box they were typed for; the actor picker stays quick with thousands of actors."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, OptionList

from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.search import SearchScreen

#: Keys by what they type: (key name, character).
NAMED = {"/": ("slash", "/"), " ": ("space", " "), "\b": ("backspace", None),
         "←": ("left", None)}


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
