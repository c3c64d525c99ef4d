"""One read function per need, each returning plain records from `db.models`.

The only place with SQL for reading. Plain sqlite3: no import of sqlite-utils on the browsing path.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from . import analysis
from .fts import build_query, match_spans
from .models import (
    Actor,
    Cell,
    Comparison,
    ComparisonRow,
    Issue,
    Passage,
    Position,
    Quote,
    SearchHit,
    Source,
    SourceText,
    StatedPosition,
)
from .text import name_key

_SEP = "\x1f"  # ids never contain it (see load.ID_RE)

# --- actors ------------------------------------------------------------------------------

_ACTOR_COLS = "a.id, a.name, a.kind, a.role, a.parent, a.side, a.depth, " \
              "a.quote_count, a.position_count, a.unsure_count"


def _actor(row, aliases: tuple[str, ...] = ()) -> Actor:
    return Actor(row[0], row[1], row[2], row[3], row[4], row[5], row[6], aliases,
                 row[7], row[8], row[9])


def _aliases(conn: sqlite3.Connection, actor_id: str | None = None,
             sides: bool = False) -> dict[str, tuple[str, ...]]:
    """Display aliases by actor: of one actor, of the sides (top-level actors) or of all."""
    sql = "SELECT actor, alias FROM actor_aliases WHERE ord >= 0"
    args: tuple = ()
    if actor_id is not None:
        sql += " AND actor = ?"
        args = (actor_id,)
    elif sides:
        sql += " AND actor IN (SELECT id FROM actors WHERE parent IS NULL)"
    out: dict[str, list[str]] = defaultdict(list)
    for actor, alias in conn.execute(sql + " ORDER BY actor, ord", args):
        out[actor].append(alias)
    return {k: tuple(v) for k, v in out.items()}


def list_actors(conn: sqlite3.Connection, with_aliases: bool = True) -> list[Actor]:
    """Every actor, grouped by side (sides by name) and in tree order within each side:
    a body first, then the members that speak for it. Without `with_aliases` (faster on a
    large dossier) each actor's `aliases` is empty: `get_actor` has them."""
    aliases = _aliases(conn) if with_aliases else {}
    # no ORDER BY: the tree below orders them (an index-ordered scan costs a lookup a row)
    rows = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a")
    actors = [_actor(r, aliases.get(r[0], ())) for r in rows]
    known = {a.id for a in actors}
    # one sort for every parent's members: persons first, then bodies, each by name
    actors.sort(key=lambda a: (a.kind != "person", a.name.casefold(), a.id))
    children: dict[str | None, list[Actor]] = defaultdict(list)
    for a in actors:
        children[a.parent if a.parent in known else None].append(a)
    ordered: list[Actor] = []
    stack = sorted(children[None], key=lambda a: (a.name.casefold(), a.id), reverse=True)
    while stack:
        actor = stack.pop()
        ordered.append(actor)
        stack.extend(reversed(children.get(actor.id, ())))
    return ordered


def get_actor(conn: sqlite3.Connection, actor_id: str) -> Actor | None:
    row = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a WHERE a.id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    return _actor(row, _aliases(conn, actor_id).get(actor_id, ()))


class ActorNotFound(LookupError):
    """A name that matches no actor, or more than one; `candidates` are the closest ones."""

    def __init__(self, name: str, candidates: list[Actor], ambiguous: bool = False):
        self.name = name
        self.candidates = candidates
        self.ambiguous = ambiguous
        listed = ", ".join(f"{a.name} ({a.id})" for a in candidates)
        if ambiguous:
            message = f"{name!r} could be any of: {listed}; use an id"
        elif candidates:
            message = f"no actor called {name!r}; closest: {listed}"
        else:
            message = f"no actor called {name!r}"
        super().__init__(message)


