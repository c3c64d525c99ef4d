"""Database faults: each a clear one-line message and a non-zero exit, never a traceback,
and nothing already stored is lost."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import connect, queries
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


SHAPE_TABLES = (
    "position_mark_evidence",
    "position_marks",
    "position_link_evidence",
    "position_links",
    "issue_options",
    "issue_parents",
)


def as_schema(path, version: int) -> dict:
    """Turn a database of this schema back into an older one, as that version made it
    (its derived columns emptied: an upgrade must compute them again); its rows before."""
    from ceasefire_tui.db.connect import expected_schema
    from ceasefire_tui.db.schema_objects import OBJECTS

    conn = sqlite3.connect(path, isolation_level=None)
    before = snapshot(conn)
    conn.execute("PRAGMA trusted_schema = ON")
    if version < 7:  # schema 7's review columns (this database reviewed nothing)
        conn.execute("ALTER TABLE quotes DROP COLUMN reviewed_at")
        conn.execute("ALTER TABLE quotes DROP COLUMN reviewed_by")
    if version < 6:
        before["edits"] = []
        conn.execute("DROP TABLE edits")  # schema 6 (its indexes go with it)
    if version < 5:  # schema 5's tables, each whole (their indexes go with them)
        for table in SHAPE_TABLES:
            before[table] = []  # an older file never held them: an upgrade brings them empty
        for table in SHAPE_TABLES:
            conn.execute(f"DROP TABLE {table}")
    if version >= 4:
        conn.execute(f"PRAGMA user_version = {version}")
        found = {
            (k, n, t, connect.normal_sql(q))
            for k, n, t, q in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        }
        assert found == expected_schema(version)
        conn.close()
        return before
    conn.execute("DROP INDEX idx_positions_actor_issue_covering")  # schema 4
    conn.execute('CREATE INDEX "idx_positions_actor_issue"\n    ON "positions" ("actor", "issue")')
    if version < 3:
        for table in ("load_changes", "loads", "rollups"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX idx_positions_issue_date")
        conn.execute("ALTER TABLE positions DROP COLUMN date")
        conn.execute("ALTER TABLE positions DROP COLUMN as_of")
        for kind, name, _table, sql in OBJECTS[version]:
            if name == "rollups" or (kind == "index" and name == "idx_rollups_covering"):
                conn.execute(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    found = {
        (k, n, t, connect.normal_sql(q))
        for k, n, t, q in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    }
    assert found == expected_schema(version)
    conn.close()
    return before


def without_loads(rows: dict) -> dict:
    return {k: v for k, v in rows.items() if k not in ("loads", "load_changes")}


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_schema_is_not_read_but_named_and_left_as_it_is(tmp_path, version):
    """Schemas before 3 have no dates, so their columns would read wrongly: browsing says
    how to upgrade, in one line, and changes nothing."""
    path = build_db(tmp_path / "x.db", SMALL)
    as_schema(path, version)
    conn = sqlite3.connect(path)
    old = snapshot(conn)
    conn.close()
    one_line_error(run_cli("--db", str(path), "compare", "north", "south"), f"schema {version}", "upgrade")
    conn = sqlite3.connect(path)
    assert snapshot(conn) == old and conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()


def test_a_schema_3_database_is_read_as_it_is_and_left_so(tmp_path):
    """Schema 4 only adds an index: a schema-3 file opens read-only, reads the same
    comparisons (as of a past day too, without the index), and is not changed."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    today = queries.comparison(conn, ["north", "south"])
    day = queries.change_dates(conn, ["north", "south"])[0]
    then = queries.comparison_summary(conn, ["north", "south"], as_of=day)
    conn.close()
    as_schema(path, 3)
    conn = sqlite3.connect(path)
    old = snapshot(conn)
    conn.close()
    conn = open_reader(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert queries.comparison(conn, ["north", "south"]) == today
    assert queries.comparison_summary(conn, ["north", "south"], as_of=day) == then
    conn.close()
    assert run_cli("--db", str(path), "compare", "north", "south", "--as-of", day).exit_code == 0
    conn = sqlite3.connect(path)
    assert snapshot(conn) == old and conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5])
