"""How well each position is sourced (issue 17, item 4): distinct outlets and sources, a
passage another outlet republished counted once, second-hand words marked, the
single-source filter, and the brief's marks; on a small dossier made for each case and on
the real March 2025 dossier, against its own YAML read independently."""

from __future__ import annotations

import yaml

from ceasefire_tui.db import brief, queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.db.wording import backing_words
from tests.support.dossiers import ROOT, build_db

MARCH2025 = ROOT / "tests" / "data" / "march2025"

DOSSIER = """\
sources:
  - id: wire
    title: First report
    outlet: Wire
    published: 2025-03-17
    text: "Alpha said: “We want peace now.” Alpha added: we will talk. Beta said no."
  - id: paper
    title: The wire's story, reprinted
    outlet: Paper
    published: 2025-03-18
    text: "Alpha said: \\"We want peace, now\\". Later Alpha said talks must start."
  - id: wire-2
    title: A second report
    outlet: Wire
    published: 2025-03-19
    text: "Beta said no again."
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
issues:
  - {id: peace, title: Peace, question: Should there be peace?}
  - {id: talks, title: Talks, question: Should talks start?}
quotes:
  - {id: q-wire, source: wire, speaker: alpha, kind: direct, text: "We want peace now."}
  # the same passage, reprinted by another outlet with other punctuation
  - {id: q-paper, source: paper, speaker: alpha, kind: direct, text: "We want peace, now"}
  - {id: q-wire-talk, source: wire, speaker: alpha, kind: reported, text: "Alpha added: we will talk."}
  - {id: q-paper-talk, source: paper, speaker: alpha, kind: reported, text: "Later Alpha said talks must start."}
  - {id: q-beta, source: wire, speaker: beta, kind: reported, text: "Beta said no.", via: a spokesman}
  - {id: q-beta-2, source: wire-2, speaker: beta, kind: reported, text: "Beta said no again."}
positions:
  - {id: p-republished, actor: alpha, issue: peace, stance: 2, kind: demand, summary: Wants peace,
     evidence: [q-wire, q-paper]}
  - {id: p-two-outlets, actor: alpha, issue: talks, stance: 1, kind: offer, summary: Will talk,
     evidence: [q-wire-talk, q-paper-talk]}
  - {id: p-second-hand, actor: beta, issue: peace, stance: -1, kind: condition, summary: Says no,
     evidence: [q-beta, q-beta-2]}
"""


def _db(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "d.yaml").write_text(DOSSIER, encoding="utf-8")
    return open_reader(build_db(tmp_path / "s.db", folder))


def test_a_passage_another_outlet_republished_counts_once(tmp_path):
    conn = _db(tmp_path)
    b = queries.backing(conn, ["p-republished"])["p-republished"]
    assert (b.outlets, b.sources, b.quotes, b.passages, b.republished) == (("Wire",), 1, 2, 1, 1)
    assert b.single_source
    assert backing_words(b) == "single source: Wire; 1 quote republished (counted once)"


def test_two_outlets_with_their_own_passages_corroborate(tmp_path):
    conn = _db(tmp_path)
    b = queries.backing(conn, ["p-two-outlets"])["p-two-outlets"]
    assert (b.outlets, b.sources, b.single_source, b.second_hand) == (("Wire", "Paper"), 2, False, False)
    assert backing_words(b) == "2 outlets (Wire, Paper), 2 sources"


def test_second_hand_backing_is_named_and_two_reports_of_one_outlet_are_one_outlet(tmp_path):
    conn = _db(tmp_path)
    b = queries.backing(conn, ["p-second-hand"])["p-second-hand"]
    assert (b.outlets, b.sources, b.via) == (("Wire",), 2, ("a spokesman",))
    assert backing_words(b) == "single source: Wire (2 of its reports); second-hand via a spokesman"


def test_the_single_source_filter_lists_exactly_the_one_outlet_positions(tmp_path):
    conn = _db(tmp_path)
    assert queries.single_source_ids(conn) == ["p-republished", "p-second-hand"]


def test_the_brief_marks_single_source_positions(tmp_path):
    conn = _db(tmp_path)
    c = queries.comparison(conn, ["alpha", "beta"])
    md = brief.comparison_markdown(conn, c)
    assert f"_({brief.md_text('single source: Wire; 1 quote republished (counted once)')})_" in md
    assert "2 outlets" not in md  # a corroborated claim is not marked
    assert "_2 of the positions above rest on a single outlet (marked)._" in md


def test_march2025_single_source_filter_matches_its_yaml_read_independently(tmp_path):
    """Every position of the real dossier, its outlets counted from the YAML itself (no
    passage there is reprinted: each article's sentences are its own)."""
    data = yaml.safe_load((MARCH2025 / "march2025.yaml").read_text(encoding="utf-8"))
    outlet = {s["id"]: s["outlet"] for s in data["sources"]}
    source_of = {q["id"]: q["source"] for q in data["quotes"]}
    expected = {p["id"] for p in data["positions"] if len({outlet[source_of[q]] for q in p["evidence"]}) == 1}
    conn = open_reader(build_db(tmp_path / "m.db", MARCH2025))
    assert set(queries.single_source_ids(conn)) == expected
    # the Black Sea reporting is the Moscow Times' alone
    b = queries.backing(conn, ["p-m25-kremlin-sanctions"])["p-m25-kremlin-sanctions"]
    assert backing_words(b) == "single source: The Moscow Times"


def test_the_draft_flags_a_passage_already_stored_from_another_source(seed_db_path, tmp_path):
    from click.testing import CliRunner

    from ceasefire_tui.tui.cli import cli

    article = tmp_path / "reprint.txt"
    article.write_text(
        "MOSCOW: Grushko spoke again.\n“We will insist that unyielding security guarantees be included "
        "in this agreement,” Grushko said on Monday.\n“We want a fair deal,” Grushko said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["--db", str(seed_db_path), "draft", str(article), "--published", "2025-03-18", "--outlet", "TASS"],
    )
    assert result.exit_code == 0, result.output
    assert "1 drafted quote(s) repeat a passage stored from another source" in result.output
    # the quote's note (and the confidence comment made from it) say it; the other quote not
    flagged = [
        line
        for line in result.output.splitlines()
        if line.strip().startswith("note:") and "stored from" in line
    ]
    assert len(flagged) == 1
    assert "the same passage is already stored from Reuters (q-grushko-insist-guarantees)" in flagged[0]
    conn = open_reader(seed_db_path)
    assert queries.same_passage(conn, "We want a fair deal,") == []
    # punctuation and quotation marks aside, it is the same passage
    assert queries.same_passage(
        conn, "we will insist that UNYIELDING security guarantees be included in this agreement"
    )
