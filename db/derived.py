"""What a load computes from the records: each position's date, and each column's reading
of each issue (the rollups), by the rules in `analysis`."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import NamedTuple

from .analysis import (
    ASSESSMENT,
    Dated,
    Reading,
    Standing,
    Tally,
    assessment_key,
    column_lead,
    column_reading,
    firmest,
)

#: A position's date: its `as_of`, else the latest date of its evidence ('' when neither).
DATE_SQL = (
    "coalesce(as_of, (SELECT max(q.date) FROM position_evidence e JOIN quotes q ON q.id = e.quote "
    "WHERE e.position = positions.id), '')"
)


def recompute(conn: sqlite3.Connection) -> None:
    """Dates, then rollups, for the whole database (inside the caller's transaction)."""
    conn.execute(f"UPDATE positions SET date = {DATE_SQL} WHERE date IS NOT {DATE_SQL}")
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    conn.execute("DELETE FROM rollups")
    # an issue at a time (the rows come in issue order): what is held is one issue's
    # positions and readings, never the whole database's
    rows = conn.execute("SELECT id, actor, issue, stance, kind, date FROM positions ORDER BY issue")
    batch: list[tuple[object, ...]] = []
    for _issue, group in groupby(map(Dated._make, rows), key=lambda p: p.issue):
        batch += [(a, i, *r) for (a, i), r in readings(group, parents).items()]
        if len(batch) >= 5000:
            _insert_rollups(conn, batch)
            batch = []
    _insert_rollups(conn, batch)


def _insert_rollups(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO rollups (actor, issue, stance, divided, differ, lead, since, was, was_date, n, "
        "assessments, assessment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def chain(parents: Mapping[str, str | None], actor: str) -> Iterator[tuple[str, int]]:
    """The actor and each body above it, with its depth below that body."""
    node: str | None = actor
    depth = 0
    while node is not None and depth <= len(parents):
        yield node, depth
        node, depth = parents.get(node), depth + 1


def readings(
    positions: Iterable[Dated], parents: Mapping[str, str | None], only: str | None = None
) -> dict[tuple[str, str], Reading]:
    """Every column's reading of every issue it addresses (only `only`'s column, if given:
    its members are read as of the days it needs, but their own readings are not made).
    `parents` gives each actor's parent. A column is read from its actor's own positions
    and its direct members' columns, each read the same way (`analysis`), as of each day on
    which anything in it changed, for `since` and `was`."""
    by_issue: dict[str, dict[str, list[Dated]]] = defaultdict(lambda: defaultdict(list))
    for p in positions:
        by_issue[p.issue][p.actor].append(p)
    out: dict[tuple[str, str], Reading] = {}
    for issue, by_actor in by_issue.items():
        out.update(((column, issue), r) for column, r in _Issue(by_actor, parents, only).readings())
    return out


#: No members with a standing (`analysis.Tally`: what a reading needs of them, summed).
_NO_MEMBERS = Tally()


class _At(NamedTuple):
    """A column as of one of its days: its stance (None when it has none), and what it
    gives the column above it: the tally of its members and its own standing, its
    assessments (how many, and the key of the one that leads them, one level down), and
    its lead as a standing of its own (`analysis.column_lead`)."""

    stance: int | None
    up: Tally
    assessments: int
    up_assessment: tuple[int, tuple[int, ...], str] | None
    lead: Standing | None


class _Own(NamedTuple):
    """One actor's own positions on the issue as of each day it took one: its standing,
    how many assessments, and the key of its latest (`analysis.assessment_key`)."""

    days: list[str]
    standings: list[Standing | None]
    assessments: list[int]
    assessment: list[tuple[int, tuple[int, ...], str] | None]


def _own(ps: list[Dated]) -> _Own:
    """As `analysis.standing` reads the positions up to each day, made day by day."""
    by_day: dict[str, list[Dated]] = defaultdict(list)
    for p in ps:
        by_day[p.date].append(p)
    out = _Own([], [], [], [])
    firm: list[Dated] = []  # the firmest stated position of each earlier day, in order
    current: Standing | None = None
    n_stated = n_assessed = 0
    best: tuple[int, tuple[int, ...], str] | None = None
    for day in sorted(by_day):
        stated = []
        for p in by_day[day]:
            if p.kind == ASSESSMENT:
                n_assessed += 1
                key = assessment_key(0, p)
                if best is None or key < best:
                    best = key
            else:
                stated.append(p)
        if stated:
            n_stated += len(stated)
            lead = firmest(stated)
            before = next((f for f in reversed(firm) if f.stance != lead.stance), None)
            was, was_date = (before.stance, before.date) if before is not None else (None, None)
            firm.append(lead)
            current = Standing(lead.actor, lead.stance, lead.id, day, was, was_date, n_stated)
        out.days.append(day)
        out.standings.append(current)
        out.assessments.append(n_assessed)
        out.assessment.append(best)
    return out


class _Issue:
    """One issue's columns: the tree of actors above those who took a position on it, each
    column read on every day anything in it changed (its timeline), in date order, from
    the day before's reading and what changed that day: its actor's own standing, and the
    direct members whose columns changed (their members summed up, never listed)."""

    def __init__(
        self, by_actor: dict[str, list[Dated]], parents: Mapping[str, str | None], only: str | None
    ) -> None:
        kids: dict[str, set[str]] = defaultdict(set)
        days: dict[str, set[str]] = defaultdict(set)
        self.own: dict[str, _Own] = {}
        self.only = only
        for actor, ps in by_actor.items():
            path = [node for node, _ in chain(parents, actor)]
            if only is not None:
                if only not in path:
                    continue
                path = path[: path.index(only) + 1]
            self.own[actor] = own = _own(ps)
            for node in path:
                days[node].update(own.days)
            for child, parent in zip(path, path[1:], strict=False):
                kids[parent].add(child)
        self.kids = {parent: sorted(children) for parent, children in kids.items()}
        self.days = {column: sorted(ds) for column, ds in days.items()}
        self.timelines: dict[str, list[_At]] = {}
        self.now: dict[str, Reading | None] = {}

    def readings(self) -> Iterator[tuple[str, Reading]]:
        for column, days in self.days.items():
            if self.only is not None and column != self.only:
                continue
            if column not in self.timelines:
                self.timeline(column)
            now = self.now[column]
            if now is None:
                continue
            yield column, self._history(now, days, self.timelines[column])

    @staticmethod
    def _history(now: Reading, days: list[str], timeline: list[_At]) -> Reading:
        """`now` with its since (the first day of its latest run) and was (the stance the
        day before it), read as of each earlier day."""
        if now.stance is None:
            return now
        since: str | None = days[-1]
        was = was_date = None
        for i in range(len(days) - 2, -1, -1):
            then = timeline[i].stance
            if then == now.stance:
                since = days[i]
                continue
            if then is not None:
                was, was_date = then, days[i]
            break
        return now._replace(since=since, was=was, was_date=was_date)

    def timeline(self, column: str) -> None:
        """The column as of each of its days (`self.days[column]`), in order, kept in
        `self.timelines`; and its reading on the last (today's, or as of the day read), in
        `self.now`."""
        changed: dict[str, list[tuple[str, _At]]] = defaultdict(list)
        for kid in self.kids.get(column, ()):
            if kid not in self.timelines:
                self.timeline(kid)
            for day, kid_at in zip(self.days[kid], self.timelines[kid], strict=True):
                changed[day].append((kid, kid_at))
        mine = self.own.get(column)
        own_days = mine.days if mine is not None else []
        j = 0
        own: Standing | None = None
        own_assessed = 0
        own_best: tuple[int, tuple[int, ...], str] | None = None
        # the direct members' columns as of the day, summed
        held: dict[str, _At] = {}
        count = n_pos = neg = zero = pos = kid_assessed = 0
        kid_best: tuple[int, tuple[int, ...], str] | None = None
        leads: dict[str, Standing] = {}
        members = _NO_MEMBERS
        best: tuple[int, tuple[int, ...], str] | None = None
        out: list[_At] = []
        for day in self.days[column]:
            if j < len(own_days) and own_days[j] == day:
                assert mine is not None
                own, own_assessed, own_best = mine.standings[j], mine.assessments[j], mine.assessment[j]
                j += 1
            for kid, kid_at in changed.get(day, ()):
                before = held.get(kid)
                if before is not None:
                    c, kn, kneg, kzero, kpos = before.up
                    count, n_pos, neg, zero, pos = count - c, n_pos - kn, neg - kneg, zero - kzero, pos - kpos
                    kid_assessed -= before.assessments
                held[kid] = kid_at
                c, kn, kneg, kzero, kpos = kid_at.up
                count, n_pos, neg, zero, pos = count + c, n_pos + kn, neg + kneg, zero + kzero, pos + kpos
                kid_assessed += kid_at.assessments
                # a column's assessments only grow with the days: the one that leads them
                # only ever gives way to a better one
                up = kid_at.up_assessment
                if up is not None and (kid_best is None or up < kid_best):
                    kid_best = up
                if kid_at.lead is not None:
                    leads[kid] = kid_at.lead
                else:
                    leads.pop(kid, None)
            best = (
                own_best if kid_best is None or (own_best is not None and own_best < kid_best) else kid_best
            )
            members = Tally(count, n_pos, neg, zero, pos) if count else _NO_MEMBERS
            lead = column_lead(own, members, leads.values())
            n = members.n + (own.n if own is not None else 0)
            out.append(
                _At(
                    lead.stance if lead is not None else None,
                    members.add(own) if own is not None else members,
                    own_assessed + kid_assessed,
                    (best[0] + 1, best[1], best[2]) if best is not None else None,
                    Standing(column, lead.stance, lead.lead, lead.date, None, None, n) if lead else None,
                )
            )
        self.timelines[column] = out
        self.now[column] = column_reading(
            own, members, leads.values(), own_assessed + kid_assessed, best[2] if best is not None else None
        )
