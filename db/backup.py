"""Whole copies of a database: a checkpoint that folds the WAL into the database file, and
an online backup that copies a consistent snapshot while the app reads and a load writes.

A database in WAL mode keeps its latest changes in its `-wal` file until a checkpoint
copies them into the main file, so the main file alone can be days behind while the app is
open. `checkpoint` runs at the end of a load; `backup` is the way to copy at any moment.
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .connect import StoreError, open_reader, translate

#: Pages copied per step of a backup (4 MB at SQLite's default 4 KB page).
STEP_PAGES = 1024

#: How long `checkpoint_file` waits for a reader's query to end (ms); a reader that keeps
#: a transaction open longer leaves the rest of the WAL for a later checkpoint.
CHECKPOINT_WAIT_MS = 1000

#: What a backup reports as it goes: pages copied, pages in all.
BackupProgress = Callable[[int, int], None]

_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Checkpoint:
    """What a checkpoint did: `frames` in the WAL, `copied` of them into the database file,
    and whether the WAL could then be emptied (`truncated`)."""

    frames: int
    copied: int
    truncated: bool

    @property
    def whole(self) -> bool:
        """The database file alone holds every committed change: a plain copy of it is whole."""
        return self.frames <= 0 or self.copied >= self.frames


def checkpoint(conn: sqlite3.Connection, wait_ms: int | None = None) -> Checkpoint:
    """Copy the WAL into the database file and empty it (`wal_checkpoint(TRUNCATE)`).

    A reader in the middle of a query keeps the WAL from being emptied (it reads it), and
    one whose transaction began before the latest commit keeps its frames from being
    copied (it must not see them): the checkpoint waits up to `wait_ms` (else the
    connection's busy timeout) for them, then does what it can, as FULL would, and says
    so. Not in WAL mode: nothing to do, whole.
    """
    before: int | None = None
    if wait_ms is not None:
        before = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        if before is not None:
            conn.execute(f"PRAGMA busy_timeout = {before}")
    if frames < 0:  # not a WAL database
        return Checkpoint(0, 0, True)
    if not busy:  # TRUNCATE reports the emptied WAL: 0 frames
        return Checkpoint(0, 0, True)
    return Checkpoint(int(frames), int(copied), False)


def checkpoint_file(path: str | os.PathLike[str], wait_ms: int | None = None) -> Checkpoint:
    """`checkpoint` the database at `path` on a connection of its own (never creates it),
    waiting at most `wait_ms` (CHECKPOINT_WAIT_MS) for readers."""
    from urllib.parse import quote

    uri = f"file:{quote(str(Path(path).resolve()))}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(path, exc) from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        return checkpoint(conn, CHECKPOINT_WAIT_MS if wait_ms is None else wait_ms)
    except sqlite3.Error as exc:
        raise translate(path, exc) from None
    finally:
        conn.close()


@dataclass(frozen=True)
class Copy:
    """A finished backup: where, its size in bytes, and its records (read back from it)."""

    path: Path
    size: int
    counts: dict[str, int]


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_target(src: Path, out: Path, force: bool) -> None:
    """Refuse an OUT that is the database itself (or one of its files, by any name), a
    folder, one in a missing folder, or an existing file (unless `force`)."""
    # SQLite keeps the -wal beside the file a link leads to: check both names
    for suffix, mine in ((x, Path(f"{base}{x}")) for x in _SUFFIXES for base in (src, _real(src))):
        if _real(out) == _real(mine) or _same(out, mine):
            what = "the database itself" if not suffix else f"the database's own {mine.name} file"
            raise StoreError(
                f"{out}: is {what} ({src}); a backup needs a new file name, e.g. {src.stem}-copy.db"
            )
    folder = out.parent
    if not folder.is_dir():
        raise StoreError(
            f"{out}: the folder {folder} does not exist; create it first, or choose another place"
        )
    if os.path.isdir(out):
        raise StoreError(
            f"{out}: is a folder; expected the name of a new file, e.g. {out / (src.stem + '-copy.db')}"
        )
    if os.path.lexists(out):
        if not force:
            raise StoreError(f"{out}: already exists; choose another name, or replace it with --force")
        if not os.path.islink(out) and not out.is_file():
            raise StoreError(f"{out}: is not a regular file; refusing to replace it")
        wal = Path(f"{out}-wal")
        if Path(f"{out}-journal").exists() or (wal.is_file() and wal.stat().st_size):
            raise StoreError(
                f"{out}: is a database with changes not yet in its file (its -wal or -journal "
                "is there: it may be open); close what has it open, or choose another name"
            )


def _temp(folder: Path, name: str) -> Path:
    """A new hidden file beside OUT, created empty and exclusively (never an existing one)."""
    while True:
        tmp = folder / f".{name}.{secrets.token_hex(6)}.backup"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def _remove(tmp: Path) -> None:
    for suffix in _SUFFIXES:
        try:
            os.unlink(f"{tmp}{suffix}")
        except OSError:
            pass


def _fsync(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    except OSError:
        if not directory:  # a folder some file systems cannot sync: the file itself is
            raise
    finally:
        os.close(fd)


def _copy(src: sqlite3.Connection, dst: sqlite3.Connection, step: int, progress: BackupProgress) -> None:
    """The backup proper: SQLite's online backup, `step` pages at a time."""
    src.backup(dst, pages=step, progress=lambda _status, left, total: progress(total - left, total))


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return "full" in str(exc)


def _place(tmp: Path, out: Path, force: bool) -> None:
    """Give the finished copy its name: created (never replacing a file that appeared
    meanwhile) or, with `force`, replacing OUT (a link there is replaced, not followed)."""
    if force:
        os.replace(tmp, out)
        for suffix in ("-wal", "-shm"):  # an empty WAL and its index, of the file replaced
            try:
                os.unlink(f"{out}{suffix}")
            except OSError:
                pass
        return
    try:
        os.link(tmp, out, follow_symlinks=False)
    except FileExistsError:
        raise StoreError(
            f"{out}: a file appeared here during the backup; nothing was written "
            "(choose another name, or replace it with --force)"
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(out):  # a file system without hard links
            raise StoreError(f"{out}: a file appeared here during the backup; nothing was written") from None
        os.rename(tmp, out)
        return
    os.unlink(tmp)


def backup(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    progress: BackupProgress | None = None,
    force: bool = False,
    step: int = STEP_PAGES,
) -> Copy:
    """Copy the database at `src` to a new file `out`, whole and consistent, while others
    read it and a load writes it.

    The copy is the snapshot of one read transaction (held for the whole backup, so a load
    committing meanwhile neither restarts it nor shows in it), written to a hidden file
    beside OUT, synced, read back (opened as the app opens a database, its records
    counted), and only then given its name: a failure, a full disk or Ctrl-C leaves no OUT
    and no temporary file. Raises StoreError with a one-line message.
    """
    src, out = Path(src), Path(out)
    _check_target(src, out, force)
    reader = open_reader(src)
    tmp: Path | None = None
    done = [0, 0]

    def report(copied: int, total: int) -> None:
        done[:] = [copied, total]
        if progress is not None:
            progress(copied, total)

    try:
        try:
            tmp = _temp(out.parent, out.name)
        except OSError as exc:
            raise StoreError(f"{out}: cannot write in {out.parent} ({exc.strerror})") from None
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            # the copy is thrown away on any failure: no journal of its own to keep
            dst.execute("PRAGMA journal_mode = OFF")
            dst.execute("PRAGMA synchronous = OFF")
            reader.execute("BEGIN")  # one snapshot for every step
            reader.execute("SELECT count(*) FROM meta").fetchone()
            _copy(reader, dst, max(int(step), 1), report)
            reader.execute("COMMIT")
        finally:
            dst.close()
        _fsync(tmp)
        copied = open_reader(tmp)
        try:
            from .queries import counts

            found = counts(copied)
        finally:
            copied.close()
        for suffix in ("-wal", "-shm"):  # the read-back's, empty
            try:
                os.unlink(f"{tmp}{suffix}")
            except FileNotFoundError:
                pass
        size = tmp.stat().st_size
        _place(tmp, out, force)
        _fsync(out.parent, directory=True)
    except BaseException as exc:
        if tmp is not None:
            _remove(tmp)
        if isinstance(exc, sqlite3.Error | OSError) and _is_full(exc):
            so_far = f"copied {done[0]:,} of {done[1]:,} pages; " if done[1] else ""
            raise StoreError(
                f"{out}: the disk is full ({so_far}the copy needs about "
                f"{_size(src)}); nothing was written, the partial copy was removed"
            ) from None
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"cannot copy {src} to {out}: {exc}; nothing was written") from None
        if isinstance(exc, OSError):
            raise StoreError(
                f"{out}: cannot write the copy ({exc.strerror or exc}); nothing was written"
            ) from None
        raise
    finally:
        reader.close()
    return Copy(out, size, found)


def _size(src: Path) -> str:
    try:
        n = sum(os.path.getsize(f"{src}{s}") for s in ("", "-wal") if os.path.exists(f"{src}{s}"))
    except OSError:
        return "as much as the database"
    return human(n)


def human(n: int) -> str:
    """A size in bytes, for people: 812 bytes, 4.1 MB, 2.3 GB."""
    if n < 1000:
        return f"{n} bytes"
    size = float(n)
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if size < 1000:
            return f"{size:.1f} {unit}"
    return f"{size / 1000:.1f} TB"


__all__ = ["Checkpoint", "Copy", "backup", "checkpoint", "checkpoint_file", "human"]
