"""The hot queries use indexes: no full scan of quotes, positions or their links, and paged
lists read straight off an index (checked with EXPLAIN QUERY PLAN on every statement)."""

from __future__ import annotations

import re

import pytest

from ceasefire_tui.db import queries

#: Tables (and the aliases the queries give them) that grow with the dossier.
BIG = {"quotes", "q", "positions", "p", "position_evidence", "e", "quote_issues"}

#: Paged lists: each page must come straight off an index, whatever the actor's size.
PAGED = {
    "actor_quotes",
    "unsure_quotes",
    "actor_positions page",
    "issue_positions page",
    "actor_quotes after",
    "actor_positions after",
    "issue_positions after",
}

HOT = [
    ("list_actors", lambda c: queries.list_actors(c)),
    ("actor_positions", lambda c: queries.actor_positions(c, "putin")),
    ("actor_quotes", lambda c: queries.actor_quotes(c, "grushko", limit=20, offset=20)),
    ("actor_positions page", lambda c: queries.actor_positions(c, "putin", limit=5, offset=1)),
    ("list_issues", lambda c: queries.list_issues(c)),
    ("issue_positions", lambda c: queries.issue_positions(c, queries.list_issues(c)[0].id)),
    (
        "issue_positions page",
        lambda c: queries.issue_positions(c, queries.list_issues(c)[0].id, limit=5, offset=1),
    ),
    ("passage", lambda c: queries.passage(c, queries.actor_quotes(c, "waltz")[0].id)),
    ("search", lambda c: queries.search(c, "ceasefire guarant")),
    ("comparison", lambda c: queries.comparison(c, ["russia", "ukraine", "europe", "united-states"])),
    (
        "comparison summary",
        lambda c: queries.with_leads(c, queries.comparison_summary(c, ["russia", "ukraine"]).rows),
    ),
    ("issue view", lambda c: queries.issue_stances(c, ["russia", "ukraine"], ["nato-membership"])),
    ("change_dates", lambda c: queries.change_dates(c, ["russia", "ukraine"])),
    (
        "comparison summary as of",
        lambda c: queries.comparison_summary(c, ["russia", "ukraine"], as_of="2025-03-13"),
    ),
    ("comparison as of", lambda c: queries.comparison(c, ["russia", "ukraine"], as_of="2025-03-13")),
    ("unsure_quotes", lambda c: queries.unsure_quotes(c)),
    # keyset pages: the page after a row, by key (no OFFSET)
    (
        "actor_quotes after",
        lambda c: queries.actor_quotes(c, "grushko", limit=2, after=queries.actor_quotes(c, "grushko")[1].id),
    ),
    (
        "actor_positions after",
        lambda c: queries.actor_positions(
            c, "putin", limit=5, after=queries.actor_positions(c, "putin")[0].id
        ),
    ),
    (
        "issue_positions after",
        lambda c: queries.issue_positions(
            c, "nato-membership", limit=5, after=queries.issue_positions(c, "nato-membership")[0].id
        ),
    ),
    ("resolve_actor", lambda c: queries.resolve_actor(c, "Zelensky")),
]


def per_row(tree: dict[int, tuple[int, str]], node: int) -> bool:
    """Whether a plan step (by its parent) runs inside a correlated subquery, once per row."""
    while node in tree:
        node, text = tree[node]
        if "CORRELATED" in text:
            return True
    return False


def plans(conn, fn) -> list[tuple[str, list[str]]]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        fn(conn)
    finally:
        conn.set_trace_callback(None)
    out = []
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        tree = {r[0]: (r[1], r[3]) for r in rows}
        # a sort inside a per-row subquery (a position's evidence, in order) sorts that
        # row's few links, not the list: such steps are marked to tell them apart
        out.append((sql, [r[3] + (" (per row)" if per_row(tree, r[1]) else "") for r in rows]))
    return out


@pytest.mark.parametrize("name,fn", HOT, ids=[h[0] for h in HOT])
def test_hot_query_uses_indexes(seed, name, fn):
    found = plans(seed, fn)
    assert found, "the query ran no SELECT"
    for sql, steps in found:
        for step in steps:
            scan = re.match(r"SCAN (\w+)", step)
            if scan and scan.group(1) in BIG and "VIRTUAL TABLE" not in step:
                pytest.fail(f"{name}: full scan '{step}' in {sql}")
            # a page may sort within one issue (or one stance), never the whole list
            if (
                name in PAGED
                and "TEMP B-TREE" in step
                and "RIGHT PART" not in step
                and "(per row)" not in step
            ):
                pytest.fail(f"{name}: sorts instead of reading an index in order: '{step}'")


@pytest.mark.parametrize(
    "fn",
    [
        lambda c: queries.change_dates(c, ["russia", "ukraine"]),
        lambda c: queries.comparison_summary(c, ["russia", "ukraine"], as_of="2025-03-13"),
        lambda c: queries.issue_stances(c, ["russia"], ["nato-membership"], as_of="2025-03-13"),
    ],
    ids=["change_dates", "summary as of", "issue view as of"],
)
def test_a_past_day_reads_positions_off_the_covering_index(seed, fn):
    """As of a past day, a column's positions (and the days they change) come off the
    schema-4 index by actor, with no lookup into the table for each (0.5 s of 4.6 at 1M)."""
    reads = [
        step
        for _sql, steps in plans(seed, fn)
        for step in steps
        if re.search(r"\b(positions|p)\b", step) and step.startswith(("SEARCH", "SCAN"))
    ]
    assert reads, "no read of positions"
    for step in reads:
        assert "COVERING INDEX idx_positions_actor_issue_covering" in step, step
