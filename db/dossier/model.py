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


@dataclass
class Record:
    """One record as the file gives it: its checked values, and where it is."""

    kind: str
    id: str
    #: The fields that passed their checks, by name (a field that failed is absent).
    values: dict[str, Any]
    where: Where  # the record itself, e.g. quotes[3]
    #: A LocDict from YAML (it knows its lines), a plain dict from JSON.
    raw: dict[str, Any]

    def at(self, name: str) -> Where:
        """Where one of the record's fields is: its line, and `quotes[3] (id).name`."""
        return self.where.at(line_of(self.raw, name), f"{self.where.path} ({self.id}).{name}")

    @property
    def file(self) -> str:
        return self.where.file


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
