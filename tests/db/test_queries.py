"""Queries on the small purpose-built dossier: relations, scores, members, search."""

from __future__ import annotations

import pytest

from ceasefire_tui.db import analysis, queries


def row(c, issue):
    return next(r for r in c.rows if r.issue.id == issue)


def test_relations(small):
    c = queries.comparison(small, ["north", "south", "east"])
    # ceasefire: north +2, south 0, east +1 -> mixing 0 with a sign
    assert row(c, "ceasefire").relation == "partial"
    # buffer: north -2, south +2
    assert row(c, "buffer").relation == "conflict"
    # observers: north's envoy +1 (a member), east -1
    assert row(c, "observers").relation == "conflict"
    assert [r.issue.id for r in c.rows] == ["ceasefire", "buffer", "observers"]


def test_agreement_and_one_sided(small):
    c = queries.comparison(small, ["north", "east"])
    assert row(c, "ceasefire").relation == "agreement"  # +2 and +1
    assert row(c, "buffer").relation == "one-sided"
    c = queries.comparison(small, ["north", "west"])
    assert {r.relation for r in c.rows} == {"one-sided"}
    assert c.pairs[0].agreement is None and c.pairs[0].shared == 0


def test_member_positions_are_marked_with_who_said_them(small):
    c = queries.comparison(small, ["north", "east"])
    cell = row(c, "observers").cells[0]
    assert cell.stance == 1
    (sp,) = cell.positions
    assert (sp.column, sp.stated_by, sp.stated_by_name) == ("north", "north-envoy", "Nils Nord")


def test_pair_scores(small):
    c = queries.comparison(small, ["north", "south", "east"])
    pairs = {(p.a, p.b): p for p in c.pairs}
    ns = pairs[("north", "south")]
    # ceasefire |2-0| = 2, buffer |-2-2| = 4 -> 1 - 3/4
    assert (ns.shared, ns.conflicts, ns.agreement) == (2, 1, 0.25)
    ne = pairs[("north", "east")]
    # ceasefire |2-1| = 1, observers |1-(-1)| = 2 -> 1 - 1.5/4
    assert (ne.shared, ne.conflicts, ne.agreement) == (2, 1, 0.625)
    se = pairs[("south", "east")]
    # one shared issue: a score would mean nothing, so there is none (its coverage is kept)
    assert (se.shared, se.conflicts, se.agreement) == (1, 0, None)


def test_all_issues_matrix_includes_silent_ones(small):
    rows = queries.issue_stances(
        small, [a.id for a in queries.list_sides(small)], [i.id for i in queries.list_issues(small)]
    )
    assert [r.issue.id for r in rows] == ["ceasefire", "buffer", "observers", "trade", "unused"]
    unused = next(r for r in rows if r.issue.id == "unused")
    assert unused.relation == "silent"  # nobody spoke on it: not "one-sided"
    assert all(cell.stance is None for cell in unused.cells)


def _cell(stance, divided=False, assessments=0):
    from ceasefire_tui.db.models import Cell

    return Cell("x", (), stance, divided, assessments=assessments)


@pytest.mark.parametrize(
    "stances,expected",
    [
        ([None, None], "silent"),  # nobody holds anything
        ([1, None], "one-sided"),
        ([1, -1], "conflict"),
        ([2, 1], "agreement"),
        ([0, 1], "partial"),
        ([0, 0], "partial"),
        ([0, -2, 1], "conflict"),
        ([-1, -2, None], "agreement"),
    ],
)
def test_relation(stances, expected):
    assert analysis.relation([_cell(s) for s in stances]) == expected


def test_relation_of_a_divided_party_and_of_assessments_only():
    assert analysis.relation([_cell(2), _cell(None, divided=True)]) == "partial"
    assert analysis.relation([_cell(None, assessments=2), _cell(None)]) == "assessment"
    # a member shown beside its side is no party: it cannot make a conflict
    assert analysis.relation([_cell(2), _cell(-2)], parties=[True, False]) == "one-sided"


