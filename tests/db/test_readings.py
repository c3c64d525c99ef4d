"""The readings through time (issue 13), each rule a property, on a purpose-built dossier
(fixtures/test/timed.yaml: a unit test, not evidence) and on generated dossiers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _read_from_scratch(positions, parents, column, day):
    """A column as of a day by the rules read literally, nothing carried from day to day:
    every member's standing listed, each direct member's column read again the same way."""
    from collections import defaultdict

    kids = defaultdict(set)
    for actor in parents:
        if parents[actor] is not None:
            kids[parents[actor]].add(actor)

    def below(node):
        for kid in kids[node]:
            yield kid
            yield from below(kid)

    upto = [p for p in positions if p.date <= day]

    def reading(node):
        def own_of(actor):
            return analysis.standing([p for p in upto if p.actor == actor])

        members = [s for s in map(own_of, below(node)) if s is not None]
        leads = []
        for kid in kids[node]:
            r = reading(kid)
            if r is not None and r.stance is not None:
                leads.append(analysis.Standing(kid, r.stance, r.lead, r.since or "", None, None, r.n))
        assessed = [
            analysis.assessment_key(depth, p)
            for depth, actor in [(0, node)] + [(_depth(parents, a, node), a) for a in below(node)]
            for p in upto
            if p.actor == actor and p.kind == analysis.ASSESSMENT
        ]
        return analysis.column_reading(
            own_of(node),
            analysis.tally(members),
            leads,
            len(assessed),
            min(assessed)[2] if assessed else None,
        )

    return reading(column)


def _depth(parents, actor, top):
    depth = 0
    while actor != top:
        actor, depth = parents[actor], depth + 1
    return depth


def _history_from_scratch(positions, parents, column):
    days = sorted({p.date for p in positions if column in _chain(parents, p.actor)})
    now = _read_from_scratch(positions, parents, column, days[-1]) if days else None
    if now is None or now.stance is None:
        return now
    since, was, was_date = days[-1], None, None
    for day in reversed(days[:-1]):
        then = _read_from_scratch(positions, parents, column, day)
        if then is not None and then.stance == now.stance:
            since = day
            continue
        if then is not None and then.stance is not None:
            was, was_date = then.stance, day
        break
    return now._replace(since=since, was=was, was_date=was_date)


def _chain(parents, actor):
    out = []
    while actor is not None:
        out.append(actor)
        actor = parents[actor]
    return out


_ACTORS = ["a", "b", "c", "d", "e", "f"]


@st.composite
def _dossiers(draw):
    # a forest: each actor's parent is an earlier actor, or none
    parents = {a: draw(st.sampled_from([None, *_ACTORS[:i]])) for i, a in enumerate(_ACTORS)}
    positions = draw(
        st.lists(
            st.tuples(
                st.sampled_from(_ACTORS),
                st.sampled_from([-2, -1, 0, 1, 2]),
                st.sampled_from(["offer", "demand", "assessment"]),
                st.sampled_from(["", "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"]),
            ),
            max_size=14,
        )
    )
    return parents, [
        analysis.Dated(f"p{n:02d}", actor, "i", stance, kind, date)
        for n, (actor, stance, kind, date) in enumerate(positions)
    ]


@settings(max_examples=300, deadline=None)
@given(_dossiers())
def test_readings_carried_day_to_day_are_the_rules_read_from_scratch(dossier):
    """A load reads each column on each day from the day before's (`derived`: members
    summed, not listed); the same rules read literally, each day from nothing, agree on
    every column, whole and for one column (`only`, as a past day's comparison reads it)."""
    from ceasefire_tui.db import derived

    parents, positions = dossier
    found = derived.readings(positions, parents)
    for column in _ACTORS:
        expected = _history_from_scratch(positions, parents, column)
        assert found.get((column, "i")) == expected, column
        alone = derived.readings(positions, parents, only=column)
        assert alone == ({(column, "i"): expected} if expected is not None else {}), column
