"""The bundled dossier: a complete, verbatim reading of the seed article."""

from __future__ import annotations

import re

import pytest

from ceasefire_tui.db import queries
from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.dossier import check

ARTICLE = (bundled_dossier().parent / "ceasefire-2025-03.txt").read_text("utf-8")


def test_seed_dossier_is_valid():
    d = check([bundled_dossier()])
    assert d.ok, [str(p) for p in d.problems]
    assert not d.warnings, [str(w) for w in d.warnings]


def test_source_is_the_article_verbatim(seed):
    (text,) = seed.execute("SELECT text FROM sources").fetchone()
    assert text == ARTICLE


def test_every_quoted_passage_is_a_direct_quote(seed):
    passages = re.findall(r"“([^”]*)”", ARTICLE)
    assert len(passages) >= 15
    direct = {r[0] for r in seed.execute("SELECT text FROM quotes WHERE kind = 'direct'")}
    missing = [p for p in passages if p not in direct]
    assert not missing


def test_no_quote_is_missing_from_its_source(seed):
    rows = seed.execute(
        "SELECT q.id, q.text, q.start, q.end, s.text FROM quotes q JOIN sources s ON s.id = q.source"
    ).fetchall()
    assert rows
    for qid, text, start, end, source in rows:
        assert source[start:end] == text, qid


@pytest.mark.parametrize(
    "name",
    [
        "Trump",
        "Putin",
        "Zelenskiy",
        "Zelensky",
        "Zelenskyy",
        "Witkoff",
        "Rubio",
        "Waltz",
        "Grushko",
        "Starmer",
        "Macron",
        "Kremlin",
        "Kyiv",
        "Britain",
        "France",
        "Russia",
        "Ukraine",
        "United States",
        "U.S.",
        "Europe",
    ],
)
def test_every_named_party_is_an_actor(seed, name):
    assert queries.resolve_actor(seed, name)


@pytest.mark.parametrize("side", ["russia", "ukraine", "united-states", "europe"])
def test_sides(seed, side):
    assert side in {a.id for a in queries.list_sides(seed)}


@pytest.mark.parametrize(
    "words",
    [
        "ceasefire",
        "nato",
        "neutral",
        "territor",
        "peacekeep",
        "guarantee",
        "military",
        "sanction",
        "election",
        "negotiat",
    ],
)
def test_issues_cover_the_talks(seed, words):
    titles = " ".join(f"{i.title} {i.question}".lower() for i in queries.list_issues(seed))
    assert words in titles


def test_every_position_has_evidence_from_the_article(seed):
    positions = [p for i in queries.list_issues(seed) for p in queries.issue_positions(seed, i.id)]
    assert len(positions) >= 25
    for p in positions:
        assert p.evidence, p.id
        for q in queries.quotes_by_id(seed, list(p.evidence)):
            assert q.text in ARTICLE


def test_russia_and_ukraine_conflict_on_territory(seed):
    c = queries.comparison(seed, ["russia", "ukraine"])
    rows = {r.issue.id: r for r in c.rows}
    territory = [r for i, r in rows.items() if "territor" in i]
    assert territory and territory[0].relation == "conflict"
