"""The readings through time (issue 13), each rule a property, on a purpose-built dossier
(fixtures/test/timed.yaml: a unit test, not evidence) and on generated dossiers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import analysis, queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, build_db

TIMED = ROOT / "fixtures" / "test" / "timed.yaml"


@pytest.fixture(scope="module")
def timed(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("timed") / "timed.db", TIMED)
    conn = open_reader(path)
    yield conn
    conn.close()


def cell(c, issue, actor):
    row = next(r for r in c.rows if r.issue.id == issue)
    return row, row.cells[[a.id for a in c.actors].index(actor)]


def test_a_change_over_time_is_the_latest_stance_with_what_it_was(timed):
    c = queries.comparison(timed, ["leader", "red"])
    _, leader = cell(c, "truce", "leader")
    assert (leader.stance, leader.since, leader.was, leader.was_date) == (-2, "2025-03-18", 1, "2025-03-13")
    assert not leader.divided  # one person at two dates is a change, not a division
    current = {sp.position.id: sp.current for sp in leader.positions}
    assert current == {"p-leader-no": True, "p-leader-yes": False}


def test_as_of_a_day_shows_the_stance_then(timed):
    c = queries.comparison(timed, ["leader", "red"], as_of="2025-03-14")
    _, leader = cell(c, "truce", "leader")
    assert (leader.stance, leader.was) == (1, None)
    assert [sp.position.id for sp in leader.positions] == ["p-leader-yes"]
    assert queries.comparison(timed, ["leader", "red"], as_of="2025-03-01").rows == ()


def test_members_of_opposite_current_stances_divide_a_side(timed):
    # Hawk -2 (13 Mar) and Dove +2 (as_of 20 Mar): Blue has no stance of its own
    _, blue = cell(queries.comparison(timed, ["blue", "green"]), "truce", "blue")
    assert blue.divided and blue.stance is None
    # before Dove spoke, Blue was not divided
    _, blue = cell(queries.comparison(timed, ["blue", "green"], as_of="2025-03-19"), "truce", "blue")
    assert (blue.stance, blue.divided) == (-2, False)


def test_a_body_leads_over_a_members_weaker_remark_and_the_clash_shows(timed):
    c = queries.comparison(timed, ["red", "green"])
    row, red = cell(c, "monitors", "red")
    assert (red.stance, red.differ) == (1, 1)  # Red offers; its president's 0 is shown, not averaged
    assert row.relation == "conflict"  # an offer against a rejection


def test_assessments_make_no_relation_and_no_score(timed):
    c = queries.comparison(timed, ["green", "red"])
    row, green = cell(c, "outlook", "green")
    assert row.relation == "assessment" and green.stance is None and green.assessments == 2
    assert all(p.shared <= 1 for p in c.pairs)  # only monitors is shared: outlook is not


def test_a_body_and_its_member_are_not_two_parties(timed):
    c = queries.comparison(timed, ["green", "leader"])
    (pair,) = c.pairs
    assert pair.nested and pair.agreement is None
    row, leader = cell(c, "truce", "leader")
    assert row.relation == "one-sided"  # Green alone is a party here


def test_a_member_differing_from_its_side_is_dissent():
    from ceasefire_tui.db.models import Cell

    cells = [Cell("side", (), 2), Cell("member", (), -1), Cell("other", (), 2)]
    assert analysis.dissents(cells, [None, 0, None]) == [False, True, False]


def test_pair_score_needs_two_shared_issues():
    from ceasefire_tui.db.models import Cell, ComparisonRow, Issue

    def rows(*pairs):
        return [
            ComparisonRow(Issue(f"i{n}", "t", "q"), "x", (Cell("a", (), x), Cell("b", (), y)))
            for n, (x, y) in enumerate(pairs)
        ]

    assert analysis.pair_scores(["a", "b"], rows((2, -2)))[0].agreement is None
    assert analysis.pair_scores(["a", "b"], rows((2, -2), (1, 1)))[0].agreement == 0.5


def test_rollups_are_the_rules_computed_again(timed):
    """What the load keeps is what the rules give from the positions (as_of = the latest)."""
    for actor in [a.id for a in queries.list_actors(timed)]:
        today = queries.comparison_summary(timed, [actor, actor == "red" and "blue" or "red"])
        later = queries.comparison_summary(
            timed, [actor, actor == "red" and "blue" or "red"], as_of="9999-12-31"
        )
        assert today.rows == later.rows


@pytest.mark.parametrize(
    "dossier",
    [
        ROOT / "fixtures" / "seed" / "ceasefire-2025-03.yaml",
        ROOT / "tests" / "data" / "march2025",
        ROOT / "fixtures" / "test" / "small.yaml",
    ],
    ids=["seed", "march2025", "small"],
)
def test_rollups_kept_at_load_are_the_readings_as_of_the_end_of_time(tmp_path, dossier):
    """For every column: what a load keeps (rollups, one pass over the whole database) is
    what the rules give one column at a time from its positions (the --as-of path)."""
    conn = open_reader(build_db(tmp_path / "d.db", dossier))
    actors = [a.id for a in queries.list_actors(conn)]
    issues = [i.id for i in queries.list_issues(conn)]
    for actor in actors:
        today = queries.issue_stances(conn, [actor], issues)
        later = queries.issue_stances(conn, [actor], issues, as_of="9999-12-31")
        assert today == later, actor
    conn.close()


def test_compare_json_marks_dates_current_and_assessments(tmp_path):
    db = str(build_db(tmp_path / "t.db", TIMED))
    out = CliRunner().invoke(cli, ["--db", db, "compare", "green", "red", "--format", "json"])
    data = json.loads(out.output)
    truce = next(i for i in data["issues"] if i["id"] == "truce")
    assert truce["stances"]["green"] == -2
    by_id = {p["id"]: p for p in truce["positions"]}
    assert by_id["p-leader-yes"] == {**by_id["p-leader-yes"], "date": "2025-03-13", "current": False}
    outlook = next(i for i in data["issues"] if i["id"] == "outlook")
    assert outlook["relation"] == "assessment" and all(p["assessment"] for p in outlook["positions"])
    assert "was supports +1" in truce["readings"]["green"]["words"]


def test_conflicts_name_the_clashing_columns_never_a_body_and_its_member(timed):
    from ceasefire_tui.db.models import Cell

    cells = [Cell("side", (), 2), Cell("member", (), -1), Cell("other", (), -2), Cell("quiet", (), None)]
    assert analysis.conflicts(cells, {("side", "member")}) == (("side", "other"),)
    assert analysis.conflicts(cells, set()) == (("side", "member"), ("side", "other"))
    # from the database: Lea Der is inside Green, and both refuse what Dot Dove demands
    (row,) = queries.issue_stances(timed, ["green", "leader", "dove"], ["truce"])
    assert row.conflicts == (("green", "dove"), ("leader", "dove"))
    (row,) = queries.issue_stances(timed, ["blue", "dove"], ["truce"])
    assert row.conflicts == ()  # Blue is divided: no stance to clash with


def test_an_issue_nobody_shown_has_spoken_on_is_silent_not_one_sided(timed):
    (row,) = queries.issue_stances(timed, ["red", "red-president"], ["truce"])
    assert row.relation == "silent" and row.conflicts == ()
    (row,) = queries.issue_stances(timed, ["red", "green"], ["truce"])
    assert row.relation == "one-sided"  # Green (Lea Der) holds one
