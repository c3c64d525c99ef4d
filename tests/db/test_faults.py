"""Database faults: each a clear one-line message and a non-zero exit, never a traceback,
and nothing already stored is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import StoreError, open_reader, open_writer, translate
from ceasefire_tui.db.dossier import check, load, write
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import SMALL, big_dossier, build_db, snapshot


def run_cli(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def one_line_error(result, *needles):
    assert result.exit_code != 0
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


def test_missing_file_is_never_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(StoreError, match="no database here"):
        open_reader(path)
    one_line_error(run_cli("--db", str(path), "search", "x"), "no database here")
    assert not path.exists()


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, definitely not SQLite\n" * 10)
    one_line_error(run_cli("--db", str(path), "actors"), "not a ceasefire-tui database")
    one_line_error(run_cli("--db", str(path), "load", str(SMALL)), "not a ceasefire-tui database")
    assert path.read_text().startswith("just some notes")  # untouched


def test_someone_elses_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    one_line_error(run_cli("--db", str(path), "actors"), "not a ceasefire-tui one")
    one_line_error(run_cli("--db", str(path), "load", str(SMALL)), "not a ceasefire-tui one")


def test_newer_schema(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    one_line_error(run_cli("--db", str(path), "actors"), "newer ceasefire-tui", "schema 99")


def as_schema_1(path) -> dict:
    """Turn a database back into schema 1 (before the rollup index); its rows."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX idx_rollups_covering")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    rows = snapshot(conn)
    conn.close()
    return rows


def test_schema_1_is_read_as_it_is_and_upgraded_by_a_load(tmp_path):
    """A database written before the rollup index (schema 1) still opens for browsing;
    the next writer adds the index and nothing else changes."""
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = build_db(tmp_path / "x.db", SMALL)
    before = as_schema_1(path)
    reader = open_reader(path)
    assert [r.relation for r in queries.comparison(reader, ["north", "south"]).rows]
    reader.close()
    result = run_cli("--db", str(path), "compare", "north", "south")
    assert result.exit_code == 0, result.output
    open_writer(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'idx_rollups_covering'").fetchone()[0]
        == 1
    )
    assert snapshot(conn) == before
    conn.close()


def test_load_upgrades_schema_1_only_with_the_data_it_writes(tmp_path):
    """A rejected dossier leaves a schema-1 file exactly as it was, index and version
    included; an accepted one upgrades it in the same transaction as its rows."""
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = build_db(tmp_path / "x.db", SMALL)
    before = as_schema_1(path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: lone\n    kind: person\n", encoding="utf-8")  # no name
    result = run_cli("--db", str(path), "load", str(bad))
    assert result.exit_code == 1 and "nothing was written" in result.output

    def schema(conn):
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'idx_rollups_covering'").fetchone()[
                0
            ],
        )

    conn = sqlite3.connect(path)
    assert schema(conn) == (1, 0) and snapshot(conn) == before
    conn.close()
    good = tmp_path / "good.yaml"
    good.write_text("actors:\n  - id: lone\n    name: Lone\n    kind: person\n", encoding="utf-8")
    result = run_cli("--db", str(path), "load", str(good))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    assert schema(conn) == (SCHEMA_VERSION, 1)
    assert conn.execute("SELECT name FROM actors WHERE id = 'lone'").fetchone() == ("Lone",)
    conn.close()


def test_default_database_of_schema_1_is_upgraded_at_launch(tmp_path):
    from ceasefire_tui.db.bundled import ensure_default_db
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = ensure_default_db(tmp_path / "default.db")
    before = as_schema_1(path)
    ensure_default_db(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert snapshot(conn) == before
    conn.close()


def test_default_database_locked_by_a_writer_is_read_without_its_upgrade(tmp_path, monkeypatch):
    """The launch's upgrade is a nicety: a locked (or read-only) file is read as it is."""
    from ceasefire_tui.db.bundled import ensure_default_db

    path = ensure_default_db(tmp_path / "default.db")
    as_schema_1(path)
    conn = sqlite3.connect(path)
    conn.execute("BEGIN IMMEDIATE")  # another process is loading
    monkeypatch.setenv("CEASEFIRE_TUI_BUSY_TIMEOUT_MS", "50")
    assert ensure_default_db(path) == path
    reader = open_reader(path)
    assert queries.list_actors(reader)
    assert reader.execute("PRAGMA user_version").fetchone()[0] == 1
    reader.close()
    conn.rollback()
    conn.close()


def test_schema_older_than_any_reader_knows(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")  # ours (application_id), but before schema 1
    conn.commit()
    conn.close()
    one_line_error(run_cli("--db", str(path), "actors"), "schema 0 is older", "rebuild")
    one_line_error(run_cli("--db", str(path), "load", str(SMALL)), "schema 0 is older")


def test_corrupt_database(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), 97):  # scribble over every page after the first
        data[offset : offset + 8] = b"\xde\xad\xbe\xef" * 2
    path.write_bytes(bytes(data))
    result = run_cli("--db", str(path), "compare", "north", "south")
    one_line_error(result)
    assert "corrupt" in result.output or "not a" in result.output


def test_locked_by_a_writer_then_readers_still_read(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    holder = open_writer(path)
    holder.execute("PRAGMA trusted_schema = ON")  # its FTS triggers run only under `write`
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE positions SET summary = 'uncommitted' WHERE id = 'p-north-cf'")
    try:
        # a reader is not blocked by the writer, and does not see its uncommitted work
        reader = open_reader(path)
        assert queries.get_position(reader, "p-north-cf").summary == "Demands a full ceasefire now"
        reader.close()
        # a second writer waits, then says so in one line
        result = run_cli("--db", str(path), "load", str(SMALL), env={"CEASEFIRE_TUI_BUSY_TIMEOUT_MS": "200"})
        one_line_error(result, "locked by another writer", "nothing was written")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_disk_full_rolls_back(tmp_path):
    from ceasefire_tui.db.bundled import bundled_dossier

    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_writer(path)
    before = snapshot(conn)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is nearly full
    d = check([bundled_dossier()], conn)
    with pytest.raises(sqlite3.OperationalError) as err:
        write(conn, d)
    assert "full" in str(translate(path, err.value))
    assert snapshot(conn) == before
    conn.close()


def test_kill_9_during_load_leaves_database_as_before(tmp_path):
    """A real process, killed with SIGKILL while it writes a large load."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    before = snapshot(conn)
    conn.close()
    big = tmp_path / "big"
    big_dossier(big, 200_000)
    wal = path.with_name(path.name + "-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), "load", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    start = time.monotonic()
    # wait until the load is writing (its WAL grows), then kill it mid-transaction
    while time.monotonic() - start < 60:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        if proc.poll() is not None:
            pytest.fail("the load ended before it could be killed")
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = open_reader(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert snapshot(conn) == before
    conn.close()


def test_interrupt_during_load_in_the_cli(tmp_path):
    """Ctrl-C (SIGINT) during a load: 'nothing was written', exit 130, database unchanged."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    before = snapshot(conn)
    conn.close()
    big = tmp_path / "big"
    big_dossier(big, 200_000)
    wal = path.with_name(path.name + "-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), "load", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    start = time.monotonic()
    while time.monotonic() - start < 60:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "nothing was written" in err and "Traceback" not in err
    conn = open_reader(path)
    assert snapshot(conn) == before
    conn.close()


def test_upsert_keeps_other_records(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_writer(path)
    from ceasefire_tui.db.bundled import bundled_dossier

    load(conn, [bundled_dossier()])
    assert queries.get_actor(conn, "north") and queries.get_actor(conn, "putin")
    conn.close()
