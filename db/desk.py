"""The review desk's verbs: the edits an analyst makes in the app (accept a drafted quote,
give it another speaker, reject it, fix its venue or date, code a position, add evidence,
make a quote from a passage), each a maintenance verb as `db.maintain`'s are.

Each verb states the version of every record it saw (`version_of`), and is refused, with
both versions shown, when someone else changed one meanwhile. It validates the records it
makes as `load` validates them (the same checker; each problem names its field), changes
the database in one short transaction (`writer.transaction`, `recompute_derived`), keeps
what changed in the `edits` table (who, when, the record before and after: `history`,
`undo`, `redo`), and edits the dossier files the records came from (`dossier.edit`:
token by token, comments and order kept; a new record appended in its file's style) once
the database has committed, so that loading those files afterwards changes nothing. A
lock beside the database keeps two processes' edits of one file from crossing.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .dossier import edit as file_edit
from .dossier import rewrite
from .dossier.model import Dossier
from .dossier.problems import Problem, Where
from .dossier.spec import DOSSIER_SUFFIXES, ID_RE, SPEC
from .dossier.sync import origin_of
from .dossier.verbatim import occurrences
from .edits import HistoryRow, _row, history
from .maintain import Refused
from .schema import reviewed_columns
from .text import name_key

State = dict[str, Any]
#: (kind, id, the record after the edit or None to remove it, the file a new record goes to)
Change = tuple[str, str, State | None, Path | None]


class Conflict(Refused):
    """The record changed since the editor saw it: nothing was done."""

    def __init__(self, kind: str, rid: str, now: State | None, wanted: State | None):
        self.kind, self.rid, self.now, self.wanted = kind, rid, now, wanted
        super().__init__(
            f"{kind[:-1]} {rid!r} was changed by someone else since you saw it; nothing was done. "
            f"Now: {_show(now)}. Yours: {_show(wanted)}"
        )


class Invalid(Refused):
    """The edit would make a record `load` refuses: each problem located, its field named."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.where.path}: {p.message}" for p in problems))


def _show(st: State | None) -> str:
    if st is None:
        return "(none: removed)"
    return ", ".join(f"{k}: {v}" for k, v in st.items() if k != "id")


def stamp() -> str:
    """The time an edit is recorded at: ISO 8601, UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def who() -> str:
    """The login name an edit is recorded under."""
    try:
        return getpass.getuser()
    except Exception:  # no name in the environment nor the password database
        return f"uid {os.getuid()}"


# --- records as the dossier holds them ---------------------------------------------------


def state(conn: sqlite3.Connection, kind: str, rid: str) -> State | None:
    """The stored record `rid` of `kind`, in the dossier's shape (as `dump` writes it)."""
    if kind == "quotes":
        row = conn.execute(
            "SELECT id, source, speaker, kind, text, occurrence, venue, said, confidence, note, "
            f"{reviewed_columns(conn)} FROM quotes WHERE id = ?",
            (rid,),
        ).fetchone()
        if row is None:
            return None
        names = (
            "id",
            "source",
            "speaker",
            "kind",
            "text",
            "occurrence",
            "venue",
            "said",
            "confidence",
            "note",
            "reviewed_by",
            "reviewed_at",
        )
        st = dict(zip(names, row, strict=True))
        st["issues"] = [
            r[0]
            for r in conn.execute("SELECT issue FROM quote_issues WHERE quote = ? ORDER BY rowid", (rid,))
        ]
    elif kind == "positions":
        row = conn.execute(
            "SELECT id, actor, issue, stance, kind, summary, as_of FROM positions WHERE id = ?", (rid,)
        ).fetchone()
        if row is None:
            return None
        st = dict(zip(("id", "actor", "issue", "stance", "kind", "summary", "as_of"), row, strict=True))
        st["evidence"] = [
            r[0]
            for r in conn.execute(
                "SELECT quote FROM position_evidence WHERE position = ? ORDER BY ord", (rid,)
            )
        ]
    elif kind == "actors":
        row = conn.execute("SELECT id, name, kind, role, parent FROM actors WHERE id = ?", (rid,)).fetchone()
        if row is None:
            return None
        st = dict(zip(("id", "name", "kind", "role", "parent"), row, strict=True))
        st["aliases"] = [
            r[0]
            for r in conn.execute(
                "SELECT alias FROM actor_aliases WHERE actor = ? AND ord >= 0 ORDER BY ord", (rid,)
            )
        ]
    elif kind == "issues":
        row = conn.execute("SELECT id, title, question FROM issues WHERE id = ?", (rid,)).fetchone()
        if row is None:
            return None
        st = dict(zip(("id", "title", "question"), row, strict=True))
    else:
        raise Refused(f"{kind} are not edited in the app")
    return {k: v for k, v in st.items() if v is not None and v != []}


