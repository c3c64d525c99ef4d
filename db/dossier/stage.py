"""Where a check keeps the records it read: a private scratch database, not the heap.

A load of ten million quotes cannot hold ten million records in Python (about 1.6 KB
each). Each record, once its fields are checked, goes into a table of a temporary SQLite
file of this process (SQLite deletes it when it is closed; nothing else opens it, and it
is not the target database: an interrupted check leaves nothing behind); the checks across
records (ids unique, references, places in the sources, what the load adds and changes)
read it back a batch at a time, and the writer streams it into the database. Memory then
holds one batch, SQLite's page cache and what is small by nature (actors, issues).

A record is stored as a pickle of its checked values (this process wrote it a moment
before and reads it back; nothing from outside is unpickled) beside the columns the
checks select and sort on.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .problems import Where
from .record import Placed, Record

#: Records written to, or read from, the scratch database per statement.
BATCH = 2000

#: The scratch database's page cache: what it may keep in memory (KiB, negative: SQLite's
#: convention for a size rather than a count of pages).
CACHE_KIB = 32 * 1024

#: The records looked up by id, through their index (without statistics SQLite would
#: rather walk the whole kind in order).
_BY_ID = "records INDEXED BY records_id"

#: What a record's state is once compared with the database (`sync.compare`).
SAME, ADDED, CHANGED = 0, 1, 2


class Stage:
    """The scratch database of one check, made when the first record arrives."""

    def __init__(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self.files: list[str] = []
        self._file_ids: dict[str, int] = {}
        self._pending: list[tuple[Any, ...]] = []
        self._seq = 0
        self._indexed = False

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect("")  # a temporary file, deleted when closed
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute("PRAGMA temp_store = FILE")
            conn.execute(
                "CREATE TABLE records (kind TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, "
                "source TEXT, state INTEGER NOT NULL DEFAULT 0, start INTEGER, "
                '"end" INTEGER, date TEXT, data BLOB NOT NULL, PRIMARY KEY (kind, seq)) WITHOUT ROWID'
            )
            conn.execute("CREATE TABLE texts (id TEXT PRIMARY KEY, text TEXT NOT NULL)")
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- writing ------------------------------------------------------------------------

    def add(self, rec: Record) -> None:
        file = self._file_ids.get(rec.file)
        if file is None:
            file = self._file_ids[rec.file] = len(self.files)
            self.files.append(rec.file)
        self._seq += 1
        rec.seq = self._seq
        data = pickle.dumps((rec.values, file, rec.line, rec.index, rec.raw), pickle.HIGHEST_PROTOCOL)
        source = rec.values.get("source") if rec.kind == "quotes" else None
        self._pending.append((rec.kind, self._seq, rec.id, source, data))
        if len(self._pending) >= BATCH:
            self.flush()

    @property
    def seq(self) -> int:
        """The place of the last record added."""
        return self._seq

    def truncate(self, seq: int) -> None:
        """Forget every record added after `seq` (a file read again another way)."""
        self._pending = [row for row in self._pending if row[1] <= seq]
        if self._conn is not None:
            self.conn.execute("DELETE FROM records WHERE seq > ?", (seq,))
        self._seq = seq

    def flush(self) -> None:
        if self._pending:
            self.conn.executemany(
                "INSERT INTO records (kind, seq, id, source, data) VALUES (?, ?, ?, ?, ?)", self._pending
            )
            self._pending = []

    def index(self) -> None:
        """Once every file is read: the index the lookups by id use (made once, after the
        inserts, rather than kept up to date through them)."""
        self.flush()
        if not self._indexed and self._conn is not None:
            self.conn.execute("CREATE INDEX records_id ON records (kind, id)")
            self.conn.execute("CREATE INDEX records_source ON records (source, seq) WHERE kind = 'quotes'")
            self._indexed = True

    # --- reading ------------------------------------------------------------------------

    def _record(self, kind: str, row: tuple[Any, ...]) -> Record:
        seq, rid, state, start, end, date, data = row
        values, file, line, index, raw = pickle.loads(data)
        rec = Record(kind, rid, values, Where(self.files[file], line), raw, index)
        rec.seq = seq
        rec.state = state
        if start is not None:
            rec.placed = Placed(start, end, date)
        return rec

    _COLUMNS = 'seq, id, state, start, "end", date, data'

    def records(self, kind: str, states: tuple[int, ...] | None = None) -> Iterator[Record]:
        """The records of a kind in file order (those in `states` only, if given), read a
        batch at a time: nothing is held between batches, and the table may be updated
        between them."""
        self.flush()
        if self._conn is None:
            return
        where = "" if states is None else f" AND state IN ({', '.join(map(str, states))})"
        after = 0
        while True:
            rows = self.conn.execute(
                f"SELECT {self._COLUMNS} FROM records WHERE kind = ? AND seq > ?{where} ORDER BY seq LIMIT ?",
                (kind, after, BATCH),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._record(kind, row)
            after = rows[-1][0]

    def by_source(self) -> Iterator[tuple[str, list[Record]]]:
        """The quotes of each source, a source at a time, in file order within it (the
        sources in order of their ids: one scan of an index); a source with more than a
        batch of quotes comes in several pieces, one after another."""
        self.flush()
        if self._conn is None:
            return
        cur = self.conn.execute(
            f"SELECT source, {self._COLUMNS} FROM records WHERE kind = 'quotes' AND source IS NOT NULL "
            "ORDER BY source, seq"
        )
        source: str | None = None
        recs: list[Record] = []
        while rows := cur.fetchmany(BATCH):
            for row in rows:
                if row[0] != source or len(recs) >= BATCH:
                    if recs:
                        assert source is not None
                        yield source, recs
                    source, recs = row[0], []
                recs.append(self._record("quotes", row[1:]))
        if recs:
            assert source is not None
            yield source, recs

    def get(self, kind: str, rid: str) -> Record | None:
        """The first record of a kind with this id."""
        self.index()
        if self._conn is None:
            return None
        row = self.conn.execute(
            f"SELECT {self._COLUMNS} FROM {_BY_ID} WHERE kind = ? AND id = ? ORDER BY seq LIMIT 1",
            (kind, rid),
        ).fetchone()
        return None if row is None else self._record(kind, row)

    def count(self, kind: str, states: tuple[int, ...] | None = None) -> int:
        self.flush()
        if self._conn is None:
            return 0
        where = "" if states is None else f" AND state IN ({', '.join(map(str, states))})"
        row = self.conn.execute(f"SELECT count(*) FROM records WHERE kind = ?{where}", (kind,)).fetchone()
        return int(row[0])

    def ids(self, kind: str, states: tuple[int, ...] | None = None) -> Iterator[str]:
        self.flush()
        if self._conn is None:
            return
        where = "" if states is None else f" AND state IN ({', '.join(map(str, states))})"
        for (rid,) in self.conn.execute(
            f"SELECT id FROM records WHERE kind = ?{where} ORDER BY seq", (kind,)
        ):
            yield rid

    def has(self, kind: str, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that a record of the kind has."""
        self.index()
        wanted = list(dict.fromkeys(ids))
        if self._conn is None or not wanted:
            return set()
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM {_BY_ID} WHERE kind = ? AND id IN ({','.join('?' * len(chunk))})",
                    (kind, *chunk),
                )
            )
        return found

    def duplicates(self, kind: str) -> Iterator[Record]:
        """Every record of the kind whose id an earlier one has, in file order, each with
        the first record of its id as `first`."""
        self.flush()
        if self._conn is None:
            return
        rows = self.conn.execute(
            f"SELECT {', '.join('r.' + c.strip() for c in self._COLUMNS.split(','))} FROM records r "
            "JOIN (SELECT id FROM records WHERE kind = ? GROUP BY id HAVING count(*) > 1) d ON d.id = r.id "
            "WHERE r.kind = ? ORDER BY r.seq",
            (kind, kind),
        ).fetchall()
        first: dict[str, Record] = {}
        for row in rows:
            rec = self._record(kind, row)
            if rec.id in first:
                rec.first = first[rec.id]
                yield rec
            else:
                first[rec.id] = rec

    # --- what the checks find -------------------------------------------------------------

    def set_states(self, kind: str, updates: list[tuple[int, int]]) -> None:
        """(state, seq) of records of a kind."""
        self.flush()
        self.conn.executemany(
            "UPDATE records SET state = ? WHERE kind = ? AND seq = ?",
            [(state, kind, seq) for state, seq in updates],
        )

    def set_all_states(self, kind: str, state: int) -> None:
        self.flush()
        if self._conn is not None:
            self.conn.execute("UPDATE records SET state = ? WHERE kind = ?", (state, kind))

    def place(self, places: list[tuple[int, int, str, int]]) -> None:
        """(start, end, date, seq) of quotes placed in their sources: kept aside while the
        quotes are being read (`by_source`), given to them by `placed`."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS places "
            '(seq INTEGER PRIMARY KEY, start INTEGER, "end" INTEGER, date TEXT)'
        )
        self.conn.executemany('INSERT INTO places (start, "end", date, seq) VALUES (?, ?, ?, ?)', places)

    def placed(self) -> None:
        """Each quote placed, its place (in one statement, once every source is read)."""
        if self._conn is None:
            return
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'places'").fetchone():
            self.conn.execute(
                'UPDATE records SET start = p.start, "end" = p."end", date = p.date FROM places p '
                "WHERE records.kind = 'quotes' AND records.seq = p.seq"
            )
            self.conn.execute("DROP TABLE places")


class Texts(Mapping[str, str]):
    """Each source's full text, by id, kept in the scratch database."""

    def __init__(self, stage: Stage):
        self.stage = stage

    def __setitem__(self, sid: str, text: str) -> None:
        self.stage.conn.execute("INSERT OR REPLACE INTO texts (id, text) VALUES (?, ?)", (sid, text))

    def __getitem__(self, sid: str) -> str:
        if self.stage._conn is not None:
            row = self.stage.conn.execute("SELECT text FROM texts WHERE id = ?", (sid,)).fetchone()
            if row is not None:
                return str(row[0])
        raise KeyError(sid)

    def __iter__(self) -> Iterator[str]:
        if self.stage._conn is None:
            return iter(())
        return (r[0] for r in self.stage.conn.execute("SELECT id FROM texts"))

    def __len__(self) -> int:
        if self.stage._conn is None:
            return 0
        return int(self.stage.conn.execute("SELECT count(*) FROM texts").fetchone()[0])


