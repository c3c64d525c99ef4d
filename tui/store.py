"""The app's way to the database: one read-only connection per thread (workers get their own),
and one writer for the review desk's edits, opened on the first edit."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from ..db.connect import open_reader


class Store:
    """Hands out read-only connections to one database file, one per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_reader(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @property
    def writable(self) -> bool:
        """Whether the writer is open (the app is read-only until the first edit)."""
        return self._writer is not None

    @property
    def writer(self) -> sqlite3.Connection:
        """The connection edits are made on (the app's thread only), opened when first
        asked for: browsing never holds a writer."""
        if self._writer is None:
            from ..db.connect import open_writer

            self._writer = open_writer(self.path, create=False)
        return self._writer

    def close(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except sqlite3.Error:
                pass
            self._writer = None
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()