def test_upgrade_computes_dates_and_readings_as_a_load_would(tmp_path, version):
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = build_db(tmp_path / "x.db", SMALL)
    before = as_schema(path, version)
    result = run_cli("--db", str(path), "upgrade")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert without_loads(snapshot(conn)) == without_loads(before)
    conn.close()
    assert [r.relation for r in queries.comparison(open_reader(path), ["north", "south"]).rows]


@pytest.mark.parametrize("version", [2, 3, 4, 5])
def test_load_upgrades_an_older_schema_only_with_the_data_it_writes(tmp_path, version):
    """A rejected dossier leaves an older file exactly as it was; an accepted one
    upgrades it in the same transaction as its rows."""
    from ceasefire_tui.db.connect import SCHEMA_VERSION, expected_schema

    path = build_db(tmp_path / "x.db", SMALL)
    as_schema(path, version)
    conn = sqlite3.connect(path)
    old = snapshot(conn)
    conn.close()
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: lone\n    kind: person\n", encoding="utf-8")  # no name
    result = run_cli("--db", str(path), "load", str(bad))
    assert result.exit_code == 1 and "nothing was written" in result.output
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version and snapshot(conn) == old
    conn.close()
    good = tmp_path / "good.yaml"
    good.write_text("actors:\n  - id: lone\n    name: Lone\n    kind: person\n", encoding="utf-8")
    result = run_cli("--db", str(path), "load", str(good))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM actors WHERE id = 'lone'").fetchone() == ("Lone",)
    assert conn.execute("SELECT count(*) FROM rollups").fetchone()[0] > 0
    found = {
        (k, n, t, connect.normal_sql(q))
        for k, n, t, q in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    }
    assert found == expected_schema(SCHEMA_VERSION)
    conn.close()


