"""A load makes the database hold exactly what the dossier now holds.

A dossier is what one `load` names: folders (every dossier file found in them) and files.
Each record remembers the file it came from (`origin`, its resolved path); the load's
*scope* is its files, and for a folder every file below it, loaded now or before. A record
stored from the scope that the dossier no longer holds is removed with its links; a record
the dossier holds that another dossier loaded is refused (two files would fight over it);
a removal that would leave a stored record outside the load pointing at nothing is
refused, and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..schema import reviewed_columns
from .existing import Existing
from .model import Dossier, Record
from .problems import Problem, Where
from .spec import KINDS, SPEC, references
from .stage import ADDED, CHANGED, StateIds


class Scope:
    """The files a load speaks for: those it reads, and everything under its folders."""

    def __init__(self, files: list[Path], folders: list[Path], adopt: str | None = None):
        self.files = sorted({origin_of(f) for f in files})
        self.folders = sorted({origin_of(f) for f in folders})
        #: Any file whose path ends so is the scope's too (the bundled dossier elsewhere).
        self.adopt = adopt

    def __contains__(self, origin: object) -> bool:
        if not isinstance(origin, str):
            return False
        if self.adopt and origin.endswith(self.adopt):
            return True
        return origin in self.files or any(origin.startswith(f + os.sep) for f in self.folders)

    def where(self) -> tuple[str, list[str]]:
        """An SQL condition on `origin` for the records of the scope, and its arguments
        (a folder is a range of the index: 'folder/' up to 'folder0', '0' following '/')."""
        parts, args = [], []
        if self.files:
            parts.append(f"origin IN ({', '.join('?' * len(self.files))})")
            args += self.files
        for folder in self.folders:
            parts.append("(origin >= ? AND origin < ?)")
            args += [folder + os.sep, folder + chr(ord(os.sep) + 1)]
        if self.adopt:
            parts.append("substr(origin, -length(?)) = ?")
            args += [self.adopt, self.adopt]
        return (" OR ".join(parts) or "0"), args


def origin_of(path: Path) -> str:
    """What a record stores as the file it came from: its resolved, absolute path (so that
    a dossier loaded from another folder, or by another relative name, is the same one)."""
    return str(Path(path).resolve())


class Origins(dict[str, str]):
    """`origin_of` each record's file, resolved once per file rather than once per record
    (resolving a path reads the filesystem: a million records, a million `lstat`s)."""

    def __missing__(self, file: str) -> str:
        self[file] = origin = origin_of(Path(file))
        return origin


def plan(d: Dossier, existing: Existing, folders: list[Path], adopt: str | None = None) -> None:
    """Find what the load removes (`Dossier.removed`), and report records another
    dossier holds and removals that would break a stored record's reference."""
    if existing.conn is None:
        return
    scope = Scope(d.files, folders, adopt)
    d.scope = scope
    for kind in KINDS:
        d.removed[kind] = {}
        for stored in existing.in_scope(kind, scope):
            given = d.stage.has(kind, stored)
            d.removed[kind].update((i, o) for i, o in stored.items() if i not in given)
    existing.removed = {kind: set(ids) for kind, ids in d.removed.items()}
    _check_dependents(d, existing)


def _check_dependents(d: Dossier, existing: Existing) -> None:
    """A stored record this load neither gives nor removes must not point at one it
    removes (its file says the reference; the database would break it)."""
    for kind in SPEC:
        for name, f in references(kind):
            if f.ref is None or not d.removed.get(f.ref):
                continue
            rows = list(existing.referring(kind, name, f.ref, list(d.removed[f.ref])))
            given = d.stage.has(kind, (rid for rid, _, _ in rows))
            for rid, origin, target in rows:
                if rid in given or rid in d.removed[kind]:
                    continue
                gone = d.removed[f.ref][target]
                d.problems.append(
                    Problem(
                        Where(origin or "(the database)", None, f"{kind} ({rid}).{name}"),
                        f"refers to {f.ref[:-1]} {target!r}, which this load removes (it is no "
                        f"longer in {gone}); expected the reference changed first, or the "
                        f"{f.ref[:-1]} kept; nothing was written",
                    )
                )


