"""A database file from someone else: it must not run anything, crash, hang or corrupt.

Real files, real FIFOs and devices, the real command in a subprocess; each refusal is one
line naming what was refused, a non-zero exit, and nothing written.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ceasefire_tui.db import connect, schema_objects
from ceasefire_tui.db.connect import StoreError, open_reader, open_writer
from ceasefire_tui.db.dossier import check, write
from ceasefire_tui.db.schema import derive_objects
from tests.support.dossiers import SMALL, big_dossier, build_db, snapshot
from tests.support.hostile import generated_strings

COMMANDS = (
    ["actors"],
    ["search", "ceasefire"],
    ["dump"],
    ["compare", "north", "south"],
    ["load", str(SMALL)],
    ["check", str(SMALL)],
)


def run(db, *args, timeout=30, prefix=(), cwd=None):
    return subprocess.run(
        [*prefix, sys.executable, "-m", "ceasefire_tui.tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )


def one_line(result, *needles):
    """Refused: a non-zero exit and one line on stderr, `error: ...`, naming the needles."""
    assert result.returncode != 0, result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def tamper(path: Path, *statements: str) -> None:
    """Change a database the way someone else's program could."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def rows(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return snapshot(conn)
    finally:
        conn.close()


INVERT = (
    "CREATE TRIGGER invert AFTER INSERT ON positions BEGIN "
    "UPDATE positions SET stance = -new.stance WHERE id = new.id; END"
)


@pytest.fixture
def empty_db(tmp_path) -> Path:
    """A ceasefire-tui database with its schema and nothing in it, as someone shares it."""
    path = tmp_path / "theirs.db"
    open_writer(path).close()
    return path


def test_a_trigger_someone_added_does_not_run_in_our_load(empty_db):
    """The reported attack: a trigger that inverts every stance as it is inserted."""
    tamper(empty_db, INVERT)
    before = rows(empty_db)
    line = one_line(run(empty_db, "load", str(SMALL)), "trigger 'invert'", "positions")
    assert "refusing" in line
    assert rows(empty_db) == before  # nothing written, by us or by the trigger
    one_line(run(empty_db, "actors"), "trigger 'invert'")


