"""Issue 18's legibility: what is cut says so, news does not pile up, colour is never the
only sign, and NO_COLOR means no colour at all (attributes only)."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from ceasefire_tui.db import queries
from ceasefire_tui.tui.ptyrun import time_to_marker
from ceasefire_tui.tui.render.cells import cut, distinct_cuts
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.search import SearchScreen
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


def _screens(app):
    """One of every screen with a footer, as a user reaches it."""
    from ceasefire_tui.tui.screens.changes import ChangesScreen
    from ceasefire_tui.tui.screens.compare import CompareScreen
    from ceasefire_tui.tui.screens.evidence import EvidenceScreen
    from ceasefire_tui.tui.screens.issues import IssueScreen, IssuesScreen
    from ceasefire_tui.tui.screens.positions import ActorPositionsScreen
    from ceasefire_tui.tui.screens.quote import QuoteScreen
    from ceasefire_tui.tui.screens.source import SourceScreen
    from ceasefire_tui.tui.screens.timeline import TimelineScreen
    from ceasefire_tui.tui.screens.unsure import UnsureScreen

    conn = app.store.conn
    quote = queries.search(conn, "ironclad")[0]
    position = queries.actor_positions(conn, "putin", limit=1)[0]
    return [
        CompareScreen(["russia", "ukraine"]),
        CompareScreen(["russia", "ukraine", "europe", "united-states"]),
        IssuesScreen(),
        IssueScreen(position.issue),
        EvidenceScreen([position.id]),
        QuoteScreen(quote.quote_id),
        SourceScreen(queries.quotes_by_id(conn, [quote.quote_id])[0]),
        SearchScreen(),
        TimelineScreen("putin"),
        ChangesScreen(),
        UnsureScreen(),
        ActorPositionsScreen("putin"),
    ]


async def test_every_footer_fits_80_columns(app):
    """Every key a footer shows is whole on screen at 80x24, beside the palette's key
    (the footer scrolled the rest out of sight: Compare's ended at 'e Brief', hiding ?)."""
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cut = {}
        for screen in [None, *_screens(app)]:
            if screen is not None:
                await app.push_screen(screen)
                await pilot.pause()
            keys = list(app.screen.query(FooterKey))
            palette = [k for k in keys if k.has_class("-command-palette")]
            edge = palette[0].region.x if palette else 80
            hidden = [
                f"{k.key_display} {k.description}" for k in keys if k.region.right > edge and k not in palette
            ]
            if hidden:
                cut[type(app.screen).__name__] = hidden
            # ? types itself in the search box; everywhere else it is in the footer
            assert any(k.description == "Help" for k in keys) or isinstance(app.screen, SearchScreen)
            if screen is not None:
                await app.pop_screen()
        assert not cut, cut


@pytest.mark.parametrize(
    "size, actors", [((80, 24), ["russia", "ukraine", "europe"]), ((120, 40), ["russia", "ukraine"])]
)
async def test_compare_cuts_say_so_and_keep_issues_apart(app, size, actors):
    from textual.widgets import DataTable

    from ceasefire_tui.tui.screens.compare import CompareScreen

    async with app.run_test(size=size) as pilot:
        app.open_compare(actors)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        grid = screen.query_one(DataTable)
        grid.ensure_rows(len(screen.rows))
        issue_w = grid.columns[grid.coordinate_to_cell_key((0, 0))[1]].width
        titles = [str(grid.get_row_at(r)[0]) for r in range(grid.row_count)]
        assert all(len(t) <= issue_w for t in titles), titles
        assert len(set(titles)) == len(titles), titles  # no two rows read alike
        for shown, row in zip(titles, screen.rows, strict=True):
            full = row.issue.title
            assert shown == full or ("…" in shown and len(full) > issue_w), (shown, full)
        summaries = 0
        for r in range(len(screen.rows)):
            for cell, shown in zip(screen.led(r).cells, grid.get_row_at(r)[2:], strict=True):
                text = str(shown)
                if " — " not in text:
                    continue
                summaries += 1
                part = text.split(" — ", 1)[1]
                summary = cell.lead.position.summary
                if part != summary:  # cut, and says so
                    assert part.endswith("…") and summary.startswith(part[:-1].rstrip()), (part, summary)
        if size[0] >= 120:
            assert summaries


@pytest.mark.parametrize(
    "text, width, shown",
    [
        ("Ready to deploy peacekeepers", 40, "Ready to deploy peacekeepers"),
        ("Ready to deploy peacekeepers", 20, "Ready to deploy…"),
        ("Ready to deploy peacekeepers", 16, "Ready to deploy…"),
        ("Ready, to deploy", 8, "Ready…"),
        ("Unbreakableword here", 8, "Unbreak…"),
        ("Ukraine's neutrality", 19, "Ukraine's neutrali…"),
    ],
)
def test_a_cut_ends_at_a_word_with_an_ellipsis(text, width, shown):
    assert cut(text, width) == shown and len(shown) <= width


def test_titles_that_would_read_alike_keep_their_ends():
    titles = ["Security guarantees for Russia", "Security guarantees for Ukraine", "Sanctions relief"]
    assert distinct_cuts(titles, 20) == ["Security…for Russia", "Security…for Ukraine", "Sanctions relief"]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_search_status_wraps_whole_rather_than_cut(app, size):
    """Found counting keystrokes: 'No matches. Words are matched whole, except the last from
    three letters (a' was cut at 80 columns with no sign; the status line wraps instead."""
    from ceasefire_tui.tui.screens.search import SYNTAX

    async with app.run_test(size=size) as pilot:
        await pilot.press("/", *"zzqxv")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        status = app.screen.query_one("#search-status")
        shown = " ".join(
            "".join(seg.text for seg in line).strip()
            for line in status.render_lines(status.region.reset_offset)
        )
        assert " ".join(shown.split()).endswith(" ".join(SYNTAX.split()[-4:])), shown
        assert status.region.height >= 2 and app.screen.query_one("#search-results").region.height >= 5


async def test_wrapped_lines_hang_on_the_issue_screen(app):
    """Found counting keystrokes: '[2' then 'quotes]' at the left edge, under the actors."""
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_issue("nato-membership")
        await pilot.pause()
        lines = [line.rstrip() for line in shown_lines(app.screen.query_one("#positions-list"))]
        held = [line for line in lines if line.strip()]
        body = [line for line in held if line[0] not in "▲▼◆·?"]
        assert len(body) >= 4, lines
        assert all(line.startswith("  ") for line in body), lines
