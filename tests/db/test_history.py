"""Stances through time (issue 13): an actor's timeline, one issue's chart, what changed
since a day and in a load; on fixtures/test/timed.yaml (a unit test, not evidence)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import changes, queries
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.dossier import DossierError, load
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, build_db

TIMED = ROOT / "fixtures" / "test" / "timed.yaml"


@pytest.fixture(scope="module")
def timed_path(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("history") / "timed.db", TIMED)


@pytest.fixture
def timed(timed_path):
    conn = open_reader(timed_path)
    yield conn
    conn.close()


def _edited(tmp_path, *replacements: tuple[str, str]):
    text = TIMED.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    out = tmp_path / "timed.yaml"
    out.write_text(text)
    return out


def test_timeline_is_in_date_order_with_what_each_speaker_held_before(timed):
    steps = queries.timeline(timed, "green")
    dates = [s.stated.position.date for s in steps]
    assert dates == sorted(dates)
    by_id = {s.stated.position.id: s for s in steps}
    refusal = by_id["p-leader-no"]
    assert (refusal.before, refusal.before_date, refusal.change) == (1, "2025-03-13", "changed")
    assert refusal.stated.current and not by_id["p-leader-yes"].stated.current
    assert by_id["p-leader-yes"].change == "first"
    # an assessment is read against earlier assessments, never against a stance
    assert (by_id["p-leader-outlook-2"].before, by_id["p-leader-outlook-2"].change) == (1, "changed")
    # the member who said it is named, the column is the body
    assert refusal.stated.stated_by == "leader" and refusal.stated.column == "green"


def test_timeline_of_one_issue_and_as_of_a_day(timed):
    assert {s.stated.position.issue for s in queries.timeline(timed, "green", "truce")} == {"truce"}
    then = queries.timeline(timed, "green", as_of="2025-03-14")
    assert {s.stated.position.id for s in then} == {"p-leader-yes", "p-green-monitors", "p-leader-outlook"}
    assert all(s.stated.current for s in then)  # as it stood then, nothing later had happened


def test_change_dates_are_the_days_a_view_can_change(timed):
    assert queries.change_dates(timed, ["green", "blue"]) == ["2025-03-13", "2025-03-18", "2025-03-20"]
    assert queries.change_dates(timed, ["red"]) == ["2025-03-13"]
    assert queries.change_dates(timed, ["blue"], ["monitors"]) == []


def test_issue_chart_reads_each_side_as_of_each_date(timed):
    chart = queries.issue_chart(timed, ["green", "blue", "red"], "truce")
    assert chart.dates == ("2025-03-13", "2025-03-18", "2025-03-20")
    rows = {r.actor.id: r.cells for r in chart.rows}
    assert [c.stance for c in rows["green"]] == [1, -2, -2]
    assert [(c.stance, c.divided) for c in rows["blue"]] == [(-2, False), (-2, False), (None, True)]
    assert all(c.stance is None and not c.divided for c in rows["red"])
    # each cell is what compare --as-of gives that day
    for n, day in enumerate(chart.dates):
        (row,) = queries.issue_stances(timed, ["green", "blue", "red"], ["truce"], as_of=day)
        assert [(c.stance, c.divided) for c in row.cells] == [
            (r[n].stance, r[n].divided) for r in rows.values()
        ]
    short = queries.issue_chart(timed, ["green", "blue"], "truce", limit=2)
    assert (short.dates, short.earlier) == (("2025-03-18", "2025-03-20"), 1)
    assert queries.issue_chart(timed, ["green"], "no-such-issue") is None


def test_changes_since_a_day_by_the_sources_dates(timed):
    found = queries.changes_since(timed, "2025-03-14")
    new = {c.position for c in found if c.what == "new"}
    assert new == {"p-leader-no", "p-leader-outlook-2", "p-dove-truce"}
    shifts = {(c.actor, c.issue): (c.was, c.stance) for c in found if c.what == "shift"}
    assert shifts[("leader", "truce")] == (1, -2)
    assert shifts[("green", "truce")] == (1, -2)
    assert shifts[("blue", "truce")] == (-2, None)  # now divided
    assert ("leader", "outlook") not in shifts  # assessments make no stance
    flips = {(c.actor, c.other, c.issue): (c.was_relation, c.relation) for c in found if c.what == "flip"}
    assert flips == {("blue", "green", "truce"): ("conflict", "partial")}
    assert [c.what for c in found] == sorted((c.what for c in found), key=changes._ORDER.__getitem__)
    assert queries.changes_since(timed, "2025-03-20") == []
    # before anything was said, everything is new and nothing moved
    early = queries.changes_since(timed, "2025-01-01")
    assert {c.what for c in early} == {"new", "flip"}
    assert {c.was_relation for c in early if c.what == "flip"} == {"silent"}


def test_a_load_records_what_it_changed(tmp_path):
    path = build_db(tmp_path / "db.db", _edited(tmp_path))  # the analyst's own copy, edited below
    conn = open_writer(path)
    first = changes.last_load(conn)
    assert first.first and first.changes == () and first.files[0].endswith("timed.yaml")
    edited = _edited(
        tmp_path,
        ("stance: -2, kind: red_line, summary: Refused", "stance: 1, kind: condition, summary: Refused"),
        (
            "stance: -2, kind: red_line, summary: Rejects monitors",
            "stance: 1, kind: offer, summary: Rejects monitors",
        ),
    )
    load(conn, [edited])
    record = changes.last_load(conn)
    assert record.id == first.id + 1 and not record.first
    by = {(c.what, c.actor, c.issue): c for c in record.changes}
    assert by[("changed", "leader", "truce")].was == -2 and by[("changed", "leader", "truce")].stance == 1
    assert (by[("shift", "green", "truce")].was, by[("shift", "green", "truce")].stance) == (-2, 1)
    flip = by[("flip", "green", "monitors")]
    assert (flip.other, flip.was_relation, flip.relation) == ("red", "conflict", "agreement")
    assert not [c for c in record.changes if c.what == "new"]
    # the same dossier again: recorded, nothing changed
    load(conn, [edited])
    again = changes.last_load(conn)
    assert again.id == record.id + 1 and again.changes == () and not again.first
    # a rejected load records nothing
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "positions:\n  - {id: p-x, actor: nobody, issue: truce, stance: 1, kind: offer, summary: x}\n"
    )
    with pytest.raises(DossierError):
        load(conn, [bad])
    assert changes.last_load(conn).id == again.id
    assert [r.id for r in changes.loads(conn)] == [again.id, record.id, first.id]
    assert not conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'").fetchall()
    conn.close()


def test_timeline_and_changes_on_the_command_line(timed_path):
    run = CliRunner().invoke
    out = run(cli, ["--db", str(timed_path), "timeline", "Lea Der", "Truce", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert [r["id"] for r in rows] == ["p-leader-yes", "p-leader-no"]
    assert set(rows[0]) >= {"actor", "issue", "date", "stance", "kind", "summary", "evidence"}
    assert (rows[1]["stance"], rows[1]["before"], rows[1]["change"]) == (-2, 1, "changed")
    out = run(cli, ["--db", str(timed_path), "timeline", "leader", "truce", "--format", "csv"])
    assert out.output.splitlines()[2].startswith("2025-03-18,leader,truce,-2,red_line,changed,1,current,")
    out = run(cli, ["--db", str(timed_path), "timeline", "green", "--as-of", "2025-03-14"])
    assert "as it stood on 14 Mar 2025" in out.output and "Refused" not in out.output
    out = run(cli, ["--db", str(timed_path), "timeline", "green", "nope"])
    assert out.exit_code == 1 and "no issue 'nope'" in out.output and "Traceback" not in out.output
    out = run(cli, ["--db", str(timed_path), "changes", "--since", "2025-03-14"])
    assert out.exit_code == 0
    assert "Truce: Blue / Green: conflict → partial" in out.output
    assert "Truce: Lea Der: supports +1 → rejects -2 (since 18 Mar 2025)" in out.output
    data = json.loads(
        run(cli, ["--db", str(timed_path), "changes", "--since", "2025-03-14", "--format", "json"]).output
    )
    assert data["since"] == "2025-03-14" and {c["what"] for c in data["changes"]} == {"flip", "shift", "new"}
    out = run(cli, ["--db", str(timed_path), "changes"])
    assert out.exit_code == 0 and "held no positions before it" in out.output
    out = run(cli, ["--db", str(timed_path), "changes", "--since", "yesterday"])
    assert out.exit_code == 2 and "expected YYYY-MM-DD" in out.output


def test_changes_text_is_data_never_control(tmp_path):
    path = build_db(tmp_path / "db.db", _edited(tmp_path))
    evil = "Lea\x1b[2J\x07Der\u202e"
    conn = open_writer(path)
    load(
        conn,
        [
            _edited(
                tmp_path,
                ("name: Lea Der,", f"name: {json.dumps(evil)},"),
                ("stance: -2, kind: red_line, summary: Refused", "stance: 2, kind: demand, summary: Refused"),
            )
        ],
    )
    conn.close()
    out = CliRunner().invoke(cli, ["--db", str(path), "changes"])
    assert out.exit_code == 0
    assert "\x1b" not in out.output and "\x07" not in out.output and "\u202e" not in out.output
    assert "rejects -2 → insists +2" in out.output
    data = json.loads(CliRunner().invoke(cli, ["--db", str(path), "changes", "--format", "json"]).output)
    assert any(c["actor_name"] == evil for c in data["changes"])


def test_an_upgraded_database_without_loads_says_so(tmp_path):
    path = tmp_path / "empty.db"
    open_writer(path).close()
    out = CliRunner().invoke(cli, ["--db", str(path), "changes"])
    assert out.exit_code == 1 and "no load is recorded" in out.output
    assert isinstance(sqlite3.connect(path).execute("SELECT count(*) FROM loads").fetchone()[0], int)
