"""Dossiers: files of sources, actors, issues, quotes and positions, read, validated and
written into the database.

The pipeline, one module a step: `files` (which files, read only inside the dossier's
folder) -> `parse` (YAML or JSON into located values) -> `validate` (each field against
`spec`, then the dossier as a whole) -> `verbatim` (each quote placed in its source) ->
`writer` (one transaction). `check` reports every problem at once; `load` checks, then
writes only a dossier without any. Between the steps the records wait in `stage`, a
scratch SQLite file of the process, never all in memory: a JSON file is parsed a record at
a time, a YAML file a file at a time, and every pass after reads the records back a batch
at a time, so a load's memory does not grow with its number of quotes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .model import Dossier, Placed, Record
from .problems import DossierError, Problem, Where
from .spec import KINDS, MAX_PARENT_DEPTH, MAX_QUOTE_CHARS, MAX_SOURCE_CHARS, SPEC
from .validate import check
from .verbatim import occurrences
from .writer import Progress, write


def load(conn: sqlite3.Connection, paths: Iterable[str | Path], progress: Progress | None = None) -> Dossier:
    """Validate and write dossier files; raises DossierError (nothing written) on problems."""
    d = check(paths, conn)
    write(conn, d, progress)
    return d


__all__ = [
    "KINDS",
    "MAX_PARENT_DEPTH",
    "MAX_QUOTE_CHARS",
    "MAX_SOURCE_CHARS",
    "SPEC",
    "Dossier",
    "DossierError",
    "Placed",
    "Problem",
    "Progress",
    "Record",
    "Where",
    "check",
    "load",
    "occurrences",
    "write",
]
