"""A dossier as validation leaves it: its records by kind, what validation found out about
them (each source's text, each quote's place), and its problems. The writer reads these;
validation never rewrites a record's own values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .parse import line_of
from .problems import Problem, Where
from .spec import KINDS


class Record:
    """One record as the file gives it: its checked values, and where it is.

    A load holds every record of the dossier at once (a million quotes), so a record is
    kept small: slots, its place as (file, line, index) with its `Where` made when asked,
    and the parsed mapping kept only where it says something the values do not (a YAML
    mapping's lines; a source's fields given but invalid)."""

    __slots__ = ("kind", "id", "values", "file", "line", "index", "raw")

    def __init__(
        self,
        kind: str,
        id: str,
        values: dict[str, Any],
        where: Where,
        raw: dict[str, Any] | None,
        index: int = 0,
    ):
        self.kind = kind
        self.id = id
        #: The fields that passed their checks, by name (a field that failed is absent).
        self.values = values
        self.file = where.file
        self.line = where.line
        #: Its place in its file's list of its kind (quotes[3]: 3).
        self.index = index
        #: The mapping as parsed, for its lines (a LocDict from YAML), or None.
        self.raw = raw

    @property
    def where(self) -> Where:
        """The record itself, e.g. quotes[3]."""
        return Where(self.file, self.line, f"{self.kind}[{self.index}]")

    def at(self, name: str, line: int | None = None) -> Where:
        """Where one of the record's fields is: its line (or `line`), and `quotes[3] (id).name`."""
        return Where(
            self.file,
            line or line_of(self.raw, name) or self.line,
            f"{self.kind}[{self.index}] ({self.id}).{name}",
        )

    def given(self, name: str) -> bool:
        """Whether the file gives the field at all (valid or not)."""
        return name in self.values or (self.raw is not None and name in self.raw)

    def __repr__(self) -> str:
        return f"Record({self.kind!r}, {self.id!r}, {self.where})"


class Item(dict[str, Any]):
    """One mapping inside a record's list (a position's link, an issue's option): its
    checked fields, and its line in the file (None for JSON)."""

    __slots__ = ("line", "index")

    def __init__(self, values: dict[str, Any], line: int | None, index: int):
        super().__init__(values)
        self.line = line
        #: Its place in the list as the file gives it (an item left out keeps its number).
        self.index = index


class Placed(NamedTuple):
    """Where a quote sits in its source (character offsets), and its date: `said`, or the
    source's published date."""

    start: int
    end: int
    date: str


@dataclass
class Dossier:
    """A validated dossier: records by kind in file order, ready to write."""

    records: dict[str, list[Record]] = field(default_factory=lambda: {k: [] for k in KINDS})
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Each source's full text: given inline, or read from its `text_file`, normalised.
    texts: dict[str, str] = field(default_factory=dict)
    #: Each quote's place in its source.
    placed: dict[str, Placed] = field(default_factory=dict)
    #: Stored quotes (not in the dossier) of stored sources the dossier gives new text or
    #: a new date, placed again in them.
    replaced: dict[str, Placed] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    #: Files in the dossier's folders that are not its files, each with why.
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    #: Each file's dossier folder: the only place its `text_file`s may be read from.
    roots: dict[str, Path] = field(default_factory=dict)
    #: Stored records this load removes (the dossier no longer holds them), by kind: each
    #: with the file it came from (`sync.plan`).
    removed: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The files the load speaks for (`sync.Scope`); None when checked without a database.
    scope: Any = None
    #: The load's records new to the database, and those that differ from the stored
    #: ones, by kind (`sync.compare`); the rest are the same and are not written again,
    #: but `moved` ((file, id) by kind) records now in another file of the scope.
    added: dict[str, set[str]] = field(default_factory=dict)
    changed: dict[str, set[str]] = field(default_factory=dict)
    moved: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: Whether `compare` sorted the records against a database.
    compared: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items()}
