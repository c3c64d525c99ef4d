"""The option grid on screen reads as the data layer does (tests/db/test_option_readings):
each side's current marks only, a divided side said with who, `[` the grid as it stood that
day, and `m` each mark with its date, superseded ones apart (fixtures/test/options.yaml)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from ceasefire_tui.tui.app import make_app
from tests.support.dossiers import ROOT, build_db


@pytest.fixture(scope="module")
def opts_path(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("opts") / "o.db", ROOT / "fixtures" / "test" / "options.yaml")


def _detail_lines(screen) -> list[str]:
    return str(screen.query_one("#detail").render()).splitlines()


def _row(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(label))


async def test_compare_grid_counts_current_marks_and_steps_back_a_day(opts_path):
    from ceasefire_tui.tui.screens.compare import CompareScreen

    app = make_app(opts_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["east", "west"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.pause(screen.FOLLOW_DELAY + 0.2)
        lines = _detail_lines(screen)
        # Hawk's red line (5 Mar) against Dove's acceptance: East divided, both named
        assert _row(lines, "Unarmed observers").split()[2:] == ["±", "divided", "✓", "acceptable"]
        assert "Unarmed observers — East: divided (Dot Dove acceptable, Hal Hawk red line)" in lines
        # West's red line on troops (1 Mar) is superseded by its acceptance (5 Mar)
        assert _row(lines, "Foreign troops").split()[2:] == ["·", "✓", "acceptable"]
        # Hawk's earlier acceptance of a mission is history: East's is Dove's demand alone
        assert _row(lines, "A civilian mission").split()[3:] == ["▲▲", "demanded", "✓", "acceptable"]
        await pilot.press("left_square_bracket")
        await pilot.pause(screen.FOLLOW_DELAY + 0.2)
        assert screen.as_of == "2025-03-02"
        lines = _detail_lines(screen)
        assert _row(lines, "Unarmed observers").split()[2:] == ["✓", "acceptable", "✓", "acceptable"]
        assert _row(lines, "Foreign troops").split()[2:] == ["·", "✗", "red", "line"]
        assert not any("divided" in line for line in lines[:8])
        # m: the marks as of that day too, the day in the title
        await pilot.press("m")
        await pilot.pause()
        title = str(app.screen.query_one("#title-left").render())
        assert "as of 2 Mar 2025" in title
        marks = _option_lines(app.screen)
        assert "  East: ✓ acceptable (Dot Dove)" in marks
        assert not any("earlier, superseded" in line and "Hal Hawk" in line for line in marks)


async def test_m_lists_current_marks_with_dates_and_superseded_ones_apart(opts_path):
    from ceasefire_tui.tui.screens.options import OptionsScreen

    app = make_app(opts_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(OptionsScreen("monitoring", ["east", "west"]))
        await pilot.pause()
        lines = _option_lines(app.screen)
        at = lines.index("Unarmed observers  a side is divided")
        assert lines[at + 1] == "  East: ± divided (Dot Dove acceptable, Hal Hawk red line)"
        assert "    ✗ red line — Hal Hawk, 5 Mar 2025" in lines
        assert "    earlier, superseded: ✓ acceptable — Hal Hawk, 1 Mar 2025" in lines
        # the pundit's prediction is no mark of West's
        assert not any("Pat Pundit" in line for line in lines)
        # [ steps the marks back a day on this screen too, the day in the title
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.screen.as_of == "2025-03-02"
        assert "as of 2 Mar 2025" in str(app.screen.query_one("#title-left").render())
        lines = _option_lines(app.screen)
        assert (
            lines[lines.index("Unarmed observers  every side accepts") + 1]
            == "  East: ✓ acceptable (Dot Dove)"
        )
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.as_of is None and "  East: ✓ acceptable (Dot Dove)" not in _option_lines(app.screen)


def _option_lines(screen) -> list[str]:
    lst = screen.query_one(OptionList)
    return [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]


@pytest.mark.parametrize("n_sides", [1, 2, 4, 6])
def test_the_grid_fits_its_width_and_gives_labels_the_room_left(opts_path, n_sides):
    """At 80 columns (76 inside the detail) a long option label is whole beside two sides,
    and the grid never runs past its width, however many sides."""
    from ceasefire_tui.db.connect import open_reader
    from ceasefire_tui.db.models import IssueOption
    from ceasefire_tui.db.queries import get_issue, option_grid
    from ceasefire_tui.tui.render.options import grid_lines

    conn = open_reader(opts_path)
    grid = option_grid(conn, get_issue(conn, "monitoring"), ["east", "west"])
    conn.close()
    long = IssueOption("monitoring", "troops", "European troops (EU or national flags)")
    grid = grid._replace(options=(*grid.options[:2], long))
    sides = ["east", "west", *(f"side-{k}" for k in range(n_sides - 2))][:n_sides]
    names = {"east": "East", "west": "Alexander Grushko"} | {s: f"Side number {s}" for s in sides[2:]}
    lines = [line.plain for line in grid_lines(grid, names, sides, 76)]
    table = lines[: 1 + len(grid.options)]
    assert all(len(line) <= 76 for line in table)
    if n_sides <= 2:
        assert any(line.startswith("European troops (EU or national flags)") for line in table)
        assert ("Alexander Grushko" in table[0]) == (n_sides == 2)
    else:  # narrower labels, cut where it shows
        assert table[1].startswith("Unarmed obs")
        assert "…" in table[1]
