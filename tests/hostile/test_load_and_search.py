"""Hostile dossier files and search text: every one a located problem or a plain answer,
never an exception, and nothing written."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.db.dossier import check
from ceasefire_tui.db.fts import MAX_TOKENS, build_query
from tests.support.hostile import HOSTILE

FILE_CASES = [i for i in HOSTILE["inputs"] if i["where"] in ("data:yaml", "data:json")]
SEARCH_CASES = [i for i in HOSTILE["inputs"] if i["where"] == "search"]


def write_case(tmp_path, item) -> Path:
    value = item["value"] * item.get("repeat", 1)
    if item["where"] == "data:json":
        path = tmp_path / "case.json"
        if value.startswith("{"):  # a record: put it where a quote would be
            value = '{"quotes": [' + value + "]}"
        path.write_text(value, encoding="utf-8")
    else:
        path = tmp_path / "case.yaml"
        if value.startswith("- "):
            value = "actors:\n" + "\n".join("  " + ln for ln in value.splitlines())
        path.write_text(value, encoding="utf-8")
    return path


@pytest.mark.parametrize("item", FILE_CASES, ids=[i["id"] for i in FILE_CASES])
def test_hostile_file_is_a_located_problem(tmp_path, item):
    path = write_case(tmp_path, item)
    start = time.perf_counter()
    d = check([path])
    assert time.perf_counter() - start < 5  # an alias bomb is refused, not expanded
    assert d.problems, f"{item['id']} was accepted"
    for p in d.problems:
        assert str(p).startswith(str(path))
        if path.suffix == ".yaml" and item["id"] != "bom-json":
            assert p.line is not None, str(p)


def test_specific_messages(tmp_path):
    by_id = {i["id"]: i for i in FILE_CASES}
    expect = {
        "lone-surrogate-json": "unpaired surrogate",
        "yaml-norway": "unknown field",  # `code` is no field; see test_load for `name: no`
        "yaml-billion-laughs": "anchors and aliases",
        "yaml-python-tag": "tag",
        "yaml-colon-in-value": "must be put in quotes",
        "yaml-duplicate-key": "appears twice",
        "yaml-bad-date": "unknown field",  # `date` is no field; see test_load for real dates
        "json-nan": "expected a mapping",
        "bom-json": "expected a mapping",  # the BOM itself is accepted
    }
    for case, needle in expect.items():
        folder = tmp_path / case
        folder.mkdir()
        problems = [str(p) for p in check([write_case(folder, by_id[case])]).problems]
        assert any(needle in p for p in problems), (case, problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_file_content_is_checked_without_exception(tmp_path, text):
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        check([path])  # never raises


@pytest.mark.parametrize("item", SEARCH_CASES, ids=[i["id"] for i in SEARCH_CASES])
def test_hostile_search_is_a_plain_answer(seed, item):
    value = item["value"] * item.get("repeat", 1)
    for hit in queries.search(seed, value):  # each hit a real record, its match shown
        assert queries.get_quote(seed, hit.quote_id) is not None
        assert hit.spans and all(0 <= a < b <= len(hit.text) for a, b in hit.spans)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_is_a_valid_query(seed_db_path, text):
    conn = open_reader(seed_db_path)
    try:
        queries.search(conn, text)
        query = build_query(text)
        if query is not None:
            assert len(query.terms) <= MAX_TOKENS
    finally:
        conn.close()


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("cease*", "ceasefire"),
        ("ironcl", "ironclad"),
        ("U.S.", "U.S."),
        ("peace-keeping", None),  # the article says peacekeeping: a hyphen is a phrase, not a match
        ("NATO's", "NATO"),
        ("AND", "and"),
    ],
)
def test_prefix_hyphen_dotted(seed, typed, expected):
    hits = queries.search(seed, typed)
    if expected is None:
        assert hits == [] or all("peace" in h.text.lower() for h in hits)
    else:
        assert hits and any(expected.lower() in h.text.lower() for h in hits)


def test_hyphenated_words_are_found(tmp_path):
    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import load

    data = {
        "sources": [
            {
                "id": "s",
                "title": "T",
                "outlet": "O",
                "published": "2025-01-01",
                "text": "A cease-fire in the U.N. plan. 停火协议正式生效 today.",
            }
        ],
        "actors": [{"id": "a", "name": "A", "kind": "state"}],
        "quotes": [
            {
                "id": "q1",
                "source": "s",
                "speaker": "a",
                "kind": "reported",
                "text": "A cease-fire in the U.N. plan.",
            },
            {"id": "q2", "source": "s", "speaker": "a", "kind": "direct", "text": "停火协议正式生效"},
        ],
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    conn = open_writer(tmp_path / "x.db")
    load(conn, [path])
    assert [h.id for h in queries.search(conn, "cease-fire")] == ["q1"]
    assert [h.id for h in queries.search(conn, "cease fire")] == ["q1"]
    assert [h.id for h in queries.search(conn, "U.N.")] == ["q1"]
    assert [h.id for h in queries.search(conn, "停火")] == ["q2"]  # CJK by prefix
    hit = queries.search(conn, "cease-fire")[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["cease", "fire"]
    conn.close()
