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
