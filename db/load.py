"""Dossier files -> validated records -> one transaction.

`check` validates everything and reports every problem at once, each located; `load` writes
only a dossier with no problem, in a single transaction that an interrupt rolls back.
"""

from __future__ import annotations

import gc
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .confine import Refused, read_inside
from .connect import SCHEMA_VERSION
from .dossier import CommentedStr, LocDict, Plain, Problem, expand_paths, line_of, read_file
from .models import ACTOR_KINDS, CONFIDENCES, POSITION_KINDS, QUOTE_KINDS
from .text import name_key, normalize, surrogate_at

KINDS = ("sources", "actors", "issues", "quotes", "positions")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

MAX_SOURCE_CHARS = 10_000_000
MAX_QUOTE_CHARS = 100_000


@dataclass(frozen=True)
class Field:
    type: str  # id | str | text | date | int | enum | ref | strlist | reflist
    required: bool = False
    ref: str | None = None
    choices: tuple[str, ...] = ()
    max_len: int = 500
    low: int | None = None
    high: int | None = None


_ID = Field("id", required=True, max_len=200)
SPEC: dict[str, dict[str, Field]] = {
    "sources": {
        "id": _ID,
        "title": Field("str", required=True),
        "outlet": Field("str", required=True),
        "published": Field("date", required=True),
        "url": Field("str", max_len=2000),
        "text": Field("text", max_len=MAX_SOURCE_CHARS),
        "text_file": Field("str", max_len=1000),
    },
    "actors": {
        "id": _ID,
        "name": Field("str", required=True),
        "kind": Field("enum", required=True, choices=ACTOR_KINDS),
        "role": Field("str"),
        "parent": Field("ref", ref="actors"),
        "aliases": Field("strlist"),
    },
    "issues": {
        "id": _ID,
        "title": Field("str", required=True),
        "question": Field("str", required=True, max_len=1000),
    },
    "quotes": {
        "id": _ID,
        "source": Field("ref", required=True, ref="sources"),
        "speaker": Field("ref", required=True, ref="actors"),
        "kind": Field("enum", required=True, choices=QUOTE_KINDS),
        "text": Field("text", required=True, max_len=MAX_QUOTE_CHARS),
        "venue": Field("str"),
        "said": Field("date"),
        "issues": Field("reflist", ref="issues"),
        "occurrence": Field("int", low=1, high=1_000_000),
        "confidence": Field("enum", choices=CONFIDENCES),
        "note": Field("str", max_len=2000),
    },
    "positions": {
        "id": _ID,
        "actor": Field("ref", required=True, ref="actors"),
        "issue": Field("ref", required=True, ref="issues"),
        "stance": Field("int", required=True, low=-2, high=2),
        "kind": Field("enum", required=True, choices=POSITION_KINDS),
        "summary": Field("str", required=True, max_len=1000),
        "evidence": Field("reflist", required=True, ref="quotes"),
    },
}


@dataclass
class Record:
    kind: str
    id: str
    values: dict
    file: str
    line: int | None
    path: str  # e.g. "quotes[3]"
    raw: LocDict


@dataclass
class Dossier:
    """A validated dossier: records by kind in file order, ready to write."""

    records: dict[str, list[Record]] = field(default_factory=lambda: {k: [] for k in KINDS})
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Stored quotes of stored sources this dossier gives new text or a new date, placed
    #: again in them: (id, start, end, date) each.
    replaced: list[tuple[str, int, int, str]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: Each file's dossier folder: the only place its `text_file`s may be read from.
    roots: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items()}


