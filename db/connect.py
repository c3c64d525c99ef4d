"""Open a database: read-only for browsing, a writer for loading; every failure a one-line StoreError.

Only the standard library's sqlite3 here: browsing must not pay for sqlite-utils' import.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
import threading
from pathlib import Path
from typing import cast
from urllib.parse import quote as urlquote

# the schema's identity is declared in schema.py (which imports sqlite-utils only to create)
from .schema import APPLICATION_ID, OLDEST_READABLE, SCHEMA_VERSION, create_schema
from .schema import upgrade as upgrade_schema

#: How long a reader or writer waits for another writer before giving up, in ms
#: (CEASEFIRE_TUI_BUSY_TIMEOUT_MS overrides it).
BUSY_TIMEOUT_MS = 10_000


def busy_timeout_ms() -> int:
    try:
        return max(int(os.environ.get("CEASEFIRE_TUI_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)), 0)
    except ValueError:
        return BUSY_TIMEOUT_MS


_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database that cannot be used, with a one-line message saying why and what to do."""


def _describe(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text:
        return f"{path}: not a ceasefire-tui database (the file is not SQLite)"
    if "malformed" in text or "corrupt" in text:
        return f"{path}: the database is corrupt ({text}); rebuild it with `load`"
    if "locked" in text or "busy" in text:
        return (
            f"{path}: the database is locked by another writer "
            f"(waited {busy_timeout_ms() / 1000:g} s); try again when the other load ends"
        )
    if "readonly" in text or "read-only" in text:
        return f"{path}: cannot write: the file or its folder is read-only"
    if "disk is full" in text or "disk I/O" in text:
        return f"{path}: cannot write: {text} (is the disk full?)"
    if "unable to open" in text:
        return f"{path}: cannot open the database ({text})"
    return f"{path}: {text}"


def translate(path: str | os.PathLike[str], exc: sqlite3.Error) -> StoreError:
    """A StoreError saying, in one line, what went wrong with the database at `path`."""
    return StoreError(_describe(Path(path), exc))


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def check_path(path: Path) -> bool:
    """Whether `path` exists; raises unless it is a regular file (or a link to one), before
    SQLite opens it: a FIFO would hang the open, a device would get a stray -journal."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise StoreError(
                f"{path}: a symbolic link to {os.readlink(path)!r}, which does "
                "not exist; expected a database file"
            ) from None
        return False
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path}: is a folder, not a database file")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise StoreError(f"{path}: is {kind}, not a database file; expected a regular file")
    return True


def _show(name: str) -> str:
    """A name from someone else's database, quoted and escaped, for a one-line message."""
    text = repr(name)
    return text if len(text) <= 80 else text[:77] + "…'"


_NAME = r"([A-Za-z_][A-Za-z0-9_]*)"
_QUOTED_NAME = re.compile(rf'"{_NAME}"|\[{_NAME}\]|`{_NAME}`')
_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"\s*([(),=])\s*")


def normal_sql(sql: str | None) -> str | None:
    """A definition as compared: the same statement however a tool spaced it or quoted its
    plain names (another sqlite-utils or SQLite writes `CREATE TABLE "a" (` differently),
    so a database made by another ceasefire-tui install is not refused for its wording."""
    if sql is None:
        return None
    sql = _QUOTED_NAME.sub(lambda m: next(g for g in m.groups() if g), sql)
    return _PUNCT_SPACE.sub(r"\1", _SPACE.sub(" ", sql)).strip()


#: A row of sqlite_master: type, name, tbl_name and its SQL (normalised).
_SchemaRow = tuple[str, str, str, str | None]


def _schema_rows(conn: sqlite3.Connection, path: Path) -> set[_SchemaRow]:
    rows = conn.execute(
        "SELECT CAST(type AS BLOB), CAST(name AS BLOB), CAST(tbl_name AS BLOB), "
        "CAST(sql AS BLOB) FROM sqlite_master"
    ).fetchall()
    out: set[_SchemaRow] = set()
    for row in rows:
        try:
            kind, name, table, sql = (None if v is None else bytes(v).decode("utf-8") for v in row)
            # type, name and tbl_name are never NULL in sqlite_master; sql is, for some indexes
            out.add(cast(_SchemaRow, (kind, name, table, normal_sql(sql))))
        except UnicodeDecodeError:
            name = bytes(row[1] or b"").decode("utf-8", "backslashreplace")
            raise StoreError(
                f"{path}: the schema of {_show(name)} is not valid UTF-8; not a ceasefire-tui "
                "database, or a damaged one (refusing to use it)"
            ) from None
    return out


def expected_schema(version: int) -> set[_SchemaRow]:
    """sqlite_master of a database of schema `version`, as ceasefire-tui makes it."""
    cached = _EXPECTED.get(version)
    if cached is None:
        from .schema_objects import OBJECTS

        cached = _EXPECTED[version] = {(*row[:3], normal_sql(row[3])) for row in OBJECTS[version]}
    return cached


