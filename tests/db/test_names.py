"""The palette's candidates: the actors and issues a typed text may name, found in the
name index so that the fuzzy matcher scores a few, not every name."""

from __future__ import annotations

import json

import pytest

from ceasefire_tui.db import queries
from ceasefire_tui.db.queries.names import CANDIDATES


@pytest.fixture
def actors(seed):
    return queries.actor_names(seed)


@pytest.mark.parametrize(
    "typed,first,alias",
    [
        ("putin", "putin", None),  # the id, and a word of the name
        ("Vladimir Pu", "putin", None),  # the name as typed, its last word begun
        ("zelensky", "zelenskiy", "Zelensky"),  # an alias, said so
        ("Kiev", "ukraine", "Kiev"),
        ("U.S.", "united-states", "U.S."),  # dots ignored, as in resolve_actor
        ("grush", "grushko", None),
        ("prime min", "starmer", None),  # a word of the role
        ("zlnsk", "zelenskiy", None),  # no word begins so: the letters in order
    ],
)
def test_an_actor_is_found_by_id_name_alias_or_role(actors, typed, first, alias):
    found = actors.find(typed)
    assert found and found[0].id == first, found
    assert found[0].alias == alias


def test_the_whole_key_comes_before_keys_it_begins_and_words_inside(actors):
    ids = [c.id for c in actors.find("russia")]
    assert ids[0] == "russia"  # its key is the text itself; "russian ..." roles come after


@pytest.mark.parametrize("typed", ["", "   ", "%", "_", "\\", '"', "*", "NEAR(", "\x00", "'; --"])
def test_any_text_is_a_lookup_that_never_fails(seed, actors, typed):
    assert isinstance(actors.find(typed), list)
    assert isinstance(queries.issue_names(seed).find(typed), list)


def test_issues_by_a_word_of_the_title_or_the_id(seed):
    issues = queries.issue_names(seed)
    assert [c.id for c in issues.find("nato")][0] == "nato-membership"
    assert "ceasefire-30-day" in [c.id for c in issues.find("ceasefire-30")]


def test_candidates_are_few_whatever_the_dossier(crowd):
    """150 members all match "member": the matcher is given CANDIDATES of them, not all."""
    assert len(queries.actor_names(crowd).find("m")) == CANDIDATES


@pytest.fixture
def crowd(tmp_path):
    from ceasefire_tui.db.connect import open_reader
    from tests.support.dossiers import build_db

    data = {
        "sources": [{"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "x"}],
        "actors": [{"id": f"m{n:03d}", "name": f"Member {n:03d}", "kind": "person"} for n in range(150)],
        "issues": [{"id": "i", "title": "I", "question": "Q?"}],
    }
    path = tmp_path / "crowd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    conn = open_reader(build_db(tmp_path / "crowd.db", path))
    yield conn
    conn.close()
