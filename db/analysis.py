"""How stances are read: an actor's current stance and its history, a column's reading of an
issue, a row's relation, a pair's agreement score.

Pure functions over plain values; `derived` keeps their results at load (the rollups), the
queries compute them again for a past date, and the help screen and README state them.

The rules, each a property the tests hold:

- A position's date is its `as_of`, else its evidence's latest date. An actor's current
  stance on an issue is that of its positions on the latest date; earlier ones are its
  history (a change, never a division).
- Assessments (predictions, judgements about the talks) are shown apart: they make no
  stance, relation or score.
- A body's own current stance leads its column. Without one, its direct members' columns
  (each read by the same rule) do, when its members share a sign (the firmest leads): a
  body inside a body speaks for its own members. Members of opposite signs leave the
  column divided, with no single stance. Members who differ from the lead are counted and
  shown, never averaged in.
- A column's stance holds since the first day of its latest run (read as of each day on
  which anything in it changed); `was` is its stance on the latest day before that run.
- Only parties are related: a column inside another column of the same view is that
  column's member, not a party (it is marked as dissent where it differs).
- An option's marks are read as stances are: only each actor's current positions' marks
  count (a mark its actor has since superseded is history); a side's own mark leads its
  column on that option, else its members' when they agree (accepting or demanding against
  a red line), and members who mark it both ways leave it divided, each named. The room to
  meet: the options no side reads as a red line nor is divided on, and those every side
  demands or accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

from .models import Cell, ComparisonRow, OptionMark, OptionReading, PairScore

AGREEMENT_FORMULA = (
    "agreement = 1 - mean(|sA - sB|) / 4 over the issues both parties address, on current "
    "stances (1.0: same stance on every shared issue; 0.0: +2 against -2 on every one); "
    "not given for fewer than 2 shared issues, nor for a body and its own member"
)
COLUMN_STANCE_RULE = (
    "a column's stance on an issue is its actor's own current stance; without one, that of "
    "its direct members' columns (each read the same way: a body inside a body speaks for "
    "its members) when its members share a sign (the firmest leads), and 'divided' when "
    "members hold opposite ones. Members who differ are counted, never averaged in"
)
TIME_RULE = (
    "a position's date is its as_of, else the latest date of its evidence; the current "
    "stance is the one on the latest date, earlier ones are its history; a column's stance "
    "holds 'since' the first day it read so, and 'was' is what it read the day before"
)
ASSESSMENT_RULE = (
    "assessments (predictions, judgements about the talks) are shown apart: no relation, no score"
)
#: Fewer shared issues than this, and a pair's score would mean nothing.
MIN_SHARED = 2

ASSESSMENT = "assessment"

OPTION_RULE = (
    "an option's marks count only from each actor's current position (a superseded mark is "
    "history); a side's own mark leads its column, else its members' when they agree; members "
    "who accept and reject it leave the side divided, each named. Room to meet: the options "
    "no side rejects nor is divided on, and those every side demands or accepts; an "
    "assessment's marks are a prediction, not counted"
)
#: How firm a mark is, and its sign: accepting or demanding (+), a red line (-).
MARK_VALUES = {"demanded": 2, "acceptable": 1, "red_line": -2}


class Dated(NamedTuple):
    """A position as the readings need it."""

    id: str
    actor: str
    issue: str
    stance: int
    kind: str
    #: `as_of`, else its evidence's latest date ('' when it has neither).
    date: str


class Standing(NamedTuple):
    """One actor's current stance on one issue, and what it was before."""

    actor: str
    stance: int
    #: The position that holds it (the firmest, on the latest date).
    lead: str
    date: str
    #: The stance it held before, on the latest earlier date it held a different one.
    was: int | None
    was_date: str | None
    #: Its positions on the issue, current and earlier.
    n: int


class Reading(NamedTuple):
    """A column's reading of an issue (what a rollup row keeps)."""

    stance: int | None
    divided: bool
    differ: int
    lead: str | None
    since: str | None
    was: int | None
    was_date: str | None
    n: int
    assessments: int
    assessment: str | None


