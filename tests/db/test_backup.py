"""Whole copies: `backup` copies one consistent snapshot while readers read and a load
writes, refuses the database itself by any name, and leaves nothing behind when it fails;
`checkpoint` folds the WAL into the database file so the file alone is whole."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ceasefire_tui.db import backup as copies
from ceasefire_tui.db.connect import StoreError, open_reader, open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.db.queries import counts
from tests.support.dossiers import ROOT, SMALL, build_db, snapshot, write_prolific

SEED = ROOT / "fixtures" / "seed" / "ceasefire-2025-03.yaml"


@pytest.fixture
def db(tmp_path) -> Path:
    (tmp_path / "live").mkdir()
    return build_db(tmp_path / "live" / "ceasefire.db", SEED)


def state(path: Path) -> dict:
    conn = open_reader(path)
    try:
        return snapshot(conn)
    finally:
        conn.close()


def whole(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_copy_holds_every_row_of_the_source(db, tmp_path):
    out = tmp_path / "copy.db"
    made = copies.backup(db, out, step=7)
    assert made.path == out and made.size == out.stat().st_size
    reader = open_reader(db)
    try:
        assert made.counts == counts(reader)
        assert made.counts["quotes"] > 0 and made.counts["positions"] > 0
    finally:
        reader.close()
    assert state(out) == state(db)
    assert whole(out)
    assert leftovers(tmp_path) == []


def test_backup_while_a_reader_holds_a_read_transaction(db, tmp_path):
    reader = open_reader(db)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM quotes").fetchone()[0]
    try:
        made = copies.backup(db, tmp_path / "copy.db", step=5)
        assert made.counts["quotes"] == before
        assert reader.execute("SELECT count(*) FROM quotes").fetchone()[0] == before
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert state(tmp_path / "copy.db") == state(db)


def test_a_load_committing_during_the_backup_is_not_half_in_the_copy(db, tmp_path):
    """The snapshot is the one of the backup's start: a whole load committed between two
    of its steps is in the source afterwards and not at all in the copy."""
    before = state(db)
    (tmp_path / "more").mkdir()
    dossier = write_prolific(tmp_path / "more")
    loaded = []

    def mid_backup(done: int, total: int) -> None:
        if not loaded and done < total:
            writer = open_writer(db)
            try:
                load(writer, [dossier])
            finally:
                writer.close()
            loaded.append(done)

    made = copies.backup(db, tmp_path / "copy.db", progress=mid_backup, step=3)
    assert loaded, "the load ran between two steps of the backup"
    assert state(tmp_path / "copy.db") == before
    assert whole(tmp_path / "copy.db")
    after = state(db)
    assert after != before and len(after["quotes"]) > len(before["quotes"])
    assert made.counts["quotes"] == len(before["quotes"])


def test_a_load_mid_transaction_neither_blocks_the_backup_nor_shows_in_it(db, tmp_path):
    before = state(db)
    writer = open_writer(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM position_evidence")
    writer.execute("DELETE FROM rollups")
    try:
        copies.backup(db, tmp_path / "copy.db", step=4)
    finally:
        writer.execute("COMMIT")  # committed after the copy's snapshot
        writer.close()
    assert state(tmp_path / "copy.db") == before
    assert state(db)["position_evidence"] == [] != before["position_evidence"]


@pytest.mark.parametrize("name", ["same", "symlink", "wal", "shm", "hardlink", "relative"])
def test_a_backup_onto_the_database_itself_is_refused(db, name, monkeypatch):
    before = state(db)
    target = {
        "same": db,
        "symlink": db.with_name("link.db"),
        "wal": db.with_name(db.name + "-wal"),
        "shm": db.with_name(db.name + "-shm"),
        "hardlink": db.with_name("hard.db"),
        "relative": Path("..") / db.parent.name / db.name,
    }[name]
    if name == "symlink":
        target.symlink_to(db)
    if name == "hardlink":
        os.link(db, target)
    if name == "relative":
        monkeypatch.chdir(db.parent)
    for force in (False, True):
        with pytest.raises(StoreError, match="the database") as exc:
            copies.backup(db, target, force=force)
        assert "new file name" in str(exc.value)
    assert state(db) == before
    assert leftovers(db.parent) == []


def test_a_backup_onto_a_symlink_to_the_wal_is_refused(db):
    link = db.with_name("w.db")
    link.symlink_to(db.with_name(db.name + "-wal"))
    with pytest.raises(StoreError, match="own ceasefire.db-wal file"):
        copies.backup(db, link, force=True)


def test_through_a_link_to_the_database_its_own_wal_is_still_refused(db, tmp_path):
    link = tmp_path / "elsewhere.db"
    link.symlink_to(db)
    with pytest.raises(StoreError, match="own ceasefire.db-wal file"):
        copies.backup(link, db.with_name(db.name + "-wal"), force=True)
    copies.backup(link, tmp_path / "copy.db")
    assert state(tmp_path / "copy.db") == state(db)


def test_an_existing_file_is_kept_unless_forced(db, tmp_path):
    out = tmp_path / "copy.db"
    out.write_text("mine")
    with pytest.raises(StoreError, match="already exists.*--force"):
        copies.backup(db, out)
    assert out.read_text() == "mine"
    copies.backup(db, out, force=True)
    assert state(out) == state(db)


def test_forcing_over_a_database_with_changes_in_its_wal_is_refused(db, tmp_path):
    other = build_db(tmp_path / "other.db", SMALL)
    holder = open_writer(other)  # its WAL holds a change nobody has checkpointed
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("UPDATE actors SET name = name || '!'")
    try:
        with pytest.raises(StoreError, match="changes not yet in its file"):
            copies.backup(db, other, force=True)
    finally:
        holder.close()


def test_a_missing_folder_or_a_folder_as_out_is_refused(db, tmp_path):
    with pytest.raises(StoreError, match="the folder .*nope does not exist"):
        copies.backup(db, tmp_path / "nope" / "copy.db")
    with pytest.raises(StoreError, match="is a folder"):
        copies.backup(db, tmp_path)
    assert not (tmp_path / "nope").exists()


def test_a_full_disk_leaves_no_copy_and_no_temporary_file(db, tmp_path, monkeypatch):
    seen = {}

    def fills_up(src, dst, step, progress):
        def stop(status, left, total):
            seen["partial"] = [p.name for p in tmp_path.iterdir() if p.name.endswith(".backup")]
            seen.setdefault("steps", 0)
            seen["steps"] += 1
            if seen["steps"] == 3:  # some pages copied, not all
                raise sqlite3.OperationalError("database or disk is full")

        src.backup(dst, pages=2, progress=stop)

    monkeypatch.setattr(copies, "_copy", fills_up)
    before = state(db)
    with pytest.raises(StoreError) as exc:
        copies.backup(db, tmp_path / "copy.db")
    assert seen["steps"] == 3 and seen["partial"], "a partial copy was being written beside OUT"
    message = str(exc.value)
    assert "copy.db: the disk is full" in message
    assert "nothing was written, the partial copy was removed" in message
    assert not (tmp_path / "copy.db").exists()
    assert leftovers(tmp_path) == []
    assert state(db) == before


def test_no_space_to_sync_the_copy_leaves_nothing(db, tmp_path, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(copies.os, "fsync", no_space)
    with pytest.raises(StoreError, match="the disk is full"):
        copies.backup(db, tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == [db.parent]


def test_an_interrupted_backup_leaves_nothing(db, tmp_path):
    def ctrl_c(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copies.backup(db, tmp_path / "copy.db", progress=ctrl_c, step=1)
    assert list(tmp_path.iterdir()) == [db.parent]


def test_a_file_appearing_at_out_during_the_backup_is_kept(db, tmp_path):
    out = tmp_path / "copy.db"

    def someone_else(done, total):
        if not out.exists():
            out.write_text("theirs")

    with pytest.raises(StoreError, match="appeared here during the backup"):
        copies.backup(db, out, progress=someone_else, step=1)
    assert out.read_text() == "theirs"
    assert leftovers(tmp_path) == []


def test_checkpoint_empties_the_wal_so_the_file_alone_is_whole(tmp_path):
    db = build_db(tmp_path / "a.db", SMALL)
    reader = open_reader(db)  # the app open on it: the last close would checkpoint otherwise
    writer = open_writer(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        load(writer, [SEED])
        wal = Path(f"{db}-wal")
        assert wal.stat().st_size > 0
        plain = tmp_path / "plain.db"
        shutil.copyfile(db, plain)
        assert state(plain) != state(db), "without a checkpoint the file alone is stale"
        done = copies.checkpoint(writer)
        assert done.whole and done.truncated
        assert wal.stat().st_size == 0
        plain.unlink()
        shutil.copyfile(db, plain)
        assert state(plain) == state(db)
    finally:
        writer.close()
        reader.close()


def test_a_reader_on_an_older_snapshot_keeps_the_checkpoint_partial(tmp_path):
    db = build_db(tmp_path / "a.db", SMALL)
    reader = open_reader(db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM quotes").fetchone()
    writer = open_writer(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        load(writer, [SEED])
        done = copies.checkpoint_file(db, wait_ms=50)
        assert not done.whole and not done.truncated and done.frames > 0
        reader.execute("COMMIT")
        done = copies.checkpoint_file(db, wait_ms=50)
        assert done.whole and done.truncated
    finally:
        writer.close()
        reader.close()


def test_sizes_read_as_people_write_them():
    assert copies.human(812) == "812 bytes"
    assert copies.human(274_432) == "274.4 kB"
    assert copies.human(4_100_000) == "4.1 MB"
    assert copies.human(2_300_000_000) == "2.3 GB"
