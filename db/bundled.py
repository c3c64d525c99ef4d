"""The bundled seed dossier and the default database built from it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from .connect import StoreError, open_reader, open_writer
from .schema import SCHEMA_VERSION

APP_NAME = "ceasefire-tui"
DB_NAME = "ceasefire.db"
_META_KEY = "bundled_dossier_sha256"


def bundled_dossier() -> Path:
    """The bundled dossier's YAML file (it names its article with `text_file`)."""
    # the package's folder: an installed wheel's and an editable install's alike (and
    # cheaper at start-up than importlib.resources, which brings tempfile and zipfile)
    from .. import fixtures

    return Path(next(iter(fixtures.__path__))) / "seed" / "ceasefire-2025-03.yaml"


def bundled_hash() -> str:
    """A digest of every file of the bundled dossier: it changes when the dossier does."""
    folder = bundled_dossier().parent
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".txt"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def default_db_path() -> Path:
    """Where the default database lives: the user data directory (honours XDG_DATA_HOME)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_NAME


def _stored(path: Path) -> tuple[str | None, int]:
    """The bundled dossier's digest the database was built from, and its schema version."""
    try:
        conn = open_reader(path, older=True)
    except StoreError:
        return None, 0
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        return (row[0] if row else None), version
    except sqlite3.Error:
        return None, 0
    finally:
        conn.close()


class RefreshRefused(StoreError):
    """The default database could not take the new bundled dossier: it is left as it was,
    still usable (the caller warns and goes on)."""


#: The bundled dossier's file wherever the package was installed: a record stored from it
#: by an install elsewhere is still the bundled dossier's.
_BUNDLED_TAIL = "/fixtures/seed/ceasefire-2025-03.yaml"


def ensure_default_db(path: Path | None = None) -> Path:
    """Build (or refresh) the default database from the bundled dossier when it is new
    or the bundled dossier has changed since; records loaded by the user are kept."""
    path = path or default_db_path()
    digest = bundled_hash()
    if path.exists():
        stored, version = _stored(path)
        if stored == digest:
            if version < SCHEMA_VERSION:
                try:
                    open_writer(path).close()  # an older schema: the writer upgrades it
                except StoreError:
                    pass  # read-only or locked: the older schema is still read as it is
            return path
    from .dossier import check, write

    conn = open_writer(path)
    try:
        dossier = check([bundled_dossier()], conn, adopt=_BUNDLED_TAIL)
        if dossier.problems:
            # the user's own records hold on to what the new bundled dossier changes or
            # drops: their data is kept as it is, and the refresh is tried again next time
            first = dossier.problems[0]
            more = f" (and {len(dossier.problems) - 1} more)" if len(dossier.problems) > 1 else ""
            raise RefreshRefused(
                f"{path}: the bundled dossier was not refreshed: {first}{more}; your data is "
                "as it was (run `ceasefire-tui check` on your dossier, or use --db for a new database)"
            )
        write(conn, dossier)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_META_KEY, digest),
        )
    except sqlite3.Error as exc:
        from .connect import translate

        raise translate(path, exc) from None
    finally:
        conn.close()
    return path
