"""The March 2025 dossier (tests/data/march2025: six real reports, 11-25 March) against
its answer key (tests/data/march2025/README.md). What the app reads as the key expects is
asserted; what it reads otherwise is a strict xfail naming the rule behind it."""

from __future__ import annotations

import pytest

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader
from tests.support.dossiers import ROOT, build_db

MARCH2025 = ROOT / "tests" / "data" / "march2025"
AS_OF = "2025-03-14"
THREE = ["russia", "ukraine", "united-states"]


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("march2025") / "march2025.db", MARCH2025)
    conn = open_reader(path)
    yield conn
    conn.close()


def rows(conn, actors, as_of=None):
    c = queries.comparison(conn, actors, as_of=as_of)
    return {r.issue.id: r for r in c.rows}, {(p.a, p.b): p for p in c.pairs}


def cell(conn, actor, issue, as_of=None):
    """`actor`'s column on `issue`, compared alone with a column that shares nothing."""
    other = "starmer" if actor != "starmer" else "trump"
    by_issue, _ = rows(conn, [actor, other], as_of)
    row = by_issue[issue]
    return row.cells[0]


def reading(c):
    return (c.stance, c.since, c.was, c.was_date)


# --- each actor's own positions (a person's column is its own) ---------------------

PERSONS = [
    ("putin", "ceasefire-30-day", (-1, "2025-03-18", 1, "2025-03-13")),
    ("putin", "energy-pause", (1, "2025-03-18", None, None)),
    ("putin", "military-aid-halt", (2, "2025-03-18", None, None)),
    ("ushakov", "ceasefire-30-day", (-2, "2025-03-13", None, None)),
    ("zelenskiy", "energy-pause", (1, "2025-03-19", None, None)),
    ("zelenskiy", "sanctions-relief", (-1, "2025-03-25", None, None)),
    ("trump", "sanctions-relief", (0, "2025-03-25", None, None)),
    ("starmer", "ceasefire-30-day", (2, "2025-03-15", None, None)),
    ("starmer", "peacekeepers", (1, "2025-03-15", None, None)),
]


@pytest.mark.parametrize(("actor", "issue", "expected"), PERSONS)
def test_a_persons_current_stance_date_and_was(march, actor, issue, expected):
    assert reading(cell(march, actor, issue)) == expected


@pytest.mark.parametrize(
    ("actor", "issue"), [("zelenskiy", "russia-intent"), ("trump", "prospects"), ("starmer", "russia-intent")]
)
def test_an_assessment_makes_no_stance(march, actor, issue):
    c = cell(march, actor, issue)
    assert (c.stance, c.assessments) == (None, 1)


def test_putin_as_of_14_march_is_for_it_with_nothing_before(march):
    assert reading(cell(march, "putin", "ceasefire-30-day", AS_OF)) == (1, "2025-03-13", None, None)
    assert reading(cell(march, "ushakov", "ceasefire-30-day", AS_OF)) == (-2, "2025-03-13", None, None)


# --- bodies' own positions lead their columns ----------------------------------------

BODIES_OWN = [
    ("kremlin", "ceasefire-30-day", -1, "2025-03-19", "p-m25-kremlin-ceasefire"),
    # since: the column's, not its lead's: the Kremlin column read +2 from Putin's demand
    # of 18 March, a day before its own statement (the key gave the statement's date)
    ("kremlin", "military-aid-halt", 2, "2025-03-18", "p-m25-kremlin-aid"),
    ("kremlin", "no-rearmament", 2, "2025-03-19", "p-m25-kremlin-rearm"),
    ("kremlin", "black-sea", 1, "2025-03-25", "p-m25-kremlin-black-sea"),
    ("kremlin", "sanctions-relief", 2, "2025-03-25", "p-m25-kremlin-sanctions"),
    ("russia", "black-sea", 1, "2025-03-25", "p-m25-russia-black-sea"),
    ("russia", "sanctions-relief", 2, "2025-03-25", "p-m25-russia-sanctions"),
    ("ukraine", "ceasefire-30-day", 1, "2025-03-11", "p-m25-ukraine-ceasefire"),
    ("united-states", "ceasefire-30-day", 2, "2025-03-11", "p-m25-us-ceasefire"),
    ("united-states", "black-sea", 1, "2025-03-25", "p-m25-us-black-sea"),
]


@pytest.mark.parametrize(("actor", "issue", "stance", "since", "lead"), BODIES_OWN)
def test_a_bodys_own_stance_leads_its_column(march, actor, issue, stance, since, lead):
    c = cell(march, actor, issue)
    assert (c.stance, c.since, c.lead_id, c.differ) == (stance, since, lead, 0)


# --- columns led by members --------------------------------------------------------

MEMBER_LED = [
    ("russia", "energy-pause", 1, "2025-03-18", "p-m25-putin-energy"),
    ("russia", "military-aid-halt", 2, "2025-03-18", "p-m25-kremlin-aid"),  # as above
    ("russia", "no-rearmament", 2, "2025-03-19", "p-m25-kremlin-rearm"),
    ("ukraine", "energy-pause", 1, "2025-03-19", "p-m25-zelenskiy-energy"),
    ("ukraine", "sanctions-relief", -1, "2025-03-25", "p-m25-zelenskiy-sanctions"),
    ("united-states", "sanctions-relief", 0, "2025-03-25", "p-m25-trump-sanctions"),
    ("united-kingdom", "ceasefire-30-day", 2, "2025-03-15", "p-m25-starmer-ceasefire"),
    ("europe", "peacekeepers", 1, "2025-03-15", "p-m25-starmer-peacekeepers"),
]