#: What is compared to tell a changed record from the same one stored: its columns as
#: written (not `origin`: a file moved is not a record changed) and its list fields; for a
#: quote, also its place, which a source's new text moves.
_COMPARED = {
    "sources": ["title", "outlet", "published", "url", "text"],
    "actors": ["name", "kind", "role", "parent"],
    "issues": ["title", "question"],
    "quotes": ["source", "speaker", "kind", "text", "venue", "said", "occurrence", "confidence", "note"]
    + ["reviewed_by", "reviewed_at"],
    "positions": ["actor", "issue", "stance", "kind", "summary", "as_of"],
}
_PLACE = ["start", "end", "date"]
#: A record's list field as stored: (field, SQL of (owner, item) in order).
_STORED_LISTS = {
    "actors": (
        "aliases",
        "SELECT actor, alias FROM actor_aliases WHERE ord >= 0 AND actor IN ({}) ORDER BY actor, ord",
    ),
    "quotes": ("issues", "SELECT quote, issue FROM quote_issues WHERE quote IN ({}) ORDER BY quote, issue"),
    "positions": (
        "evidence",
        "SELECT position, quote FROM position_evidence WHERE position IN ({}) ORDER BY position, ord",
    ),
}


def compare(d: Dossier, existing: Existing) -> None:
    """Sort the load's records into added, changed and the same as stored (`Dossier.added`,
    `.changed`; `.moved`: the same records now in another file of the load's scope), then
    refuse a record another dossier holds that this load would change: two files agreeing
    on a record do not fight over it (so the database's own dump loads into it as a no-op),
    two files differing do."""
    conn = existing.conn
    origins = Origins()
    for kind in d.records:
        d.added[kind] = StateIds(d.stage, kind, ADDED)
        d.changed[kind] = StateIds(d.stage, kind, CHANGED)
        d.moved[kind] = []
        if conn is None or not conn.execute(f"SELECT EXISTS (SELECT 1 FROM {kind})").fetchone()[0]:
            d.stage.set_all_states(kind, ADDED)
            continue
        cols = _COMPARED[kind] + (_PLACE if kind == "quotes" else [])
        listed = _STORED_LISTS.get(kind)
        states: list[tuple[int, int]] = []
        for chunk in batches(d.records[kind], 500):
            marks = ",".join("?" * len(chunk))
            ids = [r.id for r in chunk]
            columns = ", ".join(f'"{c}"' for c in ["origin", *cols])
            if kind == "quotes":  # a file of schema 6 or older has no review columns yet
                columns = columns.replace('"reviewed_by", "reviewed_at"', reviewed_columns(conn))
            stored = {
                row[0]: row[1:]
                for row in conn.execute(f"SELECT id, {columns} FROM {kind} WHERE id IN ({marks})", ids)
            }
            items: dict[str, list[object]] = {}
            if listed is not None:
                for owner, item in conn.execute(listed[1].format(marks), ids):
                    items.setdefault(owner, []).append(item)
            shapes = _stored_shape(existing, kind, ids) if kind in ("issues", "positions") else {}
            for rec in chunk:
                old = stored.get(rec.id)
                if old is None:
                    states.append((ADDED, rec.seq))
                    continue
                origin, old_values = old[0], old[1:]
                same = tuple(_value(kind, c, rec, d) for c in cols) == old_values
                if same and kind in ("issues", "positions"):
                    same = shape_of(kind, rec.values) == shapes.get(rec.id, _EMPTY_SHAPE[kind])
                if same and listed is not None:
                    given = list(rec.values.get(listed[0]) or [])
                    if kind == "quotes":
                        given = sorted(set(given))
                    same = given == items.get(rec.id, [])
                mine = origins[rec.file]
                ours = origin in d.scope or not (isinstance(origin, str) and os.path.isabs(origin))
                if not same:
                    states.append((CHANGED, rec.seq))
                    if not ours:
                        _claimed(d, kind, rec, origin)
                elif origin != mine and ours:
                    d.moved[kind].append((mine, rec.id))
            if len(states) >= 5000:  # between batches: the records are read by seq, a batch at a time
                d.stage.set_states(kind, states)
                states = []
        d.stage.set_states(kind, states)
    d.compared = conn is not None