class DossierError(Exception):
    """A dossier with problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# --- field validation -------------------------------------------------------------------


def _describe(value) -> str:
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


def _quote_hint(value) -> str:
    if isinstance(value, Plain):
        return f"; YAML reads unquoted {value.raw} as a {value.kind}: put it in quotes"
    return ""


class _Checker:
    def __init__(self, dossier: Dossier):
        self.d = dossier
        self.normalised: dict[str, list[tuple[str, int | None, str]]] = {}

    def problem(self, rec_file: str, line: int | None, path: str, message: str) -> None:
        self.d.problems.append(Problem(rec_file, line, path, message))

    def text(self, value: str, f: Field, file: str, line, path: str):
        if isinstance(value, CommentedStr):
            self.d.warnings.append(Problem(
                file, value.line, path,
                f"the text {str(value)[:40]!r} ends at ' #': YAML reads the rest of the line as "
                "a comment; quote the value if the '#' belongs to the text"))
        at = surrogate_at(value)
        if at is not None:
            self.problem(file, line, path,
                         f"contains an unpaired surrogate (\\u{ord(value[at]):04x}) at character "
                         f"{at}; expected valid Unicode text")
            return None
        value, changes = normalize(value)
        for change in changes:
            self.normalised.setdefault(change, []).append((file, line, path))
        if f.required and not value.strip():
            self.problem(file, line, path, "is empty; expected some text")
            return None
        if len(value) > f.max_len:
            self.problem(file, line, path,
                         f"is {len(value):,} characters long; expected at most {f.max_len:,}")
            return None
        return value

    def value(self, raw, f: Field, file: str, line, path: str):
        """The checked value, or None after recording a problem."""
        t = f.type
        if t in ("id", "str", "text", "enum", "ref"):
            if not isinstance(raw, str):
                self.problem(file, line, path,
                             f"expected text, got {_describe(raw)}{_quote_hint(raw)}")
                return None
            if t in ("id", "ref"):
                if not ID_RE.match(raw) or len(raw) > f.max_len:
                    self.problem(file, line, path,
                                 f"{raw[:60]!r} is not a valid id; expected letters, digits and "
                                 "- _ . : (starting with a letter or digit), at most 200 characters")
                    return None
                return raw
            if t == "enum":
                if raw not in f.choices:
                    self.problem(file, line, path,
                                 f"{raw[:60]!r} is not one of: {', '.join(f.choices)}")
                    return None
                return raw
            return self.text(raw, f, file, line, path)
        if t == "date":
            text = raw.raw if isinstance(raw, Plain) and raw.kind == "date" else raw
            if not isinstance(text, str):
                self.problem(file, line, path, f"expected a date YYYY-MM-DD, got {_describe(raw)}")
                return None
            try:
                if not _DATE_RE.match(text):
                    raise ValueError
                return date.fromisoformat(text).isoformat()
            except ValueError:
                self.problem(file, line, path,
                             f"{text[:40]!r} is not a real date; expected YYYY-MM-DD")
                return None
        if t == "int":
            if isinstance(raw, Plain) and raw.kind == "integer" and _INT_RE.match(raw.raw):
                number = int(raw.raw)
            elif isinstance(raw, int) and not isinstance(raw, bool):
                number = raw
            else:
                hint = ""
                if isinstance(raw, Plain) and raw.kind == "integer":
                    hint = " (YAML reads a leading 0 as octal)"
                self.problem(file, line, path,
                             f"expected a whole number from {f.low} to {f.high}, "
                             f"got {_describe(raw)}{hint}")
                return None
            if not f.low <= number <= f.high:
                self.problem(file, line, path,
                             f"{number} is out of range; expected a whole number from "
                             f"{f.low} to {f.high}")
                return None
            return number
        if t in ("strlist", "reflist"):
            if not isinstance(raw, list):
                self.problem(file, line, path,
                             f"expected a list, e.g. [a, b], got {_describe(raw)}")
                return None
            item_field = Field("ref" if t == "reflist" else "str", max_len=500)
            out = []
            for i, item in enumerate(raw):
                checked = self.value(item, item_field, file, line_of(raw, i) or line, f"{path}[{i}]")
                if checked is not None:
                    out.append(checked)
            if f.required and not raw:
                self.problem(file, line, path, "is empty; expected at least one id")
                return None
            return out
        raise AssertionError(t)  # pragma: no cover

    def record(self, kind: str, raw, file: str, line, path: str) -> Record | None:
        if not isinstance(raw, dict):
            self.problem(file, line, path, f"expected a mapping of fields, got {_describe(raw)}")
            return None
        spec = SPEC[kind]
        for key, key_line in raw.duplicates if isinstance(raw, LocDict) else ():
            self.problem(file, key_line, f"{path}.{key}",
                         "appears twice in this record; expected each field once")
        values = {}
        label = path
        rid = raw.get("id")
        if isinstance(rid, str):
            label = f"{path} ({rid[:60]})"
        for key in raw:
            if key not in spec:
                self.problem(file, line_of(raw, key), f"{label}.{str(key)[:60]}",
                             f"unknown field; expected one of: {', '.join(spec)}")
        for name, f in spec.items():
            value = raw.get(name)
            where = line_of(raw, name)
            if value is None:
                if f.required:
                    self.problem(file, line, f"{label}.{name}", "is missing; this field is required")
                continue
            checked = self.value(value, f, file, where, f"{label}.{name}")
            if checked is not None:
                values[name] = checked
        if "id" not in values:
            return None
        return Record(kind, values["id"], values, file, line, path, raw)


# --- reading and validating a whole dossier ---------------------------------------------


class Existing:
    """What the database already holds, for references a dossier makes to it."""

    def __init__(self, conn: sqlite3.Connection | None):
        self.conn = conn

    def ids(self, kind: str, wanted: Iterable[str]) -> set[str]:
        wanted = list(wanted)
        if self.conn is None or not wanted:
            return set()
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM {kind} WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def source(self, source_id: str) -> tuple[str, str] | None:
        """(text, published) of a source already stored."""
        if self.conn is None:
            return None
        row = self.conn.execute(
            "SELECT text, published FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def quotes_of(self, source_id: str) -> list[tuple[str, str, int | None, str | None, str | None]]:
        """(id, text, occurrence, said, origin) of each quote stored for a source."""
        if self.conn is None:
            return []
        return self.conn.execute(
            "SELECT id, text, occurrence, said, origin FROM quotes WHERE source = ? "
            "ORDER BY start", (source_id,)).fetchall()

    def parents(self) -> dict[str, str | None]:
        if self.conn is None:
            return {}
        return dict(self.conn.execute("SELECT id, parent FROM actors"))


def check(paths: Iterable[str | Path], conn: sqlite3.Connection | None = None) -> Dossier:
    """Read and validate dossier files; every problem is in `Dossier.problems`.

    References may point at records already in `conn`'s database.
    """
    # Millions of small records and no reference cycles: the cyclic collector would only
    # rescan them over and over (a fifth of a large check).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, conn)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(paths: Iterable[str | Path], conn: sqlite3.Connection | None) -> Dossier:
    d = Dossier()
    files, problems = expand_paths([Path(p) for p in paths])
    d.problems.extend(problems)
    d.files = list(files)
    d.roots = {str(path): root for path, root in files.items()}
    problem = _memory_problem(list(files))
    if problem is not None:
        d.problems.append(problem)
        return d
    checker = _Checker(d)
    for path in files:
        parsed = read_file(path)
        d.problems.extend(parsed.problems)
        d.warnings.extend(parsed.warnings)
        if parsed.data is None:
            if not parsed.problems:
                d.problems.append(Problem(str(path), None, "",
                                          f"the file is empty; expected top-level lists: "
                                          f"{', '.join(KINDS)}"))
            continue
        _read_records(checker, parsed.data, str(path))
    for change, places in checker.normalised.items():
        file, line, path = places[0]
        more = f" (and {len(places) - 1} more)" if len(places) > 1 else ""
        d.warnings.append(Problem(file, line, path, f"{change}{more}"))
    existing = Existing(conn)
    _check_unique(d)
    _check_references(d, existing)
    _check_parents(d, existing)
    _check_sources(d)
    _check_quotes(d, existing)
    _check_stored_quotes(d, existing)
    return d


#: Memory a check takes per byte of dossier file, at most (measured: 6x for a generated
#: JSON dossier of 100,000 quotes, 10x for one of 200,000 actors, 12x for YAML), plus what
#: the process starts with.
MEMORY_PER_BYTE = 12
MEMORY_BASE = 64 * 1024 * 1024


def memory_available() -> int | None:
    """Bytes this process can still take: the least of the system's available memory,
    its cgroup's room and its address-space limit (None where none can be read)."""
    import resource

    room: list[int] = []
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    room.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as fh:
            cap = fh.read().strip()
        if cap != "max":
            with open("/sys/fs/cgroup/memory.current", encoding="ascii") as fh:
                room.append(int(cap) - int(fh.read().strip()))
    except (OSError, ValueError):
        pass
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        try:
            with open("/proc/self/statm", encoding="ascii") as fh:
                used = int(fh.read().split()[0]) * resource.getpagesize()
        except (OSError, ValueError):
            used = 0
        room.append(soft - used)
    return min(room) if room else None