@pytest.mark.parametrize(
    "name,expected",
    [
        ("north", "north"),
        ("NORTH", "north"),
        ("Northland", "north"),
        ("n.", "north"),
        ("nils nord", "north-envoy"),
        ("Nord", "north-envoy"),
        ("north-envoy", "north-envoy"),
    ],
)
def test_resolve_actor(small, name, expected):
    assert queries.resolve_actor(small, name).id == expected


def test_unknown_actor_lists_candidates(small):
    with pytest.raises(queries.ActorNotFound) as err:
        queries.resolve_actor(small, "Norht")
    assert "closest" in str(err.value) and "North (north)" in str(err.value)


def test_actor_tree_order(small):
    ids = [a.id for a in queries.list_actors(small)]
    assert ids.index("north-envoy") == ids.index("north") + 1


def test_actor_quotes_newest_first_and_paged(seed):
    quotes = queries.actor_quotes(seed, "grushko", limit=100)
    assert len(quotes) >= 5
    dates = [q.date for q in quotes]
    assert dates == sorted(dates, reverse=True)
    assert queries.actor_quotes(seed, "grushko", limit=2, offset=1) == quotes[1:3]


def test_passage_holds_the_quote(seed):
    p = queries.passage(seed, queries.actor_quotes(seed, "waltz")[0].id)
    assert p.paragraph[p.start : p.end] == p.quote.text
    assert "\n" not in p.paragraph


def test_search_finds_quotes_and_summaries(seed):
    hits = queries.search(seed, "ironclad")
    assert hits and all("ironclad" in h.text.lower() for h in hits)
    assert any(h.kind == "quote" for h in hits)
    hit = hits[0]
    start, end = hit.spans[0]
    assert hit.text[start:end].lower() == "ironclad"


def test_search_prefix_and_phrases(seed):
    assert queries.search(seed, "peacekeep")  # prefix on the last word
    assert queries.search(seed, "cease-fire") == queries.search(seed, "cease fire")
    assert queries.search(seed, "U.S.")


def test_search_any_text(seed):
    """Syntax is searched as words: text without a word finds nothing; FTS5 operators and
    SQL are plain words, and what they find shows where each hit matched."""
    for text in ['"', "", "*", "^", "(" * 5000, "\x00", "-", ":"]:
        assert queries.search(seed, text) == [], text
    for text in [
        "AND",
        "NEAR(",
        "cease*",
        "(ceasefire",
        "'; DROP TABLE quotes; --",
        "100%_done",
        "a:b",
        "-x",
        "OR NOT",
    ]:
        for hit in queries.search(seed, text):
            assert hit.spans and all(0 <= a < b <= len(hit.text) for a, b in hit.spans), text
    assert queries.search(seed, "(ceasefire") == queries.search(seed, "ceasefire")
    assert queries.search(seed, "cease*")


@pytest.mark.parametrize(
    "ids", [["russia", "ukraine", "europe", "united-states"], ["putin", "zelenskiy"], ["kremlin", "grushko"]]
)
def test_summary_comparison_matches_the_detailed_one(seed, ids):
    detailed = queries.comparison(seed, ids)
    summary = queries.comparison_summary(seed, ids)
    summary = summary._replace(rows=tuple(queries.with_leads(seed, summary.rows)))
    assert summary.pairs == detailed.pairs
    for d_row, s_row in zip(detailed.rows, summary.rows, strict=True):
        assert (d_row.issue, d_row.relation) == (s_row.issue, s_row.relation)
        for d, s in zip(d_row.cells, s_row.cells, strict=True):
            assert s._replace(lead=None) == d._replace(positions=(), lead=None)
            assert s.positions == ()
            assert (s.lead is None) == (d.lead is None)
            if d.lead is not None:  # the same position, its evidence left for cell_positions
                assert s.lead.position._replace(evidence=()) == d.lead.position._replace(evidence=())
                assert d.lead.position.id in [sp.position.id for sp in d.positions if sp.current]
            assert queries.cell_positions(seed, d.actor, d_row.issue.id) == d.positions


