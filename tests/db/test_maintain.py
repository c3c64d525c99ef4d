"""The maintenance verbs (issue 14): rename, merge-actors and remove change the database in
one transaction and the dossier files the same way, so that loading the files afterwards
changes nothing; each refuses, with nothing changed, what would break a reference."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import maintain, queries
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import check, load, write
from ceasefire_tui.db.dump import records
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, snapshot

TIMED = ROOT / "fixtures" / "test" / "timed.yaml"


@pytest.fixture
def setup(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    shutil.copy(TIMED, folder / "timed.yaml")
    conn = open_writer(tmp_path / "db.sqlite")
    load(conn, [folder])
    yield conn, folder
    conn.close()


def reload_changes_nothing(conn, folder) -> bool:
    tally = write(conn, check([folder], conn))
    return all(t == (0, 0, 0) for t in tally.values())


def test_rename_rewrites_every_reference_in_the_database_and_the_file(setup):
    conn, folder = setup
    before = (folder / "timed.yaml").read_text("utf-8")
    out = maintain.rename(conn, "actor", "leader", "lea-der")
    text = (folder / "timed.yaml").read_text("utf-8")
    refs = r"\b(?:id|speaker|actor|parent): {}[,}}]"
    assert not re.findall(refs.format("leader"), text)
    assert (
        len(re.findall(refs.format("lea-der"), text)) == len(re.findall(refs.format("leader"), before)) == 9
    )
    assert "q-leader-yes" in text  # other ids that contain the word are left alone
    assert text.splitlines()[0] == before.splitlines()[0]  # comments and layout kept
    assert (
        queries.get_actor(conn, "lea-der").position_count == 4 and queries.get_actor(conn, "leader") is None
    )
    assert queries.resolve_actor(conn, "Lea Der")  # still found by its name
    assert out.edits and reload_changes_nothing(conn, folder)


def test_rename_of_an_issue_and_a_quote(setup):
    conn, folder = setup
    maintain.rename(conn, "issue", "truce", "full-truce")
    maintain.rename(conn, "quote", "q-hawk", "q-hawk-no")
    assert {i.id for i in queries.list_issues(conn)} == {"full-truce", "monitors", "outlook"}
    assert queries.get_position(conn, "p-hawk-truce").evidence == ("q-hawk-no",)
    assert reload_changes_nothing(conn, folder)


def test_dry_run_changes_neither_database_nor_file(setup):
    conn, folder = setup
    before, text = snapshot(conn), (folder / "timed.yaml").read_text("utf-8")
    out = maintain.rename(conn, "actor", "leader", "lea-der", dry_run=True)
    assert out.rows["positions.actor"] == 4 and out.edits
    assert snapshot(conn) == before and (folder / "timed.yaml").read_text("utf-8") == text


@pytest.mark.parametrize(
    "verb,args,expected",
    [
        ("rename", ("actor", "red", "green"), "actor 'green' already exists"),
        ("rename", ("actor", "nobody", "x"), "no actor 'nobody'"),
        ("rename", ("actor", "red", "not an id"), "is not a valid id"),
        ("rename", ("thing", "red", "x"), "unknown kind 'thing'"),
        ("merge_actors", ("hawk", "blue"), "'hawk' is a member of 'blue'"),
        ("merge_actors", ("blue", "blue"), "into itself"),
        ("remove", ("actor", "green"), "referred to by member leader"),
        ("remove", ("quote", "q-hawk"), "position citing it p-hawk-truce"),
    ],
)
def test_what_would_break_a_reference_is_refused_and_nothing_changes(setup, verb, args, expected):
    conn, folder = setup
    before, text = snapshot(conn), (folder / "timed.yaml").read_text("utf-8")
    with pytest.raises(maintain.Refused, match=expected.replace("(", r"\(")):
        getattr(maintain, verb)(conn, *args)
    assert snapshot(conn) == before and (folder / "timed.yaml").read_text("utf-8") == text


def test_merge_moves_quotes_positions_and_names_and_the_file_follows(setup):
    conn, folder = setup
    maintain.merge_actors(conn, "blue", "dove")
    assert queries.get_actor(conn, "dove") is None
    assert queries.get_position(conn, "p-dove-truce").actor == "blue"
    assert queries.resolve_actor(conn, "Dot Dove").id == "blue"  # the dropped name is an alias
    text = (folder / "timed.yaml").read_text("utf-8")
    assert "id: dove" not in text and "aliases: [Dot Dove]" in text
    assert reload_changes_nothing(conn, folder)


def test_remove_deletes_the_record_and_its_lines(setup):
    conn, folder = setup
    maintain.remove(conn, "position", "p-leader-outlook")
    assert queries.get_position(conn, "p-leader-outlook") is None
    assert "p-leader-outlook," not in (folder / "timed.yaml").read_text("utf-8")
    assert reload_changes_nothing(conn, folder)


def test_a_json_dossier_is_edited_too(tmp_path):
    from ceasefire_tui.db.dump import to_json

    src = open_writer(tmp_path / "src.sqlite")
    load(src, [TIMED])
    folder = tmp_path / "json"
    folder.mkdir()
    (folder / "all.json").write_text(to_json(records(src)), "utf-8")
    src.close()
    conn = open_writer(tmp_path / "db.sqlite")
    load(conn, [folder])
    maintain.rename(conn, "actor", "hawk", "hal")
    data = json.loads((folder / "all.json").read_text("utf-8"))
    assert any(a["id"] == "hal" for a in data["actors"])
    assert reload_changes_nothing(conn, folder)
    conn.close()


def test_a_failure_inside_the_transaction_changes_nothing(setup, monkeypatch):
    conn, folder = setup
    before, text = snapshot(conn), (folder / "timed.yaml").read_text("utf-8")

    def boom(c):
        raise KeyboardInterrupt

    from ceasefire_tui.db.dossier import writer

    monkeypatch.setattr(writer, "recompute_derived", boom)
    with pytest.raises(KeyboardInterrupt):
        maintain.merge_actors(conn, "blue", "dove")
    assert snapshot(conn) == before and (folder / "timed.yaml").read_text("utf-8") == text


def test_cli_verbs_report_and_fail_cleanly(setup, tmp_path):
    conn, folder = setup
    db = conn.execute("PRAGMA database_list").fetchone()[2]
    conn.close()
    run = CliRunner().invoke
    dry = run(cli, ["--db", db, "rename", "actor", "leader", "lea-der", "--dry-run"])
    assert dry.exit_code == 0 and "would edit" in dry.output and "nothing was changed" in dry.output
    bad = run(cli, ["--db", db, "merge-actors", "hawk", "blue"])
    assert bad.exit_code == 1 and "member of 'blue'" in bad.output and "Traceback" not in bad.output
    ok = run(cli, ["--db", db, "remove", "position", "p-leader-outlook"])
    assert ok.exit_code == 0 and "edited" in ok.output
    again = run(cli, ["--db", db, "load", str(folder)])
    assert "nothing changed" in again.output
    missing = run(cli, ["--db", str(tmp_path / "none.db"), "remove", "actor", "x"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def test_only_a_dossier_file_is_ever_edited_whatever_the_database_says(setup, tmp_path):
    conn, folder = setup
    victim = tmp_path / "notes.txt"
    victim.write_text("leader: leader\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(folder / "timed.yaml")
    conn.execute("PRAGMA trusted_schema = ON")
    conn.execute("UPDATE sources SET origin = ? WHERE id = 'day1'", (str(victim),))
    conn.execute("UPDATE issues SET origin = ? WHERE id = 'truce'", (str(link),))
    conn.execute("PRAGMA trusted_schema = OFF")
    out = maintain.rename(conn, "actor", "leader", "lea-der", dry_run=True)
    assert {e.path for e in out.edits} == {folder / "timed.yaml"}