def firmest(ps: Iterable[Dated]) -> Dated:
    """The firmest of these positions (the strongest stance; then by id)."""
    return min(ps, key=lambda p: (-abs(p.stance), p.id))


def current_ids(positions: Iterable[Dated]) -> set[str]:
    """The ids of the positions that are current: on the latest date of their actor's
    stated positions on their issue (assessments: of its assessments there)."""
    ps = list(positions)
    latest: dict[tuple[str, str, bool], str] = {}
    for p in ps:
        key = (p.actor, p.issue, p.kind == ASSESSMENT)
        if p.date > latest.get(key, ""):
            latest[key] = p.date
    return {p.id for p in ps if p.date == latest.get((p.actor, p.issue, p.kind == ASSESSMENT), "")}


def standing(positions: Sequence[Dated]) -> Standing | None:
    """One actor's stated (not assessed) positions on one issue, read: the firmest on the
    latest date is current; `was` the stance of the latest earlier date that differs."""
    stated = [p for p in positions if p.kind != ASSESSMENT]
    if not stated:
        return None
    latest = max(p.date for p in stated)
    lead = firmest(p for p in stated if p.date == latest)
    was = was_date = None
    for date in sorted({p.date for p in stated if p.date < latest}, reverse=True):
        before = firmest(p for p in stated if p.date == date)
        if before.stance != lead.stance:
            was, was_date = before.stance, date
            break
    return Standing(lead.actor, lead.stance, lead.id, lead.date, was, was_date, len(stated))


def befores(positions: Iterable[Dated]) -> dict[str, tuple[int, str]]:
    """For each position, the stance its actor held on its issue on the latest earlier date
    (the firmest of that date) and that date; a position on its actor's first date has
    none. Assessments are read against earlier assessments, stances against stances."""
    days: dict[tuple[str, str, bool], dict[str, list[Dated]]] = {}
    for p in positions:
        days.setdefault((p.actor, p.issue, p.kind == ASSESSMENT), {}).setdefault(p.date, []).append(p)
    out: dict[str, tuple[int, str]] = {}
    for by_day in days.values():
        held: tuple[int, str] | None = None
        for day in sorted(by_day):
            if held is not None:
                out.update((p.id, held) for p in by_day[day])
            held = (firmest(by_day[day]).stance, day)
    return out


def _sign(stance: int) -> int:
    return (stance > 0) - (stance < 0)


class Tally(NamedTuple):
    """What a column's reading needs of its members' standings (at any depth below it),
    summed: a body's is its direct members' own standings and their tallies, added up, so a
    reading per day costs its direct members, not every member (`derived`)."""

    #: Members with a standing, and their positions.
    size: int = 0
    n: int = 0
    #: Members by the sign of their stance.
    neg: int = 0
    zero: int = 0
    pos: int = 0

    def add(self, s: Standing) -> Tally:
        sign = _sign(s.stance)
        return Tally(
            self.size + 1,
            self.n + s.n,
            self.neg + (sign < 0),
            self.zero + (sign == 0),
            self.pos + (sign > 0),
        )

    def of_sign(self, sign: int) -> int:
        return self.neg if sign < 0 else self.pos if sign > 0 else self.zero


def tally(members: Iterable[Standing]) -> Tally:
    """The tally of these members' standings."""
    out = Tally()
    for s in members:
        out = out.add(s)
    return out


def assessment_key(depth: int, p: Dated) -> tuple[int, tuple[int, ...], str]:
    """Which assessment leads a column's: its own latest, else its nearest member's."""
    return (depth, later_first(p.date), p.id)


def column_lead(own: Standing | None, members: Tally, leads: Iterable[Standing]) -> Standing | None:
    """The standing that leads a column (its stance, `column_reading`), None when it has
    none: its actor's own; else, when its members share a sign, the firmest of `leads` (its
    direct members' column readings, as standings) of that sign, else the firmest."""
    if own is not None:
        return own
    if not members.size or (members.neg and members.pos):
        return None
    # every member with a standing is in a direct member's column, and a column that is
    # not divided and holds a standing has a lead: `leads` is never empty here
    sign = 1 if members.pos else -1 if members.neg else 0
    pool = list(leads)
    same = [s for s in pool if _sign(s.stance) == sign]
    return min(same or pool, key=lambda s: (-abs(s.stance), s.lead))