def _memory_problem(files: list[Path]) -> Problem | None:
    """A problem when checking these files would need more memory than the machine has:
    said before any of it is read, rather than a MemoryError half-way."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            pass  # reported when it is read
    needed = total * MEMORY_PER_BYTE + MEMORY_BASE
    room = memory_available()
    if room is None or needed <= room:
        return None
    where = str(files[0]) if len(files) == 1 else f"{len(files)} files"
    return Problem(where, None, "", (
        f"the dossier is {total / 1e6:,.0f} MB; checking it needs about {needed / 1e9:,.1f} GB of "
        f"memory, and {max(room, 0) / 1e9:,.1f} GB is available; split it and load the parts one "
        "after another (a part may refer to records loaded before it)"))


def _read_records(checker: _Checker, data, file: str) -> None:
    d = checker.d
    if not isinstance(data, dict):
        d.problems.append(Problem(file, line_of(data, 0), "",
                                  f"expected a mapping with top-level lists "
                                  f"({', '.join(KINDS)}), got {_describe(data)}"))
        return
    for key, line in getattr(data, "duplicates", ()):
        d.problems.append(Problem(file, line, str(key), "appears twice at the top level"))
    for key, items in data.items():
        if key not in KINDS:
            d.problems.append(Problem(file, line_of(data, key), str(key)[:60],
                                      f"unknown top-level key; expected: {', '.join(KINDS)}"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            d.problems.append(Problem(file, line_of(data, key), key,
                                      f"expected a list of {key}, got {_describe(items)}"))
            continue
        for i, raw in enumerate(items):
            rec = checker.record(key, raw, file, line_of(items, i), f"{key}[{i}]")
            if rec is not None:
                d.records[key].append(rec)


def _where(rec: Record, name: str) -> tuple[str, int | None, str]:
    return rec.file, line_of(rec.raw, name) or rec.line, f"{rec.path} ({rec.id}).{name}"


def _check_unique(d: Dossier) -> None:
    for kind, recs in d.records.items():
        first: dict[str, Record] = {}
        for rec in recs:
            if rec.id in first:
                other = first[rec.id]
                where = f"{other.file}:{other.line}" if other.line else other.file
                d.problems.append(Problem(rec.file, rec.line, f"{rec.path}.id",
                                          f"duplicate {kind[:-1]} id {rec.id!r} (first at "
                                          f"{where}); expected ids unique across the dossier"))
            else:
                first[rec.id] = rec


def _check_references(d: Dossier, existing: Existing) -> None:
    local = {k: {r.id for r in recs} for k, recs in d.records.items()}
    wanted: dict[str, set[str]] = {k: set() for k in KINDS}
    refs = []  # (rec, field name, index or None, target kind, id)
    for kind, recs in d.records.items():
        for name, f in SPEC[kind].items():
            if f.ref is None:
                continue
            for rec in recs:
                value = rec.values.get(name)
                if value is None:
                    continue
                items = value if isinstance(value, list) else [value]
                for i, target in enumerate(items):
                    refs.append((rec, name, i if isinstance(value, list) else None, f.ref, target))
                    if target not in local[f.ref]:
                        wanted[f.ref].add(target)
    stored = {k: existing.ids(k, ids) for k, ids in wanted.items()}
    for rec, name, i, target_kind, target in refs:
        if target in local[target_kind] or target in stored[target_kind]:
            continue
        file, line, path = _where(rec, name)
        if i is not None:
            path = f"{path}[{i}]"
        d.problems.append(Problem(file, line, path,
                                  f"refers to {target_kind[:-1]} {target!r}, which is neither "
                                  f"in the dossier nor in the database; expected the id of "
                                  f"one of its {target_kind}"))


#: How far below its side an actor may sit (a person, in a ministry, in a government, in
#: a coalition: 3). Bounded so that each load's walk up the chains stays linear.
MAX_PARENT_DEPTH = 16


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
        file, line, path = _where(rec, "parent")
        if rec.id in loops:
            chain = " -> ".join(loops[rec.id][:12] + [rec.id])
            d.problems.append(Problem(file, line, path,
                                      f"the parent chain loops ({chain}); expected a chain "
                                      "that ends at a side with no parent"))
            continue
        level, parent = depth[rec.id], parents.get(rec.id)
        if level is not None and level > MAX_PARENT_DEPTH and \
                (depth.get(parent) or 0) <= MAX_PARENT_DEPTH:
            d.problems.append(Problem(file, line, path,
                                      f"sits {level} levels below its side; expected at most "
                                      f"{MAX_PARENT_DEPTH} (an actor under the body it speaks "
                                      "for, that body under its own, and so on)"))


def _check_sources(d: Dossier) -> None:
    for rec in d.records["sources"]:
        has_text = "text" in rec.values or "text" in rec.raw
        has_file = "text_file" in rec.values or "text_file" in rec.raw
        if has_text == has_file:
            file, line, path = _where(rec, "text")
            d.problems.append(Problem(file, rec.line, f"{rec.path} ({rec.id})",
                                      "expected exactly one of `text` (the full text) or "
                                      "`text_file` (a path relative to this file)"))
            continue
        if "text_file" not in rec.values:
            continue
        file, line, path = _where(rec, "text_file")
        name = rec.values["text_file"]
        try:
            raw = read_inside(d.roots.get(rec.file, Path(rec.file).parent), Path(rec.file).parent,
                              name, MAX_SOURCE_CHARS * 4)
        except Refused as exc:
            d.problems.append(Problem(file, line, path, f"cannot read {name!r}: {exc}"))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            d.problems.append(Problem(file, line, path, f"{name!r} is not UTF-8 (byte {exc.start})"))
            continue
        checker = _Checker(d)
        value = checker.text(text, SPEC["sources"]["text"], file, line, path)
        for change in checker.normalised:
            d.warnings.append(Problem(file, line, path, f"{change} in {name!r}"))
        if value is not None:
            rec.values["text"] = value


def _first_difference(text: str, source: str) -> tuple[int, int]:
    """The longest prefix of `text` found in `source`: (its length, where it starts)."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text[:mid] in source:
            lo = mid
        else:
            hi = mid - 1
    return lo, source.find(text[:lo]) if lo else -1


