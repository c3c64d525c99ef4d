"""One record as validation leaves it (`Record`), an item of its lists (`Item`), and a
quote's place in its source (`Placed`)."""

from __future__ import annotations

from typing import Any, NamedTuple

from .parse import line_of
from .problems import Where


class Record:
    """One record as the file gives it: its checked values, and where it is.

    A check keeps its records in a scratch database (`stage`) and reads them back a batch
    at a time, so a record is kept small: slots, its place as (file, line, index) with its
    `Where` made when asked, and of the parsed mapping only its keys and their lines, where
    they say something the values do not (a YAML mapping's lines; a source's fields given
    but invalid)."""

    __slots__ = ("kind", "id", "values", "file", "line", "index", "raw", "seq", "state", "placed", "first")

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
        #: The mapping as parsed, for its keys and lines (a LocDict from YAML), or None.
        self.raw = raw
        #: Its place in the scratch database (`stage`), once it is there.
        self.seq: int = 0
        #: Added, changed or the same as stored (`stage.ADDED`…), once compared.
        self.state: int = 0
        #: A quote's place in its source, once found.
        self.placed: Placed | None = None
        #: The first record of the same id, for a duplicate (`Stage.duplicates`).
        self.first: Record | None = None

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