def batches(recs: Iterable[Record], n: int) -> Iterator[list[Record]]:
    """The records `n` at a time."""
    batch: list[Record] = []
    for rec in recs:
        batch.append(rec)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


_EMPTY_SHAPE: dict[str, tuple[object, ...]] = {"issues": (None, ()), "positions": ((), ())}


def shape_of(kind: str, values: dict[str, Any]) -> tuple[object, ...]:
    """What an issue (its parent and options) or a position (its links and marks) says of
    the shape of the talks, as one comparable value."""
    if kind == "issues":
        return (
            values.get("parent"),
            tuple((o["id"], o["label"]) for o in values.get("options") or ()),
        )
    return (
        tuple((x["type"], x["position"], tuple(x["evidence"])) for x in values.get("links") or ()),
        tuple((x["option"], x["mark"], tuple(x["evidence"])) for x in values.get("marks") or ()),
    )


def _stored_shape(existing: Existing, kind: str, ids: list[str]) -> dict[str, tuple[object, ...]]:
    """`shape_of` each of these stored records, as the database holds it."""
    conn = existing.conn
    if conn is None or not existing.has("issue_options"):
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[str, tuple[object, ...]] = {}
    if kind == "issues":
        parents = dict(conn.execute(f"SELECT issue, parent FROM issue_parents WHERE issue IN ({marks})", ids))
        options: dict[str, list[tuple[str, str]]] = {}
        for issue, option, label in conn.execute(
            f"SELECT issue, option, label FROM issue_options WHERE issue IN ({marks}) ORDER BY issue, ord",
            ids,
        ):
            options.setdefault(issue, []).append((option, label))
        for i in set(parents) | set(options):
            out[i] = (parents.get(i), tuple(options.get(i, ())))
        return out
    evidence: dict[tuple[str, str, int], list[str]] = {}
    for table, owner in (("position_link_evidence", "link"), ("position_mark_evidence", "mark")):
        for pid, n, quote in conn.execute(
            f"SELECT position, {owner}, quote FROM {table} WHERE position IN ({marks}) "
            f"ORDER BY position, {owner}, ord",
            ids,
        ):
            evidence.setdefault((owner, pid, n), []).append(quote)
    links: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for pid, n, type_, target in conn.execute(
        f"SELECT position, ord, type, target FROM position_links WHERE position IN ({marks}) "
        "ORDER BY position, ord",
        ids,
    ):
        links.setdefault(pid, []).append((type_, target, tuple(evidence.get(("link", pid, n), ()))))
    marked: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for pid, n, option, mark in conn.execute(
        f"SELECT position, ord, option, mark FROM position_marks WHERE position IN ({marks}) "
        "ORDER BY position, ord",
        ids,
    ):
        marked.setdefault(pid, []).append((option, mark, tuple(evidence.get(("mark", pid, n), ()))))
    for pid in set(links) | set(marked):
        out[pid] = (tuple(links.get(pid, ())), tuple(marked.get(pid, ())))
    return out


def _value(kind: str, column: str, rec: Record, d: Dossier) -> object:
    if kind == "sources" and column == "text":
        return d.texts.get(rec.id)
    if kind == "quotes" and column in _PLACE:
        return None if rec.placed is None else getattr(rec.placed, column)
    return rec.values.get(column)


def _claimed(d: Dossier, kind: str, rec: Record, other: str) -> None:
    d.problems.append(
        Problem(
            rec.at("id"),
            f"{kind[:-1]} {rec.id!r} is already defined, differently, by {other}, another "
            f"dossier; expected each record defined by one dossier: change it there, or remove "
            f"it from one of the two files (or load both as one folder)",
        )
    )
