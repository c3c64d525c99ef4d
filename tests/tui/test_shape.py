"""The shape of a negotiation on screen (issue 17): how each position is sourced, in the
profile, the evidence screen and the single-source view; links both ways and a side's
links view; the options grid; issue families in the matrix."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.links import LinksScreen
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


@pytest.fixture(scope="module")
def both_path(tmp_path_factory):
    from ceasefire_tui.db.bundled import bundled_dossier
    from tests.support.dossiers import ROOT, build_db

    return build_db(
        tmp_path_factory.mktemp("both") / "both.db", bundled_dossier(), ROOT / "tests" / "data" / "march2025"
    )


async def test_the_black_sea_link_shows_both_ways_on_the_evidence_screen(both_path):
    app = make_app(both_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_evidence(["p-m25-kremlin-black-sea"])
        await pilot.pause()
        lines = _lines(app.screen)
        assert any("⇐ only if: Sanctions relief (Kremlin)" in line for line in lines)
        assert any("said in the quotes above" in line for line in lines)
        lst = app.screen.query_one(OptionList)
        link = next(
            i for i in range(lst.option_count) if "⇐ only if" in str(lst.get_option_at_index(i).prompt)
        )
        lst.highlighted = link
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        lines = _lines(app.screen)
        assert any("Lift sanctions on Rosselkhozbank" in line for line in lines)
        assert any("⇒ is the condition of: Black Sea ceasefire (Kremlin)" in line for line in lines)


async def test_the_profile_and_the_links_view_show_a_sides_conditions(both_path):
    app = make_app(both_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.select_actor("kremlin")
        await pilot.pause()
        app.screen.show_profile("kremlin")
        await pilot.pause()
        profile = [str(o.prompt) for o in app.screen.query_one("#profile-list").options]
        assert any("⇐ only if: Sanctions relief (Kremlin)" in line for line in profile)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        lines = _lines(app.screen)
        assert any("Black Sea ceasefire" in line and "⇐ only if: Sanctions relief" in line for line in lines)
        assert not any("↻" in line for line in lines)


async def test_compare_shows_the_options_grid_and_m_opens_each_marks_evidence(both_path):
    from ceasefire_tui.tui.screens.compare import CompareGrid, CompareScreen
    from ceasefire_tui.tui.screens.options import OptionsScreen

    app = make_app(both_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "europe"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        row = next(n for n, r in enumerate(screen.rows) if r.issue.id == "peacekeepers")
        screen.query_one(CompareGrid).move_cursor(row=row)
        await pilot.pause(screen.FOLLOW_DELAY + 0.2)
        detail = str(screen.query_one("#detail").render())
        assert (
            "Room to meet: no side rejects: Unarmed observers, A civilian mission; every side accepts: none"
            in detail
        )
        assert "✗ red line" in detail and "✓ acceptable" in detail
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, OptionsScreen)
        lines = _lines(app.screen)
        # each side's reading of the option, then each current mark with who made it
        at = lines.index("  Russia: ✓ acceptable (Alexander Grushko)")
        assert lines[at + 1] == "    ✓ acceptable — Alexander Grushko, 17 Mar 2025"
        assert any("We can discuss deploying unarmed observers" in line for line in lines)
        assert any("European troops (EU or national flags)  rejected by a side" in line for line in lines)


async def test_an_issue_family_folds_and_unfolds_in_the_matrix_and_shows_divergence(both_path):
    from ceasefire_tui.tui.screens.issues import IssuesScreen, Matrix

    app = make_app(both_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        ids = [i.id for i in screen.issues]
        at = ids.index("ceasefire-30-day")
        assert ids[at + 1 : at + 3] == ["energy-pause", "black-sea"]  # unfolded, under it
        grid = screen.query_one(Matrix)
        title = str(grid.get_row_at(at)[0])
        assert title.startswith("▾ 30-day ceasefire")
        assert str(grid.get_row_at(at + 1)[0]).startswith("  Pause on energy strikes")
        russia = [c.key.value for c in grid.columns.values()].index("russia")
        assert str(grid.get_row_at(at)[russia]).endswith("≠")  # -1 here, +1 on the partial truces
        grid.move_cursor(row=at)
        await pilot.pause(screen.FOLLOW_DELAY + 0.2)
        detail = str(screen.query_one("#issue-detail").render())
        assert (
            "≠ Russia: ▼  opposes; ▲  supports on Pause on energy strikes; ▲  supports on Black Sea ceasefire"
            in detail
        )
        await pilot.press("z")
        await pilot.pause()
        ids = [i.id for i in screen.issues]
        assert "energy-pause" not in ids and "black-sea" not in ids
        assert str(grid.get_row_at(ids.index("ceasefire-30-day"))[0]).startswith("▸2 30-day ceasefire")
        await pilot.press("z")
        await pilot.pause()
        assert [i.id for i in screen.issues][at + 1 : at + 3] == ["energy-pause", "black-sea"]
        await pilot.press("Z")
        await pilot.pause()
        assert "black-sea" not in [i.id for i in screen.issues]


def test_dossier_text_in_the_grid_and_links_is_shown_literally():
    from ceasefire_tui.db.models import Issue, IssueOption, Link, OptionGrid, OptionMark, Position
    from ceasefire_tui.tui.render.options import grid_lines
    from ceasefire_tui.tui.render.prompts import link_line

    label = "[bold red]x[/] \x1b[2J\u202eevil"
    grid = OptionGrid(
        Issue("i", "I", "Q?"),
        (IssueOption("i", "o", label),),
        {("s", "o"): (OptionMark("p", "s", "S", "o", "red_line", ("q",)),)},
        (),
        (),
    )
    text = "\n".join(line.plain for line in grid_lines(grid, {"s": "[b]S[/b]"}, ["s"], 80))
    assert "[bold red]x[/]" in text and "[b]S[/b]" in text
    assert "\x1b" not in text and "\u202e" not in text
    other = Position("p2", "a", "[i]A\x07[/i]", "i2", "Issue\x1b]52;c;x\x07", 1, "demand", "s")
    line = link_line(Link("p", "conditional_on", "out", other)).plain
    assert "[i]A" in line and "\x1b" not in line and "\x07" not in line


async def test_compare_lays_out_a_family_and_folds_it(both_path):
    from ceasefire_tui.tui.screens.compare import CompareGrid

    app = make_app(both_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        screen = app.screen
        ids = [r.issue.id for r in screen.rows]
        at = ids.index("ceasefire-30-day")
        assert ids[at + 1 : at + 3] == ["energy-pause", "black-sea"]
        grid = screen.query_one(CompareGrid)
        grid.ensure_rows(at + 3)
        assert str(grid.get_row_at(at)[0]).startswith("▾ 30-day ceasefire")
        assert str(grid.get_row_at(at + 2)[0]).startswith(
            "  Black Sea cease"
        )  # cut to the column, after its indent
        assert str(grid.get_row_at(at)[2]).startswith("≠")  # Russia: -1 here, +1 on both members
        assert not str(grid.get_row_at(at)[3]).startswith("≠")  # Ukraine: +1 here and on the pause
        grid.move_cursor(row=at + 1)
        await pilot.press("z")
        await pilot.pause()
        ids = [r.issue.id for r in screen.rows]
        assert "energy-pause" not in ids and "black-sea" not in ids
        assert str(grid.get_row_at(ids.index("ceasefire-30-day"))[0]).startswith("▸2 30-day ceasefire")
        await pilot.press("z")
        await pilot.pause()
        assert "black-sea" in [r.issue.id for r in screen.rows]