def test_a_trigger_added_after_the_writer_opened_is_caught_inside_the_transaction(tmp_path):
    """Checked under the write lock, not only at open: a trigger added in between is
    refused and the load is rolled back."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_writer(path)
    d = check([SMALL], conn)
    tamper(path, "DELETE FROM positions", INVERT)
    before = rows(path)
    with pytest.raises(StoreError, match="trigger 'invert'"):
        write(conn, d)
    assert not conn.in_transaction
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    conn.close()
    assert rows(path) == before


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_view_is_refused_by_every_command(tmp_path, args):
    path = build_db(tmp_path / "x.db", SMALL)
    tamper(path, "CREATE VIEW spy AS SELECT * FROM sources")
    before = rows(path)
    one_line(run(path, *args), "view 'spy'")
    assert rows(path) == before


@pytest.mark.parametrize(
    "statements, needle",
    [
        (["CREATE TABLE extra (x)"], "unexpected table 'extra'"),
        (["CREATE INDEX idx_extra ON quotes (note)"], "unexpected index 'idx_extra'"),
        # our own trigger, its body changed: it would still run as ours
        (
            [
                "DROP TRIGGER quotes_ai",
                "CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN UPDATE positions SET stance = 0; END",
            ],
            "changed definition of trigger 'quotes_ai'",
        ),
        (["DROP INDEX idx_quotes_source_start"], "index 'idx_quotes_source_start' is missing"),
        (["DROP TRIGGER positions_ad"], "trigger 'positions_ad' is missing"),
    ],
    ids=["table", "index", "changed-trigger", "missing-index", "missing-trigger"],
)
def test_any_difference_from_our_schema_is_refused(tmp_path, statements, needle):
    path = build_db(tmp_path / "x.db", SMALL)
    tamper(path, *statements)
    before = rows(path)
    one_line(run(path, "actors"), needle)
    one_line(run(path, "load", str(SMALL)), needle)
    assert rows(path) == before


def test_the_same_schema_worded_differently_is_accepted(tmp_path):
    """Another sqlite-utils or SQLite spaces and quotes its CREATE statements its own way:
    a database from another install of ceasefire-tui is not refused for its wording."""
    path = build_db(tmp_path / "x.db", SMALL)
    tamper(
        path,
        "DROP INDEX idx_quotes_source_start",
        "CREATE INDEX [idx_quotes_source_start]   ON quotes( source ,start )",
    )
    ok = run(path, "actors")
    assert ok.returncode == 0, ok.stderr
    # ... but a different column is a different index
    tamper(
        path,
        "DROP INDEX idx_quotes_source_start",
        "CREATE INDEX idx_quotes_source_start ON quotes (source, end)",
    )
    one_line(run(path, "actors"), "changed definition of index 'idx_quotes_source_start'")


def test_a_hostile_object_name_is_shown_escaped(tmp_path):
    path = build_db(tmp_path / "x.db", SMALL)
    name = generated_strings()[5]  # OSC title, BEL, DCS
    assert "\x1b" in name and "\x07" in name
    quoted = name.replace('"', '""')
    tamper(path, f'CREATE VIEW "{quoted}" AS SELECT 1')
    line = one_line(run(path, "actors"), "unexpected view")
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in line), repr(line)


def test_every_connection_has_trusted_schema_off(small_db_path, tmp_path):
    reader = open_reader(small_db_path)
    assert reader.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    reader.close()
    path = build_db(tmp_path / "x.db", SMALL)  # a load ran on this writer
    writer = open_writer(path)
    assert writer.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    write(writer, check([SMALL], writer))
    assert writer.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    writer.close()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_invalid_utf8_in_the_schema_is_one_line(tmp_path, args):
    path = build_db(tmp_path / "x.db", SMALL)
    tamper(
        path,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = CAST(CAST(sql AS BLOB) || X'2D2DFF' AS TEXT) WHERE name = 'actors'",
    )  # a comment with a byte that is not UTF-8
    conn = sqlite3.connect(path)
    with pytest.raises((UnicodeDecodeError, sqlite3.OperationalError), match="decode"):
        conn.execute("SELECT sql FROM sqlite_master WHERE name = 'actors'").fetchall()
    conn.close()
    one_line(run(path, *args), "'actors'", "not valid UTF-8")


@pytest.mark.parametrize("args", [["actors"], ["load", str(SMALL)]], ids=["actors", "load"])
def test_a_character_device_is_refused_untouched(args):
    device = Path("/dev/null")
    if not device.is_char_device():
        pytest.skip("no /dev/null character device here")
    journal = Path("/dev/null-journal")
    if journal.exists():
        pytest.skip("/dev/null-journal is already there")
    try:
        one_line(run(device, *args), "/dev/null", "character device", "regular file")
        assert not journal.exists()
    finally:
        if journal.exists() and journal.is_file():
            journal.unlink()


@pytest.mark.parametrize(
    "args", [["actors"], ["load", str(SMALL)], ["check", str(SMALL)]], ids=["actors", "load", "check"]
)
def test_a_fifo_is_refused_without_hanging(tmp_path, args):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    one_line(run(fifo, *args, timeout=15), "named pipe", "regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.db"]


@pytest.mark.parametrize("args", [["actors"], ["load", str(SMALL)]], ids=["actors", "load"])
def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path, args):
    link = tmp_path / "x.db"
    link.symlink_to(tmp_path / "gone" / "x.db")
    one_line(run(link, *args), "symbolic link", "does not exist")
    assert [p.name for p in tmp_path.iterdir()] == ["x.db"] and link.is_symlink()


def test_a_rejected_load_into_a_new_path_leaves_no_file(tmp_path):
    folder = tmp_path / "dbs"
    folder.mkdir()
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: lone\n    kind: person\n", encoding="utf-8")  # no name
    result = run(folder / "new.db", "load", str(bad))
    assert result.returncode == 1 and "nothing was written" in result.stderr
    assert list(folder.iterdir()) == []
    # and so it is still not there to browse as an empty database with exit 0
    one_line(run(folder / "new.db", "actors"), "no database here")
    result = run(folder / "new.db", "load", str(SMALL))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["new.db"]
    assert run(folder / "new.db", "actors").returncode == 0


def test_an_interrupted_load_into_a_new_path_leaves_no_file(tmp_path):
    folder = tmp_path / "dbs"
    folder.mkdir()
    big = tmp_path / "big"
    big_dossier(big, 60_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(folder / "new.db"), "load", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    start = time.monotonic()
    while time.monotonic() - start < 60:  # until it is writing: its WAL grows
        wals = [p for p in folder.iterdir() if p.name.endswith("-wal")]
        if wals and wals[0].stat().st_size > 1_000_000:
            break
        if proc.poll() is not None:
            pytest.fail(f"the load ended before it could be interrupted: {proc.stderr.read()}")
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "nothing was written" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_the_stored_schema_is_what_create_schema_makes():
    """`schema_objects.py` is derived, not written by hand: regenerate it with
    `python -m ceasefire_tui.db.schema` when the schema changes. A new database is schema
    1 plus every migration, so an upgraded file and a new one cannot differ."""
    from ceasefire_tui.db.schema import SCHEMA_VERSION, create_schema

    assert sorted(schema_objects.OBJECTS) == list(range(1, SCHEMA_VERSION + 1))
    for version, objects in schema_objects.OBJECTS.items():
        assert list(objects) == derive_objects(version)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    create_schema(conn)
    assert {
        (*r[:3], connect.normal_sql(r[3]))
        for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    } == connect.expected_schema(SCHEMA_VERSION)
    conn.close()


# --- a WAL database in a folder this user cannot write ------------------------------------


def as_other_user() -> tuple[str, ...]:
    """The command prefix that runs as a user who cannot write a root-owned folder."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        reason = "setpriv is missing: cannot run as a non-root user (root writes anywhere)"
        print(reason)
        pytest.skip(reason)
    return (setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups")


@pytest.fixture
def readonly_wal_db():
    prefix = as_other_user()
    folder = Path(tempfile.mkdtemp(prefix="cftu-ro-", dir="/tmp"))
    try:
        path = build_db(folder / "x.db", SMALL)
        with open(path, "rb") as fh:
            assert fh.read(20)[18] == 2  # WAL
        assert sorted(p.name for p in folder.iterdir()) == ["x.db"]
        path.chmod(0o644)
        folder.chmod(0o555)
        yield prefix, path
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_wal_database_in_a_read_only_folder_is_browsed_immutable(readonly_wal_db):
    prefix, path = readonly_wal_db
    before = path.read_bytes()
    result = run(path, "actors", prefix=prefix, cwd="/")
    assert result.returncode == 0, result.stderr
    assert "North (north" in result.stdout
    notes = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(notes) == 1 and notes[0].startswith("note: ") and "won't be seen" in notes[0]
    assert "Traceback" not in result.stderr
    result = run(path, "search", "ceasefire", prefix=prefix, cwd="/")
    assert result.returncode == 0 and result.stdout.strip(), result.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.db"]
    assert path.read_bytes() == before
    # loading into it is still refused, in one line
    one_line(run(path, "load", str(SMALL), prefix=prefix, cwd="/"), "read-only")


# --- records no load of ours writes -------------------------------------------------------


@pytest.mark.parametrize("stance", ["7", "'x'", "1.5"], ids=["seven", "text", "real"])
def test_a_stance_no_load_writes_is_one_line_not_a_crash(tmp_path, stance):
    """The schema can be ours and a row still hold what our load never writes: a stance
    of 7 crashed compare (KeyError) and every screen that shows it."""
    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    try:
        from ceasefire_tui.db import queries

        issue = next(i for i in queries.list_issues(conn) if i.position_count)
        victim = queries.issue_positions(conn, issue.id)[0]
        others = [a.id for a in queries.list_sides(conn) if a.id != victim.actor][:1]
    finally:
        conn.close()
    tamper(path, f"UPDATE positions SET stance = {stance} WHERE id = '{victim.id}'")
    line = one_line(run(path, "compare", victim.actor, *others), "stance", victim.id)
    assert "from -2 to +2" in line


async def test_a_stance_no_load_writes_shows_the_error_screen(tmp_path):
    from ceasefire_tui.db import queries
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.screens.modals.error import ErrorScreen

    path = build_db(tmp_path / "x.db", SMALL)
    conn = open_reader(path)
    try:
        issue = next(i for i in queries.list_issues(conn) if i.position_count)
    finally:
        conn.close()
    tamper(path, f"UPDATE positions SET stance = 9 WHERE issue = '{issue.id}'")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue(issue.id)
        await pilot.pause(0.2)
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("escape")
        assert app.is_running