def version(st: State | None) -> str:
    """A short digest of a record's state: what a verb says it saw."""
    if st is None:
        return "none"
    return hashlib.sha1(json.dumps(st, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def version_of(conn: sqlite3.Connection, kind: str, rid: str) -> str:
    """The version of the stored record, to pass to a verb as what the editor saw."""
    return version(state(conn, kind, rid))


def _kind(kind: str) -> str:
    return kind if kind.endswith("s") else kind + "s"


# --- the one way an edit is applied ------------------------------------------------------


@dataclass
class Done:
    """What an edit did: its number in `edits`, each record before and after, the file
    lines it edited, and what it could not write (each an instruction)."""

    edit: int
    changes: list[tuple[str, str, State | None, State | None]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)


def _db_path(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA database_list").fetchone()[2] or ""


@contextmanager
def _file_lock(conn: sqlite3.Connection) -> Iterator[None]:
    """Held from reading a dossier file to writing it back: a second process's edit of
    the same file waits, so neither is written over the other's."""
    path = _db_path(conn)
    if not path:
        yield
        return
    fd = os.open(path + "-edits.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _bundled_folder() -> Path | None:
    try:
        from .bundled import bundled_dossier

        return bundled_dossier().parent.resolve()
    except Exception:  # pragma: no cover - an install without the bundled dossier
        return None


def editable(path: str | Path | None) -> Path | None:
    """The dossier file to edit for a record from `path`: a regular .yaml/.yml/.json file,
    never through a symbolic link, never the bundled dossier (the app refreshes it)."""
    if not path:
        return None
    p = Path(path)
    if not (p.is_absolute() and p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file() and not p.is_symlink()):
        return None
    seed = _bundled_folder()
    if seed is not None and p.resolve().is_relative_to(seed):
        return None
    return p


def _origin(conn: sqlite3.Connection, kind: str, rid: str) -> str | None:
    row = conn.execute(f"SELECT origin FROM {kind} WHERE id = ?", (rid,)).fetchone()
    return row[0] if row else None


def apply(
    conn: sqlite3.Connection,
    verb: str,
    plan: Callable[[sqlite3.Connection], list[Change]],
    seen: Mapping[tuple[str, str], str | None],
    user: str | None = None,
    dry_run: bool = False,
    at: str | None = None,
) -> Done:
    """Apply an edit: check each record is as the editor saw it (`seen`: (kind, id) ->
    version, None for any), make the records `plan` returns, validate them, keep their
    history (by `user` at `at`, by default the login name and now), and edit their files
    after the commit."""
    from .dossier.writer import recompute_derived, transaction
    from .schema import SCHEMA_VERSION, migrate

    user = user or who()
    edits: list[rewrite.Edited] = []
    with _file_lock(conn):
        with transaction(conn, dry_run) as schema:
            if 0 < schema < SCHEMA_VERSION:
                migrate(conn, schema)
            changes = plan(conn)
            befores = [state(conn, k, r) for k, r, _a, _h in changes]
            wanted = {(k, r): a for k, r, a, _h in changes}
            for (kind, rid), want in seen.items():
                now = state(conn, kind, rid)
                if want is not None and version(now) != want:
                    raise Conflict(kind, rid, now, wanted.get((kind, rid), now))
            done_changes = [(k, r, b, a) for (k, r, a, _h), b in zip(changes, befores, strict=True) if b != a]
            if not done_changes:
                raise Refused("nothing to change: the record is already so")
            origins: dict[tuple[str, str], str | None] = {}
            for (k, r, a, home), b in zip(changes, befores, strict=True):
                if b == a:
                    continue
                origin = _origin(conn, k, r) if b is not None else (origin_of(home) if home else None)
                origins[(k, r)] = origin
                _put(conn, k, r, a, origin)
            _validate(conn, [(k, r, a) for k, r, _b, a in done_changes], origins)
            edits = _file_edits(conn, done_changes, origins)
            recompute_derived(conn)
            edit_no = conn.execute("SELECT coalesce(max(edit), 0) + 1 FROM edits").fetchone()[0]
            at = at or stamp()
            conn.executemany(
                "INSERT INTO edits (edit, at, who, verb, kind, record, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(edit_no, at, user, verb, k, r, _json(b), _json(a)) for k, r, b, a in done_changes],
            )
        out = Done(edit_no, done_changes)
        for e in edits:
            out.files.extend(e.changes)
        if not dry_run:
            out.by_hand.extend(rewrite.write_all(edits))
    return out


def _json(st: State | None) -> str | None:
    return None if st is None else json.dumps(st, ensure_ascii=False)


def _file_edits(
    conn: sqlite3.Connection,
    changes: list[tuple[str, str, State | None, State | None]],
    origins: dict[tuple[str, str], str | None],
) -> list[rewrite.Edited]:
    """Each record's file edited in memory, one edit after another on the same text."""
    texts: dict[Path, rewrite.Edited] = {}
    problems: list[str] = []
    for kind, rid, before, after in changes:
        path = editable(origins.get((kind, rid)))
        if path is None:
            continue
        e = texts.get(path)
        if e is None:
            try:
                e = texts[path] = rewrite.Edited(path, path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot be read to edit ({exc})")
                continue
        if before is None and after is not None:
            new = file_edit.append(path, e.text, kind, after)
        elif after is None:
            new = (
                rewrite.edit_json(path, e.text, rewrite.json_remove(kind, rid))
                if rewrite.is_json(path)
                else rewrite.remove_yaml(path, e.text, kind, rid)
            )
        else:
            assert before is not None
            values: dict[str, Any] = {k: v for k, v in after.items() if before.get(k) != v}
            values.update({k: file_edit.DROP for k in before if k not in after})
            if "venue" in values:  # the stored venue holds any `via`: written as one
                values["via"] = file_edit.DROP
            found = file_edit.set_fields(path, e.text, kind, rid, values)
            if found is None:
                problems.append(f"{path}: {kind[:-1]} {rid} is not there once; set by hand: {values}")
                continue
            new = found
        e.text = new.text
        e.changes.extend(new.changes)
    if problems:
        raise Refused("; ".join(problems) + "; nothing was done")
    return list(texts.values())


def _put(conn: sqlite3.Connection, kind: str, rid: str, st: State | None, origin: str | None) -> None:
    """The record written to the database as a load writes it (or removed, with its links)."""
    if kind == "quotes":
        conn.execute("DELETE FROM quote_issues WHERE quote = ?", (rid,))
        if st is None:
            conn.execute("DELETE FROM quotes WHERE id = ?", (rid,))
            return
        src = conn.execute("SELECT text, published FROM sources WHERE id = ?", (st.get("source"),)).fetchone()
        start = end = 0
        if src is not None and st.get("text"):
            starts = occurrences(src[0], [st["text"]])[st["text"]]
            want = st.get("occurrence") or 1
            if len(starts) >= want and (st.get("occurrence") or len(starts) == 1):
                start = starts[want - 1]
                end = start + len(st["text"])
            else:
                end = -1  # not placed: `_validate` says why
        date = st.get("said") or (src[1] if src else "")
        conn.execute(
            'INSERT INTO quotes (id, source, speaker, kind, text, venue, said, date, start, "end", '
            "occurrence, confidence, note, reviewed_by, reviewed_at, origin) VALUES (:id, :source, "
            ":speaker, :kind, :text, :venue, :said, :date, :start, :end, :occurrence, :confidence, "
            ":note, :reviewed_by, :reviewed_at, :origin) "
            "ON CONFLICT(id) DO UPDATE SET source = excluded.source, speaker = excluded.speaker, "
            "kind = excluded.kind, text = excluded.text, venue = excluded.venue, said = excluded.said, "
            'date = excluded.date, start = excluded.start, "end" = excluded."end", '
            "occurrence = excluded.occurrence, confidence = excluded.confidence, note = excluded.note, "
            "reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at",
            {
                **{k: st.get(k) for k in ("source", "speaker", "kind", "text", "venue", "said")},
                **{k: st.get(k) for k in ("occurrence", "confidence", "note", "reviewed_by", "reviewed_at")},
                "id": rid,
                "date": date,
                "start": start,
                "end": end,
                "origin": origin,
            },
        )
        conn.executemany(
            "INSERT OR IGNORE INTO quote_issues (quote, issue) VALUES (?, ?)",
            [(rid, i) for i in st.get("issues", [])],
        )
    elif kind == "positions":
        conn.execute("DELETE FROM position_evidence WHERE position = ?", (rid,))
        if st is None:
            conn.execute("DELETE FROM rollups WHERE lead = ? OR assessment = ?", (rid, rid))
            conn.execute("DELETE FROM positions WHERE id = ?", (rid,))
            return
        conn.execute(
            "INSERT INTO positions (id, actor, issue, stance, kind, summary, as_of, origin) "
            "VALUES (:id, :actor, :issue, :stance, :kind, :summary, :as_of, :origin) "
            "ON CONFLICT(id) DO UPDATE SET actor = excluded.actor, issue = excluded.issue, "
            "stance = excluded.stance, kind = excluded.kind, summary = excluded.summary, "
            "as_of = excluded.as_of",
            {
                **{k: st.get(k) for k in ("actor", "issue", "stance", "kind", "summary", "as_of")},
                "id": rid,
                "origin": origin,
            },
        )
        conn.executemany(
            "INSERT OR IGNORE INTO position_evidence (position, quote, ord) VALUES (?, ?, ?)",
            [(rid, q, n) for n, q in enumerate(st.get("evidence", []))],
        )
    elif kind == "actors":
        conn.execute("DELETE FROM actor_aliases WHERE actor = ?", (rid,))
        if st is None:
            conn.execute("DELETE FROM rollups WHERE actor = ?", (rid,))
            conn.execute("DELETE FROM actors WHERE id = ?", (rid,))
            return
        conn.execute(
            "INSERT INTO actors (id, name, kind, role, parent, side, depth, origin) "
            "VALUES (:id, :name, :kind, :role, :parent, :id, 0, :origin) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "role = excluded.role, parent = excluded.parent",
            {**{k: st.get(k) for k in ("name", "kind", "role", "parent")}, "id": rid, "origin": origin},
        )
        seen: set[str] = set()
        names = [(-2, rid), (-1, st.get("name", ""))] + list(enumerate(st.get("aliases", [])))
        for ord_, alias in names:
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
            elif ord_ >= 0:
                key = f"{key}#{ord_}"
            else:
                continue
            conn.execute(
                "INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, ?)",
                (rid, alias, key, ord_),
            )
    elif kind == "issues":
        if st is None:
            conn.execute("DELETE FROM rollups WHERE issue = ?", (rid,))
            conn.execute("DELETE FROM issues WHERE id = ?", (rid,))
            return
        conn.execute(
            "INSERT INTO issues (id, title, question, ord, origin) VALUES (:id, :title, :question, "
            "(SELECT coalesce(max(ord), -1) + 1 FROM issues), :origin) "
            "ON CONFLICT(id) DO UPDATE SET title = excluded.title, question = excluded.question",
            {"id": rid, "title": st.get("title"), "question": st.get("question"), "origin": origin},
        )


#: What refers to a record of each kind, and so keeps it from being removed.
_REFERRERS = {
    "quotes": [("position_evidence", "quote", "position")],
    "actors": [("quotes", "speaker", "id"), ("positions", "actor", "id"), ("actors", "parent", "id")],
    "issues": [("positions", "issue", "id"), ("quote_issues", "issue", "quote")],
    "positions": [],
}


def _validate(
    conn: sqlite3.Connection,
    changes: list[tuple[str, str, State | None]],
    origins: dict[tuple[str, str], str | None],
) -> None:
    """Each record made as `load` checks it (its fields by the loader's own checker, its
    references, a quote's place in its source); nothing left referring to a removed one."""
    from .dossier.validate import _Checker

    d = Dossier()
    checker = _Checker(d)
    for kind, rid, st in changes:
        where = Where(origins.get((kind, rid)) or "(the app)", None, kind)
        if st is None:
            for table, column, owner in _REFERRERS[kind]:
                row = conn.execute(f'SELECT {owner} FROM {table} WHERE "{column}" = ?', (rid,)).fetchone()
                if row:
                    d.problems.append(
                        Problem(where.at(path=f"{kind} ({rid})"), f"is still referred to by {row[0]!r}")
                    )
            continue
        rec = checker.record(kind, st, where)
        if rec is None:
            continue
        for name, f in SPEC[kind].items():
            if f.ref is None or name not in st:
                continue
            targets = st[name] if isinstance(st[name], list) else [st[name]]
            for t in targets:
                if not conn.execute(f"SELECT 1 FROM {f.ref} WHERE id = ?", (t,)).fetchone():
                    d.problems.append(
                        Problem(
                            rec.at(name),
                            f"refers to {f.ref[:-1]} {t!r}, which is not in the database; "
                            f"expected the id of one of its {f.ref}",
                        )
                    )
        if kind == "quotes":
            end = conn.execute('SELECT "end" FROM quotes WHERE id = ?', (rid,)).fetchone()[0]
            if end == -1:
                d.problems.append(
                    Problem(
                        rec.at("text"),
                        "is not in its source exactly once at the occurrence given; "
                        "expected the exact words of the source",
                    )
                )
    if d.problems:
        raise Invalid(d.problems)


# --- the verbs ---------------------------------------------------------------------------


def _need(conn: sqlite3.Connection, kind: str, rid: str) -> State:
    st = state(conn, kind, rid)
    if st is None:
        raise Refused(f"no {kind[:-1]} {rid!r} in the database")
    return st


def _new_id(conn: sqlite3.Connection, kind: str, base: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name_key(base)[:60]).strip("-") or kind[:-1]
    rid, n = slug, 1
    while conn.execute(f"SELECT 1 FROM {kind} WHERE id = ?", (rid,)).fetchone():
        n += 1
        rid = f"{slug}-{n}"
    return rid


def accept_quote(conn: sqlite3.Connection, quote: str, seen: str | None, user: str | None = None) -> Done:
    """A drafted quote checked: its `confidence` dropped, who and when written in it
    (`reviewed_by`, `reviewed_at`: in its file too, so a database rebuilt from the files
    still knows it), and kept in the history."""
    user, at = user or who(), stamp()

    def plan(c: sqlite3.Connection) -> list[Change]:
        q = _need(c, "quotes", quote)
        return [("quotes", quote, _reviewed(q, user, at), None)]

    return apply(conn, "accept", plan, {("quotes", quote): seen}, user, at=at)


def _reviewed(q: State, user: str, at: str) -> State:
    """A quote as reviewed: no `confidence`, and who reviewed it and when."""
    q.pop("confidence", None)
    q["reviewed_by"], q["reviewed_at"] = user, at
    return q


def reassign_speaker(
    conn: sqlite3.Connection,
    quote: str,
    seen: str | None,
    speaker: str | None = None,
    new_actor: State | None = None,
    user: str | None = None,
) -> Done:
    """A quote given another speaker (an actor in the database, or `new_actor`: name,
    kind, role, parent, added to the quote's file); reviewed too (as `accept_quote`)."""
    user, at = user or who(), stamp()

    def plan(c: sqlite3.Connection) -> list[Change]:
        q = _need(c, "quotes", quote)
        out: list[Change] = []
        who_id = speaker
        if new_actor is not None:
            a = {k: v for k, v in new_actor.items() if v not in (None, "", [])}
            a["id"] = a.get("id") or _new_id(c, "actors", str(a.get("name", "")))
            who_id = a["id"]
            home = c.execute("SELECT origin FROM quotes WHERE id = ?", (quote,)).fetchone()[0]
            out.append(("actors", who_id, {"id": who_id, **a}, Path(home) if home else None))
        if who_id is None:
            raise Refused("expected a speaker: an actor's id, or a new actor")
        q["speaker"] = who_id
        out.append(("quotes", quote, _reviewed(q, user, at), None))
        return out

    return apply(conn, "reassign", plan, {("quotes", quote): seen}, user, at=at)


def reject_quote(conn: sqlite3.Connection, quote: str, seen: str | None, user: str | None = None) -> Done:
    """Not a quotation: the quote removed, and from the evidence of positions that cite it
    among others; refused when it is a position's only evidence."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        _need(c, "quotes", quote)
        out: list[Change] = []
        for (pid,) in c.execute(
            "SELECT position FROM position_evidence WHERE quote = ?", (quote,)
        ).fetchall():
            p = _need(c, "positions", pid)
            rest = [e for e in p["evidence"] if e != quote]
            if not rest:
                raise Refused(
                    f"quote {quote!r} is the only evidence of position {pid!r}; "
                    "delete the position or give it other evidence first"
                )
            out.append(("positions", pid, {**p, "evidence": rest}, None))
        out.append(("quotes", quote, None, None))
        return out

    return apply(conn, "reject", plan, {("quotes", quote): seen}, user)


def fix_quote(
    conn: sqlite3.Connection,
    quote: str,
    seen: str | None,
    venue: str | None = None,
    said: str | None = None,
    user: str | None = None,
) -> Done:
    """A quote's venue or the day it was said, set ('' clears it)."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        q = _need(c, "quotes", quote)
        for name, value in (("venue", venue), ("said", said)):
            if value is None:
                continue
            if value.strip():
                q[name] = value.strip()
            else:
                q.pop(name, None)
        return [("quotes", quote, q, None)]

    return apply(conn, "fix", plan, {("quotes", quote): seen}, user)


def add_position(
    conn: sqlite3.Connection,
    actor: str,
    issue: str | None,
    stance: int,
    kind: str,
    summary: str,
    evidence: list[str],
    as_of: str | None = None,
    new_issue: State | None = None,
    file: str | Path | None = None,
    pid: str | None = None,
    user: str | None = None,
) -> Done:
    """A position coded from quotes: on an issue of the database, or `new_issue` (title,
    question); written to `file`, else to the file of its first evidence."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        out: list[Change] = []
        home = Path(file) if file else None
        if home is None and evidence:
            origin = c.execute("SELECT origin FROM quotes WHERE id = ?", (evidence[0],)).fetchone()
            home = Path(origin[0]) if origin and origin[0] else None
        issue_id = issue
        if new_issue is not None:
            i = {k: v for k, v in new_issue.items() if v}
            issue_id = i.get("id") or _new_id(c, "issues", str(i.get("title", "")))
            out.append(("issues", issue_id, {"id": issue_id, **i}, home))
        if not issue_id:
            raise Refused("expected an issue: an issue's id, or a new issue with a title and a question")
        rid = pid or _new_id(c, "positions", f"p-{actor}-{issue_id}")
        p: State = {
            "id": rid,
            "actor": actor,
            "issue": issue_id,
            "stance": stance,
            "kind": kind,
            "summary": summary.strip(),
            "evidence": list(evidence),
        }
        if as_of:
            p["as_of"] = as_of
        out.append(("positions", rid, p, home))
        return out

    return apply(conn, "add-position", plan, {}, user)


def edit_position(
    conn: sqlite3.Connection, position: str, seen: str | None, user: str | None = None, **values: Any
) -> Done:
    """A position's fields changed (actor, issue, stance, kind, summary, as_of, evidence);
    a value of None or '' drops an optional one."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        p = _need(c, "positions", position)
        for name, value in values.items():
            if name not in SPEC["positions"] or name == "id":
                raise Refused(f"positions have no field {name!r}")
            if value is None or value == "":
                p.pop(name, None)
            else:
                p[name] = value
        return [("positions", position, p, None)]

    return apply(conn, "edit-position", plan, {("positions", position): seen}, user)


def delete_position(
    conn: sqlite3.Connection, position: str, seen: str | None, user: str | None = None
) -> Done:
    def plan(c: sqlite3.Connection) -> list[Change]:
        _need(c, "positions", position)
        return [("positions", position, None, None)]

    return apply(conn, "delete-position", plan, {("positions", position): seen}, user)


def add_evidence(
    conn: sqlite3.Connection, position: str, quote: str, seen: str | None, user: str | None = None
) -> Done:
    """A quote added to a position's evidence."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        p = _need(c, "positions", position)
        if quote in p["evidence"]:
            raise Refused(f"quote {quote!r} is already evidence of position {position!r}")
        return [("positions", position, {**p, "evidence": [*p["evidence"], quote]}, None)]

    return apply(conn, "add-evidence", plan, {("positions", position): seen}, user)


def add_quote(
    conn: sqlite3.Connection,
    source: str,
    start: int,
    end: int,
    speaker: str,
    kind: str = "direct",
    said: str | None = None,
    venue: str | None = None,
    qid: str | None = None,
    file: str | Path | None = None,
    user: str | None = None,
) -> Done:
    """A new quote: the passage [start, end) of a stored source, verbatim by construction
    (its occurrence counted when the words occur more than once), written to `file`, else
    to the file of the source."""

    def plan(c: sqlite3.Connection) -> list[Change]:
        row = c.execute("SELECT text, origin FROM sources WHERE id = ?", (source,)).fetchone()
        if row is None:
            raise Refused(f"no source {source!r} in the database")
        text, origin = row
        if not 0 <= start < end <= len(text):
            raise Refused(f"characters {start}..{end} are not inside source {source!r}")
        words = text[start:end]
        if words != words.strip():
            raise Refused("the passage starts or ends with a space; select the words only")
        starts = occurrences(text, [words])[words]
        q: State = {
            "id": qid or _new_id(c, "quotes", f"q-{speaker}-{source}"),
            "source": source,
            "speaker": speaker,
            "kind": kind,
            "text": words,
        }
        if len(starts) > 1:
            q["occurrence"] = starts.index(start) + 1
        if venue:
            q["venue"] = venue
        if said:
            q["said"] = said
        home = Path(file) if file else (Path(origin) if origin else None)
        return [("quotes", q["id"], q, home)]

    return apply(conn, "add-quote", plan, {}, user)


# --- history, undo and redo --------------------------------------------------------------


def reviewed(conn: sqlite3.Connection, quote: str) -> HistoryRow | None:
    """Who reviewed a quote, and when: as the quote holds it (`reviewed_by`, `reviewed_at`,
    from its file too), with the edit that did it when this database made it (else an
    edit numbered 0, verb 'reviewed'); a quote reviewed before schema 7 holds neither, and
    its latest accept or reassign says, while it is not unsure again (undone)."""
    st = state(conn, "quotes", quote)
    if st is None or st.get("confidence") in ("low", "medium"):
        return None
    by, at = st.get("reviewed_by"), st.get("reviewed_at")
    for h in history(conn, quote, limit=20, kind="quotes"):
        if h.verb in ("accept", "reassign") and (by is None or (h.who, h.at) == (by, at)):
            return h
    if by is None and at is None:
        return None
    return HistoryRow(0, at or "", by or "", "reviewed", "quotes", quote, None, None)


def review_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(reviewed, to review): quotes whose review is recorded (in the quote, as its file
    holds it, or in this database's history: a rejected one, one reviewed before schema 7),
    and those still unsure."""
    left = conn.execute("SELECT count(*) FROM quotes WHERE confidence IN ('low', 'medium')").fetchone()[0]
    sql = "SELECT id FROM quotes WHERE reviewed_at IS NOT NULL OR reviewed_by IS NOT NULL"
    if reviewed_columns(conn) == "NULL, NULL":
        sql = "SELECT id FROM quotes WHERE 0"
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edits'").fetchone() is not None:
        # reviewed here: still reviewed (not made unsure again by an undo), or rejected
        sql += (
            " UNION SELECT record FROM edits WHERE kind = 'quotes' AND verb IN ('accept', 'reassign', "
            "'reject') AND json_extract(before, '$.confidence') IN ('low', 'medium') AND NOT EXISTS "
            "(SELECT 1 FROM quotes q WHERE q.id = edits.record AND q.confidence IN ('low', 'medium'))"
        )
    done = conn.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    return done, left


def _rows_of(conn: sqlite3.Connection, edit_no: int) -> list[HistoryRow]:
    rows = [
        _row(r)
        for r in conn.execute(
            "SELECT edit, at, who, verb, kind, record, before, after FROM edits WHERE edit = ? ORDER BY id",
            (edit_no,),
        )
    ]
    if not rows:
        raise Refused(f"no edit {edit_no}")
    return rows


def _replay(conn: sqlite3.Connection, edit_no: int, verb: str, back: bool, user: str | None) -> Done:
    rows = _rows_of(conn, edit_no)
    steps = list(reversed(rows)) if back else rows
    seen = {(h.kind, h.record): version(h.after if back else h.before) for h in steps}
    homes = [_origin(conn, h.kind, h.record) for h in rows if state(conn, h.kind, h.record) is not None]
    home = next((Path(o) for o in homes if o), None)  # a record made again goes beside the others
    order = steps

    def plan(c: sqlite3.Connection) -> list[Change]:
        return [(h.kind, h.record, h.before if back else h.after, home) for h in order]

    return apply(conn, verb, plan, seen, user)


def undo(conn: sqlite3.Connection, edit_no: int, user: str | None = None) -> Done:
    """An edit taken back: each record it changed as it was before (refused, with both
    versions, if someone changed one since)."""
    return _replay(conn, edit_no, "undo", True, user)


def redo(conn: sqlite3.Connection, edit_no: int, user: str | None = None) -> Done:
    """An undone edit made again."""
    return _replay(conn, edit_no, "redo", False, user)


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's count of commits by other connections: a poll that costs nothing."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


__all__ = [
    "Conflict",
    "Done",
    "HistoryRow",
    "Invalid",
    "Refused",
    "accept_quote",
    "add_evidence",
    "add_position",
    "add_quote",
    "data_version",
    "delete_position",
    "edit_position",
    "fix_quote",
    "history",
    "reassign_speaker",
    "redo",
    "reject_quote",
    "review_counts",
    "reviewed",
    "state",
    "undo",
    "version",
    "version_of",
    "who",
]
_ = ID_RE  # ids are checked by the loader's checker (`_validate`)