_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def _verbatim_hint(text: str, source: str) -> str:
    if text.translate(_STRAIGHTEN) in source.translate(_STRAIGHTEN):
        return "; it matches once quote marks and dashes are ignored: copy them exactly"
    if " ".join(text.split()) in " ".join(source.split()):
        return "; it matches once spacing is ignored: copy line breaks and spaces exactly"
    n, at = _first_difference(text, source)
    if n == 0:
        return "; not even its first character occurs there"
    line = source.count("\n", 0, at) + 1
    got = text[n : n + 20]
    want = source[at + n : at + n + 20]
    return (f"; the first {n} characters match the source (line {line}), then the quote has "
            f"{got!r} where the source has {want!r}")


#: Above this many quotes in one source, their places are found in one pass over it.
ONE_PASS_QUOTES = 64


def occurrences(source: str, texts: Iterable[str]) -> dict[str, list[int]]:
    """Where each text starts in `source`, overlapping copies included.

    A few texts: `str.find` for each (fast C, one scan of the source per text). Many: one
    pass over the source, trying a match only where some text's first character occurs,
    keyed by its first characters, so a long source with thousands of quotes is not
    scanned thousands of times.
    """
    texts = [t for t in dict.fromkeys(texts) if t]
    hits: dict[str, list[int]] = {t: [] for t in texts}
    if len(texts) <= ONE_PASS_QUOTES:
        for t in texts:
            at = source.find(t)
            while at != -1:
                hits[t].append(at)
                at = source.find(t, at + 1)
        return hits
    width = min(16, min(map(len, texts)))
    by_key: dict[str, dict[int, set[str]]] = {}
    for t in texts:
        by_key.setdefault(t[:width], {}).setdefault(len(t), set()).add(t)
    first = re.compile("[" + re.escape("".join(sorted({t[0] for t in texts}))) + "]")
    for m in first.finditer(source):
        at = m.start()
        lengths = by_key.get(source[at : at + width])
        if lengths:
            for n, same in lengths.items():
                if source[at : at + n] in same:
                    hits[source[at : at + n]].append(at)
    return hits


