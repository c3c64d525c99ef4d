"""Open a database: read-only for browsing, a writer for loading; every failure a one-line StoreError.

Only the standard library's sqlite3 here: browsing must not pay for sqlite-utils' import.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote as urlquote

#: Bumped whenever the schema changes shape (`schema.MIGRATIONS` upgrades older files).
SCHEMA_VERSION = 2
#: The oldest schema this version still reads as it is (a load upgrades it): 1 lacks only
#: an index, so it is read correctly, if more slowly.
OLDEST_READABLE = 1
#: Marks a file as a ceasefire-tui database (PRAGMA application_id): 'CFTU'.
APPLICATION_ID = 0x43465455
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


def translate(path: str | os.PathLike, exc: sqlite3.Error) -> StoreError:
    """A StoreError saying, in one line, what went wrong with the database at `path`."""
    return StoreError(_describe(Path(path), exc))


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_HEADER))
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a database file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    if head and head != _HEADER:
        raise StoreError(f"{path}: not a ceasefire-tui database (the file is not SQLite)")


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The database's schema version; 0 if empty. Raises for foreign or newer schemas."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
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
    if version < OLDEST_READABLE:
        raise StoreError(
            f"{path}: schema {version} is older than this version's {SCHEMA_VERSION}; "
            "rebuild it by loading your dossiers into a new database"
        )
    return version


def _tune(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")


def open_reader(path: str | os.PathLike) -> sqlite3.Connection:
    """Open an existing database read-only, for browsing. Never creates a file."""
    path = Path(path)
    if not path.exists():
        raise StoreError(
            f"{path}: no database here; create one with `ceasefire-tui --db {path} load DOSSIER`"
        )
    _check_header(path)
    uri = f"file:{urlquote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate(path, exc) from None
    try:
        _tune(conn)
        if not _check_identity(conn, path):
            raise StoreError(
                f"{path}: the database is empty; load a dossier with "
                f"`ceasefire-tui --db {path} load DOSSIER`"
            )
    except sqlite3.Error as exc:
        conn.close()
        raise translate(path, exc) from None
    except StoreError:
        conn.close()
        raise
    return conn


def open_writer(path: str | os.PathLike, create: bool = True,
                upgrade: bool = True) -> sqlite3.Connection:
    """Open a database for loading, creating it (and its schema) when `create` is set, and
    upgrading an older schema at once when `upgrade` is (else `load.write` upgrades it,
    with the data it writes).

    Autocommit mode: the loader opens and ends its own transactions explicitly.
    """
    path = Path(path)
    if path.exists():
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
            from .schema import create_schema

            create_schema(conn)
        elif version < SCHEMA_VERSION and upgrade:
            from .schema import upgrade as upgrade_schema

            upgrade_schema(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(path, exc) from None
    except StoreError:
        conn.close()
        raise
    return conn
