"""A problem with a dossier: where it is (one value: file, line, key path) and what was
expected; and the error that carries them all."""

from __future__ import annotations

from typing import NamedTuple


class Where(NamedTuple):
    """A place in a dossier: the file, its line where known (None for JSON), and the key
    path of the value (e.g. `quotes[3] (q-id).text`), empty for the file as a whole."""

    file: str
    line: int | None = None
    path: str = ""

    def at(self, line: int | None = None, path: str | None = None) -> Where:
        """The same place, at another line or key path (the line kept when None is given)."""
        return Where(self.file, line if line is not None else self.line, self.path if path is None else path)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}" if self.path else where


class Problem(NamedTuple):
    """One thing wrong with a dossier: where it is and what was expected."""

    where: Where
    message: str

    @property
    def file(self) -> str:
        return self.where.file

    @property
    def line(self) -> int | None:
        return self.where.line

    @property
    def path(self) -> str:
        return self.where.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DossierError(Exception):
    """A dossier with problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
