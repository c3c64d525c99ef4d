"""Plain, immutable records that `db/` hands to the screens and the command line.

Named tuples rather than frozen dataclasses: as immutable, a third of the import time
(the first screen imports them all).
"""

from __future__ import annotations

from typing import NamedTuple

ACTOR_KINDS = ("person", "government", "state", "coalition", "organization")
QUOTE_KINDS = ("direct", "reported")
POSITION_KINDS = ("demand", "offer", "condition", "red_line", "assessment")
CONFIDENCES = ("high", "medium", "low")
#: How one position stands to another: agreed only once the other is (⇐), offered in
#: exchange for it (⇄), or put forward with it as one package (+).
LINK_TYPES = ("conditional_on", "in_exchange_for", "packaged_with")
LINK_WORDS = {
    "conditional_on": ("only if", "is the condition of"),
    "in_exchange_for": ("in exchange for", "is asked in exchange for"),
    "packaged_with": ("packaged with", "packaged with"),
}
LINK_GLYPHS = {"conditional_on": ("⇐", "⇒"), "in_exchange_for": ("⇄", "⇄"), "packaged_with": ("+", "+")}
#: How a position marks one of its issue's options.
OPTION_MARKS = ("demanded", "acceptable", "red_line")

#: The five-point stance scale: each stance answers its issue's question.
STANCE_WORDS = {
    2: "insists",
    1: "supports",
    0: "open",
    -1: "opposes",
    -2: "rejects",
}
STANCE_MEANINGS = {
    2: "demands / insists",
    1: "supports / accepts",
    0: "open / undecided / conditional",
    -1: "opposes",
    -2: "rejects / red line",
}

#: Relations between the columns of a comparison, on one issue.
RELATIONS = ("conflict", "partial", "agreement", "one-sided", "assessment", "silent")
RELATION_MEANINGS = {
    "conflict": "two parties hold current stances of opposite sign",
    "agreement": "two or more parties hold current stances of the same sign, none opposite, open or divided",
    "partial": "two or more hold positions, mixing 'open' (0) with a sign, all open, or a party divided",
    "one-sided": "only one party holds a stance",
    "assessment": "only assessments (predictions, judgements): nothing to relate",
    "silent": "no party shown holds a stance or an assessment on it",
}


def stance_word(stance: int | None) -> str:
    """The word for a stance, or 'silent' where there is none."""
    return "silent" if stance is None else STANCE_WORDS[stance]


class Source(NamedTuple):
    id: str
    title: str
    outlet: str
    published: str
    url: str | None = None


class Actor(NamedTuple):
    id: str
    name: str
    kind: str
    role: str | None
    parent: str | None
    #: The top of the parent chain: the side this actor speaks for.
    side: str
    #: How far below its side the actor sits (0 for a side itself).
    depth: int
    aliases: tuple[str, ...] = ()
    quote_count: int = 0
    position_count: int = 0
    #: Quotes drafted with medium or low confidence, still to review.
    unsure_count: int = 0


class Issue(NamedTuple):
    id: str
    title: str
    question: str
    position_count: int = 0


class Quote(NamedTuple):
    id: str
    source: str
    speaker: str
    speaker_name: str
    speaker_role: str | None
    kind: str
    text: str
    venue: str | None
    said: str | None
    #: `said`, or the source's publication date where the quote has none.
    date: str
    start: int
    end: int
    source_title: str
    outlet: str
    published: str
    url: str | None
    issues: tuple[str, ...] = ()
    confidence: str | None = None
    note: str | None = None


class Position(NamedTuple):
    id: str
    actor: str
    actor_name: str
    issue: str
    issue_title: str
    stance: int
    kind: str
    summary: str
    evidence: tuple[str, ...] = ()
    #: `as_of` as the dossier gives it, else the latest date of its evidence ('' if none).
    date: str = ""
    #: The date the dossier gave, if it gave one.
    as_of: str | None = None


class Passage(NamedTuple):
    """A quote in its source: the paragraph around it, and where it sits in it."""

    quote: Quote
    paragraph: str
    #: Offsets of the quote inside `paragraph`.
    start: int
    end: int
    positions: tuple[Position, ...] = ()


class SourceText(NamedTuple):
    source: Source
    text: str


class StatedPosition(NamedTuple):
    """A position in a comparison column, with the member who stated it."""

    position: Position
    #: The column's actor.
    column: str
    #: The actor (the column itself or one of its members) who holds it.
    stated_by: str
    stated_by_name: str
    #: On the latest date its actor took a stance on the issue (else it is history).
    current: bool = True


