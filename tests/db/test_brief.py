"""How a quote is cited: a direct quote as the speaker's words, a reported one as the
outlet's report, never in quotation marks as if the speaker had said it."""

from __future__ import annotations

from ceasefire_tui.db import queries
from ceasefire_tui.db.brief import citation, comparison_markdown

REPORTED = "q-bullet-russia-neutrality"  # the reporter's bullet: "Russia insists on …"
DIRECT = "q-grushko-insist-guarantees"  # Grushko's own words, in quotation marks in the article


def _quotes(seed):
    return {q.id: q for q in queries.quotes_by_id(seed, [REPORTED, DIRECT])}


def test_a_reported_quote_is_cited_as_the_outlets_report(seed):
    text = citation(_quotes(seed)[REPORTED])
    assert text.startswith(
        "Reuters reported: Russia insists on Ukraine’s neutrality and exclusion from NATO."
    )
    assert "“Russia" not in text and "NATO.”" not in text
    assert "— Russia" not in text and "about Russia" in text
    assert "2025-03-17" in text


def test_a_direct_quote_is_cited_as_the_speakers_words(seed):
    text = citation(_quotes(seed)[DIRECT])
    assert text.startswith(
        "“We will insist that unyielding security guarantees be included in this agreement,”"
    )
    assert "(direct) — Alexander Grushko (Deputy Foreign Minister of Russia)" in text
    assert "reported:" not in text


def test_brief_footnotes_cite_reported_quotes_as_reported(seed):
    md = comparison_markdown(seed, queries.comparison(seed, ["russia", "ukraine"]))
    notes = [ln for ln in md.splitlines() if ln.startswith("[^")]
    (reported,) = [ln for ln in notes if "Russia insists on Ukraine’s neutrality" in ln]
    assert reported.split(": ", 1)[1].startswith("Reuters reported: Russia insists")
    assert "“Russia insists" not in reported and "— Russia" not in reported
    (direct,) = [ln for ln in notes if "We will insist" in ln]
    assert direct.split(": ", 1)[1].startswith("“We will insist")
    assert "— Alexander Grushko" in direct
    # every footnote is either a speaker's words in quotation marks or the outlet's report
    for ln in notes:
        body = ln.split(": ", 1)[1]
        assert body.startswith("“") == ("(direct) — " in ln) != body.startswith("Reuters reported: "), ln
