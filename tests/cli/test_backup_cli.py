"""`backup` and the checkpoint at the end of `load`, through the command line: a copy is
whole and says what it holds; every fault is one `error:` line, exit status 1, the
database unchanged and no file left; after a load the .db file alone holds everything."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import backup as copies
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.db.queries import counts
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, SMALL, snapshot

SEED = ROOT / "fixtures" / "seed" / "ceasefire-2025-03.yaml"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CEASEFIRE_TUI_DB", raising=False)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def db(run, tmp_path) -> Path:
    path = tmp_path / "live.db"
    assert run("--db", str(path), "load", str(SEED)).exit_code == 0
    return path


def read(path: Path, what=snapshot):
    conn = open_reader(path)
    try:
        return what(conn)
    finally:
        conn.close()


def test_backup_copies_and_says_what_it_copied(run, db, tmp_path):
    out = tmp_path / "copy.db"
    result = run("--db", str(db), "backup", str(out))
    assert result.exit_code == 0, result.output
    n = read(db, counts)
    assert result.stdout == (
        f"copied {db} to {out}: {copies.human(out.stat().st_size)}, {n['sources']} source(s), "
        f"{n['quotes']} quote(s), {n['positions']} position(s) (read back from the copy)\n"
    )
    assert read(out) == read(db)
    # the copy is a database like any other: the app's commands read it
    compare = run("--db", str(out), "compare", "putin", "zelensky", "--format", "json")
    assert compare.exit_code == 0, compare.output


def test_backup_while_the_app_reads(run, db, tmp_path):
    app = open_reader(db)
    app.execute("BEGIN")
    app.execute("SELECT count(*) FROM positions").fetchone()
    try:
        result = run("--db", str(db), "backup", str(tmp_path / "copy.db"))
        assert result.exit_code == 0, result.output
    finally:
        app.execute("COMMIT")
        app.close()
    assert read(tmp_path / "copy.db") == read(db)


@pytest.mark.parametrize("name", ["same", "symlink", "wal"])
def test_backup_onto_the_database_itself_fails_in_one_line(run, db, name):
    target = {"same": db, "symlink": db.with_name("link.db"), "wal": db.with_name(db.name + "-wal")}[name]
    if name == "symlink":
        target.symlink_to(db)
    before = read(db)
    files = sorted(os.listdir(db.parent))
    for extra in ([], ["--force"]):
        result = run("--db", str(db), "backup", str(target), *extra)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.startswith(f"error: {target}: is the database")
        assert result.stderr.count("\n") == 1
    assert read(db) == before
    assert sorted(os.listdir(db.parent)) == files


def test_an_existing_out_needs_force(run, db, tmp_path):
    out = tmp_path / "copy.db"
    out.write_text("keep me")
    result = run("--db", str(db), "backup", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"error: {out}: already exists; choose another name, or replace it with --force\n"
    assert out.read_text() == "keep me"
    assert run("--db", str(db), "backup", str(out), "--force").exit_code == 0
    assert read(out) == read(db)


def test_faults_are_one_line_and_exit_1(run, db, tmp_path):
    cases = {
        str(tmp_path / "nope" / "x.db"): "the folder",
        str(tmp_path): "is a folder",
    }
    for out, expect in cases.items():
        result = run("--db", str(db), "backup", out)
        assert result.exit_code == 1 and expect in result.stderr, result.output
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    missing = run("--db", str(tmp_path / "none.db"), "backup", str(tmp_path / "x.db"))
    assert missing.exit_code == 1 and "no database here" in missing.stderr
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "x.db").exists()


def test_a_full_disk_during_the_backup(run, db, tmp_path, monkeypatch):
    def fills_up(src, dst, step, progress):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(copies, "_copy", fills_up)
    before = read(db)
    out = tmp_path / "copy.db"
    result = run("--db", str(db), "backup", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {out}: the disk is full (the copy needs about ")
    assert result.stderr.endswith("nothing was written, the partial copy was removed\n")
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert read(db) == before


def test_the_real_command_never_shows_a_traceback(db, tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(db), "backup", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and out.stderr.startswith("error: ")


def test_after_a_load_the_db_file_alone_holds_everything(run, tmp_path):
    """The app open on the database (a reader between queries): a reload's changes are in
    the .db file once `load` returns, so copying that file alone gives all of them."""
    db = tmp_path / "live.db"
    assert run("--db", str(db), "load", str(SMALL)).exit_code == 0
    app = open_reader(db)
    try:
        app.execute("PRAGMA wal_autocheckpoint = 0").fetchall()
        result = run("--db", str(db), "load", str(SEED))
        assert result.exit_code == 0, result.output
        assert "note:" not in result.output
        wal = Path(f"{db}-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        plain = tmp_path / "plain.db"
        shutil.copyfile(db, plain)  # the .db alone, no -wal beside it
        assert not Path(f"{plain}-wal").exists()
        assert read(plain, counts) == read(db, counts)
        assert read(plain) == read(db)
        assert app.execute("SELECT count(*) FROM sources").fetchone()[0] == 2
    finally:
        app.close()


def test_a_reader_mid_transaction_gets_a_calm_note_pointing_to_backup(run, tmp_path, monkeypatch):
    monkeypatch.setattr(copies, "CHECKPOINT_WAIT_MS", 50)
    db = tmp_path / "live.db"
    assert run("--db", str(db), "load", str(SMALL)).exit_code == 0
    app = open_reader(db)
    app.execute("BEGIN")
    app.execute("SELECT count(*) FROM quotes").fetchone()
    try:
        result = run("--db", str(db), "load", str(SEED))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("loaded ")
        assert "error" not in result.stderr and "warning" not in result.stderr
        assert "use `ceasefire-tui backup OUT.db`" in result.stderr
        # backup is the way: the copy has the load, though the reader still holds its snapshot
        out = tmp_path / "copy.db"
        assert run("--db", str(db), "backup", str(out)).exit_code == 0
        assert read(out, counts)["sources"] == 2
    finally:
        app.execute("COMMIT")
        app.close()
    assert read(out) == read(db)