def _check_quotes(d: Dossier, existing: Existing) -> None:
    sources = {r.id: r for r in d.records["sources"]}
    stored: dict[str, tuple[str, str] | None] = {}
    by_source: dict[str, list[Record]] = {}
    for rec in d.records["quotes"]:
        sid, text = rec.values.get("source"), rec.values.get("text")
        if sid is not None and text is not None:
            by_source.setdefault(sid, []).append(rec)
    for sid, recs in by_source.items():
        if sid in sources:
            src = sources[sid].values
            if "text" not in src or "published" not in src:
                continue
            source_text, published = src["text"], src["published"]
        else:
            if sid not in stored:
                stored[sid] = existing.source(sid)
            if stored[sid] is None:
                continue  # reported as a bad reference
            source_text, published = stored[sid]
        found = occurrences(source_text, (r.values["text"] for r in recs))
        for rec in recs:
            _place_quote(d, rec, sid, source_text, published, found[rec.values["text"]])


def _check_stored_quotes(d: Dossier, existing: Existing) -> None:
    """A stored source given new text (or a new date) keeps every stored quote grounded:
    each quote this dossier does not give again is placed in the new text, or reported."""
    given = {r.id for r in d.records["quotes"]}
    for rec in d.records["sources"]:
        text, published = rec.values.get("text"), rec.values.get("published")
        if text is None or published is None:
            continue
        stored = existing.source(rec.id)
        if stored is None or stored == (text, published):
            continue
        quotes = [q for q in existing.quotes_of(rec.id) if q[0] not in given]
        found = occurrences(text, (q[1] for q in quotes))
        file, line, path = _where(rec, "text" if "text" in rec.raw else "text_file")
        for qid, qtext, occurrence, said, origin in quotes:
            starts = found[qtext]
            want = occurrence or 1
            loaded = f" (loaded from {origin})" if origin else ""
            if len(starts) < want:
                d.problems.append(Problem(file, line, path, (
                    f"the new text of source {rec.id!r} no longer holds stored quote {qid!r}"
                    f"{loaded}" + (f" (occurrence {want})" if occurrence else "") +
                    "; expected every stored quote of the source to stay verbatim: give the "
                    "corrected quote in this dossier too, or keep the source's text")))
            elif occurrence is None and len(starts) > 1:
                d.problems.append(Problem(file, line, path, (
                    f"stored quote {qid!r}{loaded} occurs {len(starts)} times in the new text "
                    f"of source {rec.id!r}; give the quote again in this dossier with "
                    "`occurrence: N` to say which one")))
            else:
                start = starts[want - 1]
                d.replaced.append((qid, start, start + len(qtext), said or published))