def column_reading(
    own: Standing | None,
    members: Tally,
    leads: Iterable[Standing],
    assessments: int = 0,
    assessment: str | None = None,
) -> Reading | None:
    """A column's reading of an issue from its actor's own standing and its members'
    (`members`: their tally, at any depth); None when nobody in it said anything. Its lead
    is `column_lead`'s; members of opposite signs leave it divided, and those who differ
    from the lead are counted. Its `assessments` and the one that leads them
    (`assessment_key`) are counted apart."""
    count = (own.n if own else 0) + members.n
    divided = members.neg > 0 and members.pos > 0
    lead = column_lead(own, members, leads)
    if lead is None and not members.size and not assessments:
        return None
    if lead is None:
        # divided without a stance of its own, or assessments only
        return Reading(None, divided, 0, None, None, None, None, count, assessments, assessment)
    differ = members.size - members.of_sign(_sign(lead.stance))
    return Reading(
        lead.stance,
        divided,
        differ,
        lead.lead,
        lead.date,
        lead.was,
        lead.was_date,
        count,
        assessments,
        assessment,
    )


def later_first(date: str) -> tuple[int, ...]:
    """A sort key that puts later dates first (undated last)."""
    return tuple(-ord(c) for c in date) if date else (1,)


def relation(cells: Sequence[Cell], parties: Sequence[bool] | None = None) -> str:
    """The relation of one issue between the parties of a view (`parties[i]`: column i is
    not a member of another column shown; all of them by default).

    conflict: two parties hold stances of opposite sign; agreement: two or more hold
    stances of one sign, none open, none divided; partial: two or more hold positions,
    mixing open (0) with a sign, all open, or one of them divided; one-sided: only one
    holds a stance; assessment: nobody holds a stance, but some assessed the issue;
    silent: nobody shown has said anything on it.
    """
    chosen = [c for i, c in enumerate(cells) if parties is None or parties[i]]
    held = [c.stance for c in chosen if c.stance is not None]
    divided = sum(1 for c in chosen if c.stance is None and c.divided)
    if any(s > 0 for s in held) and any(s < 0 for s in held):
        return "conflict"
    if len(held) + divided <= 1:
        if not held and not divided:
            # nobody holds a stance: assessments only, or nothing at all (an issue no
            # shown party has spoken on is not "one-sided")
            return "assessment" if any(c.assessments for c in cells) else "silent"
        return "one-sided"
    if not divided and all(s != 0 for s in held):
        return "agreement"
    return "partial"


