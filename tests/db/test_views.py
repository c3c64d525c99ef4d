"""db.views: sorting, filtering and counting rows held in memory, and the view in words."""

from __future__ import annotations

import pytest

from ceasefire_tui.db import queries
from ceasefire_tui.db.views import Field, View, apply, counts, cycle, row_fields

ROWS = [("b", 2), ("a", None), ("c", -1), ("a", 1)]


def fields(row):
    return {"name": Field(row[0], row[0]), "n": Field(row[1], "" if row[1] is None else str(row[1]))}


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View(), ROWS),
        (View(sort="n"), [("c", -1), ("a", 1), ("b", 2), ("a", None)]),
        (View(sort="n", descending=True), [("b", 2), ("a", 1), ("c", -1), ("a", None)]),
        (View(sort="name"), [("a", None), ("a", 1), ("b", 2), ("c", -1)]),  # stable
        (View(text="A"), [("a", None), ("a", 1)]),
        (View(column="name", value="a", sort="n"), [("a", 1), ("a", None)]),
    ],
)
def test_apply(view, expected):
    assert apply(ROWS, fields, view) == expected


def test_counts_and_cycle():
    assert counts(ROWS, fields, "name") == [("a", 2), ("b", 1), ("c", 1)]
    assert cycle(["name", "n"], View()).sort == "name"
    assert cycle(["name", "n"], View(sort="n")).sort is None


def test_describe():
    assert View().describe() == ""
    said = View(sort="n", descending=True, text="x", column="name", value="a").describe({"n": "count"})
    assert said == "sort: count ↓ · filter: “x” · name = a"


def test_row_fields_name_pairs_and_conflicts(seed):
    c = queries.comparison_summary(seed, ["russia", "ukraine"])
    names = {"russia": "Russia", "ukraine": "Ukraine"}
    conflict = next(r for r in c.rows if r.relation == "conflict")
    f = row_fields(conflict, names)
    assert f["pairs"].text == ("Russia–Ukraine: conflict",)
    assert f["conflicts"].text == ("Russia", "Ukraine")
    assert f["russia"].key == conflict.cells[0].stance


@pytest.mark.parametrize(
    ("view", "check"),
    [
        (
            View(sort="actor"),
            lambda ps: [p.actor_name.casefold() for p in ps] == sorted(p.actor_name.casefold() for p in ps),
        ),
        (
            View(sort="stance", descending=True),
            lambda ps: [p.stance for p in ps] == sorted((p.stance for p in ps), reverse=True),
        ),
        (View(column="stance", value="-2"), lambda ps: ps and {p.stance for p in ps} == {-2}),
        (View(text="%"), lambda ps: all("%" in p.summary or "%" in p.actor_name for p in ps)),
    ],
)
def test_sorted_positions_sort_and_filter_in_sql(seed, view, check):
    from ceasefire_tui.db.queries import listing

    found = listing.sorted_positions(seed, view, issue="territory")
    assert check(found)
    every = listing.sorted_positions(seed, View(), issue="territory")
    assert {p.id for p in found} <= {p.id for p in every}
    if not view.filtered:
        assert len(found) == len(every)


def test_counts_and_a_column_that_is_not_one(seed):
    from ceasefire_tui.db.queries import listing

    counted = listing.position_counts(seed, "stance", View(), issue="territory")
    assert sum(n for _, n in counted) == len(listing.sorted_positions(seed, View(), issue="territory"))
    with pytest.raises(ValueError):
        listing.position_counts(seed, "p.id; DROP TABLE positions", View())
    # a view naming no known column sorts in the natural order, never as SQL
    assert listing.sorted_quotes(seed, View(sort="1; --"), limit=5)
