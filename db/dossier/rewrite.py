"""Dossier files edited as the maintenance verbs edit the database (`db.maintain`), so that
the files in git stay the truth and loading them again changes nothing.

YAML is edited in place, token by token: each id is found by the parser's own marks and only
its characters are replaced (or a record's lines removed), so comments, order and layout
stay as the analyst wrote them. JSON has no comments: it is read, changed and written again.
A file that cannot be edited this way is left alone and the edit is said instead.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .parse import _Loader
from .spec import JSON_SUFFIXES, SPEC, references


def ref_fields(kind: str) -> set[tuple[str, str]]:
    """(record kind, field) of every place an id of `kind` is written: its own `id` and
    each reference to it, those inside a record's list of mappings by their path (a
    position's 'links.position', 'links.evidence', 'marks.evidence')."""
    out = {(kind, "id")}
    for k in SPEC:
        out.update((k, path) for path, f in references(k) if f.ref == kind)
    return out


@dataclass
class Edited:
    """One file's new text, and what was changed in it (`line: what`)."""

    path: Path
    text: str
    changes: list[str] = field(default_factory=list)


class _Scalar:
    __slots__ = ("kind", "field", "event", "record")

    def __init__(self, kind: str, field_: str, event: yaml.ScalarEvent, record: int):
        self.kind, self.field, self.event, self.record = kind, field_, event, record


def _walk(text: str) -> tuple[list[_Scalar], dict[int, tuple[int, int, str, str | None]]]:
    """Every scalar value inside a record (its kind, field, event, record number), and each
    record's span: number -> (start index, end index, kind, id)."""
    scalars: list[_Scalar] = []
    records: dict[int, tuple[int, int, str, str | None]] = {}
    stack: list[dict[str, Any]] = []
    count = 0
    for ev in yaml.parse(text, Loader=_Loader):  # the loader `load` reads with
        if isinstance(ev, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            owner = stack[-1].get("key") if stack and stack[-1]["type"] == "map" else None
            entry = {"type": "map" if isinstance(ev, yaml.MappingStartEvent) else "seq", "owner": owner}
            if entry["type"] == "map":
                entry.update(key=None, want=True)
                if len(stack) == 2:  # a record: top map > kind's list > this
                    count += 1
                    entry.update(record=count, start=_index(ev.start_mark), id=None)
            stack.append(entry)
            continue
        closing = isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent)
        if len(stack) >= 3 and stack[2].get("record") and not (closing and len(stack) == 3):
            stack[2]["last"] = _index(ev.end_mark)  # where the record's last value ends
        if isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            done = stack.pop()
            if done.get("record"):
                # a flow record ends at its '}'; a block one where its last value does (its
                # own end mark is the next item's start)
                flow = text[done["start"]] == "{"
                end = _index(ev.end_mark) if flow else done.get("last", _index(ev.end_mark))
                records[done["record"]] = (done["start"], end, stack[0]["key"], done["id"])
            if stack and stack[-1]["type"] == "map":
                stack[-1]["want"] = True
            continue
        if not isinstance(ev, yaml.ScalarEvent) or not stack:
            continue
        top = stack[-1]
        if top["type"] == "map" and top["want"]:
            top["key"], top["want"] = ev.value, False
            continue
        if top["type"] == "map":
            top["want"] = True
        if len(stack) >= 3 and stack[2]["type"] == "map" and stack[0].get("key"):
            kind = stack[0]["key"]
            # the field's path: the key of each mapping from the record down ('evidence';
            # inside a position's links, 'links.position', 'links.evidence')
            name = ".".join(str(e["key"]) for e in stack[2:] if e["type"] == "map")
            if len(stack) == 3 and name == "id":
                stack[2]["id"] = ev.value
            scalars.append(_Scalar(kind, name, ev, stack[2]["record"]))
    return scalars, records


def _index(mark: Any, what: str = "index") -> int:
    """A parser mark's offset (or line): events from `yaml.parse` always have marks."""
    assert mark is not None
    return int(getattr(mark, what))


JsonChange = Callable[[Any], list[str]]


def _plain_ok(value: str) -> bool:
    try:
        return bool(yaml.safe_load(value) == value)
    except yaml.YAMLError:
        return False


def _token(value: str, style: str | None) -> str:
    if style in ('"', "'"):
        return f"{style}{value}{style}"
    return value if _plain_ok(value) else json.dumps(value)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def rename_yaml(
    path: Path, text: str, kind: str, old: str, new: str, only: set[tuple[str, str]] | None = None
) -> Edited:
    """`old` as an id of `kind` (or only in the given (kind, field) places) replaced by
    `new`, token by token."""
    places = only or ref_fields(kind)
    scalars, _ = _walk(text)
    spans = [
        s.event
        for s in scalars
        if s.event.value == old
        and (s.kind, s.field) in places
        and (s.event.style or None) in (None, '"', "'")  # libyaml says '' for plain
    ]
    out = Edited(path, text)
    for ev in sorted(spans, key=lambda e: _index(e.start_mark), reverse=True):
        a, b = _index(ev.start_mark), _index(ev.end_mark)
        out.text = out.text[:a] + _token(new, ev.style) + out.text[b:]
    out.changes = [
        f"{path}:{_index(ev.start_mark, 'line') + 1}: {old} -> {new}"
        for ev in sorted(spans, key=lambda e: _index(e.start_mark))
    ]
    return out