class Places(Mapping[str, Placed]):
    """Each quote's place in its source, by id (the first quote of an id, as the checks
    keep it)."""

    def __init__(self, stage: Stage):
        self.stage = stage

    def __getitem__(self, qid: str) -> Placed:
        if self.stage._conn is not None:
            self.stage.index()
            row = self.stage.conn.execute(
                f"SELECT start, \"end\", date FROM {_BY_ID} WHERE kind = 'quotes' AND id = ? "
                "AND start IS NOT NULL ORDER BY seq LIMIT 1",
                (qid,),
            ).fetchone()
            if row is not None:
                return Placed(*row)
        raise KeyError(qid)

    def __iter__(self) -> Iterator[str]:
        if self.stage._conn is None:
            return iter(())
        return (
            r[0]
            for r in self.stage.conn.execute(
                "SELECT id FROM records WHERE kind = 'quotes' AND start IS NOT NULL ORDER BY seq"
            )
        )

    def __len__(self) -> int:
        if self.stage._conn is None:
            return 0
        return int(
            self.stage.conn.execute(
                "SELECT count(*) FROM records WHERE kind = 'quotes' AND start IS NOT NULL"
            ).fetchone()[0]
        )


class Staged:
    """The records of one kind, in the scratch database: appended as they are read,
    iterated in file order a batch at a time, counted. (A list in every way the checks
    use one, without holding it.)"""

    def __init__(self, stage: Stage, kind: str):
        self.stage = stage
        self.kind = kind
        self._n = 0

    def append(self, rec: Record) -> None:
        self.stage.add(rec)
        self._n += 1

    def __iter__(self) -> Iterator[Record]:
        return self.stage.records(self.kind)

    def truncate(self, n: int) -> None:
        """Count `n` records again (`Stage.truncate` took the rest back)."""
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def __getitem__(self, i: int) -> Record:
        """One record by its place (tests and small dossiers; a scan, not a lookup)."""
        if i < 0:
            i += self._n
        for n, rec in enumerate(self):
            if n == i:
                return rec
        raise IndexError(i)

    def __repr__(self) -> str:
        return f"Staged({self.kind!r}, {self._n} records)"


class StateIds:
    """The ids of a kind's records in one state (added, or changed): a set in every way
    the callers use one, read from the scratch database."""

    def __init__(self, stage: Stage, kind: str, state: int):
        self.stage = stage
        self.kind = kind
        self.state = state

    def __iter__(self) -> Iterator[str]:
        return self.stage.ids(self.kind, (self.state,))

    def __len__(self) -> int:
        return self.stage.count(self.kind, (self.state,))

    def __bool__(self) -> bool:
        return len(self) > 0

    def __contains__(self, rid: object) -> bool:
        if not isinstance(rid, str) or self.stage._conn is None:
            return False
        self.stage.index()
        row = self.stage.conn.execute(
            f"SELECT 1 FROM {_BY_ID} WHERE kind = ? AND id = ? AND state = ?",
            (self.kind, rid, self.state),
        ).fetchone()
        return row is not None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (set, frozenset)):
            return set(self) == other
        if isinstance(other, StateIds):
            return set(self) == set(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(set(self))
