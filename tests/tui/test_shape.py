"""The shape of a negotiation on screen (issue 17): how each position is sourced, in the
profile, the evidence screen and the single-source view."""

from __future__ import annotations

from textual.widgets import OptionList

from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.positions import SingleSourcePositionsScreen


def _lines(screen) -> list[str]:
    lst = screen.query_one(OptionList)
    return [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]


async def test_the_single_source_view_lists_one_outlet_positions_from_the_palette(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"single-source")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SingleSourcePositionsScreen)
        lines = _lines(app.screen)
        # the bundled dossier is one Reuters report: every position rests on it alone
        head = str(app.screen.query_one("#positions-head").render())
        assert "36 positions rest on a single outlet" in head
        assert lines and all("1 outlet" in line for line in lines)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert any("single source: Reuters" in line for line in _lines(app.screen))