def conflicts(cells: Sequence[Cell], nested: set[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The pairs of columns holding stances of opposite sign on one issue, in column order,
    leaving out a body and its own member (one of them speaks for the other: a member
    against its body is a dissent, shown as such, not a clash between two parties)."""
    held = [c for c in cells if c.stance is not None]
    return tuple(
        (a.actor, b.actor)
        for i, a in enumerate(held)
        for b in held[i + 1 :]
        if a.stance * b.stance < 0  # type: ignore[operator]
        and (a.actor, b.actor) not in nested
        and (b.actor, a.actor) not in nested
    )


def pair_scores(
    actor_ids: Sequence[str], rows: Sequence[ComparisonRow], nested: set[tuple[str, str]] | None = None
) -> tuple[PairScore, ...]:
    """For each pair of columns, the agreement score and counts over the issues both
    address (current stances, assessments apart); `nested` holds the (body, member) pairs
    of the view, which are not two parties and get no score."""
    index = {a: i for i, a in enumerate(actor_ids)}
    nested = nested or set()
    scores = []
    for a, b in combinations(actor_ids, 2):
        if (a, b) in nested or (b, a) in nested:
            scores.append(PairScore(a, b, None, 0, 0, True))
            continue
        diffs = []
        conflicts = 0
        for row in rows:
            sa = row.cells[index[a]].stance
            sb = row.cells[index[b]].stance
            if sa is None or sb is None:
                continue
            diffs.append(abs(sa - sb))
            if sa * sb < 0:
                conflicts += 1
        agreement = round(1 - (sum(diffs) / len(diffs)) / 4, 3) if len(diffs) >= MIN_SHARED else None
        scores.append(PairScore(a, b, agreement, len(diffs), conflicts))
    return tuple(scores)


def dissents(cells: Sequence[Cell], containers: Sequence[int | None]) -> list[bool]:
    """For each column, whether it sits inside another column of the view (`containers[i]`:
    the index of the nearest one, or None) and holds a stance of another sign than it."""
    out = []
    for cell, parent in zip(cells, containers, strict=True):
        if parent is None or cell.stance is None:
            out.append(False)
            continue
        outer = cells[parent]
        out.append(outer.divided if outer.stance is None else _sign(outer.stance) != _sign(cell.stance))
    return out


def _mark_sign(m: OptionMark) -> int:
    return 1 if MARK_VALUES[m.mark] > 0 else -1


def firmest_mark(marks: Iterable[OptionMark]) -> OptionMark:
    """The firmest of these marks (a demand or a red line before an acceptance; then by
    position)."""
    return min(marks, key=lambda m: (-abs(MARK_VALUES[m.mark]), m.position))


def option_reading(
    side: str, marks: Mapping[str, Sequence[OptionMark]], parents: Mapping[str, str | None]
) -> OptionReading | None:
    """A side's reading of one option (None when nobody in it marks it), from `marks`: each
    actor's current marks on it, and `parents`: the parent of every actor in the side's
    column. The rule of `column_lead`: the side's own mark leads; else, when its members
    (at any depth) agree in sign, the firmest of its direct members' readings (a body
    inside a body speaks for its members); members of both signs leave it divided. Those
    who differ from the lead are named, never averaged in."""
    children: dict[str, list[str]] = {}
    for actor, parent in parents.items():
        if parent is not None and actor != side:
            children.setdefault(parent, []).append(actor)

    def read(actor: str, depth: int) -> tuple[OptionMark | None, OptionMark | None, list[OptionMark]]:
        """(lead, own mark, every member's own mark below it)."""
        own = firmest_mark(marks[actor]) if marks.get(actor) else None
        below: list[OptionMark] = []
        leads: list[OptionMark] = []
        for child in sorted(children.get(actor, ())) if depth < 64 else ():
            lead, child_own, under = read(child, depth + 1)
            below += ([child_own] if child_own else []) + under
            if lead is not None:
                leads.append(lead)
        signs = {_mark_sign(m) for m in below}
        if own is not None:
            return own, own, below
        if below and len(signs) == 1:
            # a member not divided within has a lead: `leads` holds one of that sign
            return firmest_mark(leads), None, below
        return None, None, below

    lead, own, below = read(side, 0)
    if own is None and not below:
        return None
    divided = len({_mark_sign(m) for m in below}) > 1
    if lead is None:
        return OptionReading(None, None, divided, tuple(below))
    differ = tuple(m for m in below if _mark_sign(m) != _mark_sign(lead))
    return OptionReading(lead.mark, lead, divided, differ)


def room_to_meet(
    options: Sequence[str], sides: Sequence[str], readings: Mapping[tuple[str, str], OptionReading]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The room to meet between these sides: (the options no side reads as a red line nor
    is divided on without a mark of its own, those every side demands or accepts, those no
    side rejects but some side is divided on)."""

    def read(side: str, option: str) -> OptionReading | None:
        return readings.get((side, option))

    def rejected(option: str) -> bool:
        return any((r := read(s, option)) is not None and r.mark == "red_line" for s in sides)

    def split(option: str) -> bool:
        return any((r := read(s, option)) is not None and r.mark is None and r.divided for s in sides)

    no_reject = tuple(o for o in options if not rejected(o) and not split(o))
    every = tuple(
        o
        for o in no_reject
        if sides
        and all((r := read(s, o)) is not None and r.mark in ("demanded", "acceptable") for s in sides)
    )
    divided = tuple(o for o in options if not rejected(o) and split(o))
    return no_reject, every, divided
