"""This process's SQLite locks survive its own reads of a database's header (86e1808).

Closing any descriptor of a file drops every POSIX lock the process holds on it, those of
its SQLite connections included. When the app read the header with open()/close() (each
reader a worker opens), another process closing the database then found no one holding
it, checkpointed and deleted the -wal under the app, and the app's later commits went to
the deleted file: lost when it ended. And the descriptors kept open instead are let go
once their file is gone, so a deleted database's disk space is given back while the app
runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from ceasefire_tui.db import connect
from ceasefire_tui.db.connect import open_reader, open_writer

#: Another process (another app, a CLI command) that opens the database, reads, closes.
OTHER = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "c.execute('SELECT count(*) FROM meta').fetchone()\n"
    "c.close()\n"
)


def keys(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [k for (k,) in conn.execute("SELECT key FROM meta WHERE key LIKE 'edit-%' ORDER BY key")]
    finally:
        conn.close()


def test_another_process_closing_the_database_keeps_the_wal_and_this_process_commits(tmp_path):
    db = tmp_path / "shared.db"
    writer = open_writer(db)  # a new database, in WAL mode
    writer.execute("INSERT INTO meta (key, value) VALUES ('edit-1', 'x')")
    # readers opened after the edit, as the app's workers open them: each reads the header
    readers = [open_reader(db) for _ in range(2)]
    for r in readers:
        r.execute("SELECT count(*) FROM meta").fetchone()
    subprocess.run([sys.executable, "-c", OTHER, str(db)], check=True, timeout=60)
    # the other process did not find the database unused: its -wal is still there
    assert Path(f"{db}-wal").exists()
    writer.execute("INSERT INTO meta (key, value) VALUES ('edit-2', 'y')")
    for c in (writer, *readers):
        c.close()
    assert keys(db) == ["edit-1", "edit-2"]  # both commits, read afresh


def _open_fds() -> dict[int, str]:
    out = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            out[int(name)] = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            pass
    return out


def test_the_header_descriptor_of_a_deleted_database_is_let_go(tmp_path):
    db = tmp_path / "gone.db"
    open_writer(db).close()
    open_reader(db).close()
    held = [p for p in _open_fds().values() if p == str(db)]
    assert held  # the header's descriptor, kept open while the file is there
    os.unlink(db)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    assert any(p == f"{db} (deleted)" for p in _open_fds().values())  # its space still held
    connect.release_gone()
    assert not [p for p in _open_fds().values() if p.startswith(str(db))]


def test_a_database_replaced_under_its_name_is_read_afresh_and_the_old_one_let_go(tmp_path):
    db = tmp_path / "replaced.db"
    open_writer(db).close()
    open_reader(db).close()
    new = tmp_path / "new.db"
    open_writer(new).close()
    os.replace(new, db)  # another load built a new file and renamed it over
    open_reader(db).close()  # reads the new file's header: the old descriptor goes
    fds = _open_fds().values()
    assert not any(p == f"{db} (deleted)" for p in fds)
    assert any(p == str(db) for p in fds)


def test_a_descriptor_of_a_database_still_there_is_kept(tmp_path):
    """Closing it would drop the locks of this process's connections (the bug above)."""
    db = tmp_path / "kept.db"
    open_writer(db).close()
    conn = open_reader(db)
    connect.release_gone()
    assert any(p == str(db) for p in _open_fds().values())
    conn.close()
