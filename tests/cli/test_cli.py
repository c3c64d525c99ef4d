"""The command line: every subcommand, exit codes, output shapes, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import SMALL


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CEASEFIRE_TUI_DB", raising=False)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_help_describes_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert name in result.output
        assert command.help and len(command.help) > 40
        sub = run(name, "--help")
        assert sub.exit_code == 0 and "Usage:" in sub.output


def test_default_database_is_built_from_the_bundled_dossier(run, tmp_path):
    result = run("compare", "putin", "Zelensky", "--format", "json")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xdg" / "ceasefire-tui" / "ceasefire.db").exists()
    data = json.loads(result.output)
    assert [a["id"] for a in data["actors"]] == ["putin", "zelenskiy"]


def test_compare_json_shape(run, tmp_path):
    db = str(tmp_path / "x.db")
    assert run("--db", db, "load", str(SMALL)).exit_code == 0
    result = run("--db", db, "compare", "north", "Southland", "east", "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"as_of", "actors", "issues", "pairs", "links"}
    assert set(data["actors"][0]) == {"id", "name"}
    issue = data["issues"][0]
    assert {
        "id",
        "title",
        "question",
        "relation",
        "stances",
        "readings",
        "positions",
        "options",
        "room_to_meet",
    } <= set(issue)
    assert set(issue["positions"][0]) == {
        "id",
        "actor",
        "stated_by",
        "stance",
        "kind",
        "assessment",
        "date",
        "current",
        "summary",
        "evidence",
    }
    assert issue["positions"][0]["date"] == "2025-01-09"  # its quote's `said`
    assert set(data["pairs"][0]) == {"a", "b", "agreement", "shared", "conflicts", "nested", "words"}
    assert len(data["pairs"]) == 3


@pytest.mark.parametrize(
    "fmt,expect",
    [
        ("table", "agreement 0.25"),
        ("md", "[^1]: “"),
        ("csv", "issue,issue_title,relation"),
    ],
)
def test_compare_formats(run, tmp_path, fmt, expect):
    db = str(tmp_path / "x.db")
    run("--db", db, "load", str(SMALL))
    result = run("--db", db, "compare", "north", "south", "--format", fmt)
    assert result.exit_code == 0
    assert expect in result.output


def test_compare_unknown_actor_lists_candidates(run):
    result = run("compare", "putni", "ukraine")
    assert result.exit_code == 1
    assert "no actor called 'putni'" in result.output
    assert "Vladimir Putin (putin)" in result.output


def test_search(run):
    result = run("search", "ironclad", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert hits and hits[0]["matches"]
    for text in ['"', "AND", "NEAR(", "(", "*"]:
        assert run("search", text).exit_code == 0
    table = run("search", "guarantees")
    assert "grushko" in table.output.lower()
    # whole words on the command line; a trailing * asks for a prefix
    assert "no matches" in run("search", "ceasefir").output
    assert "ceasefire" in run("search", "ceasefir*").output.lower()


def test_search_knows_speakers_through_the_same_query_as_the_app(run, seed):
    """`search @grushko troops` is the app's search on whole words: the same hits."""
    from ceasefire_tui.db import queries

    hits = json.loads(run("search", "@grushko", "troops", "--format", "json").output)
    expected = queries.search(seed, "@grushko troops", limit=20, prefix_last=False)
    assert hits and [h["id"] for h in hits] == [h.id for h in expected]
    assert {h["speaker"] for h in hits} == {"grushko"}
    unknown = run("search", "@nobody", "peace")
    assert unknown.exit_code == 0 and "no speaker called 'nobody'" in unknown.output
    # two letters are a word: UK is the United Kingdom's own, or the word UK
    for hit in json.loads(run("search", "UK", "--format", "json").output):
        assert hit["speaker"] == "united-kingdom" or "uk" in [m.lower() for m in _words(hit)]


def _words(hit: dict) -> list[str]:
    return [hit["text"][a:b] for a, b in hit["matches"]]


def test_search_never_puts_an_outlets_words_in_a_speakers_mouth(run):
    hits = json.loads(run("search", "peacekeepers", "--format", "json").output)
    kinds = {h["id"]: h["reported_by"] for h in hits if h["kind"] == "quote"}
    assert kinds["q-russia-dismisses-peacekeepers"] == "Reuters"  # the seed's reported line
    lines = run("search", "peacekeepers").output.splitlines()
    reported = next(line for line in lines if "q-russia-dismisses-peacekeepers" in line)
    assert "Reuters, reporting Russia: Meanwhile" in reported and "“" not in reported
    direct = run("search", "ironclad").output.splitlines()
    assert any("Alexander Grushko: “ironclad”" in line for line in direct)