def _place_quote(d: Dossier, rec: Record, sid: str, source_text: str, published: str,
                 starts: list[int]) -> None:
    """Record where a quote sits in its source, or the problem with it."""
    text = rec.values["text"]
    rec.values["date"] = rec.values.get("said") or published
    file, line, path = _where(rec, "text")
    want = rec.values.get("occurrence")
    total = len(starts)
    if not starts:
        d.problems.append(Problem(file, line, path,
                                  f"not found verbatim in source {sid!r}; expected the exact "
                                  f"words of the source{_verbatim_hint(text, source_text)}"))
        return
    if want is None:
        if total > 1:
            d.problems.append(Problem(file, line, path,
                                      f"occurs {total} times in source {sid!r}; add "
                                      f"`occurrence: N` (1 to {total}) to say which one"))
            return
        want = 1
    elif total < want:
        ofile, oline, opath = _where(rec, "occurrence")
        d.problems.append(Problem(ofile, oline, opath,
                                  f"asks for occurrence {want}, but the text occurs {total} "
                                  f"time(s) in source {sid!r}"))
        return
    rec.values["start"] = starts[want - 1]
    rec.values["end"] = starts[want - 1] + len(text)


# --- writing -----------------------------------------------------------------------------

Progress = Callable[[int], None]


