"""The whole database back in the dossier format, deterministically (load it, dump it: same bytes)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .schema import reviewed_columns
from .text import has_risky

_SEP = "\x1f"


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != []}


def _links(conn: sqlite3.Connection, sql: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for owner, target in conn.execute(sql):
        out[owner].append(target)
    return out


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        is not None
    )


def _shape(
    conn: sqlite3.Connection,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Each position's links and option marks, each with its evidence, in order."""
    quotes: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for table, owner in (("position_link_evidence", "link"), ("position_mark_evidence", "mark")):
        for pid, n, quote in conn.execute(
            f"SELECT position, {owner}, quote FROM {table} ORDER BY position, {owner}, ord"
        ):
            quotes[(owner, pid, n)].append(quote)
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pid, n, type_, target in conn.execute(
        "SELECT position, ord, type, target FROM position_links ORDER BY position, ord"
    ):
        links[pid].append({"type": type_, "position": target, "evidence": quotes[("link", pid, n)]})
    marks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pid, n, option, mark in conn.execute(
        "SELECT position, ord, option, mark FROM position_marks ORDER BY position, ord"
    ):
        marks[pid].append({"option": option, "mark": mark, "evidence": quotes[("mark", pid, n)]})
    return links, marks


def records(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every record, by kind, in the order it was first loaded."""
    sources = [
        _clean(dict(zip(("id", "title", "outlet", "published", "url", "text"), row, strict=True)))
        for row in conn.execute("SELECT id, title, outlet, published, url, text FROM sources ORDER BY rowid")
    ]
    aliases = _links(conn, "SELECT actor, alias FROM actor_aliases WHERE ord >= 0 ORDER BY actor, ord")
    actors = [
        _clean(
            {
                "id": r[0],
                "name": r[1],
                "kind": r[2],
                "role": r[3],
                "parent": r[4],
                "aliases": aliases.get(r[0], []),
            }
        )
        for r in conn.execute("SELECT id, name, kind, role, parent FROM actors ORDER BY rowid")
    ]
    shaped = _has(conn, "issue_options")  # schema 5: a file of schema 4 holds no shape
    parents = dict(conn.execute("SELECT issue, parent FROM issue_parents")) if shaped else {}
    options: dict[str, list[dict[str, str]]] = defaultdict(list)
    for issue, option, label in (
        conn.execute("SELECT issue, option, label FROM issue_options ORDER BY issue, ord") if shaped else ()
    ):
        options[issue].append({"id": option, "label": label})
    issues = [
        _clean(
            {
                "id": r[0],
                "title": r[1],
                "question": r[2],
                "parent": parents.get(r[0]),
                "options": options.get(r[0], []),
            }
        )
        for r in conn.execute("SELECT id, title, question FROM issues ORDER BY ord")
    ]
    quote_issues = _links(conn, "SELECT quote, issue FROM quote_issues ORDER BY quote, rowid")
    quotes = [
        _clean(
            {
                "id": r[0],
                "source": r[1],
                "speaker": r[2],
                "kind": r[3],
                "text": r[4],
                "occurrence": r[5],
                "venue": r[6],
                "said": r[7],
                "issues": quote_issues.get(r[0], []),
                "confidence": r[8],
                "note": r[9],
                "reviewed_by": r[10],
                "reviewed_at": r[11],
            }
        )
        for r in conn.execute(
            "SELECT id, source, speaker, kind, text, occurrence, venue, said, confidence, note, "
            f"{reviewed_columns(conn)} FROM quotes ORDER BY rowid"
        )
    ]
    evidence = _links(conn, "SELECT position, quote FROM position_evidence ORDER BY position, ord")
    links, marks = _shape(conn) if shaped else ({}, {})
    positions = [
        {
            "id": r[0],
            "actor": r[1],
            "issue": r[2],
            "stance": r[3],
            "kind": r[4],
            "summary": r[5],
            "evidence": evidence.get(r[0], []),
            **({"as_of": r[6]} if r[6] is not None else {}),
            **({"links": links[r[0]]} if r[0] in links else {}),
            **({"marks": marks[r[0]]} if r[0] in marks else {}),
        }
        for r in conn.execute(
            "SELECT id, actor, issue, stance, kind, summary, as_of FROM positions ORDER BY rowid"
        )
    ]
    return {"sources": sources, "actors": actors, "issues": issues, "quotes": quotes, "positions": positions}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(data: dict[str, Any]) -> Iterator[str]:
    """YAML text, one top-level list at a time (strings that YAML would misread are quoted).

    A string holding a control, bidi or line-separator character is double-quoted, so that
    db.text.escape_risky can write those characters as escapes."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        return dumper.represent_scalar(
            "tag:yaml.org,2002:str", value, style='"' if has_risky(value) else None
        )

    Dumper.add_representer(str, represent_str)
    for kind, items in data.items():
        yield yaml.dump(
            {kind: items},
            Dumper=Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
        )
