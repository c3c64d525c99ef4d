"""The everyday fixes to a stored dossier: rename an id, merge two actors, remove a record.

Each is one transaction (all of it or nothing, `--dry-run` rolls it back), refuses with a
clear message when it would break a reference, and edits the dossier files the records came
from in the same way (`dossier.rewrite`), so that the files stay the truth: loading them
again afterwards changes nothing. The files are edited only once the database has
committed; a file that cannot be edited is named with the exact change to make.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dossier import rewrite
from .dossier.spec import DOSSIER_SUFFIXES, ID_RE, KINDS
from .schema import SCHEMA_VERSION
from .text import name_key


class Refused(Exception):
    """A verb that would break the database or a reference: nothing was done."""


@dataclass
class Outcome:
    """What a verb did (or, dry, would do): rows changed by table, the files edited, and
    edits it could not make itself (each an exact instruction)."""

    rows: dict[str, int] = field(default_factory=dict)
    edits: list[rewrite.Edited] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)


#: Where each kind's id is stored besides its own table: (table, column).
_REFS = {
    "sources": [("quotes", "source")],
    "actors": [
        ("actors", "parent"),
        ("actors", "side"),
        ("actor_aliases", "actor"),
        ("quotes", "speaker"),
        ("positions", "actor"),
        ("rollups", "actor"),
    ],
    "issues": [
        ("positions", "issue"),
        ("quote_issues", "issue"),
        ("rollups", "issue"),
        ("issue_parents", "issue"),
        ("issue_parents", "parent"),
        ("issue_options", "issue"),
        ("position_marks", "issue"),
    ],
    "quotes": [
        ("position_evidence", "quote"),
        ("quote_issues", "quote"),
        ("position_link_evidence", "quote"),
        ("position_mark_evidence", "quote"),
    ],
    "positions": [
        ("position_evidence", "position"),
        ("rollups", "lead"),
        ("rollups", "assessment"),
        ("position_links", "position"),
        ("position_links", "target"),
        ("position_link_evidence", "position"),
        ("position_marks", "position"),
        ("position_mark_evidence", "position"),
    ],
}
#: The references that make a record impossible to remove: (table, column, what it is).
_BLOCKERS = {
    "sources": [("quotes", "source", "quote")],
    "actors": [
        ("actors", "parent", "member"),
        ("quotes", "speaker", "quote"),
        ("positions", "actor", "position"),
    ],
    "issues": [
        ("positions", "issue", "position"),
        ("quote_issues", "issue", "quote tagged"),
        ("issue_parents", "parent", "member issue"),
    ],
    "quotes": [
        ("position_evidence", "quote", "position citing it"),
        ("position_link_evidence", "quote", "position whose link cites it"),
        ("position_mark_evidence", "quote", "position whose option mark cites it"),
    ],
    "positions": [("position_links", "target", "position linked to it")],
}
_OWNER = {
    "quote_issues": "quote",
    "position_evidence": "position",
    "issue_parents": "issue",
    "position_links": "position",
    "position_link_evidence": "position",
    "position_mark_evidence": "position",
}


def _kind(kind: str) -> str:
    plural = kind if kind.endswith("s") else kind + "s"
    if plural not in KINDS:
        raise Refused(f"unknown kind {kind!r}; expected one of: {', '.join(k[:-1] for k in KINDS)}")
    return plural


def _exists(conn: sqlite3.Connection, kind: str, rid: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {kind} WHERE id = ?", (rid,)).fetchone() is not None


def _origins(conn: sqlite3.Connection) -> list[Path]:
    """Every dossier file a stored record came from (those still there). A database may
    come from someone else, and its `origin`s with it: only a regular .yaml, .yml or .json
    file (never through a symbolic link) is ever edited."""
    found: set[str] = set()
    for kind in KINDS:
        found.update(
            r[0] for r in conn.execute(f"SELECT DISTINCT origin FROM {kind} WHERE origin IS NOT NULL")
        )
    out = []
    for o in sorted(found):
        p = Path(o)
        if p.is_absolute() and p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file() and not p.is_symlink():
            out.append(p)
    return out


def _transaction(conn: sqlite3.Connection, work: Callable[[], None], dry_run: bool) -> None:
    """`work`, then what the records imply, in one write transaction as a load makes it."""
    from .dossier.writer import recompute_derived, transaction

    with transaction(conn, dry_run) as version:
        if 0 < version < SCHEMA_VERSION:  # the tables `work` reaches are this schema's
            from .schema import migrate

            migrate(conn, version)
        work()
        recompute_derived(conn)


def _edit_files(
    conn: sqlite3.Connection,
    out: Outcome,
    yaml_edit: Callable[[Path, str], rewrite.Edited | None],
    json_edit: rewrite.JsonChange,
) -> None:
    """Each dossier file edited the same way (in memory: written by `finish`)."""
    for path in _origins(conn):
        try:
            text = path.read_text("utf-8")
            edited = (
                rewrite.edit_json(path, text, json_edit) if rewrite.is_json(path) else yaml_edit(path, text)
            )
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            out.by_hand.append(f"{path}: cannot be read to edit ({exc}); check it by hand")
            continue
        if edited is not None and edited.changes:
            out.edits.append(edited)


def finish(out: Outcome, dry_run: bool) -> None:
    """Write the edited files (after the database committed); what failed goes by hand."""
    if not dry_run:
        out.by_hand.extend(rewrite.write_all(out.edits))


def rename(conn: sqlite3.Connection, kind: str, old: str, new: str, dry_run: bool = False) -> Outcome:
    """Give a record a new id, and every reference to it."""
    kind = _kind(kind)
    if not ID_RE.match(new):
        raise Refused(
            f"{new!r} is not a valid id; expected letters, digits and _ . : - "
            "(starting with a letter or digit)"
        )
    if not _exists(conn, kind, old):
        raise Refused(f"no {kind[:-1]} {old!r} in the database")
    if old == new:
        raise Refused(f"{old!r} is already its id")
    if _exists(conn, kind, new):
        raise Refused(
            f"{kind[:-1]} {new!r} already exists; expected a new id (to join two actors: merge-actors)"
        )
    out = Outcome()

    def work() -> None:
        out.rows[kind] = conn.execute(f"UPDATE {kind} SET id = ? WHERE id = ?", (new, old)).rowcount
        for table, column in _REFS[kind]:
            n = conn.execute(f'UPDATE {table} SET "{column}" = ? WHERE "{column}" = ?', (new, old)).rowcount
            out.rows[f"{table}.{column}"] = n
        if kind == "actors":  # the id is one of the names it is found by: as a load files them
            conn.execute("DELETE FROM actor_aliases WHERE actor = ? AND ord IN (-2, -1)", (new,))
            name = conn.execute("SELECT name FROM actors WHERE id = ?", (new,)).fetchone()[0]
            taken = {
                r[0] for r in conn.execute("SELECT alias_key FROM actor_aliases WHERE actor = ?", (new,))
            }
            for ord_, alias in ((-2, new), (-1, name)):
                key = name_key(alias)
                if key and key not in taken:
                    taken.add(key)
                    conn.execute(
                        "INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, ?)",
                        (new, alias, key, ord_),
                    )

    _edit_files(  # read before the database changes; written once it has committed
        conn,
        out,
        lambda path, text: rewrite.rename_yaml(path, text, kind, old, new),
        rewrite.json_rename(kind, old, new),
    )
    _transaction(conn, work, dry_run)
    finish(out, dry_run)
    return out


def _dependents(conn: sqlite3.Connection, kind: str, rid: str) -> list[str]:
    found = []
    for table, column, what in _BLOCKERS[kind]:
        owner = _OWNER.get(table, "id")
        rows = conn.execute(f'SELECT {owner} FROM {table} WHERE "{column}" = ? LIMIT 6', (rid,)).fetchall()
        if rows:
            more = " and more" if len(rows) > 5 else ""
            found.append(f"{what} {', '.join(r[0] for r in rows[:5])}{more}")
    return found


def remove(conn: sqlite3.Connection, kind: str, rid: str, dry_run: bool = False) -> Outcome:
    """Remove a record nothing else refers to, with its links."""
    kind = _kind(kind)
    if not _exists(conn, kind, rid):
        raise Refused(f"no {kind[:-1]} {rid!r} in the database")
    blocking = _dependents(conn, kind, rid)
    if blocking:
        raise Refused(
            f"{kind[:-1]} {rid!r} is referred to by {'; '.join(blocking)}; expected nothing to refer to it "
            "(remove or change those first)"
        )
    out = Outcome()

    def work() -> None:
        for table, column in _REFS[kind]:
            if table in (
                "actor_aliases",
                "position_evidence",
                "quote_issues",
                "rollups",
                "issue_parents",
                "issue_options",
                "position_link_evidence",
                "position_links",
                "position_mark_evidence",
                "position_marks",
            ):
                conn.execute(f'DELETE FROM {table} WHERE "{column}" = ?', (rid,))
        if kind == "quotes":
            conn.execute("DELETE FROM quote_issues WHERE quote = ?", (rid,))
        out.rows[kind] = conn.execute(f"DELETE FROM {kind} WHERE id = ?", (rid,)).rowcount

    _edit_files(
        conn,
        out,
        lambda path, text: rewrite.remove_yaml(path, text, kind, rid),
        rewrite.json_remove(kind, rid),
    )
    _transaction(conn, work, dry_run)
    finish(out, dry_run)
    return out


def _chain(conn: sqlite3.Connection, actor: str) -> list[str]:
    out: list[str] = []
    node: str | None = actor
    while node is not None and len(out) <= 64:
        out.append(node)
        row = conn.execute("SELECT parent FROM actors WHERE id = ?", (node,)).fetchone()
        node = row[0] if row else None
    return out


def merge_actors(conn: sqlite3.Connection, keep: str, drop: str, dry_run: bool = False) -> Outcome:
    """One actor drafted under two ids made one: `drop`'s quotes, positions and members
    move to `keep`, its name and aliases become `keep`'s aliases, and it is removed."""
    for a in (keep, drop):
        if not _exists(conn, "actors", a):
            raise Refused(f"no actor {a!r} in the database")
    if keep == drop:
        raise Refused(f"cannot merge {keep!r} into itself")
    if drop in _chain(conn, keep)[1:]:
        raise Refused(
            f"{keep!r} is a member of {drop!r} (its parent chain: {' -> '.join(_chain(conn, keep))}); "
            "merging a body into its own member would make the member its own parent; expected "
            f"`merge-actors {drop} {keep}` (keep the body), or change {keep}'s parent first"
        )
    # its name (which a load leaves out of the alias rows when it folds onto the id) and aliases
    names = [conn.execute("SELECT name FROM actors WHERE id = ?", (drop,)).fetchone()[0]]
    names += [
        r[0]
        for r in conn.execute(
            "SELECT alias FROM actor_aliases WHERE actor = ? AND ord >= 0 ORDER BY ord", (drop,)
        )
    ]
    have = {r[0] for r in conn.execute("SELECT alias_key FROM actor_aliases WHERE actor = ?", (keep,))}
    new_names = []
    for n in names:
        if name_key(n) not in have and name_key(n):
            have.add(name_key(n))
            new_names.append(n)
    out = Outcome()

    def work() -> None:
        for table, column in (("quotes", "speaker"), ("positions", "actor"), ("actors", "parent")):
            out.rows[f"{table}.{column}"] = conn.execute(
                f'UPDATE {table} SET "{column}" = ? WHERE "{column}" = ?', (keep, drop)
            ).rowcount
        start = conn.execute(
            "SELECT max(coalesce(max(ord), -1) + 1, 0) FROM actor_aliases WHERE actor = ?", (keep,)
        ).fetchone()[0]
        conn.executemany(
            "INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, ?)",
            [(keep, n, name_key(n), start + i) for i, n in enumerate(new_names)],
        )
        conn.execute("DELETE FROM actor_aliases WHERE actor = ?", (drop,))
        conn.execute("DELETE FROM rollups WHERE actor = ?", (drop,))
        out.rows["actors"] = conn.execute("DELETE FROM actors WHERE id = ?", (drop,)).rowcount

    places = {("quotes", "speaker"), ("positions", "actor"), ("actors", "parent")}
    _edit_files(
        conn,
        out,
        lambda path, text: _merge_yaml(path, text, keep, drop, places, new_names),
        _merge_json(keep, drop, places, new_names),
    )
    if new_names and not any("aliases of" in c for e in out.edits for c in e.changes):
        out.by_hand.append(
            f"add to the aliases of actor {keep!r} in its dossier file: {', '.join(new_names)} "
            "(else the next load of that file drops them)"
        )
    _transaction(conn, work, dry_run)
    out.rows["aliases added"] = len(new_names)
    finish(out, dry_run)
    return out