def _upsert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(f":{c}" for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    return (f'INSERT INTO {table} ({cols}) VALUES ({marks}) '
            f'ON CONFLICT(id) DO UPDATE SET {updates}')


def _rows(recs: list[Record], columns: list[str]) -> Iterable[dict]:
    for rec in recs:
        row = {c: rec.values.get(c) for c in columns}
        row["origin"] = rec.file
        yield row


def write(conn: sqlite3.Connection, d: Dossier, progress: Progress | None = None) -> None:
    """Write a validated dossier in one transaction: all of it, or (on any error or
    interrupt) nothing. Records are upserted by id; their links are replaced. A database of
    an older schema is upgraded in the same transaction."""
    if d.problems:
        raise DossierError(d.problems)
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < SCHEMA_VERSION:
            from .schema import migrate

            migrate(conn, version)
        conn.execute("PRAGMA defer_foreign_keys = ON")
        _write(conn, d, progress or (lambda n: None))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


#: A load of at least this many quotes, and at least a quarter of those already stored,
#: rebuilds the full-text indexes once instead of updating them row by row (SQLite
#: flushes an FTS5 index on every statement that fires its trigger).
BULK_QUOTES = 5000

_FTS_TABLES = (("quotes", "quotes_fts"), ("positions", "positions_fts"))


def _bulk(conn: sqlite3.Connection, d: Dossier) -> bool:
    loading = len(d.records["quotes"]) + len(d.records["positions"])
    stored = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    return loading >= BULK_QUOTES and loading * 4 >= stored


def _write(conn: sqlite3.Connection, d: Dossier, progress: Progress) -> None:
    if not _bulk(conn, d):
        _write_records(conn, d, progress)
        return
    # Inside the load's transaction: an interrupt restores the triggers with everything else.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join(repr(t) for t, _ in _FTS_TABLES)})").fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    _write_records(conn, d, progress)
    for _, sql in triggers:
        conn.execute(sql)
    for _, fts in _FTS_TABLES:
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def _write_records(conn: sqlite3.Connection, d: Dossier, progress: Progress) -> None:
    r = d.records
    cols = ["id", "title", "outlet", "published", "url", "text", "origin"]
    # stored sources given new text or a new date, found here rather than trusted from
    # validation: their quotes are checked against what is written (`_check_grounded`)
    changed = [rec for rec in r["sources"] if conn.execute(
        "SELECT 1 FROM sources WHERE id = ? AND (text IS NOT ? OR published IS NOT ?)",
        (rec.id, rec.values.get("text"), rec.values.get("published"))).fetchone()]
    conn.executemany(_upsert_sql("sources", cols), _rows(r["sources"], cols))
    progress(len(r["sources"]))

    cols = ["id", "name", "kind", "role", "parent", "side", "depth", "origin"]
    actor_rows = []
    for row in _rows(r["actors"], cols):
        row["side"], row["depth"] = row["id"], 0  # recomputed below
        actor_rows.append(row)
    conn.executemany(_upsert_sql("actors", cols), actor_rows)
    ids = [(rec.id,) for rec in r["actors"]]
    conn.executemany("DELETE FROM actor_aliases WHERE actor = ?", ids)
    aliases = []
    for rec in r["actors"]:
        names = [(-2, rec.id), (-1, rec.values["name"])]
        names += list(enumerate(rec.values.get("aliases", [])))
        seen = set()
        for ord_, alias in names:
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                aliases.append((rec.id, alias, key, ord_))
            elif ord_ >= 0:  # keep a listed alias even if it folds onto the name
                aliases.append((rec.id, alias, f"{key}#{ord_}", ord_))
    conn.executemany(
        "INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, ?)", aliases
    )
    progress(len(r["actors"]))

    next_ord = conn.execute("SELECT coalesce(max(ord), -1) + 1 FROM issues").fetchone()[0]
    conn.executemany(
        "INSERT INTO issues (id, title, question, ord, origin) "
        "VALUES (:id, :title, :question, :ord, :origin) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, question = excluded.question, "
        "origin = excluded.origin",
        [dict(row, ord=next_ord + i) for i, row in
         enumerate(_rows(r["issues"], ["id", "title", "question"]))],
    )
    progress(len(r["issues"]))

    cols = ["id", "source", "speaker", "kind", "text", "venue", "said", "date", "start", "end",
            "occurrence", "confidence", "note", "origin"]
    sql = _upsert_sql("quotes", cols)
    fresh = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM quotes)").fetchone()[0]
    batch = 5000
    quotes = r["quotes"]
    for i in range(0, len(quotes), batch):
        chunk = quotes[i : i + batch]
        conn.executemany(sql, _rows(chunk, cols))
        if not fresh:
            conn.executemany("DELETE FROM quote_issues WHERE quote = ?", [(q.id,) for q in chunk])
        conn.executemany(
            "INSERT OR IGNORE INTO quote_issues (quote, issue) VALUES (?, ?)",
            [(q.id, issue) for q in chunk for issue in q.values.get("issues", [])],
        )
        progress(len(chunk))

    cols = ["id", "actor", "issue", "stance", "kind", "summary", "origin"]
    positions = r["positions"]
    for i in range(0, len(positions), batch):
        chunk = positions[i : i + batch]
        conn.executemany(_upsert_sql("positions", cols), _rows(chunk, cols))
        if not fresh:
            conn.executemany("DELETE FROM position_evidence WHERE position = ?",
                             [(p.id,) for p in chunk])
        conn.executemany(
            "INSERT OR IGNORE INTO position_evidence (position, quote, ord) VALUES (?, ?, ?)",
            [(p.id, q, n) for p in chunk for n, q in enumerate(p.values["evidence"])],
        )
        progress(len(chunk))

    conn.executemany('UPDATE quotes SET start = ?, "end" = ?, date = ? WHERE id = ?',
                     [(start, end, when, qid) for qid, start, end, when in d.replaced])
    _check_grounded(conn, changed)
    _recompute_actors(conn)
    _recompute_rollups(conn)
    conn.execute(
        "UPDATE issues SET position_count = "
        "(SELECT count(*) FROM positions WHERE positions.issue = issues.id)")