_EXPECTED: dict[int, set[_SchemaRow]] = {}


def check_schema(conn: sqlite3.Connection, path: str | os.PathLike[str], version: int) -> None:
    """Refuse a database whose schema is not exactly ceasefire-tui's: a trigger or view
    someone added runs inside our statements; a changed table or index reads wrongly."""
    path = Path(path)
    found = _schema_rows(conn, path)
    expected = expected_schema(version)
    if found == expected:
        return
    names = {row[1]: row for row in expected}
    for row in sorted(found - expected, key=lambda r: (r[1] in names, r[1])):
        kind, name, table = row[0], row[1], row[2]
        on = f" on table {_show(table)}" if kind == "trigger" else ""
        what = "a changed definition of" if name in names else "an unexpected"
        raise StoreError(
            f"{path}: {what} {kind} {_show(name)}{on} in the database "
            "(not made by ceasefire-tui); refusing to use it"
        )
    missing = sorted(expected - found, key=lambda r: r[1])[0]
    raise StoreError(
        f"{path}: the {missing[0]} {_show(missing[1])} is missing from the "
        "database (not as ceasefire-tui made it); refusing to use it"
    )


#: One descriptor per database file read by `_head`, kept open while the file has a name.
_HEADS: dict[tuple[int, int], int] = {}
#: Held while one is read, opened or closed: readers open in worker threads, and a
#: descriptor closed under another thread's read could be another file's by then.
_HEADS_LOCK = threading.RLock()


def _head(path: Path, n: int) -> bytes:
    """The first `n` bytes of the file, read through a descriptor that is never closed
    while the file is there.

    Closing any descriptor of a file drops every POSIX lock the process holds on it, the
    locks of its open SQLite connections included: another process closing the database
    then finds no one else there and deletes its -wal file, and this process's later
    commits go to the deleted file, lost when it ends (seen with the app: a reader opened
    per worker thread read the header with open()/close(); `tests/db/test_wal_locks.py`).
    A file deleted or replaced (renamed over) since is let go first (`release_gone`)."""
    with _HEADS_LOCK:
        release_gone()
        st = os.stat(path)
        key = (st.st_dev, st.st_ino)
        fd = _HEADS.get(key)
        if fd is None:
            fd = _HEADS[key] = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        return os.pread(fd, n, 0)


def release_gone() -> int:
    """Close the header descriptors of database files that no longer have a name (deleted,
    or replaced by a file renamed over them), so that their disk space is given back while
    the app runs; returns how many. A file still there, under any name, keeps its
    descriptor: closing it would drop the locks of this process's connections to it. One
    gone can be opened by no one any more, so its locks guard against no newcomer; this
    process's connections still on it lose theirs, as they would when they close."""
    with _HEADS_LOCK:
        gone = []
        for key, fd in _HEADS.items():
            try:
                if os.fstat(fd).st_nlink == 0:
                    gone.append(key)
            except OSError:  # pragma: no cover - closed behind our back: forget it
                gone.append(key)
        for key in gone:
            try:
                os.close(_HEADS.pop(key))
            except OSError:  # pragma: no cover
                pass
        return len(gone)


def _check_header(path: Path) -> None:
    try:
        head = _head(path, len(_HEADER))
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a database file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    if head and head != _HEADER:
        raise StoreError(f"{path}: not a ceasefire-tui database (the file is not SQLite)")


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The database's schema version; 0 if empty. Raises for foreign or newer schemas."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == 0 and version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreError(
                f"{path}: an SQLite database, but not a ceasefire-tui one "
                "(use a new path, or `load` into an empty file)"
            )
        return 0
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: an SQLite database, but not a ceasefire-tui one")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer ceasefire-tui (schema {version}; "
            f"this version reads schema {SCHEMA_VERSION}); upgrade ceasefire-tui"
        )
    if version < 1:
        raise StoreError(
            f"{path}: schema {version} is older than this version's {SCHEMA_VERSION}; "
            "rebuild it by loading your dossiers into a new database"
        )
    return version


def _tune(conn: sqlite3.Connection) -> None:
    # before anything reads the schema: no function a view or trigger names runs unless it
    # is harmless (the writer trusts its triggers only once `check_schema` has seen them)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")


def _is_wal(path: Path) -> bool:
    try:
        head = _head(path, 20)
    except OSError:
        return False
    return len(head) == 20 and head[18] == 2


#: Files already opened immutable in this process: the note about it is given once.
_NOTED: set[Path] = set()


