"""Stances through time in the app (issue 13): Compare and the matrix as of a day (`[` `]`),
the timeline with its chart (`t`), what changed (`w`); on fixtures/test/timed.yaml."""

from __future__ import annotations

import pytest

from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.screens.changes import ChangesScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.dated import step_day
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.issues import IssuesScreen
from ceasefire_tui.tui.screens.timeline import TimelineScreen
from tests.support.dossiers import ROOT, build_db
from tests.support.screens import option_texts, screen_text

TIMED = ROOT / "fixtures" / "test" / "timed.yaml"


@pytest.fixture(scope="module")
def timed_db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("through-time") / "timed.db", TIMED)


@pytest.fixture
def app(timed_db):
    return make_app(timed_db)


def title(app) -> str:
    """The title bar's line as painted."""
    return screen_text(app).splitlines()[0]


def test_step_day_walks_the_change_dates_and_now_is_the_last():
    dates = ["2025-03-13", "2025-03-18", "2025-03-20"]
    assert step_day(dates, None, -1) == "2025-03-18"
    assert step_day(dates, "2025-03-18", -1) == "2025-03-13"
    assert step_day(dates, "2025-03-13", -1) == "2025-03-13"  # the earliest stays
    assert step_day(dates, "2025-03-13", 1) == "2025-03-18"
    assert step_day(dates, "2025-03-18", 1) is None  # the last date is now
    assert step_day(dates, None, 1) is None
    assert step_day(dates, "2025-03-15", 1) == "2025-03-18"  # a day between dates
    assert step_day([], None, -1) is None


async def test_compare_steps_back_through_the_days_with_the_day_on_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["leader", "hawk"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "current" in title(app)
        assert "was ▲" in screen_text(app)  # the leader changed: rejects now, was supports
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.as_of == "2025-03-13" and "as of 13 Mar 2025" in title(app)
        row = screen.comparison.rows[0]
        assert row.issue.id == "truce" and row.relation == "conflict"
        assert [c.stance for c in row.cells] == [1, -2]
        await pilot.press("left_square_bracket")  # already the earliest: stays, says so
        await pilot.pause()
        assert screen.as_of == "2025-03-13"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.as_of is None and "current" in title(app)
        assert [c.stance for c in screen.comparison.rows[0].cells] == [-2, -2]


async def test_the_matrix_as_of_a_day(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        sides = [a.id for a in screen.columns]
        blue = sides.index("blue")
        truce = screen.issues.index(next(i for i in screen.issues if i.id == "truce"))
        assert screen.row_at(truce).cells[blue].divided  # Dove's 20 Mar demand divides Blue
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.as_of == "2025-03-18" and "as of 18 Mar 2025" in title(app)
        cell = screen.row_at(truce).cells[blue]
        assert (cell.stance, cell.divided) == (-2, False)


async def test_timeline_lists_changes_charts_the_issue_and_opens_evidence(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_timeline("green", "truce")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        text = screen_text(app)
        assert "changed from supports +1 (13 Mar)" in text
        assert "each side through time" in text and "18 Mar" in text and "▼▼*" in text
        lines = option_texts(screen.query_one("#timeline-list"))
        assert lines.index(next(t for t in lines if "13 Mar 2025" in t)) < lines.index(
            next(t for t in lines if "18 Mar 2025" in t)
        )
        await pilot.press("f")  # this issue only
        await pilot.pause(0.2)
        assert {s.stated.position.issue for s in screen.steps} == {"truce"}
        await pilot.press("left_square_bracket")  # as it stood on 13 Mar: the refusal is not yet
        await pilot.pause(0.2)
        assert [s.stated.position.id for s in screen.steps] == ["p-leader-yes"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert "Yes, we are for it, but there are nuances." in screen_text(app)


async def test_t_on_the_actors_screen_opens_the_timeline(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TimelineScreen)


async def test_what_changed_by_load_and_since_a_day(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        assert "the first: nothing before it to compare" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.since == "2025-03-18" and "since 18 Mar 2025" in title(app)
        text = screen_text(app)
        assert "Blue / Green: agreement → partial (as of 20 Mar)" in text
        assert "Dot Dove: insists +2" in text
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.since == "2025-03-13"
        assert "Lea Der: supports +1 → rejects -2" in screen_text(app)
        # enter on a flip compares the two sides
        lst = screen.query_one("#changes-list")
        lst.highlighted = next(n for n, t in enumerate(option_texts(lst)) if "Blue / Green" in t)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and app.screen.actor_ids == ["blue", "green"]
        await pilot.press("escape", "l")
        await pilot.pause()
        assert screen.since is None and "in the latest load" in title(app)


async def test_one_issue_keeps_assessments_apart_and_says_which_positions_were_replaced(app):
    from ceasefire_tui.tui.widgets.lists import PagedOptionList

    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("outlook")
        await pilot.pause()
        texts = option_texts(app.screen.query_one(PagedOptionList))
        assert texts[0].startswith("Assessments: predictions and judgements, not stances")
        assert not any(t.startswith(("▲", "▼", "◆")) for t in texts)  # no stance heading
        predicted = next(t for t in texts if "Predicts a deal" in t)
        assert "earlier: replaced by a later one" in predicted and "13 Mar 2025" in predicted
        assert "earlier" not in next(t for t in texts if "Says talks will fail" in t)
        app.open_issue("truce")
        await pilot.pause()
        texts = option_texts(app.screen.query_one(PagedOptionList))
        assert not any(t.startswith("Assessments") for t in texts)
        assert "earlier" in next(t for t in texts if "For it with nuances" in t)