def _check_grounded(conn: sqlite3.Connection, sources: list[Record]) -> None:
    """Every quote of these sources, as written, is its source's text at its offsets: the
    verbatim rule holds for the whole database, not only for what this load brought."""
    for rec in sources:
        row = conn.execute(
            'SELECT q.id FROM quotes q JOIN sources s ON s.id = q.source WHERE q.source = ? '
            'AND substr(s.text, q.start + 1, q."end" - q.start) IS NOT q.text LIMIT 1',
            (rec.id,)).fetchone()
        if row is not None:  # a bug, never a user's: the load is rolled back
            raise DossierError([Problem(rec.file, rec.line, f"{rec.path} ({rec.id})",
                                        f"stored quote {row[0]!r} would no longer occur "
                                        f"verbatim in source {rec.id!r}; nothing was written")])


def _recompute_actors(conn: sqlite3.Connection) -> None:
    """Each actor's side (the top of its parent chain), depth and counts."""
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    current = {row[0]: row[1:] for row in conn.execute(
        "SELECT id, side, depth, quote_count, position_count, unsure_count FROM actors")}
    quotes = dict(conn.execute("SELECT speaker, count(*) FROM quotes GROUP BY speaker"))
    unsure = dict(conn.execute(
        "SELECT speaker, count(*) FROM quotes WHERE confidence IN ('low', 'medium') "
        "GROUP BY speaker"))
    positions = dict(conn.execute("SELECT actor, count(*) FROM positions GROUP BY actor"))
    updates = []
    for actor in parents:
        node, depth = actor, 0
        while parents.get(node) is not None and depth <= len(parents):
            node, depth = parents[node], depth + 1
        row = (node, depth, quotes.get(actor, 0), positions.get(actor, 0), unsure.get(actor, 0))
        if current[actor] != row:
            updates.append((*row, actor))
    conn.executemany(
        "UPDATE actors SET side = ?, depth = ?, quote_count = ?, position_count = ?, "
        "unsure_count = ? WHERE id = ?",
        updates,
    )


def _recompute_rollups(conn: sqlite3.Connection) -> None:
    """Every actor's column on every issue: counts of its and its members' stances, and
    the lead position (its own first, then the nearest member's, the firmest, by id)."""
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    counts: dict[tuple[str, str], list[int]] = {}
    lead: dict[tuple[str, str], tuple] = {}
    for pid, actor, issue, stance in conn.execute(
            "SELECT id, actor, issue, stance FROM positions"):
        node, depth = actor, 0
        while node is not None and depth <= len(parents):
            key = (node, issue)
            row = counts.get(key)
            if row is None:
                row = counts[key] = [0, 0, 0, 0, 0]
            row[stance + 2] += 1
            rank = (depth, -abs(stance), pid)
            if key not in lead or rank < lead[key]:
                lead[key] = rank
            node, depth = parents.get(node), depth + 1
    conn.execute("DELETE FROM rollups")
    conn.executemany(
        "INSERT INTO rollups (actor, issue, n_m2, n_m1, n_0, n_p1, n_p2, lead) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((a, i, *row, lead[(a, i)][2]) for (a, i), row in counts.items()),
    )


def load(conn: sqlite3.Connection, paths: Iterable[str | Path],
         progress: Progress | None = None) -> Dossier:
    """Validate and write dossier files; raises DossierError (nothing written) on problems."""
    d = check(paths, conn)
    write(conn, d, progress)
    return d
