"""How a table or list is being looked at: its sort, its text filter and a filter to one
value of a column (from the counts), applied to rows held in memory, counted, and said in
words (for the screen's status line and for exports). Plain Python: no textual, no SQL;
lists paged from the database are sorted and filtered by their queries instead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from .analysis import relation
from .models import Actor, ComparisonRow, Position
from .wording import stance_words

T = TypeVar("T")


class Field(NamedTuple):
    """One column of a row, as sorting, filtering and counting see it."""

    #: What the column sorts by (None sorts last either way).
    key: Any
    #: What the column reads as: one value, or several (an issue's conflicts name each
    #: actor in them) for counting and for a filter to one value.
    text: str | tuple[str, ...]


class View(NamedTuple):
    """A sort and a filter; the default is the dossier's own order, every row."""

    #: The column sorted by (None: the natural order).
    sort: str | None = None
    descending: bool = False
    #: Rows whose text holds this (case-insensitive), in any column.
    text: str = ""
    #: Rows whose `column` reads exactly `value` (from a line of the counts).
    column: str | None = None
    value: str = ""

    @property
    def filtered(self) -> bool:
        return bool(self.text) or self.column is not None

    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """'sort: stance ↓ · filter: “nato” · relation = conflict', or '' for the default."""
        labels = labels or {}
        bits = []
        if self.sort is not None:
            bits.append(f"sort: {labels.get(self.sort, self.sort)} {'↓' if self.descending else '↑'}")
        if self.text:
            bits.append(f"filter: “{self.text}”")
        if self.column is not None:
            bits.append(f"{labels.get(self.column, self.column)} = {self.value}")
        return " · ".join(bits)


Fields = Callable[[T], Mapping[str, Field]]


def _texts(field: Field) -> tuple[str, ...]:
    return field.text if isinstance(field.text, tuple) else (field.text,)


def matches(fields: Mapping[str, Field], view: View) -> bool:
    """Whether a row (its fields) passes the view's filters."""
    if view.column is not None:
        field = fields.get(view.column)
        if field is None or view.value not in _texts(field):
            return False
    if view.text:
        wanted = view.text.casefold()
        if not any(wanted in t.casefold() for f in fields.values() for t in _texts(f)):
            return False
    return True


def apply(rows: Iterable[T], fields: Fields[T], view: View) -> list[T]:
    """The rows the view keeps, in its order (stable: ties keep the natural order, and a
    missing value (None) sorts last both ways)."""
    kept = [r for r in rows if matches(fields(r), view)] if view.filtered else list(rows)
    if view.sort is None:
        return kept
    column = view.sort

    def key(row: T) -> Any:
        field = fields(row).get(column)
        return field.key if field is not None else None

    present = [r for r in kept if key(r) is not None]
    missing = [r for r in kept if key(r) is None]
    present.sort(key=key, reverse=view.descending)
    return present + missing


def counts(rows: Iterable[T], fields: Fields[T], column: str) -> list[tuple[str, int]]:
    """How many rows read each value of `column`, most first (ties by value); a row with
    several values counts once for each."""
    found: Counter[str] = Counter()
    for row in rows:
        field = fields(row).get(column)
        if field is not None:
            found.update(t for t in dict.fromkeys(_texts(field)) if t != "")
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))


def cycle(columns: Sequence[str], view: View) -> View:
    """The next sort in a list's cycle: natural order, then each column in turn, back to
    natural (the direction kept)."""
    order: list[str | None] = [None, *columns]
    at = order.index(view.sort) if view.sort in order else 0
    return view._replace(sort=order[(at + 1) % len(order)])


#: Relations from the sharpest to the emptiest, for sorting by relation.
RELATION_ORDER = ("conflict", "partial", "agreement", "one-sided", "assessment", "silent")


def row_fields(
    row: ComparisonRow, names: Mapping[str, str], nested: Iterable[tuple[str, str]] = ()
) -> dict[str, Field]:
    """A comparison or matrix row as columns: `issue`, `relation`, each actor's stance (by
    actor id, sorted -2 to +2, silent last), and two to count by: `pairs` (each pair's
    relation on the issue, 'A–B: conflict') and `conflicts` (the actors in a conflict on
    it); the relation column reads the row's relation and each pair's too, so that its
    counts are the relations per pair; `names` are the actors' display names."""
    fields = {
        "issue": Field(row.issue.title.casefold(), row.issue.title),
        "relation": Field(_relation_rank(row.relation), row.relation),
    }
    for cell in row.cells:
        fields[cell.actor] = Field(cell.stance, stance_words(cell.stance))
    skip = {frozenset(p) for p in nested}
    pairs = []
    for i, a in enumerate(row.cells):
        for b in row.cells[i + 1 :]:
            if frozenset((a.actor, b.actor)) in skip:
                continue
            rel = relation((a, b))
            if rel in ("conflict", "agreement", "partial"):
                pairs.append(f"{names.get(a.actor, a.actor)}–{names.get(b.actor, b.actor)}: {rel}")
    fields["pairs"] = Field(len(pairs), tuple(pairs))
    # counted by relation (F on that column): the issue's relation, then each pair's
    fields["relation"] = Field(fields["relation"].key, (row.relation, *pairs))
    in_conflict = dict.fromkeys(names.get(x, x) for pair in row.conflicts for x in pair)
    fields["conflicts"] = Field(len(row.conflicts), tuple(in_conflict))
    return fields


def _relation_rank(relation_name: str) -> int:
    return RELATION_ORDER.index(relation_name) if relation_name in RELATION_ORDER else len(RELATION_ORDER)


#: The columns of a short list of positions held in memory (as `queries.listing` sorts a
#: long one in the database): id -> label.
POSITION_LIST_COLUMNS = {c: c for c in ("stance", "actor", "issue", "kind", "date")}


def position_fields(p: Position) -> dict[str, Field]:
    """A position as columns (stance sorted -2 to +2, names without case, no date last)."""
    kind = p.kind.replace("_", " ")
    return {
        "stance": Field(p.stance, stance_words(p.stance)),
        "actor": Field(p.actor_name.casefold(), p.actor_name),
        "issue": Field(p.issue_title.casefold(), p.issue_title),
        "kind": Field(kind, kind),
        "date": Field(p.date or None, p.date),
        "summary": Field(None, p.summary),
    }


#: The columns of the actors list: id -> label.
ACTOR_COLUMNS = {c: c for c in ("name", "side", "kind", "quotes", "positions")}


def actor_fields(a: Actor, side_names: Mapping[str, str]) -> dict[str, Field]:
    """An actor as columns (the counts sorted most last; its role and aliases filter too)."""
    side = side_names.get(a.side, a.side)
    return {
        "name": Field(a.name.casefold(), a.name),
        "side": Field(side.casefold(), side),
        "kind": Field(a.kind, a.kind),
        "quotes": Field(a.quote_count, str(a.quote_count)),
        "positions": Field(a.position_count, str(a.position_count)),
        "role": Field(None, a.role or ""),
        "aliases": Field(None, tuple(a.aliases)),
    }