def test_load_bad_dossier_exit_1_and_every_problem(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: a, name: A, kind: planet}\n  - {id: b, kind: state}\n")
    db = str(tmp_path / "x.db")
    run("--db", db, "load", str(SMALL))
    before = run("--db", db, "dump", "--format", "json").output
    result = run("--db", db, "load", str(bad))
    assert result.exit_code == 1
    assert "'planet' is not one of" in result.output
    assert "name: is missing" in result.output
    assert "2 problems found; nothing was written" in result.output
    assert run("--db", db, "dump", "--format", "json").output == before
    assert run("--db", db, "check", str(bad)).exit_code == 1
    assert run("--db", db, "check", str(SMALL)).exit_code == 0


def test_dump_load_dump_identical(run, tmp_path):
    first = run("dump")
    assert first.exit_code == 0
    path = tmp_path / "dump.yaml"
    path.write_text(first.output, encoding="utf-8")
    db = str(tmp_path / "copy.db")
    assert run("--db", db, "load", str(path)).exit_code == 0
    assert run("--db", db, "dump").output == first.output


def test_actors_lists_sides(run):
    result = run("actors", "--format", "json")
    actors = json.loads(result.output)
    assert {"russia", "ukraine", "united-states", "europe"} <= {a["side"] for a in actors}


@pytest.mark.parametrize(
    "content,message",
    [
        (b"this is not sqlite at all, not at all", "not a ceasefire-tui database"),
        (b"", "the database is empty"),
    ],
)
def test_bad_database_one_line_error(run, tmp_path, content, message):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    result = run("--db", str(path), "search", "x")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_database_is_not_created(run, tmp_path):
    path = tmp_path / "missing.db"
    result = run("--db", str(path), "compare", "a", "b")
    assert result.exit_code == 1 and "no database here" in result.output
    assert not path.exists()


def test_piped_output_has_no_colour(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    out = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "search", "ceasefire"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert b"\x1b" not in out.stdout and b"\x1b" not in out.stderr
    assert b"ceasefire" in out.stdout.lower()


@pytest.mark.parametrize(
    "argv,expected",
    [
        ([], {"db": None, "mouse": True, "theme": None, "edit": False}),
        (["--db", "x.db", "--no-mouse"], {"db": "x.db", "mouse": False, "theme": None, "edit": False}),
        (
            ["--db=x.db", "--theme", "ansi-dark"],
            {"db": "x.db", "mouse": True, "theme": "ansi-dark", "edit": False},
        ),
        (["--edit"], {"db": None, "mouse": True, "theme": None, "edit": True}),
        (["search", "x"], None),
        (["--db", "x.db", "compare", "a", "b"], None),
        (["--help"], None),
        (["--db"], None),
    ],
)
def test_plain_launch_is_told_from_a_command(argv, expected):
    from ceasefire_tui.tui.launch import parse_launch

    assert parse_launch(argv, environ={}) == expected


def test_the_plain_launch_knows_every_option_of_the_command_line():
    """Two parsers read the same options (the fast one spares a plain launch click's import):
    the group's options are exactly the launch's, and both read them alike."""
    from ceasefire_tui.tui.launch import LAUNCH_FLAGS, LAUNCH_OPTIONS, parse_launch

    declared = {opt for p in cli.params for opt in p.opts if opt not in ("--help", "-h", "--version")}
    assert declared == set(LAUNCH_FLAGS) | set(LAUNCH_OPTIONS)
    for argv in (
        [],
        ["--no-mouse"],
        ["--db", "a.db"],
        ["--db=a.db", "--theme", "t"],
        ["--theme=t", "--no-mouse", "--db", "b.db"],
        ["--edit", "--no-mouse"],
    ):
        ctx = cli.make_context("ceasefire-tui", list(argv), resilient_parsing=True)
        fast = parse_launch(argv, environ={})
        assert fast is not None
        db = ctx.params["db_path"]
        assert (fast["db"], fast["mouse"], fast["theme"], fast["edit"]) == (
            str(db) if db else None,
            not ctx.params["no_mouse"],
            ctx.params["theme"],
            ctx.params["edit"],
        )


def test_launch_path_does_not_import_click():
    code = (
        "import sys; from ceasefire_tui.tui import main, launch, app; "
        "from ceasefire_tui.tui.screens import actors; print('click' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_launch_errors_are_one_line(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.startswith("error: ") and "no database here" in out.stderr
    assert "Traceback" not in out.stderr
