"""Validation: every record's fields against the spec, then the dossier as a whole (ids
unique, references resolved, parent chains, sources' texts, quotes placed verbatim).

`check` reports every problem at once, each located; it never writes. What it finds out
(each source's text, each quote's place) it puts in the `Dossier`, beside the records.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..text import decode_text, normalize, surrogate_at
from . import sync
from .existing import Existing
from .files import Refused, expand_paths, read_inside
from .memory import memory_problem
from .model import Dossier, Item, Record
from .parse import LIST_START, CommentedStr, LocDict, Plain, Unstreamable, line_of, read_file, stream_json
from .problems import Problem, Where
from .spec import (
    DATE_RE,
    ID_RE,
    INT_RE,
    JSON_SUFFIXES,
    KINDS,
    MAX_PARENT_DEPTH,
    MAX_TEXT_FILE_BYTES,
    SPEC,
    Field,
)
from .verbatim import place_quotes, place_stored_quotes


def _describe(value: object) -> str:
    if isinstance(value, Plain):
        return f"the {value.kind} {value.raw}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, (dict, LocDict)):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _shared(value: str) -> str:
    """One copy of a value many records repeat (a speaker's id, a kind): a million quotes
    naming the same few thousand actors hold a few thousand strings, not a million."""
    return sys.intern(value) if type(value) is str else value


def _quote_hint(value: object) -> str:
    if isinstance(value, Plain):
        return f"; YAML reads unquoted {value.raw} as a {value.kind}: put it in quotes"
    return ""


class _Checker:
    def __init__(self, dossier: Dossier):
        self.d = dossier
        #: What normalising text changed: the first place it did, and how many times (not
        #: every place: a dossier with Windows line ends would keep a place per quote).
        self.normalised: dict[str, tuple[Where, int]] = {}

    def problem(self, where: Where, message: str) -> None:
        self.d.problems.append(Problem(where, message))

    def text(self, value: str, f: Field, where: Where) -> str | None:
        if isinstance(value, CommentedStr):
            self.d.warnings.append(
                Problem(
                    where.at(value.line),
                    f"the text {str(value)[:40]!r} ends at ' #': YAML reads the rest of the line as "
                    "a comment; quote the value if the '#' belongs to the text",
                )
            )
        at = surrogate_at(value)
        if at is not None:
            self.problem(
                where,
                f"contains an unpaired surrogate (\\u{ord(value[at]):04x}) at character "
                f"{at}; expected valid Unicode text",
            )
            return None
        value, changes = normalize(value)
        for change in changes:
            first, n = self.normalised.get(change, (where, 0))
            self.normalised[change] = (first, n + 1)
        if f.required and not value.strip():
            self.problem(where, "is empty; expected some text")
            return None
        if len(value) > f.max_len:
            self.problem(where, f"is {len(value):,} characters long; expected at most {f.max_len:,}")
            return None
        return value

    def value(self, raw: Any, f: Field, where: Where) -> Any:
        """The checked value, or None after recording a problem."""
        t = f.type
        if t in ("id", "str", "text", "enum", "ref"):
            if not isinstance(raw, str):
                self.problem(where, f"expected text, got {_describe(raw)}{_quote_hint(raw)}")
                return None
            if t in ("id", "ref"):
                if not ID_RE.match(raw) or len(raw) > f.max_len:
                    self.problem(
                        where,
                        f"{raw[:60]!r} is not a valid id; expected letters, digits and "
                        "- _ . : (starting with a letter or digit), at most 200 characters",
                    )
                    return None
                return _shared(raw) if t == "ref" else raw
            if t == "enum":
                if raw not in f.choices:
                    self.problem(where, f"{raw[:60]!r} is not one of: {', '.join(f.choices)}")
                    return None
                return _shared(raw)
            return self.text(raw, f, where)
        if t == "date":
            text = raw.raw if isinstance(raw, Plain) and raw.kind == "date" else raw
            if not isinstance(text, str):
                self.problem(where, f"expected a date YYYY-MM-DD, got {_describe(raw)}")
                return None
            try:
                if not DATE_RE.match(text):
                    raise ValueError
                return sys.intern(date.fromisoformat(text).isoformat())
            except ValueError:
                self.problem(where, f"{text[:40]!r} is not a real date; expected YYYY-MM-DD")
                return None
        if t == "int":
            if isinstance(raw, Plain) and raw.kind == "integer" and INT_RE.match(raw.raw):
                number = int(raw.raw)
            elif isinstance(raw, int) and not isinstance(raw, bool):
                number = raw
            else:
                hint = ""
                if isinstance(raw, Plain) and raw.kind == "integer":
                    hint = " (YAML reads a leading 0 as octal)"
                self.problem(
                    where, f"expected a whole number from {f.low} to {f.high}, got {_describe(raw)}{hint}"
                )
                return None
            assert f.low is not None and f.high is not None  # every integer field has a range
            if not f.low <= number <= f.high:
                self.problem(
                    where, f"{number} is out of range; expected a whole number from {f.low} to {f.high}"
                )
                return None
            return number
        if t in ("strlist", "reflist"):
            if not isinstance(raw, list):
                self.problem(where, f"expected a list, e.g. [a, b], got {_describe(raw)}")
                return None
            item_field = Field("ref" if t == "reflist" else "str", max_len=500)
            out = []
            for i, item in enumerate(raw):
                checked = self.value(item, item_field, where.at(line_of(raw, i), f"{where.path}[{i}]"))
                if checked is not None:
                    out.append(checked)
            if f.required and not raw:
                self.problem(where, "is empty; expected at least one id")
                return None
            return out
        if t == "records":
            return self.items(raw, f, where)
        raise AssertionError(t)  # pragma: no cover

    def items(self, raw: Any, f: Field, where: Where) -> list[Item] | None:
        """A list of small mappings (a position's links), each field checked; an item with
        a field missing or wrong is reported and left out."""
        if not isinstance(raw, list):
            self.problem(where, f"expected a list of mappings ({', '.join(f.items)}), got {_describe(raw)}")
            return None
        out = []
        for i, item in enumerate(raw):
            line = line_of(raw, i)
            at = where.at(line, f"{where.path}[{i}]")
            if not isinstance(item, dict):
                self.problem(at, f"expected a mapping with {', '.join(f.items)}, got {_describe(item)}")
                continue
            for key, key_line in item.duplicates if isinstance(item, LocDict) else ():
                self.problem(at.at(key_line, f"{at.path}.{key}"), "appears twice; expected each field once")
            for key in item:
                if key not in f.items:
                    self.problem(
                        at.at(line_of(item, key), f"{at.path}.{str(key)[:60]}"),
                        f"unknown field; expected one of: {', '.join(f.items)}",
                    )
            values: dict[str, Any] = {}
            whole = True
            for name, g in f.items.items():
                value = item.get(name)
                if value is None:
                    if g.required:
                        self.problem(at.at(path=f"{at.path}.{name}"), "is missing; this field is required")
                        whole = False
                    continue
                checked = self.value(value, g, at.at(line_of(item, name), f"{at.path}.{name}"))
                if checked is None:
                    whole = False
                else:
                    values[name] = checked
            if whole:
                out.append(Item(values, line if line is not None else where.line, i))
        return out

    def record(self, kind: str, raw: object, where: Where, index: int = 0) -> Record | None:
        """The record, its values checked field by field (a failed field is left out and
        reported); None when it has no valid id."""
        if not isinstance(raw, dict):
            self.problem(where, f"expected a mapping of fields, got {_describe(raw)}")
            return None
        spec = SPEC[kind]
        for key, key_line in raw.duplicates if isinstance(raw, LocDict) else ():
            self.problem(
                where.at(key_line, f"{where.path}.{key}"),
                "appears twice in this record; expected each field once",
            )
        values: dict[str, Any] = {}
        label = where.path
        rid = raw.get("id")
        if isinstance(rid, str):
            label = f"{where.path} ({rid[:60]})"
        for key in raw:
            if key not in spec:
                self.problem(
                    where.at(line_of(raw, key), f"{label}.{str(key)[:60]}"),
                    f"unknown field; expected one of: {', '.join(spec)}",
                )
        for name, f in spec.items():
            value = raw.get(name)
            if value is None:
                if f.required:
                    self.problem(where.at(path=f"{label}.{name}"), "is missing; this field is required")
                continue
            checked = self.value(value, f, where.at(line_of(raw, name), f"{label}.{name}"))
            if checked is not None:
                values[name] = checked
        if "id" not in values:
            return None
        if kind == "quotes" and "via" in values:
            values["venue"] = with_via(values.get("venue"), values.pop("via"))
        # the parsed mapping is kept only for what the values lack, and only its keys and
        # their lines: a YAML mapping's lines, a source's fields given but invalid
        # (`_check_sources`); a JSON quote's is dropped
        kept: dict[str, Any] | None = None
        if isinstance(raw, LocDict) and raw.line is not None:
            kept = LocDict(raw.line)
            kept.update(dict.fromkeys(raw))
            kept.key_lines = raw.key_lines
        elif kind == "sources":
            kept = dict.fromkeys(raw)
        return Record(kind, values["id"], values, where, kept, index)


def with_via(venue: str | None, via: str) -> str:
    """The venue a second-hand quote is stored with: "interview with Izvestia; via TASS"
    (cut to the venue's limit, the `via` part kept)."""
    tail = f"via {via}"
    if not venue:
        return tail
    room = SPEC["quotes"]["venue"].max_len - len(tail) - 2
    return f"{venue[: max(room, 0)].rstrip()}; {tail}"


def check(
    paths: Iterable[str | Path],
    conn: sqlite3.Connection | None = None,
    adopt: str | None = None,
    step: Callable[[str], None] | None = None,
) -> Dossier:
    """Read and validate dossier files; every problem is in `Dossier.problems`.

    References may point at records already in `conn`'s database. `adopt`: records stored
    from any file whose path ends so are this dossier's too (the bundled dossier, loaded
    before from another install path). `step` is told each step as it starts ('reading
    day1.yaml (1 of 3)'), for a progress line.
    """
    # Millions of small records and no reference cycles: the cyclic collector would only
    # rescan them over and over (a fifth of a large check).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, conn, adopt, step or (lambda what: None))
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(
    paths: Iterable[str | Path],
    conn: sqlite3.Connection | None,
    adopt: str | None,
    step: Callable[[str], None],
) -> Dossier:
    d = Dossier()
    named = [Path(p) for p in paths]
    files, problems, d.skipped = expand_paths(named)
    d.problems.extend(problems)
    d.files = list(files)
    d.roots = {str(path): root for path, root in files.items()}
    problem = memory_problem(list(files))
    if problem is not None:
        d.problems.append(problem)
        return d
    checker = _Checker(d)
    unread: list[Path] = []
    for n, path in enumerate(files, 1):
        step(f"reading {path.name} ({n} of {len(files)})")
        if path.suffix.lower() in JSON_SUFFIXES and _stream_file(checker, path):
            continue
        parsed = read_file(path)
        d.problems.extend(parsed.problems)
        if parsed.data is None or parsed.problems:
            unread.append(path)
        d.warnings.extend(parsed.warnings)
        if parsed.data is None:
            if not parsed.problems:
                d.problems.append(
                    Problem(
                        Where(str(path)), f"the file is empty; expected top-level lists: {', '.join(KINDS)}"
                    )
                )
            continue
        _read_records(checker, parsed.data, str(path))
        # the file's parsed values go now, not when the next file has been parsed: its
        # records keep only their checked values
        del parsed
    for change, (first, n) in checker.normalised.items():
        more = f" (and {n - 1} more)" if n > 1 else ""
        d.warnings.append(Problem(first, f"{change}{more}"))
    d.stage.index()
    existing = Existing(conn)
    step("checking ids and references")
    _check_unique(d)
    if not unread:  # a file that could not be read would look like all its records removed
        sync.plan(d, existing, [p for p in named if p.is_dir()], adopt)
    _check_references(d, existing)
    _check_parents(d, existing)
    _check_shape(d, existing)
    _check_sources(d)
    step("placing each quote in its source")
    place_quotes(d, existing)
    place_stored_quotes(d, existing)
    if d.scope is not None:
        step("comparing with the database")
        sync.compare(d, existing)
    return d


def _stream_file(checker: _Checker, path: Path) -> bool:
    """A JSON file's records checked and staged one at a time as they are parsed
    (`parse.stream_json`): the file is never held whole. False, with everything it had
    staged and reported taken back, when the file must be read whole for its problem
    (not valid JSON, a top-level key twice, a file that cannot be read)."""
    d, file = checker.d, str(path)
    counts = {kind: len(recs) for kind, recs in d.records.items()}
    seq, problems, warnings = d.stage.seq, len(d.problems), len(d.warnings)
    normalised = dict(checker.normalised)
    try:
        for key, index, item in stream_json(path):
            if key not in KINDS:
                if index is None:
                    d.problems.append(
                        Problem(
                            Where(file, None, key[:60]),
                            f"unknown top-level key; expected: {', '.join(KINDS)}",
                        )
                    )
                continue
            if index is None:
                if item is not LIST_START and item is not None:
                    d.problems.append(
                        Problem(Where(file, None, key), f"expected a list of {key}, got {_describe(item)}")
                    )
                continue
            rec = checker.record(key, item, Where(file, None, f"{key}[{index}]"), index)
            if rec is not None:
                d.records[key].append(rec)
    except (Unstreamable, Refused):
        d.stage.truncate(seq)
        for kind, n in counts.items():
            d.records[kind].truncate(n)
        del d.problems[problems:], d.warnings[warnings:]
        checker.normalised = normalised
        return False
    return True


def _read_records(checker: _Checker, data: object, file: str) -> None:
    d = checker.d
    if not isinstance(data, dict):
        d.problems.append(
            Problem(
                Where(file, line_of(data, 0)),
                f"expected a mapping with top-level lists ({', '.join(KINDS)}), got {_describe(data)}",
            )
        )
        return
    for key, line in getattr(data, "duplicates", ()):
        d.problems.append(Problem(Where(file, line, str(key)), "appears twice at the top level"))
    for key, items in data.items():
        if key not in KINDS:
            d.problems.append(
                Problem(
                    Where(file, line_of(data, key), str(key)[:60]),
                    f"unknown top-level key; expected: {', '.join(KINDS)}",
                )
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            d.problems.append(
                Problem(
                    Where(file, line_of(data, key), key), f"expected a list of {key}, got {_describe(items)}"
                )
            )
            continue
        for i, raw in enumerate(items):
            rec = checker.record(key, raw, Where(file, line_of(items, i), f"{key}[{i}]"), i)
            if rec is not None:
                d.records[key].append(rec)


def _check_unique(d: Dossier) -> None:
    for kind in d.records:
        for rec in d.stage.duplicates(kind):
            assert rec.first is not None  # `duplicates` says which came first
            other = rec.first.where._replace(path="")
            d.problems.append(
                Problem(
                    rec.where.at(path=f"{rec.where.path}.id"),
                    f"duplicate {kind[:-1]} id {rec.id!r} (first at "
                    f"{other}); expected ids unique across the dossier",
                )
            )


#: A reference a record makes: (record, field name, index in a list field or None,
#: target kind, target id).
_Ref = tuple[Record, str, int | None, str, str]


def _references(d: Dossier) -> Iterator[tuple[str, list[tuple[str, int, _Ref]]]]:
    """Each kind's references, a batch of records at a time: (kind, [(field, the
    field's place in the spec, reference)]). Made again for each pass rather than held (a
    million quotes make four million). A reference inside a record's list of mappings is
    named by its path there ('links[0].position')."""
    for kind, recs in d.records.items():
        fields = list(SPEC[kind].items())
        batch: list[tuple[str, int, _Ref]] = []
        for rec in recs:
            for order, (name, f) in enumerate(fields):
                if f.items:
                    batch.extend((name, order, ref) for ref in _item_references(rec, name, f))
                if f.ref is None:
                    continue
                value = rec.values.get(name)
                if value is None:
                    continue
                if isinstance(value, list):
                    batch.extend((name, order, (rec, name, i, f.ref, t)) for i, t in enumerate(value))
                else:
                    batch.append((name, order, (rec, name, None, f.ref, value)))
            if len(batch) >= 5000:
                yield kind, batch
                batch = []
        if batch:
            yield kind, batch


def _item_references(rec: Record, name: str, f: Field) -> Iterator[_Ref]:
    for sub, g in f.items.items():
        if g.ref is None:
            continue
        for item in rec.values.get(name) or ():
            value = item.get(sub)
            if isinstance(value, list):
                for i, target in enumerate(value):
                    yield rec, f"{name}[{item.index}].{sub}", i, g.ref, target
            elif value is not None:
                yield rec, f"{name}[{item.index}].{sub}", None, g.ref, value


def _item_line(rec: Record, path: str) -> int | None:
    """The line of the item a path inside a record's list names ('links[2].position')."""
    head, bracket, rest = path.partition("[")
    if not bracket:
        return None
    index = int(rest.partition("]")[0])
    return next((item.line for item in rec.values.get(head) or () if item.index == index), None)


def _check_references(d: Dossier, existing: Existing) -> None:
    """Every reference names a record of the dossier or of the database. Problems come
    in file order by kind, then by field (a link's fields after the record's own), then
    by record, as each batch of references is looked up at once."""
    found: dict[str, list[tuple[int, int, int, Problem]]] = {}
    for kind, batch in _references(d):
        wanted: dict[str, set[str]] = {}
        for _name, _order, (_rec, _n, _i, target_kind, target) in batch:
            wanted.setdefault(target_kind, set()).add(target)
        known: dict[str, set[str]] = {}
        for target_kind, ids in wanted.items():
            local = d.stage.has(target_kind, ids)
            known[target_kind] = local | existing.ids(target_kind, ids - local)
        for name, order, (rec, path, item, target_kind, target) in batch:
            if target in known[target_kind]:
                continue
            where = rec.at(path, _item_line(rec, path))
            if item is not None:
                where = where.at(path=f"{where.path}[{item}]")
            # the references inside a list of mappings: by their field in the item
            sub = 0 if path == name else 1 + list(SPEC[kind][name].items).index(path.rpartition(".")[2])
            found.setdefault(kind, []).append(
                (
                    order,
                    sub,
                    rec.seq,
                    Problem(
                        where,
                        f"refers to {target_kind[:-1]} {target!r}, which is neither "
                        f"in the dossier nor in the database; expected the id of "
                        f"one of its {target_kind}",
                    ),
                )
            )
    for kind in d.records:
        d.problems.extend(p for *_, p in sorted(found.get(kind, []), key=lambda x: x[:3]))


def _check_parents(d: Dossier, existing: Existing) -> None:
    """Parent chains end at a side, within MAX_PARENT_DEPTH levels: each actor's depth is
    found once (memoised), so a long chain costs its length, not its square."""
    parents = existing.parents()
    for rec in d.records["actors"]:
        parents[rec.id] = rec.values.get("parent")
    depth: dict[str, int | None] = {}  # None: on a loop, or below one
    loops: dict[str, list[str]] = {}  # an actor on a loop: the loop, from it
    for start in (rec.id for rec in d.records["actors"]):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        below: int | None
        while node is not None and node not in depth and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents.get(node)
        if node is None:
            below = -1
        elif node in depth:
            below = depth[node]
        else:  # came back to a node of this walk: a loop
            at = path.index(node)
            cycle = path[at:]
            for i, member in enumerate(cycle):
                loops[member] = cycle[i:] + cycle[:i]
                depth[member] = None
            path, below = path[:at], None
        for member in reversed(path):
            below = None if below is None else below + 1
            depth[member] = below
    for rec in d.records["actors"]:
        where = rec.at("parent")
        if rec.id in loops:
            chain = " -> ".join(loops[rec.id][:12] + [rec.id])
            d.problems.append(
                Problem(
                    where,
                    f"the parent chain loops ({chain}); expected a chain that ends at a side with no parent",
                )
            )
            continue
        level, parent = depth[rec.id], parents.get(rec.id)
        if (
            level is not None
            and level > MAX_PARENT_DEPTH
            and ((depth.get(parent) if parent is not None else None) or 0) <= MAX_PARENT_DEPTH
        ):
            d.problems.append(
                Problem(
                    where,
                    f"sits {level} levels below its side; expected at most "
                    f"{MAX_PARENT_DEPTH} (an actor under the body it speaks "
                    "for, that body under its own, and so on)",
                )
            )


def _check_shape(d: Dossier, existing: Existing) -> None:
    """The shape of a negotiation holds together: an issue's options are distinct, its
    parent chain never comes back to it, a position marks only options its issue has (each
    once) and links to other positions (each once); a stored position this load does not
    give keeps every option it marks."""
    issues = {rec.id: rec for rec in d.records["issues"]}
    options: dict[str, list[str]] = {}
    for rec in issues.values():
        seen: set[str] = set()
        for item in rec.values.get("options") or ():
            if item["id"] in seen:
                d.problems.append(
                    Problem(
                        rec.at(f"options[{item.index}].id", item.line),
                        f"option {item['id']!r} is listed twice; expected each option once",
                    )
                )
            seen.add(item["id"])
        options[rec.id] = [item["id"] for item in rec.values.get("options") or ()]
    _check_issue_parents(d, existing, issues)
    positions = d.records["positions"]
    wanted = sorted({rec.values["issue"] for rec in positions if rec.values.get("marks")} - set(issues))
    options.update(existing.issue_options(wanted))
    for rec in positions:
        issue = rec.values.get("issue")
        marked: set[str] = set()
        for item in rec.values.get("marks") or ():
            at = rec.at(f"marks[{item.index}].option", item.line)
            option = item["option"]
            if option in marked:
                d.problems.append(
                    Problem(at, f"option {option!r} is marked twice; expected one mark an option")
                )
            marked.add(option)
            if issue is not None and option not in options.get(issue, []):
                listed = options.get(issue)
                expected = f"one of: {', '.join(listed)}" if listed else "options listed on the issue first"
                d.problems.append(
                    Problem(at, f"issue {issue!r} has no option {option!r}; expected {expected}")
                )
        linked: set[tuple[str, str]] = set()
        for item in rec.values.get("links") or ():
            at = rec.at(f"links[{item.index}].position", item.line)
            if item["position"] == rec.id:
                d.problems.append(Problem(at, "links the position to itself; expected another position"))
            key = (item["type"], item["position"])
            if key in linked:
                d.problems.append(
                    Problem(
                        at, f"the link {item['type']} {item['position']!r} is given twice; expected it once"
                    )
                )
            linked.add(key)
    stored_marks = existing.marks_on(sorted(issues))
    given = d.stage.has("positions", (pid for pid, *_ in stored_marks))
    gone = set(d.removed.get("positions", {}))
    for pid, origin, issue, option in stored_marks:
        if pid in given or pid in gone or option in options.get(issue, []):
            continue
        d.problems.append(
            Problem(
                issues[issue].at("options"),
                f"drops option {option!r}, which position {pid!r} ({origin or 'the database'}) still "
                "marks; expected the option kept, or that mark removed first; nothing was written",
            )
        )


def _check_issue_parents(d: Dossier, existing: Existing, issues: dict[str, Record]) -> None:
    """An issue's parent chain ends: a family never contains itself."""
    parents: dict[str, str | None] = dict(existing.issue_parents())
    for rec in issues.values():
        parents[rec.id] = rec.values.get("parent")
    for rec in issues.values():
        chain, node = [rec.id], parents.get(rec.id)
        while node is not None and node not in chain and len(chain) <= len(parents):
            chain.append(node)
            node = parents.get(node)
        if node is not None and node == rec.id:
            d.problems.append(
                Problem(
                    rec.at("parent"),
                    f"the issue's family loops ({' -> '.join([*chain[:12], rec.id])}); expected a chain "
                    "of parents that ends at an issue with none",
                )
            )


def _check_sources(d: Dossier) -> None:
    """Each source has exactly one of `text` and `text_file`; its text (the file's read
    inside the dossier's folder) goes into `Dossier.texts`."""
    for rec in d.records["sources"]:
        has_text, has_file = rec.given("text"), rec.given("text_file")
        if has_text == has_file:
            d.problems.append(
                Problem(
                    rec.where.at(path=f"{rec.where.path} ({rec.id})"),
                    "expected exactly one of `text` (the full text) or "
                    "`text_file` (a path relative to this file)",
                )
            )
            continue
        if "text" in rec.values:
            d.texts[rec.id] = rec.values["text"]
        if "text_file" not in rec.values:
            continue
        where = rec.at("text_file")
        name = rec.values["text_file"]
        folder = Path(rec.file).parent
        try:
            raw = read_inside(d.roots.get(rec.file, folder), folder, name, MAX_TEXT_FILE_BYTES)
        except Refused as exc:
            d.problems.append(Problem(where, f"cannot read {name!r}: {exc}"))
            continue
        try:
            text = decode_text(raw)
        except UnicodeDecodeError as exc:
            d.problems.append(Problem(where, f"{name!r} is not UTF-8 or UTF-16 (byte {exc.start})"))
            continue
        checker = _Checker(d)
        value = checker.text(text, SPEC["sources"]["text"], where)
        for change in checker.normalised:
            d.warnings.append(Problem(where, f"{change} in {name!r}"))
        if value is not None:
            d.texts[rec.id] = value
