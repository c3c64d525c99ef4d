"""A dossier as validation leaves it: its records by kind, what validation found out about
them (each source's text, each quote's place), and its problems. The writer reads these;
validation never rewrites a record's own values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .record import Item, Placed, Record
from .spec import KINDS
from .stage import Places, Stage, Staged, Texts

__all__ = ["Dossier", "Item", "Placed", "Record"]


@dataclass
class Dossier:
    """A validated dossier: records by kind in file order, ready to write.

    The records, the sources' texts and the quotes' places are kept in a scratch database
    (`stage`), not in memory: each kind's records are a `stage.Staged`, iterated a batch
    at a time."""

    stage: Stage = field(default_factory=Stage)
    records: dict[str, Staged] = field(init=False)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Each source's full text: given inline, or read from its `text_file`, normalised
    #: (`stage.Texts`).
    texts: Texts = field(init=False)
    #: Each quote's place in its source (`stage.Places`; also each quote's `placed`).
    placed: Places = field(init=False)
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
    added: dict[str, Any] = field(default_factory=dict)
    changed: dict[str, Any] = field(default_factory=dict)
    moved: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: Whether `compare` sorted the records against a database.
    compared: bool = False

    def __post_init__(self) -> None:
        self.records = {k: Staged(self.stage, k) for k in KINDS}
        self.texts = Texts(self.stage)
        self.placed = Places(self.stage)

    def close(self) -> None:
        """Let the scratch database go (it goes with the dossier otherwise)."""
        self.stage.close()

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items()}