def _open_ro(path: Path, immutable: bool, older: bool = False) -> sqlite3.Connection:
    flags = "immutable=1" if immutable else "mode=ro"
    uri = f"file:{urlquote(str(path.resolve()))}?{flags}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        _tune(conn)
        version = _check_identity(conn, path)
        if not version:
            raise StoreError(
                f"{path}: the database is empty; load a dossier with `ceasefire-tui --db {path} load DOSSIER`"
            )
        check_schema(conn, path, version)
        if version < OLDEST_READABLE and not older:
            raise StoreError(
                f"{path}: schema {version}, older than this version's {SCHEMA_VERSION}, which dates "
                f"every position; upgrade it with `ceasefire-tui --db {path} upgrade` (nothing "
                "stored is lost), or load any dossier into it"
            )
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: str | os.PathLike[str], older: bool = False) -> sqlite3.Connection:
    """Open an existing database read-only, for browsing. Never creates a file. A schema
    older than OLDEST_READABLE is refused unless `older` (to read its version and meta).

    A WAL database in a folder this user cannot write (where SQLite cannot make its -shm
    file) is opened immutable instead, with a note on stderr (once): others' later changes
    are not seen while it is open.
    """
    path = Path(path)
    if not check_path(path):
        raise StoreError(
            f"{path}: no database here; create one with `ceasefire-tui --db {path} load DOSSIER`"
        )
    _check_header(path)
    try:
        return _open_ro(path, immutable=path.resolve() in _NOTED, older=older)
    except sqlite3.Error as exc:
        if not (_is_wal(path) and not os.access(path.parent, os.W_OK)):
            raise translate(path, exc) from None
    try:
        conn = _open_ro(path, immutable=True, older=older)
    except sqlite3.Error as exc:
        raise translate(path, exc) from None
    if path.resolve() not in _NOTED:
        _NOTED.add(path.resolve())
        wal = path.with_name(path.name + "-wal")
        unseen = (
            f"; its {wal.name} file ({wal.stat().st_size:,} bytes of recent changes) is not read"
            if wal.is_file() and wal.stat().st_size
            else ""
        )
        sys.stderr.write(
            f"note: {path}: its folder is read-only, so the database is opened "
            f"as unchanging: changes others make to it won't be seen{unseen}\n"
        )
    return conn


def loading_name(path: str | os.PathLike[str]) -> Path:
    """Where a load into a new database at `path` is built: beside it, hidden, this
    process's; `publish` moves it into place once the load has succeeded."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.loading")


def sweep_abandoned(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the partial databases that loads into a new database at `path` left behind
    when they were killed (`kill -9`, a lost SSH session): names `loading_name` gives, whose
    process no longer runs on this machine. Returns what was removed; a load whose process
    still runs, or a name that does not parse, is left alone."""
    path = Path(path)
    prefix = f".{path.name}."
    removed: list[Path] = []
    try:
        names = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.suffix == ".loading"]
    except OSError:
        return removed
    for work in names:
        pid = work.name[len(prefix) : -len(".loading")]
        if not pid.isdigit() or int(pid) == os.getpid() or _running(int(pid)):
            continue
        discard(work)
        if not work.exists():
            removed.append(work)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as someone else
    return True


def discard(work: str | os.PathLike[str]) -> None:
    """Remove a database being built, and the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{work}{suffix}")
        except FileNotFoundError:
            pass
        except OSError:
            pass  # nothing more to do: it is a hidden name nobody browses


def publish(work: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Give the database built at `work` (closed, its WAL checkpointed) its name `path`,
    unless something took that name meanwhile."""
    work, path = Path(work), Path(path)
    if Path(f"{work}-wal").exists():
        discard(work)
        raise StoreError(f"{path}: the new database was not fully written; nothing was written")
    try:
        os.link(work, path)  # fails, rather than replaces, if the name was taken
    except FileExistsError:
        discard(work)
        raise StoreError(f"{path}: another file appeared here during the load; nothing was written") from None
    except OSError:
        if path.exists():
            discard(work)
            raise StoreError(
                f"{path}: another file appeared here during the load; nothing was written"
            ) from None
        try:
            os.rename(work, path)  # a file system without hard links
        except OSError as exc:
            discard(work)
            raise StoreError(
                f"{path}: cannot create the database ({exc.strerror}); nothing was written"
            ) from None
        return
    discard(work)


def open_writer(
    path: str | os.PathLike[str], create: bool = True, upgrade: bool = True
) -> sqlite3.Connection:
    """Open a database for loading, creating it (and its schema) when `create` is set, and
    upgrading an older schema at once when `upgrade` is (else `load.write` upgrades it,
    with the data it writes).

    Autocommit mode: the loader opens and ends its own transactions explicitly.
    """
    path = Path(path)
    if check_path(path):
        _check_header(path)
    elif not create:
        raise StoreError(f"{path}: no database here")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create the folder ({exc.strerror})") from None
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate(path, exc) from None
    try:
        _tune(conn)
        version = _check_identity(conn, path)
        if not version:
            conn.execute("PRAGMA journal_mode = WAL")
            create_schema(conn)
        else:
            check_schema(conn, path, version)
            if version < SCHEMA_VERSION and upgrade:
                upgrade_schema(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(path, exc) from None
    except StoreError:
        conn.close()
        raise
    return conn