def test_rollups_follow_a_reload(tmp_path):
    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import load
    from tests.support.dossiers import SMALL

    conn = open_writer(tmp_path / "x.db")
    changed = tmp_path / "small.yaml"
    changed.write_text(SMALL.read_text("utf-8"))
    load(conn, [changed])
    assert queries.comparison_summary(conn, ["north", "east"]).rows[0].cells[0].stance == 2
    changed.write_text(  # the dossier corrected in place, and loaded again
        SMALL.read_text("utf-8").replace(
            "actor: north, issue: ceasefire, stance: 2", "actor: north, issue: ceasefire, stance: -1"
        )
    )
    load(conn, [changed])
    row = queries.comparison_summary(conn, ["north", "east"]).rows[0]
    assert row.cells[0].stance == -1 and row.relation == "conflict"


@pytest.mark.parametrize(
    "fetch,key",
    [
        (queries.actor_positions, "talker"),
        (queries.issue_positions, "i07"),
    ],
)
def test_position_pages_join_up_to_the_whole_list(prolific, fetch, key):
    whole = fetch(prolific, key)
    assert whole, "the fixture gives these positions"
    pages = [p for offset in range(0, len(whole) + 7, 7) for p in fetch(prolific, key, 7, offset)]
    assert pages == whole
    assert all(p.evidence for p in whole)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """The prolific dossier with its quotes drafted: low, medium and high confidence in
    turn, so the review queue holds more than a page."""
    import json

    from ceasefire_tui.db.connect import open_reader
    from tests.support.dossiers import build_db, write_prolific

    folder = tmp_path_factory.mktemp("drafted")
    path = write_prolific(folder)
    data = json.loads(path.read_text("utf-8"))
    for n, quote in enumerate(data["quotes"]):
        quote["confidence"] = ("low", "medium", "high")[n % 3]
    path.write_text(json.dumps(data), encoding="utf-8")
    conn = open_reader(build_db(folder / "drafted.db", path))
    yield conn
    conn.close()


def _keyset_pages(fetch, size):
    """Every page `fetch(after, limit)` gives, each after the last row of the one before."""
    rows, after = [], None
    while True:
        page = fetch(after, size)
        rows += page
        if len(page) < size:
            return rows
        after = page[-1].id


@pytest.mark.parametrize("size", [1, 3, 7])
@pytest.mark.parametrize(
    "whole,fetch",
    [
        (
            lambda c: queries.actor_positions(c, "talker"),
            lambda c, after, n: queries.actor_positions(c, "talker", limit=n, after=after),
        ),
        (
            lambda c: queries.issue_positions(c, "crowded"),
            lambda c, after, n: queries.issue_positions(c, "crowded", limit=n, after=after),
        ),
        (
            lambda c: queries.issue_positions(c, "crowded", assessments=False),
            lambda c, after, n: queries.issue_positions(
                c, "crowded", limit=n, after=after, assessments=False
            ),
        ),
        (
            lambda c: queries.actor_quotes(c, "talker", limit=-1),
            lambda c, after, n: queries.actor_quotes(c, "talker", limit=n, after=after),
        ),
        (
            lambda c: queries.unsure_quotes(c, limit=-1),
            lambda c, after, n: queries.unsure_quotes(c, limit=n, after=after),
        ),
    ],
    ids=["actor positions", "issue positions", "issue stances", "actor quotes", "unsure quotes"],
)
def test_keyset_pages_join_up_to_the_whole_list_in_its_order(drafted, whole, fetch, size):
    """A page read after the last row of the one before continues the list exactly: the
    same rows in the same order as the whole list read at once."""
    everything = whole(drafted)
    assert len(everything) > 7, "the fixture gives a long list"
    assert _keyset_pages(lambda after, n: fetch(drafted, after, n), size) == everything