def resolve_actor(conn: sqlite3.Connection, name: str) -> Actor:
    """The actor whose id, name, alias or surname is `name` (case and accents ignored)."""
    key = name_key(name)
    found = [r[0] for r in conn.execute(
        "SELECT DISTINCT actor FROM actor_aliases WHERE alias_key = ?", (key,))]
    if not found and key:
        # a surname or last word of a name: "Putin" for "Vladimir Putin"
        found = [r[0] for r in conn.execute(
            "SELECT DISTINCT actor FROM actor_aliases WHERE ord < 0 AND alias_key LIKE ? ESCAPE '\\'",
            ("% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),))]
    if len(found) == 1:
        actor = get_actor(conn, found[0])
        assert actor is not None
        return actor
    if len(found) > 1:
        raise ActorNotFound(name, [a for a in map(lambda i: get_actor(conn, i), found) if a],
                            ambiguous=True)
    import difflib

    keys = dict(conn.execute("SELECT alias_key, actor FROM actor_aliases"))
    close = difflib.get_close_matches(key, list(keys), n=8, cutoff=0.5)
    ids = list(dict.fromkeys(keys[k] for k in close))[:5]
    raise ActorNotFound(name, [a for a in (get_actor(conn, i) for i in ids) if a])


def member_depths(conn: sqlite3.Connection, actor_id: str) -> dict[str, int]:
    """The actor (depth 0) and every actor below it in the parent chains, with how far
    below it each sits."""
    rows = conn.execute(
        "WITH RECURSIVE m(id, depth) AS (SELECT ?, 0 UNION ALL "
        "SELECT a.id, m.depth + 1 FROM actors a JOIN m ON a.parent = m.id) "
        "SELECT id, depth FROM m ORDER BY depth",
        (actor_id,),
    )
    return dict(rows.fetchall())


def list_sides(conn: sqlite3.Connection) -> list[Actor]:
    """The actors at the top of their parent chains, by name."""
    aliases = _aliases(conn, sides=True)
    rows = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a WHERE a.parent IS NULL")
    return sorted((_actor(r, aliases.get(r[0], ())) for r in rows),
                  key=lambda a: a.name.casefold())


# --- issues and positions ----------------------------------------------------------------


def list_issues(conn: sqlite3.Connection) -> list[Issue]:
    rows = conn.execute("SELECT id, title, question, position_count FROM issues ORDER BY ord")
    return [Issue(*r) for r in rows]


def get_issue(conn: sqlite3.Connection, issue_id: str) -> Issue | None:
    row = conn.execute("SELECT id, title, question, position_count FROM issues WHERE id = ?",
                       (issue_id,)).fetchone()
    return Issue(*row) if row else None


_EVIDENCE = ("(SELECT group_concat(quote, char(31)) FROM "
             " (SELECT quote FROM position_evidence WHERE position = p.id ORDER BY ord))")
_POSITION_SELECT = (
    "SELECT p.id, p.actor, a.name, p.issue, i.title, p.stance, p.kind, p.summary, "
    f"{_EVIDENCE} "
    "FROM positions p JOIN actors a ON a.id = p.actor JOIN issues i ON i.id = p.issue "
)


def _position(row) -> Position:
    evidence = tuple(row[8].split(_SEP)) if row[8] else ()
    return Position(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], evidence)


def _positions_page(conn: sqlite3.Connection, page: str, params: tuple, limit: int,
                    offset: int) -> list[Position]:
    """One page of positions: `page` picks (and sorts) the page's ids first, so the evidence
    of a position is read only when it is on the page, not for every match."""
    ids = [r[0] for r in conn.execute(f"{page} LIMIT ? OFFSET ?", (*params, limit, offset))]
    return positions_by_id(conn, ids)


def actor_positions(conn: sqlite3.Connection, actor_id: str, limit: int = -1,
                    offset: int = 0) -> list[Position]:
    """The actor's own positions, issue by issue (issues in dossier order); a page of them
    with `limit` and `offset` (-1: all)."""
    # issues first (CROSS JOIN keeps that order): a page is read off the (actor, issue)
    # index issue by issue, instead of sorting every position of a prolific speaker
    page = ("SELECT p.id FROM issues i CROSS JOIN positions p ON p.issue = i.id "
            "AND p.actor = ? ORDER BY i.ord, p.stance DESC, p.id")
    return _positions_page(conn, page, (actor_id,), limit, offset)


def issue_positions(conn: sqlite3.Connection, issue_id: str, limit: int = -1,
                    offset: int = 0) -> list[Position]:
    """Every position on an issue, from +2 to -2 (a page with `limit` and `offset`)."""
    page = ("SELECT p.id FROM positions p JOIN actors a ON a.id = p.actor WHERE p.issue = ? "
            "ORDER BY p.stance DESC, a.name, p.id")
    return _positions_page(conn, page, (issue_id,), limit, offset)


def issue_stance_counts(conn: sqlite3.Connection, issue_id: str) -> dict[int, int]:
    """How many positions on the issue hold each stance (stances nobody holds are absent)."""
    rows = conn.execute("SELECT stance, count(*) FROM positions WHERE issue = ? GROUP BY stance",
                        (issue_id,))
    return dict(rows.fetchall())


def positions_by_id(conn: sqlite3.Connection, position_ids: Sequence[str]) -> list[Position]:
    """These positions, in the order given (unknown ids skipped)."""
    return _by_ids(conn, _POSITION_SELECT + "WHERE p.id IN ({})", position_ids, _position)


def _by_ids(conn: sqlite3.Connection, select: str, ids: Sequence[str], make) -> list:
    """Rows by id, in the order given (unknown ids skipped), 500 ids to a statement."""
    found = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        for row in conn.execute(select.format(",".join("?" * len(chunk))), chunk):
            found[row[0]] = make(row)
    return [found[x] for x in ids if x in found]


def quote_positions(conn: sqlite3.Connection, quote_id: str) -> list[Position]:
    """The positions a quote is evidence for."""
    rows = conn.execute(
        _POSITION_SELECT + "JOIN position_evidence e ON e.position = p.id "
        "WHERE e.quote = ? ORDER BY i.ord", (quote_id,))
    return [_position(r) for r in rows]


def get_position(conn: sqlite3.Connection, position_id: str) -> Position | None:
    found = positions_by_id(conn, [position_id])
    return found[0] if found else None


# --- quotes and sources ------------------------------------------------------------------

_QUOTE_SELECT = (
    "SELECT q.id, q.source, q.speaker, a.name, a.role, q.kind, q.text, q.venue, q.said, q.date, "
    "q.start, q.end, s.title, s.outlet, s.published, s.url, "
    "(SELECT group_concat(issue, char(31)) FROM quote_issues WHERE quote = q.id), "
    "q.confidence, q.note "
    "FROM quotes q JOIN actors a ON a.id = q.speaker JOIN sources s ON s.id = q.source "
)


def _quote(row) -> Quote:
    issues = tuple(row[16].split(_SEP)) if row[16] else ()
    return Quote(*row[:16], issues, row[17], row[18])


def get_quote(conn: sqlite3.Connection, quote_id: str) -> Quote | None:
    row = conn.execute(_QUOTE_SELECT + "WHERE q.id = ?", (quote_id,)).fetchone()
    return _quote(row) if row else None


def quotes_by_id(conn: sqlite3.Connection, quote_ids: Sequence[str]) -> list[Quote]:
    """The quotes with these ids, in the order given (unknown ids skipped)."""
    return _by_ids(conn, _QUOTE_SELECT + "WHERE q.id IN ({})", quote_ids, _quote)


def actor_quotes(conn: sqlite3.Connection, actor_id: str, limit: int = 50,
                 offset: int = 0) -> list[Quote]:
    """One page of an actor's quotes, newest first."""
    rows = conn.execute(
        _QUOTE_SELECT + "WHERE q.speaker = ? ORDER BY q.date DESC, q.start LIMIT ? OFFSET ?",
        (actor_id, limit, offset),
    )
    return [_quote(r) for r in rows]


def unsure_quotes(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> list[Quote]:
    """Drafted quotes still marked low or medium confidence: low first, then by source order."""
    rows = conn.execute(
        _QUOTE_SELECT + "WHERE q.confidence IN ('low', 'medium') "
        "ORDER BY q.confidence, q.source, q.start LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [_quote(r) for r in rows]


def get_source(conn: sqlite3.Connection, source_id: str) -> SourceText | None:
    row = conn.execute(
        "SELECT id, title, outlet, published, url, text FROM sources WHERE id = ?", (source_id,)
    ).fetchone()
    if row is None:
        return None
    return SourceText(Source(*row[:5]), row[5])


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (lines between blank-free line breaks) holding text[start:end]."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi == -1 else hi


def passage(conn: sqlite3.Connection, quote_id: str) -> Passage | None:
    """A quote with the paragraph of its source around it and the positions it backs."""
    quote = get_quote(conn, quote_id)
    if quote is None:
        return None
    row = conn.execute("SELECT text FROM sources WHERE id = ?", (quote.source,)).fetchone()
    text = row[0]
    lo, hi = paragraph_bounds(text, quote.start, quote.end)
    return Passage(quote, text[lo:hi], quote.start - lo, quote.end - lo,
                   tuple(quote_positions(conn, quote_id)))


# --- search ------------------------------------------------------------------------------


#: Matches ranked per search: the most recently loaded this many (bm25 over every match of
#: a common word in a million quotes costs hundreds of ms; over these, a few).
RANK_WINDOW = 1000


def _best(conn: sqlite3.Connection, fts: str, match: str, limit: int) -> list[tuple[float, int]]:
    """(bm25, rowid) of the best `limit` matches among the newest RANK_WINDOW."""
    rows = conn.execute(
        f"SELECT bm25({fts}), rowid FROM {fts} WHERE {fts} MATCH ? "
        "ORDER BY rowid DESC LIMIT ?", (match, RANK_WINDOW)).fetchall()
    rows.sort()
    return rows[:limit]


def search(conn: sqlite3.Connection, text: str, limit: int = 50,
           prefix_last: bool = True) -> list[SearchHit]:
    """Quotes and position summaries matching `text`, best first (by bm25, among the
    RANK_WINDOW most recently loaded matches of each kind). Any text is a valid query:
    one with no searchable word returns nothing without touching the database.
    `prefix_last`: the last word is a prefix (as you type); see `fts.build_query`."""
    query = build_query(text, prefix_last)
    if query is None:
        return []
    hits: list[tuple[float, SearchHit]] = []
    try:
        best = _best(conn, "quotes_fts", query.match, limit)
        if best:
            score = {rowid: s for s, rowid in best}
            rows = conn.execute(
                "SELECT q.rowid, q.id, q.text, q.speaker, a.name FROM quotes q "
                "JOIN actors a ON a.id = q.speaker "
                f"WHERE q.rowid IN ({','.join('?' * len(best))})", [r for _, r in best])
            for rowid, qid, body, speaker, name in rows:
                hits.append((score[rowid], SearchHit("quote", qid, qid, body, speaker, name,
                                                     match_spans(body, query.terms))))
        best = _best(conn, "positions_fts", query.match, limit)
        if best:
            score = {rowid: s for s, rowid in best}
            rows = conn.execute(
                "SELECT p.rowid, p.id, p.summary, p.actor, a.name, "
                "(SELECT quote FROM position_evidence WHERE position = p.id ORDER BY ord "
                " LIMIT 1) FROM positions p JOIN actors a ON a.id = p.actor "
                f"WHERE p.rowid IN ({','.join('?' * len(best))})", [r for _, r in best])
            for rowid, pid, body, actor, name, quote in rows:
                hits.append((score[rowid], SearchHit("position", pid, quote, body, actor, name,
                                                     match_spans(body, query.terms))))
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("fts5"):
            return []  # a query FTS5 still refuses finds nothing rather than failing
        raise
    hits.sort(key=lambda h: (h[0], h[1].kind, h[1].id))
    return [h for _, h in hits[:limit]]


# --- comparison --------------------------------------------------------------------------


def _stated_positions(conn: sqlite3.Connection, column: str,
                      issue_ids: Sequence[str] | None = None) -> dict[str, list[StatedPosition]]:
    """A column's positions (its own and its members'), by issue: its own first, then
    nearer members', firmer stances first, by id (the first is the cell's lead)."""
    rank = member_depths(conn, column)
    members = list(rank)
    stated = []
    for i in range(0, len(members), 500):
        chunk = members[i : i + 500]
        sql = _POSITION_SELECT + f"WHERE p.actor IN ({','.join('?' * len(chunk))})"
        args = list(chunk)
        if issue_ids is not None:
            sql += f" AND p.issue IN ({','.join('?' * len(issue_ids))})"
            args += list(issue_ids)
        stated.extend(_position(r) for r in conn.execute(sql, args))
    stated.sort(key=lambda p: (rank[p.actor], -abs(p.stance), p.id))
    out: dict[str, list[StatedPosition]] = defaultdict(list)
    for p in stated:
        out[p.issue].append(StatedPosition(p, column, p.actor, p.actor_name))
    return out


def cell_positions(conn: sqlite3.Connection, column: str, issue_id: str
                   ) -> tuple[StatedPosition, ...]:
    """Every position behind one cell of a comparison (a column on an issue)."""
    return tuple(_stated_positions(conn, column, [issue_id]).get(issue_id, ()))


def compare(conn: sqlite3.Connection, actor_ids: Sequence[str], all_issues: bool = False,
            issue_ids: Sequence[str] | None = None, detail: bool = True,
            leads: bool = True, scores: bool = True) -> Comparison:
    """Compare actors issue by issue; a body's column includes what its members said.

    Rows cover the issues on which any column holds a position (every issue with
    `all_issues`), in dossier order; `issue_ids` limits them to those issues. Stances,
    relations and scores come from the rollups kept at load; `detail` also fetches every
    position behind every cell (a summary has each cell's count and, with `leads`, its
    lead position only). Without `scores`, the pairs' agreement scores are left out.
    """
    actors = []
    for actor_id in actor_ids:
        actor = get_actor(conn, actor_id)
        if actor is None:
            raise ActorNotFound(actor_id, [])
        actors.append(actor)
    # each column's summary cell on each issue it addresses, from its rollup rows
    columns: list[dict[str, Cell]] = []
    for actor in actors:
        sql = ("SELECT issue, n_m2, n_m1, n_0, n_p1, n_p2, lead FROM rollups "
               "WHERE actor = ?")
        args: list = [actor.id]
        if issue_ids is not None:
            sql += f" AND issue IN ({','.join('?' * len(issue_ids))})"
            args += list(issue_ids)
        columns.append({
            issue: Cell(actor.id, (), analysis.stance_from_counts(counts),
                        analysis.divided_from_counts(counts), sum(counts), None, lead)
            for issue, *counts, lead in conn.execute(sql, args)})
    addressed = set().union(*columns)
    if issue_ids is not None:
        wanted = set(issue_ids)
        issues = [i for i in list_issues(conn) if i.id in wanted]
    else:
        issues = [i for i in list_issues(conn) if all_issues or i.id in addressed]
    if detail:
        shown = [i.id for i in issues if i.id in addressed]
        stated = {a.id: _stated_positions(conn, a.id, shown if issue_ids is not None else None)
                  for a in actors}
        columns = [{i.id: analysis.make_cell(a.id, tuple(stated[a.id].get(i.id, ())))
                    for i in issues} for a in actors]
    silent = [Cell(a.id, (), None) for a in actors]
    rows = []
    for issue in issues:
        cells = tuple(col.get(issue.id, empty) for col, empty in zip(columns, silent, strict=True))
        rows.append(ComparisonRow(issue, analysis.relation([c.stance for c in cells]), cells))
    if leads and not detail:
        rows = with_leads(conn, rows)
    ids = [a.id for a in actors]
    return Comparison(tuple(actors), tuple(rows),
                      analysis.pair_scores(ids, rows) if scores else ())


def with_leads(conn: sqlite3.Connection, rows: Sequence[ComparisonRow]) -> list[ComparisonRow]:
    """The rows of a summary comparison with each cell's lead position read (without its
    evidence: a grid shows the summary only). A screen reads them for the rows it shows."""
    wanted = [c.lead_id for r in rows for c in r.cells if c.lead_id and c.lead is None]
    lead_of = {p.id: p for p in _by_ids(conn, _POSITION_SELECT.replace(_EVIDENCE, "NULL")
                                        + "WHERE p.id IN ({})", wanted, _position)}

    def filled(cell: Cell) -> Cell:
        lead = lead_of.get(cell.lead_id)
        if lead is None:
            return cell
        return cell._replace(lead=StatedPosition(lead, cell.actor, lead.actor, lead.actor_name))

    return [r._replace(cells=tuple(map(filled, r.cells))) for r in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many records of each kind the database holds."""
    return {
        kind: conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
        for kind in ("sources", "actors", "issues", "quotes", "positions")
    }