class Cell(NamedTuple):
    actor: str
    #: Every position behind the cell, when the comparison was asked for in detail;
    #: empty in a summary (fetch them with `queries.cell_positions`).
    positions: tuple[StatedPosition, ...]
    #: The column's current stance on the issue (see `analysis.column_reading`), None when
    #: silent, divided without a stance of its own, or only assessed.
    stance: int | None
    #: True when members of the column hold current stances of opposite sign.
    divided: bool = False
    #: How many positions are behind the cell (current and earlier, assessments apart).
    # A field of the tuple, as it always was: it hides tuple.count (never called on a Cell).
    count: int = 0  # type: ignore[assignment]
    #: The position shown for the cell: the column's own, else its nearest member's
    #: (in a summary, without its evidence: `queries.cell_positions` has it).
    lead: StatedPosition | None = None
    #: The lead position's id (in a summary without leads, `queries.with_leads` reads them).
    lead_id: str | None = None
    #: Members whose current stance has another sign than the lead's.
    differ: int = 0
    #: The date of the lead position (the stance holds since then).
    since: str | None = None
    #: What the lead's actor held before it changed, and when (None: no change).
    was: int | None = None
    was_date: str | None = None
    #: Assessments behind the cell (shown apart), and the lead one's id.
    assessments: int = 0
    assessment_id: str | None = None
    #: The column sits inside another column of the view and differs from it.
    dissent: bool = False


class ComparisonRow(NamedTuple):
    issue: Issue
    relation: str
    cells: tuple[Cell, ...]
    #: (column, column) pairs holding stances of opposite sign, neither inside the other.
    conflicts: tuple[tuple[str, str], ...] = ()


class PairScore(NamedTuple):
    a: str
    b: str
    #: 1 - mean(|sA - sB|) / 4 over the issues both address; None when they share fewer
    #: than `analysis.MIN_SHARED`, or are a body and its member.
    agreement: float | None
    shared: int
    conflicts: int
    #: One is the other's member: not two parties.
    nested: bool = False


class Comparison(NamedTuple):
    actors: tuple[Actor, ...]
    rows: tuple[ComparisonRow, ...]
    pairs: tuple[PairScore, ...] = ()
    #: The day the comparison stands at (None: today, every position current).
    as_of: str | None = None


class SearchHit(NamedTuple):
    """A quote or a position summary that matched a search."""

    kind: str  # "quote" | "position"
    id: str
    #: The quote to open: the quote itself, or the position's first evidence.
    quote_id: str | None
    text: str
    speaker: str
    speaker_name: str
    #: (start, end) offsets of the matched words inside `text`.
    spans: tuple[tuple[int, int], ...] = ()
    #: A reported quote: the outlet whose words `text` is (about the speaker, not the
    #: speaker's own); None for a direct quote or a position.
    reported_by: str | None = None


class Step(NamedTuple):
    """A position in an actor's timeline: what its actor held on the issue before it."""

    stated: StatedPosition
    #: The stance its actor held on the issue on the latest earlier date (None: its first;
    #: assessments are compared with earlier assessments only).
    before: int | None = None
    before_date: str | None = None

    @property
    def change(self) -> str:
        """'first', 'changed' or 'same'."""
        if self.before is None:
            return "first"
        return "same" if self.before == self.stated.position.stance else "changed"


class ChartRow(NamedTuple):
    """One column through time on one issue: its reading as of each date of the chart."""

    actor: Actor
    cells: tuple[Cell, ...]


class IssueChart(NamedTuple):
    """Every column's reading of one issue on each date on which any of them changed."""

    issue: Issue
    dates: tuple[str, ...]
    rows: tuple[ChartRow, ...]
    #: Earlier dates left off the chart (it keeps the latest ones).
    earlier: int = 0


#: What a change is: a relation between two sides that flipped, an actor's stance that
#: moved, a new position, an edited one, a removed one.
CHANGE_KINDS = ("flip", "shift", "new", "changed", "removed")


class Change(NamedTuple):
    """One thing that changed, since a date or in a load."""

    what: str
    issue: str
    issue_title: str
    #: The dossier date of what changed (a position's date; a reading's since).
    date: str = ""
    #: The actor (a flip: the first of the two sides).
    actor: str = ""
    actor_name: str = ""
    #: The position behind it (new, changed: itself; shift: the new lead).
    position: str | None = None
    summary: str = ""
    stance: int | None = None
    was: int | None = None
    #: A flip: the other side, and the relation now and before.
    other: str = ""
    other_name: str = ""
    relation: str = ""
    was_relation: str = ""