def test_keyset_page_after_a_row_that_is_gone_ends_the_list(drafted):
    assert queries.actor_quotes(drafted, "talker", limit=5, after="no-such-quote") == []
    assert queries.actor_positions(drafted, "talker", limit=5, after="no-such-position") == []
    assert queries.issue_positions(drafted, "crowded", limit=5, after="no-such-position") == []
    assert queries.unsure_quotes(drafted, limit=5, after="no-such-quote") == []


def test_the_review_queue_pages_by_key_off_its_index(drafted):
    """The page after a quote of the review queue is a range of the (confidence, source,
    start) index: no scan, no sort (the seed has no drafted quotes for test_plans)."""
    from tests.db.test_plans import plans

    after = queries.unsure_quotes(drafted, limit=3)[-1].id
    found = plans(drafted, lambda c: queries.unsure_quotes(c, limit=3, after=after))
    steps = [step for _sql, steps in found for step in steps]
    assert any("idx_quotes_confidence_source_start" in step for step in steps), steps
    assert not [s for s in steps if s.startswith("SCAN q") or ("TEMP B-TREE" in s and "(per row)" not in s)]


def test_unsure_quotes_low_first_then_in_source_order(drafted):
    quotes = queries.unsure_quotes(drafted, limit=-1)
    assert {q.confidence for q in quotes} == {"low", "medium"}
    keys = [(q.confidence, q.source, q.start) for q in quotes]
    assert keys == sorted(keys)


def test_actor_positions_go_issue_by_issue(prolific):
    order = {i.id: n for n, i in enumerate(queries.list_issues(prolific))}
    got = [(order[p.issue], -p.stance) for p in queries.actor_positions(prolific, "talker")]
    assert got == sorted(got)
    assert len(got) == queries.get_actor(prolific, "talker").position_count


def test_issue_positions_go_from_insists_to_rejects_with_counts(prolific):
    positions = queries.issue_positions(prolific, "i03")
    stances = [p.stance for p in positions]
    assert stances == sorted(stances, reverse=True)
    keys = [(p.kind == "assessment", -p.stance) for p in positions]
    parts = [queries.issue_positions(prolific, "i03", assessments=a) for a in (False, True)]
    assert sorted(p.id for part in parts for p in part) == sorted(p.id for p in positions)
    assert all(
        (p.kind == "assessment") == a for part, a in zip(parts, (False, True), strict=True) for p in part
    )
    counts = queries.issue_stance_counts(prolific, "i03")
    assert counts == {k: keys.count((k[0], -k[1])) for k in {(a, -s) for a, s in keys}}
    assert queries.issue_stance_counts(prolific, "no-such-issue") == {}


def test_positions_by_id_keep_the_order_given(prolific):
    ids = ["p101", "nope", "p003", "p050"]
    assert [p.id for p in queries.positions_by_id(prolific, ids)] == ["p101", "p003", "p050"]


def test_a_matrix_page_comes_in_dossier_order_whatever_the_ids_order(small):
    sides = [a.id for a in queries.list_sides(small)]
    rows = queries.issue_stances(small, sides, ["trade", "ceasefire", "no-such-issue", "trade"])
    assert [r.issue.id for r in rows] == ["ceasefire", "trade"]
    whole = {
        r.issue.id: r for r in queries.issue_stances(small, sides, [i.id for i in queries.list_issues(small)])
    }
    assert rows == [whole["ceasefire"], whole["trade"]]


def test_nested_pairs_are_bodies_and_their_members_at_any_depth(seed):
    """A pair is nested when one sits anywhere below the other (as `member_depths` lists
    them), whichever order the view gives them."""
    ids = ["grushko", "russia", "ukraine", "kremlin", "putin"]
    pairs = {(p.a, p.b): p for p in queries.comparison_summary(seed, ids).pairs}
    for (a, b), pair in pairs.items():
        below = b in queries.member_depths(seed, a) or a in queries.member_depths(seed, b)
        assert pair.nested == below, (a, b)
    assert any(p.nested for p in pairs.values()) and not all(p.nested for p in pairs.values())
