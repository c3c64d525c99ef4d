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


def _positions(seed):
    return {p.id: p for i in queries.list_issues(seed) for p in queries.issue_positions(seed, i.id)}


def test_the_title_says_there_is_no_headline_and_quotes_the_lead(seed):
    (title,) = seed.execute("SELECT title FROM sources").fetchone()
    lead = ARTICLE.strip().splitlines()[0].removeprefix("- ")
    assert title.startswith("[No headline]")
    assert title.endswith(lead)


def test_waltzs_rhetorical_question_is_an_assessment_not_a_stance(seed):
    p = _positions(seed)["p-waltz-territory"]
    assert (p.kind, p.stance) == ("assessment", 0)
    # nobody in the U.S. column then holds a stance on territory
    us = {"united-states", "trump", "witkoff", "rubio", "waltz"}
    held = [q for q in queries.issue_positions(seed, "territory") if q.actor in us and q.kind != "assessment"]
    assert not held


def test_kyivs_view_on_elections_is_its_own_clause_and_a_condition(seed):
    p = _positions(seed)["p-ukraine-elections"]
    assert (p.stance, p.kind) == (-1, "condition")
    (q,) = queries.quotes_by_id(seed, list(p.evidence))
    assert q.text == "which Kyiv argues is premature during martial law" and q.speaker == "ukraine"
    assert ARTICLE.count(q.text) == 1


def test_putins_cautious_optimism_on_the_ceasefire_plan_is_an_assessment_relayed_by_the_kremlin(seed):
    p = _positions(seed)["p-putin-ceasefire"]
    assert (p.actor, p.issue, p.stance, p.kind) == ("putin", "ceasefire-30-day", 0, "assessment")
    quotes = queries.quotes_by_id(seed, list(p.evidence))
    assert {q.speaker for q in quotes} == {"kremlin"}
    assert any("regarding the ceasefire plan" in q.text for q in quotes)
    assert "p-kremlin-prospects" not in _positions(seed) and "p-putin-prospects" in _positions(seed)


@pytest.mark.parametrize("issue", ["prospects", "harder-partner", "mutual-concessions"])
def test_judgements_about_the_talks_are_assessments(seed, issue):
    positions = queries.issue_positions(seed, issue)
    assert positions and {p.kind for p in positions} == {"assessment"}


def test_a_bodys_position_rests_on_a_sentence_about_the_body(seed):
    bodies = {"russia", "ukraine", "united-states", "europe", "united-kingdom", "france"}
    for p in _positions(seed).values():
        if p.actor in bodies:
            speakers = {q.speaker for q in queries.quotes_by_id(seed, list(p.evidence))}
            assert speakers == {p.actor}, p.id