class LoadRecord(NamedTuple):
    """One `load`: when (UTC), of which files, and what it changed."""

    id: int
    at: str
    files: tuple[str, ...]
    changes: tuple[Change, ...] = ()
    #: Whether the database held positions before it (else nothing is compared).
    first: bool = False


class Backing(NamedTuple):
    """What stands behind one position's evidence."""

    position: str
    #: The distinct outlets, a republished passage counted once (for its first printing:
    #: the earliest source, then the lowest id), in that order.
    outlets: tuple[str, ...]
    #: The distinct sources, counted the same way.
    sources: int
    #: Its evidence quotes, and the distinct passages among them.
    quotes: int
    passages: int
    #: Who passed second-hand quotes on (each once), empty when all is first-hand.
    via: tuple[str, ...] = ()

    @property
    def single_source(self) -> bool:
        """Backed by one outlet only (however many quotes)."""
        return len(self.outlets) <= 1

    @property
    def second_hand(self) -> bool:
        return bool(self.via)

    @property
    def republished(self) -> int:
        """Quotes that repeat a passage already counted."""
        return self.quotes - self.passages


class Link(NamedTuple):
    """A typed link between two positions, seen from one of them: `position` is the one
    looked at; `direction` 'out' when it names `other` (it is conditional on it…), 'in'
    when `other` names it."""

    position: str
    type: str
    direction: str
    other: Position
    #: The quotes that say the link, in order.
    evidence: tuple[str, ...] = ()
    #: The link lies on a cycle of links (each condition waiting on another).
    cycle: bool = False


class OptionMark(NamedTuple):
    """One position's mark on one option of its issue, with its evidence."""

    position: str
    actor: str
    actor_name: str
    option: str
    mark: str
    evidence: tuple[str, ...] = ()
    #: Its position's date ('' undated), and whether that position is its actor's current
    #: one on the issue (as of the day read): a superseded mark is history, never counted.
    date: str = ""
    current: bool = True


class OptionReading(NamedTuple):
    """A side's reading of one option, by the rule a column's stance is read
    (`analysis.option_reading`): its actor's own current mark leads; else its members'
    when they agree; members who mark it both ways leave it divided, with no mark."""

    #: The leading mark ('demanded', 'acceptable', 'red_line'); None when divided.
    mark: str | None
    lead: OptionMark | None
    #: Members hold marks of both kinds (accepting and rejecting), current ones.
    divided: bool = False
    #: The members' current marks of the other kind than the lead's (who differs); when
    #: divided without a lead, every member's.
    differ: tuple[OptionMark, ...] = ()


class IssueOption(NamedTuple):
    issue: str
    id: str
    label: str


class OptionGrid(NamedTuple):
    """An issue's options by the sides of a comparison: each side's current marks (its
    column's, members included: each actor's current position's only, as of the day read),
    each side's reading of each option, and the room to meet."""

    issue: Issue
    options: tuple[IssueOption, ...]
    #: (side id, option id) -> the current marks behind that cell (each actor's current
    #: positions' only, as of the day read; assessments' never).
    marks: dict[tuple[str, str], tuple[OptionMark, ...]]
    #: Options no side reads as a red line (and no side is divided on); options every
    #: side demands or accepts.
    no_side_rejects: tuple[str, ...] = ()
    every_side_accepts: tuple[str, ...] = ()
    #: (side id, option id) -> that side's reading of the option (marked cells only).
    readings: dict[tuple[str, str], OptionReading] = {}  # a shared default: never mutated
    #: Options no side rejects but some side is divided on (members mark it both ways).
    divided: tuple[str, ...] = ()
    #: (side id, option id) -> the earlier marks its members have since superseded.
    earlier: dict[tuple[str, str], tuple[OptionMark, ...]] = {}  # the same
    #: The day it is read as of (None: today).
    as_of: str | None = None

    def room_of(self, option: str) -> str:
        """Where an option stands in the room to meet: 'every_side_accepts',
        'no_side_rejects', 'divided' (a side's members mark it both ways) or 'rejected'."""
        if option in self.every_side_accepts:
            return "every_side_accepts"
        if option in self.no_side_rejects:
            return "no_side_rejects"
        return "divided" if option in self.divided else "rejected"
