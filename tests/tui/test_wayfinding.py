"""Issue 18, item 3: where am I, and back: the trail of screens in the title bar, palette
jumps that keep the stack, tab and numbered panes."""

from __future__ import annotations

from textual.widgets import DataTable

from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.widgets.actor_list import ActorList
from ceasefire_tui.tui.widgets.bars import TRAIL_WIDTH, breadcrumbs


def title(app) -> str:
    return str(app.screen.query_one("#title-left").render())


def test_breadcrumbs_shorten_from_the_left():
    assert breadcrumbs([]) == ""
    assert breadcrumbs(["Actors", "Compare"]) == "Actors › Compare › "
    long = breadcrumbs(["Actors", "Compare", "Evidence", "Quote", "Issue", "Evidence"], width=30)
    assert long.startswith("… › ") and long.endswith("Issue › Evidence › ") and len(long) <= 30


async def test_the_trail_is_in_the_title_and_fits_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        assert title(app).startswith("Actors › Compare · ")
        await pilot.press("l", "l", "enter")
        assert isinstance(app.screen, EvidenceScreen)
        assert title(app).startswith("Actors › Compare › Evidence")
        await pilot.press("enter")  # a quote
        await pilot.pause()
        assert title(app).startswith("Actors › Compare › Evidence › Quote")
        app.open_issue("territory")  # deeper: an issue, a quote again
        await pilot.pause()
        app.open_quote(app.screen_stack[-2].quote_id)
        await pilot.pause()
        # the trail fits the bar: the nearest screens kept, the first dropped for …
        assert len(app.screen_stack) > 5
        trail = title(app).split(" · ")[0]
        assert trail.startswith("… › ") and trail.endswith("Quote")
        assert len(trail) <= TRAIL_WIDTH + len("Quote")


async def test_a_palette_jump_to_an_actor_keeps_the_stack(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("ctrl+p", *"grushko")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        assert app.screen.query_one(ActorList).highlighted_id == "grushko"
        assert [type(s) for s in app.screen_stack] == [ActorsScreen, CompareScreen, ActorsScreen]
        assert title(app).startswith("Actors › Compare › Actors")
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)  # back to where the jump was made
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_numbered_panes_and_tab(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        screen = app.screen
        grid = screen.query_one(DataTable)
        detail = screen.query_one("#detail-scroll")
        assert app.focused is grid
        assert str(grid.border_title).startswith("1") and str(detail.border_title).startswith("2")
        await pilot.press("2")
        assert app.focused is detail
        await pilot.press("1")
        assert app.focused is grid
        await pilot.press("tab")
        assert app.focused is detail
        # on the Actors screen: 1 the list, 2 the profile
        await pilot.press("escape")
        await pilot.press("2")
        assert app.focused.id == "profile-list"
        await pilot.press("1")
        assert isinstance(app.focused, ActorList)