def test_default_database_of_an_older_schema_is_upgraded_at_launch(tmp_path):
    from ceasefire_tui.db.bundled import ensure_default_db
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = ensure_default_db(tmp_path / "default.db")
    before = as_schema(path, 2)
    ensure_default_db(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert without_loads(snapshot(conn)) == without_loads(before)
    conn.close()


def test_default_database_locked_by_a_writer_is_left_and_named_not_misread(tmp_path, monkeypatch):
    """An older default database that cannot be upgraded now (another process holds it)
    is left as it is, and reading it says how to upgrade it instead of misreading it."""
    from ceasefire_tui.db.bundled import ensure_default_db

    path = ensure_default_db(tmp_path / "default.db")
    as_schema(path, 2)
    conn = sqlite3.connect(path)
    conn.execute("BEGIN IMMEDIATE")  # another process is loading
    monkeypatch.setenv("CEASEFIRE_TUI_BUSY_TIMEOUT_MS", "50")
    assert ensure_default_db(path) == path
    with pytest.raises(StoreError, match="schema 2.*upgrade"):
        open_reader(path)
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


def _kill_9_mid_write(path, args: list[str], wal_bytes: int, wait: float) -> None:
    """Run the command on the database in a real process, wait until it is writing (its
    WAL grows past `wal_bytes`), then kill it with SIGKILL mid-transaction."""
    wal = path.with_name(path.name + "-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    start = time.monotonic()
    while time.monotonic() - start < wait:
        if wal.exists() and wal.stat().st_size > wal_bytes:
            break
        if proc.poll() is not None:
            pytest.fail(f"{args[0]} ended before it could be killed")
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def test_kill_9_during_load_leaves_database_as_before(tmp_path):
    """A real process, killed with SIGKILL while it writes a large load."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    before = snapshot(conn)
    conn.close()
    big = tmp_path / "big"
    big_dossier(big, 200_000)
    _kill_9_mid_write(path, ["load", str(big)], wal_bytes=2_000_000, wait=60)
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


@pytest.mark.slow
def test_kill_9_during_a_maintenance_verb_leaves_database_and_files_as_before(tmp_path):
    """rename of an actor with 50,000 quotes, killed with SIGKILL mid-transaction: the
    database is as it was, and so are the dossier files (written only after the commit)."""
    big = tmp_path / "big"
    big_dossier(big, 200_000)
    path = build_db(tmp_path / "x.db", big)
    conn = open_reader(path)
    before = snapshot(conn)
    conn.close()
    files = {p: p.read_bytes() for p in big.iterdir()}
    _kill_9_mid_write(path, ["rename", "actor", "a1", "actor-one"], wal_bytes=1_000_000, wait=120)
    conn = open_reader(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert snapshot(conn) == before
    conn.close()
    assert {p: p.read_bytes() for p in big.iterdir()} == files


def _new_bundled(tmp_path, monkeypatch, edit):
    """A changed bundled dossier (its files copied into a fixtures/seed folder elsewhere and
    edited), as a new version of the app would ship it."""
    import shutil

    from ceasefire_tui.db import bundled

    seed = tmp_path / "other-install" / "fixtures" / "seed"
    shutil.copytree(bundled.bundled_dossier().parent, seed)
    main = seed / bundled.bundled_dossier().name
    main.write_text(edit(main.read_text("utf-8")), "utf-8")
    monkeypatch.setattr(bundled, "bundled_dossier", lambda: main)
    monkeypatch.setattr(bundled, "bundled_hash", lambda: "new-version")
    return bundled


def test_a_new_bundled_dossier_from_another_install_path_refreshes_its_own_records(tmp_path, monkeypatch):
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.bundled import ensure_default_db

    path = ensure_default_db(tmp_path / "default.db")
    bundled = _new_bundled(
        tmp_path, monkeypatch, lambda t: t.replace("Vladimir Putin", "Vladimir V. Putin", 1)
    )
    assert bundled.ensure_default_db(path) == path
    conn = open_reader(path)
    assert queries.get_actor(conn, "putin").name == "Vladimir V. Putin"
    assert {r[0] for r in conn.execute("SELECT DISTINCT origin FROM actors")} == {
        str(bundled.bundled_dossier().resolve())
    }
    conn.close()


def test_a_bundled_refresh_the_users_records_depend_on_is_refused_and_the_data_kept(tmp_path, monkeypatch):
    from ceasefire_tui.db.bundled import RefreshRefused, ensure_default_db

    path = ensure_default_db(tmp_path / "default.db")
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "positions:\n  - {id: p-mine, actor: putin, issue: nato-membership, stance: -2, kind: red_line, "
        "summary: Mine, evidence: [q-grushko-ironclad]}\n",
        "utf-8",
    )
    conn = open_writer(path)
    load(conn, [mine])
    conn.close()
    before = snapshot(open_reader(path))

    def drop_quote(text: str) -> str:  # the new version no longer has the quote I cite
        start = text.index("  - id: q-grushko-ironclad")
        end = text.index("  - id:", start + 10)
        text = text[:start] + text[end:]
        return text.replace("evidence: [q-grushko-ironclad, ", "evidence: [")

    bundled = _new_bundled(tmp_path, monkeypatch, drop_quote)
    with pytest.raises(RefreshRefused, match="not refreshed.*p-mine"):
        bundled.ensure_default_db(path)
    assert snapshot(open_reader(path)) == before


def _dead_pid() -> int:
    """The id of a process that has ended (and was reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_partial_load_left_by_a_killed_process_is_removed_by_the_next_load(tmp_path):
    path = tmp_path / "x.db"
    dead = tmp_path / f".x.db.{_dead_pid()}.loading"
    for suffix in ("", "-wal", "-shm"):
        dead.with_name(dead.name + suffix).write_bytes(b"half a database")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = tmp_path / f".x.db.{sleeper.pid}.loading"  # a load still running: left alone
        alive.write_bytes(b"being written")
        other = tmp_path / ".y.db.1.loading"  # another database's: not ours to judge
        other.write_bytes(b"")
        result = CliRunner().invoke(cli, ["--db", str(path), "load", str(SMALL)])
        assert result.exit_code == 0, result.output
        assert f"note: removed {dead}" in result.output
        assert not any(dead.with_name(dead.name + s).exists() for s in ("", "-wal", "-shm"))
        assert alive.exists() and other.exists()
        conn = open_reader(path)
        assert queries.get_actor(conn, "north")
        conn.close()
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.slow
def test_kill_9_during_a_load_into_a_new_database_leaves_nothing_the_next_load_keeps(tmp_path):
    """A real load into a new database, killed with SIGKILL mid-write: no database under
    its name, and the hidden partial file it was building goes with the next load."""
    path = tmp_path / "new.db"
    big = tmp_path / "big"
    big_dossier(big, 200_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), "load", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = tmp_path / f".new.db.{proc.pid}.loading-wal"
    start = time.monotonic()
    while not (wal.exists() and wal.stat().st_size > 2_000_000):
        if proc.poll() is not None or time.monotonic() - start > 60:
            pytest.fail("the load ended before it could be killed")
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not path.exists() and wal.exists()
    result = CliRunner().invoke(cli, ["--db", str(path), "load", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "new.db"]


def a_copy(dossier, tmp_path):
    """The dossier copied into the test's folder: an edit in the desk writes back to the
    file its records came from, which must not be the repository's fixture."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    return shutil.copy(dossier, folder / dossier.name)


def test_a_schema_5_file_is_read_as_it_is_and_its_first_edit_upgrades_it(tmp_path):
    """Schema 6 only adds the desk's `edits` table: a schema-5 file opens read-only with no
    history and is left so; the first edit in the app brings it to schema 6 in the same
    transaction as the edit, and the edit is in the history."""
    from ceasefire_tui.db import desk
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = build_db(tmp_path / "x.db", a_copy(SMALL, tmp_path))
    as_schema(path, 5)
    conn = sqlite3.connect(path)
    old = snapshot(conn)
    conn.close()
    reader = open_reader(path)
    assert reader.execute("PRAGMA user_version").fetchone()[0] == 5
    assert desk.history(reader) == []
    quote = reader.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    reader.close()
    result = run_cli("--db", str(path), "history")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    assert snapshot(conn) == old and conn.execute("PRAGMA user_version").fetchone()[0] == 5
    conn.close()
    writer = open_writer(path)
    desk.fix_quote(writer, quote, None, venue="a press conference")
    assert writer.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [(h.verb, h.record) for h in desk.history(writer)] == [("fix", quote)]
    writer.close()


def test_a_schema_6_file_is_read_as_it_is_and_its_first_edit_upgrades_it(tmp_path):
    """Schema 7 only adds the quotes' `reviewed_by` and `reviewed_at`: a schema-6 file is
    read as it is (its quotes have none; dump and the desk's records leave them out) and
    left so; the first edit brings it to schema 7, and an accept then writes both."""
    from ceasefire_tui.db import desk
    from ceasefire_tui.db.connect import SCHEMA_VERSION

    path = build_db(tmp_path / "x.db", a_copy(SMALL, tmp_path))
    as_schema(path, 6)
    conn = sqlite3.connect(path)
    old = snapshot(conn)
    conn.close()
    reader = open_reader(path)
    assert reader.execute("PRAGMA user_version").fetchone()[0] == 6
    quote = reader.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    assert "reviewed_by" not in desk.state(reader, "quotes", quote)
    assert desk.review_counts(reader)[0] == 0
    reader.close()
    result = run_cli("--db", str(path), "dump", "--format", "yaml")
    assert result.exit_code == 0 and "reviewed_" not in result.output, result.output
    conn = sqlite3.connect(path)
    assert snapshot(conn) == old and conn.execute("PRAGMA user_version").fetchone()[0] == 6
    conn.close()
    writer = open_writer(path)
    desk.accept_quote(writer, quote, None, user="ana")
    assert writer.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    st = desk.state(writer, "quotes", quote)
    assert st["reviewed_by"] == "ana" and st["reviewed_at"] == desk.reviewed(writer, quote).at
    writer.close()
