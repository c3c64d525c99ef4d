"""Search that knows people: `@NAME` limits to a speaker (by id, name or alias), a word
that names an actor finds that actor's own words too, two-letter words are words, and the
speaker's own rows read without the index match as the index would."""

from __future__ import annotations

import re
import sys

import pytest

from ceasefire_tui.db import queries
from ceasefire_tui.db.fts import build_query, split_speakers, text_matches
from tests.support.hostile import HOSTILE

SEARCH = sys.modules["ceasefire_tui.db.queries.search"]
SEARCH_CASES = [i for i in HOSTILE["inputs"] if i["where"] == "search"]


@pytest.mark.parametrize("speaker", ["@grushko", "@Grushko", "@alexander-grushko", "@Alexander_Grushko"])
def test_a_speaker_by_id_name_or_alias_limits_the_search(seed, speaker):
    hits = queries.search(seed, f"{speaker} peace")
    assert hits, speaker
    assert {h.speaker for h in hits} == {"grushko"}
    assert all(any(h.text[a:b].lower().startswith("peace") for a, b in h.spans) for h in hits)
    assert hits == queries.search(seed, f"{speaker} peace")  # the same whatever the name


def test_a_speaker_alone_lists_their_own_quotes_and_positions(seed):
    hits = queries.search(seed, "@grushko")
    quotes = [h.id for h in hits if h.kind == "quote"]
    assert quotes and {h.speaker for h in hits} == {"grushko"}
    assert sorted(quotes) == sorted(q.id for q in queries.actor_quotes(seed, "grushko", limit=100))
    assert any(h.kind == "position" for h in hits)


def test_an_unknown_speaker_finds_nothing_and_is_named(seed):
    assert queries.search(seed, "@nobody peace") == []
    assert queries.read_search(seed, "@nobody peace").unknown == ("nobody",)
    # the start of a speaker's name, as one types it, is enough; not once a word follows
    assert {h.speaker for h in queries.search(seed, "@grus")} == {"grushko"}
    assert queries.read_search(seed, "@grus peace").unknown == ("grus",)


def test_an_alias_in_the_text_finds_the_actors_own_quotes_first(seed):
    """'Zelensky' is an alias of Volodymyr Zelenskiy: his own quotes come first, whatever
    their words; then the texts that hold the word."""
    hits = queries.search(seed, "Zelensky", limit=100)
    own = {q.id for q in queries.actor_quotes(seed, "zelenskiy", limit=100)}
    assert own and own <= {h.id for h in hits}
    assert hits[0].speaker == "zelenskiy"
    reading = queries.read_search(seed, "Volodymyr Zelensky ceasefire")
    assert [(words, ids) for words, _n, ids in reading.people] == [("Volodymyr Zelensky", ("zelenskiy",))]
    # with another word: his own rows holding it, then every text holding both
    for hit in queries.search(seed, "Zelensky opportunity"):
        assert hit.speaker == "zelenskiy" or "zelensky" in hit.text.lower()
        assert re.search(r"\bopportunit", hit.text, re.IGNORECASE)


@pytest.mark.parametrize("prefix_last", [True, False])
def test_two_letters_are_a_word_not_the_start_of_longer_ones(seed, prefix_last):
    """'UK' must not return every 'Ukraine': each hit is the UK's own, or says UK."""
    hits = queries.search(seed, "UK", prefix_last=prefix_last)
    assert hits
    for hit in hits:
        assert hit.speaker == "united-kingdom" or re.search(r"\bUK\b", hit.text, re.IGNORECASE), hit.text
    assert build_query("uk").terms[0].prefix is False
    assert build_query("ukr").terms[0].prefix is True
    assert build_query("uk*").terms[0].prefix is True  # asked for with a star
    assert any("ukraine" in h.text.lower() for h in queries.search(seed, "uk*"))


def test_speakers_are_split_from_the_words(seed):
    assert split_speakers("@grushko peace") == ("peace", (("grushko", False),))
    assert split_speakers("peace @grushko") == ("peace ", (("grushko", True),))  # peace is done
    assert split_speakers("@ peace @@ e-mail@x") == ("peace e-mail@x", ())
    assert queries.search(seed, "@") == [] and queries.search(seed, "@@ @*") == []


@pytest.mark.parametrize("text", ["peace", "security guarantees", "nato", "ceasefire", "u.s.", "the"])
@pytest.mark.parametrize("prefix", [True, False])
def test_a_speakers_rows_read_without_the_index_match_as_the_index_would(seed, text, prefix):
    query = build_query(text, prefix_last=prefix)
    assert query is not None
    by_index = {
        r[0] for r in seed.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (query.match,))
    }
    by_text = {
        r for r, body in seed.execute("SELECT rowid, text FROM quotes") if text_matches(body, query.terms)
    }
    assert by_text == by_index


@pytest.mark.parametrize("scan", [0, 10**9], ids=["through the index", "through the speaker's rows"])
def test_both_ways_to_a_speakers_matches_find_the_same(seed, monkeypatch, scan):
    expected = {h.id for h in queries.search(seed, "@grushko peace", limit=200)}
    monkeypatch.setattr(SEARCH, "SPEAKER_SCAN", scan)
    assert {h.id for h in queries.search(seed, "@grushko peace", limit=200)} == expected


@pytest.mark.parametrize("item", SEARCH_CASES, ids=[i["id"] for i in SEARCH_CASES])
@pytest.mark.parametrize("form", ["@{}", "@grushko {}", "{} @putin", "Zelensky {}", "@{} peace"])
def test_hostile_text_around_speakers_and_names_never_raises(seed, item, form):
    value = item["value"] * item.get("repeat", 1)
    text = form.format(value)
    for prefix_last in (True, False):
        for hit in queries.search(seed, text, prefix_last=prefix_last):
            assert queries.get_quote(seed, hit.quote_id) is not None
            assert all(0 <= a < b <= len(hit.text) for a, b in hit.spans)
        queries.read_search(seed, text, prefix_last)
