"""`ceasefire-tui compare` writes the shape of the negotiation too: each issue's options
by sides with the room to meet (as of `--as-of`, each actor's current marks only), and the
links of the compared actors' current positions, in Markdown, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, build_db

OPTIONS = ROOT / "fixtures" / "test" / "options.yaml"


@pytest.fixture(scope="module")
def opts(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("opts") / "o.db", OPTIONS)


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), "compare", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_brief_grid_is_the_current_marks_and_as_of_a_day(opts):
    now = run(opts, "east", "west", "--format", "md")
    assert "| Unarmed observers | divided \\(Dot Dove acceptable, Hal Hawk red line\\) | acceptable |" in now
    assert "| Foreign troops | — | acceptable |" in now  # West's red line of 1 March is superseded
    then = run(opts, "east", "west", "--format", "md", "--as-of", "2025-03-02")
    assert "| Unarmed observers | acceptable \\(Dot Dove\\) | acceptable |" in then
    assert "| Foreign troops | — | red line |" in then


def _json(db, *args):
    return json.loads(run(db, *args, "--format", "json"))


def test_json_gives_each_issue_its_options_grid_and_room_to_meet(opts):
    (issue,) = _json(opts, "east", "west")["issues"]
    assert issue["relation"] and issue["stances"]  # the shape before is kept
    room = issue["room_to_meet"]
    assert (room["no_side_rejects"], room["every_side_accepts"], room["divided"]) == (
        ["mission", "troops"],
        ["mission"],
        ["observers"],
    )
    observers = next(o for o in issue["options"] if o["id"] == "observers")
    east = observers["sides"]["east"]
    assert (observers["room"], east["mark"], east["divided"]) == ("divided", None, True)
    assert sorted((m["stated_by"], m["mark"]) for m in east["differ"]) == [
        ("dove", "acceptable"),
        ("hawk", "red_line"),
    ]
    assert [(m["position"], m["current"]) for m in east["earlier"]] == [("p-hawk-1", False)]
    troops = next(o for o in issue["options"] if o["id"] == "troops")
    assert troops["sides"]["west"]["mark"] == "acceptable" and troops["sides"]["east"]["mark"] is None
    # as of a day: the marks as they stood
    (then,) = _json(opts, "east", "west", "--as-of", "2025-03-03")["issues"]
    assert then["room_to_meet"]["every_side_accepts"] == ["observers"]
    troops = next(o for o in then["options"] if o["id"] == "troops")
    assert (troops["room"], troops["sides"]["west"]["mark"]) == ("rejected", "red_line")


def test_json_gives_the_links_of_the_current_positions_as_of_the_day(opts):
    now = _json(opts, "east", "west")["links"]
    assert [(x["from"], x["type"], x["to"], x["from_columns"], x["to_columns"]) for x in now] == [
        ("p-west-5", "packaged_with", "p-dove", ["west"], ["east"])
    ]
    assert now[0]["words"] == "+ packaged with: Monitoring (Dot Dove)" and now[0]["evidence"] == [
        "q-west-all"
    ]
    # Hawk's first position (superseded since) was conditional on West's first; West's
    # second, and its link to Dove's, came later
    then = _json(opts, "east", "west", "--as-of", "2025-03-03")["links"]
    assert [(x["from"], x["type"], x["to"]) for x in then] == [("p-hawk-1", "conditional_on", "p-west-1")]


def test_json_on_real_reporting_links_the_black_sea_truce_and_nulls_an_issue_without_options(tmp_path):
    db = build_db(tmp_path / "m.db", ROOT / "tests" / "data" / "march2025")
    data = _json(db, "russia", "ukraine")
    edges = {(x["from"], x["to"]): x for x in data["links"]}
    kremlin = edges[("p-m25-kremlin-black-sea", "p-m25-kremlin-sanctions")]
    assert kremlin["type"] == "conditional_on" and kremlin["from_columns"] == ["russia"]
    assert kremlin["evidence"] == ["q-m25-kremlin-rosselkhozbank"]
    assert all(i["options"] is None and i["room_to_meet"] is None for i in data["issues"])


def _csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_positions_carry_their_marks_and_links(opts):
    rows = _csv(run(opts, "east", "west", "--format", "csv"))
    by_id = {(r["stated_by"], r["date"]): r for r in rows}
    assert by_id[("hawk", "2025-03-01")]["marks"] == "observers=acceptable; mission=acceptable"
    assert by_id[("hawk", "2025-03-01")]["current"] == "earlier"
    assert by_id[("west", "2025-03-05")]["links"] == "packaged_with>p-dove"
    assert by_id[("dove", "2025-03-02")]["links"] == "packaged_with<p-west-5"
    assert list(rows[0])[:11] == [
        "issue",
        "issue_title",
        "relation",
        "actor",
        "stated_by",
        "stance",
        "kind",
        "date",
        "current",
        "summary",
        "evidence",
    ]  # the columns before, in their order; the new ones after


def test_csv_rows_options_is_the_grid_with_the_room_to_meet(opts):
    rows = _csv(run(opts, "east", "west", "--format", "csv", "--rows", "options"))
    cell = {(r["option"], r["side"]): r for r in rows}
    assert len(rows) == 6  # three options by two sides
    east = cell[("observers", "east")]
    assert (east["reading"], east["room"]) == ("divided", "divided")
    assert east["marks"] == "dove=acceptable@p-dove; hawk=red_line@p-hawk-5"
    assert east["earlier_marks"] == "hawk=acceptable@p-hawk-1"
    assert cell[("troops", "west")]["reading"] == "acceptable"
    assert cell[("troops", "east")]["reading"] == ""
    assert cell[("mission", "west")]["room"] == "every_side_accepts"
    assert rows[0]["room_to_meet"].startswith("no side rejects: A civilian mission, Foreign troops;")
    then = _csv(run(opts, "east", "west", "--format", "csv", "--rows", "options", "--as-of", "2025-03-03"))
    assert {(r["option"], r["side"]): r["reading"] for r in then}[("troops", "west")] == "red_line"


def test_csv_rows_links_and_rows_without_csv(opts):
    rows = _csv(run(opts, "east", "west", "--format", "csv", "--rows", "links"))
    assert [(r["from"], r["type"], r["to"], r["cycle"]) for r in rows] == [
        ("p-west-5", "packaged_with", "p-dove", "")
    ]
    result = CliRunner().invoke(cli, ["--db", str(opts), "compare", "east", "west", "--rows", "links"])
    assert result.exit_code != 0
    assert "--rows links is for --format csv" in result.output and "Traceback" not in result.output


def test_the_table_shows_each_issues_options_and_each_current_positions_links(opts):
    now = run(opts, "east", "west")
    assert (
        "    Unarmed observers: East divided (Dot Dove acceptable, Hal Hawk red line) · West acceptable\n"
        in now
    )
    assert "    Foreign troops: East no mark · West acceptable\n" in now
    assert "  Room to meet: no side rejects: A civilian mission, Foreign troops;" in now
    assert "      + packaged with: Monitoring (Dot Dove)\n" in now  # West's current position's link
    assert "⇐ only if" not in now  # Hawk's was on a position he has since superseded
    then = run(opts, "east", "west", "--as-of", "2025-03-02")
    assert "    Foreign troops: East no mark · West red line\n" in then
    assert "      ⇐ only if: Monitoring (West)\n" in then