@pytest.mark.parametrize(("actor", "issue", "stance", "since", "lead"), MEMBER_LED)
def test_a_column_without_its_own_stance_follows_its_members(march, actor, issue, stance, since, lead):
    c = cell(march, actor, issue)
    assert (c.stance, c.since, c.lead_id, c.divided, c.differ) == (stance, since, lead, False, 0)


def test_assessments_of_a_side_are_counted_apart(march):
    assert (
        cell(march, "united-states", "prospects").stance,
        cell(march, "united-states", "prospects").assessments,
    ) == (
        None,
        2,
    )
    assert cell(march, "ukraine", "russia-intent").assessments == 1


@pytest.mark.parametrize("column", ["russia", "kremlin"])
def test_on_14_march_russia_was_divided_putin_for_ushakov_against(march, column):
    c = cell(march, column, "ceasefire-30-day", AS_OF)
    assert (c.stance, c.divided) == (None, True)
    stated = {sp.stated_by: sp.position.stance for sp in c.positions}
    assert stated == {"putin": 1, "ushakov": -2}


# A body inside a body speaks for its own members: Ushakov's -2 (13 Mar), inside the
# Kremlin, does not lead Russia over the Kremlin's own -1 (19 Mar); and a column's `was` is
# the column's earlier reading (the Kremlin column read -2 on 18 March, from its members).


def test_russia_follows_the_kremlins_own_stance_on_the_ceasefire(march):
    c = cell(march, "russia", "ceasefire-30-day")
    assert (c.stance, c.since, c.lead_id) == (-1, "2025-03-19", "p-m25-kremlin-ceasefire")


def test_russia_was_minus_two_on_18_march(march):
    c = cell(march, "russia", "ceasefire-30-day")
    assert (c.was, c.was_date) == (-2, "2025-03-18")


def test_the_kremlin_leads_its_own_column_on_the_ceasefire(march):
    c = cell(march, "kremlin", "ceasefire-30-day")
    assert (c.stance, c.since, c.lead_id, c.differ) == (-1, "2025-03-19", "p-m25-kremlin-ceasefire", 0)


def test_the_kremlin_column_was_minus_two_on_18_march(march):
    c = cell(march, "kremlin", "ceasefire-30-day")
    assert (c.was, c.was_date) == (-2, "2025-03-18")


# --- relations ---------------------------------------------------------------------

THREE_WAY = {
    "ceasefire-30-day": "conflict",
    "energy-pause": "agreement",
    "military-aid-halt": "one-sided",
    "no-rearmament": "one-sided",
    "black-sea": "agreement",
    "sanctions-relief": "conflict",
    "prospects": "assessment",
    "russia-intent": "assessment",
}


def test_relations_between_russia_ukraine_and_the_united_states(march):
    by_issue, _ = rows(march, THREE)
    assert {i: r.relation for i, r in by_issue.items()} == THREE_WAY  # peacekeepers: nobody of the three


def test_relations_as_of_14_march(march):
    by_issue, pairs = rows(march, THREE, AS_OF)
    assert {i: r.relation for i, r in by_issue.items()} == {
        "ceasefire-30-day": "partial",
        "prospects": "assessment",
    }
    assert all(p.agreement is None for p in pairs.values())


PAIRS = {
    ("russia", "ukraine"): {
        "ceasefire-30-day": "conflict",
        "energy-pause": "agreement",
        "military-aid-halt": "one-sided",
        "no-rearmament": "one-sided",
        "black-sea": "one-sided",
        "sanctions-relief": "conflict",
        "russia-intent": "assessment",
    },
    ("russia", "united-states"): {
        "ceasefire-30-day": "conflict",
        "energy-pause": "one-sided",
        "military-aid-halt": "one-sided",
        "no-rearmament": "one-sided",
        "black-sea": "agreement",
        "sanctions-relief": "partial",
        "prospects": "assessment",
    },
    ("ukraine", "united-states"): {
        "ceasefire-30-day": "agreement",
        "energy-pause": "one-sided",
        "black-sea": "one-sided",
        "sanctions-relief": "partial",
        "prospects": "assessment",
        "russia-intent": "assessment",
    },
}
PAIRS_AS_OF = {
    ("russia", "ukraine"): {"ceasefire-30-day": "partial"},
    ("russia", "united-states"): {"ceasefire-30-day": "partial", "prospects": "assessment"},
    ("ukraine", "united-states"): {"ceasefire-30-day": "agreement", "prospects": "assessment"},
}


@pytest.mark.parametrize("pair", list(PAIRS))
def test_relations_of_a_pair(march, pair):
    by_issue, _ = rows(march, list(pair))
    assert {i: r.relation for i, r in by_issue.items()} == PAIRS[pair]
    by_issue, _ = rows(march, list(pair), AS_OF)
    assert {i: r.relation for i, r in by_issue.items()} == PAIRS_AS_OF[pair]


def test_pair_counts_and_the_score_that_does_not_rest_on_russias_ceasefire_stance(march):
    _, pairs = rows(march, THREE)
    counts = {k: (p.shared, p.conflicts) for k, p in pairs.items()}
    assert counts == {
        ("russia", "ukraine"): (3, 2),
        ("russia", "united-states"): (3, 1),
        ("ukraine", "united-states"): (2, 0),
    }
    assert pairs[("ukraine", "united-states")].agreement == 0.75


@pytest.mark.parametrize("pair", [("russia", "ukraine"), ("russia", "united-states")])
def test_russias_scores_with_the_kremlins_minus_one(march, pair):
    _, pairs = rows(march, THREE)
    assert pairs[pair].agreement == 0.583