def remove_yaml(path: Path, text: str, kind: str, rid: str) -> Edited:
    """The record `rid` of `kind` removed: its lines (a flow record's line, a block
    record's lines), nothing else."""
    _, records = _walk(text)
    out = Edited(path, text)
    for start, end, k, i in sorted(records.values(), reverse=True):
        if k != kind or i != rid:
            continue
        a = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", max(end - 1, start))
        b = len(text) if nl < 0 else nl + 1
        out.text = out.text[:a] + out.text[b:]
        out.changes.append(f"{path}:{_line(text, start)}: {kind[:-1]} {rid} removed")
    return out


def add_aliases_yaml(path: Path, text: str, actor: str, names: list[str]) -> Edited | None:
    """`names` added to an actor record's aliases, in the record's own style: into its
    `aliases: [...]` list, as more `- name` lines of a block list, or as a new `aliases:`
    (inside `{...}`, or as a line of a block record). None when the record cannot be found
    once, or its aliases are written another way (the caller says what to add)."""
    scalars, records = _walk(text)
    found = [(s, e) for n, (s, e, k, i) in records.items() if k == "actors" and i == actor]
    if len(found) != 1:
        return None
    start, end = found[0]
    flow = text[start] == "{"
    listed = [
        s.event
        for s in scalars
        if s.kind == "actors" and s.field == "aliases" and start < _index(s.event.start_mark) < end
    ]
    note = [f"{path}:{_line(text, start)}: aliases of {actor} += {', '.join(names)}"]
    if listed:
        last = _index(listed[-1].end_mark)
        close = text.find("]", last)
        if close >= 0 and not text[last:close].strip():  # a flow list: [a, b]
            items = ", ".join(_token(n, None) for n in names)
            return Edited(path, text[:close] + ", " + items + text[close:], note)
        first = _index(listed[0].start_mark)
        line_start = text.rfind("\n", 0, first) + 1
        dash = text[line_start:first]
        if dash.strip() != "-":
            return None
        eol = text.find("\n", last)
        eol = len(text) if eol < 0 else eol
        lines = "".join(f"\n{dash}{_token(n, None)}" for n in names)
        return Edited(path, text[:eol] + lines + text[eol:], note)
    if "aliases" in text[start:end]:
        return None  # `aliases: []` or another shape: say it instead
    items = ", ".join(_token(n, None) for n in names)
    if flow:
        return Edited(path, text[: end - 1] + f", aliases: [{items}]" + text[end - 1 :], note)
    indent = start - (text.rfind("\n", 0, start) + 1)
    eol = text.find("\n", max(end - 1, start))
    eol = len(text) if eol < 0 else eol
    return Edited(path, text[:eol] + "\n" + " " * indent + f"aliases: [{items}]" + text[eol:], note)


def edit_json(path: Path, text: str, change: JsonChange) -> Edited:
    """A JSON dossier read, changed by `change(data) -> list of what changed`, written back."""
    data = json.loads(text)
    changes = change(data)
    return Edited(
        path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", [f"{path}: {c}" for c in changes]
    )


def json_rename(kind: str, old: str, new: str, only: set[tuple[str, str]] | None = None) -> JsonChange:
    places = only or ref_fields(kind)

    def change(data: Any) -> list[str]:
        done: list[str] = []
        for k, recs in data.items() if isinstance(data, dict) else ():
            for rec in recs if isinstance(recs, list) else ():
                if isinstance(rec, dict):
                    _rename_in(rec, k, "", rec.get("id"), places, old, new, done)
        return done

    return change


def _rename_in(
    rec: dict[str, Any],
    kind: str,
    prefix: str,
    rid: Any,
    places: set[tuple[str, str]],
    old: str,
    new: str,
    done: list[str],
) -> None:
    """`old` replaced by `new` in the fields of `rec` (a record, or one mapping of a
    record's list of mappings, under `prefix`) that are among `places`."""
    for name, value in rec.items():
        path = prefix + name
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for n, item in enumerate(value):
                if isinstance(item, dict):
                    _rename_in(item, kind, f"{path}.", f"{rid}, {name}[{n}]", places, old, new, done)
            continue
        if (kind, path) not in places:
            continue
        if value == old:
            rec[name] = new
            done.append(f"{kind} ({rid}).{name}: {old} -> {new}")
        elif isinstance(value, list) and old in value:
            rec[name] = [new if v == old else v for v in value]
            done.append(f"{kind} ({rid}).{name}: {old} -> {new}")


def json_remove(kind: str, rid: str) -> JsonChange:
    def change(data: Any) -> list[str]:
        recs = data.get(kind) if isinstance(data, dict) else None
        if not isinstance(recs, list):
            return []
        keep = [r for r in recs if not (isinstance(r, dict) and r.get("id") == rid)]
        data[kind] = keep
        return [f"{kind[:-1]} {rid} removed"] if len(keep) != len(recs) else []

    return change


def is_json(path: Path) -> bool:
    return path.suffix.lower() in JSON_SUFFIXES


def write_all(edits: list[Edited]) -> Iterator[str]:
    """Write each edited file in place (a new file beside it, then renamed over it); yields
    a message for each that could not be written."""
    for e in edits:
        try:
            fd, tmp = tempfile.mkstemp(dir=e.path.parent, prefix=f".{e.path.name}.")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(e.text)
            os.replace(tmp, e.path)
        except OSError as exc:
            yield (
                f"{e.path}: not rewritten ({exc.strerror or exc}); make these changes by hand: "
                + "; ".join(e.changes)
            )
