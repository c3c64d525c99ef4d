"""Issue 18's legibility: what is cut says so, news does not pile up, colour is never the
only sign, and NO_COLOR means no colour at all (attributes only)."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from ceasefire_tui.db import queries
from ceasefire_tui.tui.ptyrun import time_to_marker
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from tests.tui.test_flows import goto_actor
from tests.tui.test_terminal import EXE, FRAME

#: SGR parameters that set a colour: 30-39 and 40-49 (the standard colours and their
#: defaults), 90-97 and 100-107 (the bright ones: 90 is the grey that reads as disabled).
COLOUR = set(range(30, 50)) | set(range(90, 98)) | set(range(100, 108))


def sgr_parameters(out: bytes) -> set[int]:
    """Every SGR parameter written, 38;5;n and 48;2;r;g;b read as their first number."""
    found = set()
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", out):
        for p in params.replace(b":", b";").split(b";"):
            if p:
                found.add(int(p))
    return found


@pytest.fixture
def env(tmp_path, seed_db_path):
    return {
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "CEASEFIRE_TUI_DB": str(seed_db_path),
        "NO_COLOR": "1",
    }


def test_no_color_writes_attributes_only(env):
    """With NO_COLOR the app writes no colour (no grey for 'rejects', no dim): bold,
    reverse, underline and italic carry what colour would; Actors, the matrix, Compare."""
    out = bytearray()

    def browse(write, read_for, proc, master):
        read_for(0.5)
        # the matrix, back, Russia compared with Ukraine
        for keys in (b"i", b"q", b"jjjjjc", b"jjjj\r"):
            write(keys)
            read_for(0.8)

    time_to_marker([EXE], FRAME, env=env, after=browse, record=out)
    assert b"rejects" in out and b"Compare" in out
    written = sgr_parameters(bytes(out))
    assert not written & COLOUR, sorted(written & COLOUR)
    assert 2 not in written  # dim: low contrast, read as disabled
    assert 7 in written and 1 in written  # the cursor in reverse; bold headings


def shown_lines(widget) -> list[str]:
    """The widget's lines as painted, inside its border."""
    lines = [strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]
    return [line[1:-1] for line in lines[1:-1]]


async def test_wrapped_lines_hang_in_the_profile(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        await pilot.pause()
        lines = [line.rstrip() for line in shown_lines(app.screen.query_one("#profile-list"))]
        body = [line for line in lines if line and line[0] not in "▲▼◆·?0123456789PQ"]
        assert body, lines
        assert all(line.startswith(" ") for line in body), lines


async def test_focus_entering_a_list_highlights_its_first_row(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        profile = app.screen.query_one("#profile-list", OptionList)
        assert profile.highlighted is None  # the actor list has the keyboard
        await pilot.press("enter")
        assert app.focused is profile
        first = profile.get_option_at_index(profile.highlighted or 0)
        assert profile.highlighted is not None and not first.disabled
        assert first.id and first.id.startswith("pos:")
        await pilot.press("enter")
        assert isinstance(app.screen, EvidenceScreen)


async def test_the_quotes_positions_sit_under_their_heading(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(queries.search(app.store.conn, "ironclad")[0].quote_id)
        await pilot.pause()
        screen = app.screen
        (heading,) = [h for h in screen.query(".heading") if "Backs these positions" in str(h.render())]
        positions = screen.query_one("#quote-positions")
        assert heading.region.height == 1 and positions.region.height > 2
        assert positions.region.y == heading.region.bottom  # right under it, on screen