def _merge_yaml(
    path: Path, text: str, keep: str, drop: str, places: set[tuple[str, str]], names: list[str]
) -> rewrite.Edited:
    moved = rewrite.rename_yaml(path, text, "actors", drop, keep, only=places)
    gone = rewrite.remove_yaml(path, moved.text, "actors", drop)
    out = rewrite.Edited(path, gone.text, moved.changes + gone.changes)
    named = rewrite.add_aliases_yaml(path, out.text, keep, names) if names else None
    if named is not None:
        out.text, out.changes = named.text, out.changes + named.changes
    return out


def _merge_json(keep: str, drop: str, places: set[tuple[str, str]], names: list[str]) -> rewrite.JsonChange:
    rename_refs = rewrite.json_rename("actors", drop, keep, only=places)
    remove_drop = rewrite.json_remove("actors", drop)

    def change(data: Any) -> list[str]:
        done = rename_refs(data) + remove_drop(data)
        for rec in data.get("actors", []) if isinstance(data, dict) else []:
            if isinstance(rec, dict) and rec.get("id") == keep and names:
                rec["aliases"] = [*(rec.get("aliases") or []), *names]
                done.append(f"aliases of {keep} += {', '.join(names)}")
        return done

    return change


__all__ = ["Outcome", "Refused", "merge_actors", "remove", "rename"]
