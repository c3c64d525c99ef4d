"""The option grid and the room to meet read as stances are (issue 17 on issue 13's
time): only each actor's current position's marks count, as of any day, and a side whose
members mark an option both ways is divided, each named. On a purpose-built dossier
(fixtures/test/options.yaml: a unit test, not evidence)."""

from __future__ import annotations

import pytest

from ceasefire_tui.db import analysis, queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.db.models import OptionMark
from tests.support.dossiers import ROOT, build_db

OPTIONS = ROOT / "fixtures" / "test" / "options.yaml"


@pytest.fixture(scope="module")
def opts(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("options") / "options.db", OPTIONS)
    conn = open_reader(path)
    yield conn
    conn.close()


def grid(conn, sides, as_of=None):
    return queries.option_grid(conn, queries.get_issue(conn, "monitoring"), sides, as_of)


def read(g, side, option):
    r = g.readings.get((side, option))
    return None if r is None else r.mark


def test_a_later_red_line_supersedes_an_earlier_acceptance(opts):
    """Hawk accepted observers on 1 March and drew a red line on 5 March: ✗ now, ✓ as of
    the 3rd; his column holds his current mark only, the earlier one kept as history."""
    now = grid(opts, ["hawk"])
    assert read(now, "hawk", "observers") == "red_line"
    assert [m.position for m in now.marks[("hawk", "observers")]] == ["p-hawk-5"]
    assert [(m.position, m.current) for m in now.earlier[("hawk", "observers")]] == [("p-hawk-1", False)]
    then = grid(opts, ["hawk"], "2025-03-03")
    assert read(then, "hawk", "observers") == "acceptable"
    assert then.as_of == "2025-03-03" and ("hawk", "observers") not in then.earlier
    # before anyone spoke, nothing is marked
    assert grid(opts, ["hawk"], "2025-02-28").readings == {}


def test_a_superseded_mark_does_not_count_in_the_room_to_meet(opts):
    """Hawk's current position marks no mission: his earlier acceptance of one is history,
    so East's mission is Dove's demand. West's red line on troops (1 March) is superseded by
    its acceptance (5 March): troops are rejected by no side now."""
    now = grid(opts, ["east", "west"])
    assert read(now, "east", "mission") == "demanded"
    assert [m.actor for m in now.marks[("east", "mission")]] == ["dove"]
    assert read(now, "west", "troops") == "acceptable"
    assert "troops" in now.no_side_rejects and "mission" in now.every_side_accepts
    assert [m.mark for m in now.marks[("west", "troops")]] == ["acceptable"]


def test_the_room_to_meet_as_of_a_day(opts):
    then = grid(opts, ["east", "west"], "2025-03-03")
    # West's red line on troops stood then; East's Hawk and Dove both accepted observers
    assert read(then, "west", "troops") == "red_line"
    assert then.no_side_rejects == ("observers", "mission")
    assert then.every_side_accepts == ("observers",)  # West had not yet spoken of a mission
    assert then.divided == ()


def test_a_side_whose_members_mark_an_option_both_ways_is_divided_and_says_who(opts):
    now = grid(opts, ["east", "west"])
    east = now.readings[("east", "observers")]
    assert east.mark is None and east.divided and east.lead is None
    assert sorted((m.actor_name, m.mark) for m in east.differ) == [
        ("Dot Dove", "acceptable"),
        ("Hal Hawk", "red_line"),
    ]
    # divided is neither room nor a rejection: said apart
    assert "observers" not in now.no_side_rejects and now.divided == ("observers",)
    from ceasefire_tui.db.wording import option_words, room_words

    assert option_words(east) == "divided (Dot Dove acceptable, Hal Hawk red line)"
    assert room_words(now) == (
        "no side rejects: A civilian mission, Foreign troops; every side accepts: A civilian mission; "
        "a side divided on: Unarmed observers"
    )


def test_an_assessments_marks_count_for_no_side(opts):
    """Pundit (West's) expects troops to be ruled out: a prediction, not West's red line."""
    now = grid(opts, ["west"])
    assert [m.actor for m in now.marks[("west", "troops")]] == ["west"]
    assert read(now, "west", "troops") == "acceptable"


def _m(actor, mark, position=None):
    return OptionMark(position or f"p-{actor}", actor, actor.title(), "o", mark)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        # the body's own mark leads; a member who differs is named, not averaged in
        ({"side": ["red_line"], "a": ["acceptable"]}, ("red_line", False, ["a"])),
        # members who agree: the firmest leads
        ({"a": ["acceptable"], "b": ["demanded"]}, ("demanded", False, [])),
        # members of both kinds, nothing of its own: divided, no mark
        ({"a": ["acceptable"], "b": ["red_line"]}, (None, True, ["a", "b"])),
        # a body inside a body speaks for its members: its own acceptance leads over its
        # member's demand, one level down
        ({"mid": ["acceptable"], "c": ["demanded"]}, ("acceptable", False, [])),
    ],
)
def test_the_option_reading_rule(marks, expected):
    parents = {"side": None, "a": "side", "b": "side", "mid": "side", "c": "mid"}
    found = analysis.option_reading("side", {k: [_m(k, x) for x in v] for k, v in marks.items()}, parents)
    assert found is not None
    assert (found.mark, found.divided, sorted(m.actor for m in found.differ)) == expected
    assert analysis.option_reading("side", {}, parents) is None


def test_the_words_name_a_member_who_leads_and_one_who_differs():
    from ceasefire_tui.db.wording import option_words

    parents = {"side": None, "a": "side", "b": "side"}
    own = analysis.option_reading(
        "side", {"side": [_m("side", "red_line")], "a": [_m("a", "acceptable")]}, parents
    )
    assert option_words(own, "side") == "red line (differs: A acceptable)"
    led = analysis.option_reading("side", {"b": [_m("b", "demanded")]}, parents)
    assert option_words(led, "side") == "demanded (B)" and option_words(led) == "demanded"
