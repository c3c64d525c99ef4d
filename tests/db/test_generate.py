"""The benchmark dossier generator: what it writes is a valid, realistic dossier, the same
bytes every time."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import check, load
from ceasefire_tui.fixtures import generate as gen
from ceasefire_tui.fixtures.generate.cast import build_actors, build_issues

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "tiny.json"
    gen.generate(200, path)
    return path


@pytest.fixture(scope="module")
def data(tiny) -> dict:
    return json.loads(tiny.read_text("utf-8"))


def test_tiny_dossier_passes_check_and_loads(tiny, tmp_path):
    d = check([tiny])
    assert d.problems == [] and d.warnings == []
    assert d.counts()["quotes"] == 200
    conn = open_writer(tmp_path / "db.sqlite")
    try:
        load(conn, [tiny])
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 200
        assert conn.execute("SELECT count(*) FROM positions").fetchone()[0] == d.counts()["positions"]
        hits = conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'cease'").fetchone()[0]
        assert hits > 0  # "cease-fire" is searchable
    finally:
        conn.close()


def test_same_arguments_same_bytes(tiny, tmp_path):
    again = tmp_path / "again.json"
    gen.generate(200, again)
    assert again.read_bytes() == tiny.read_bytes()
    # and in another interpreter, with another string-hash seed (no set-order dependence)
    other = tmp_path / "other.json"
    subprocess.run(
        [sys.executable, str(GENERATE), "--quotes", "200", "--out", str(other)],
        check=True,
        capture_output=True,
        env=dict(os.environ, PYTHONHASHSEED="12345"),
    )
    assert other.read_bytes() == tiny.read_bytes()
    different = tmp_path / "different.json"
    gen.generate(200, different, seed=2)
    assert different.read_bytes() != tiny.read_bytes()


def test_quotes_are_verbatim_unique_or_numbered(data):
    sources = {s["id"]: s["text"] for s in data["sources"]}
    for q in data["quotes"]:
        text, source = q["text"], sources[q["source"]]
        starts = [m.start() for m in re.finditer(f"(?={re.escape(text)})", source)]
        assert starts, q["id"]
        if len(starts) == 1:
            assert "occurrence" not in q
        else:
            assert 1 <= q["occurrence"] <= len(starts)
        at = starts[q.get("occurrence", 1) - 1]
        before, after = source[at - 1 : at], source[at + len(text) : at + len(text) + 1]
        if q["kind"] == "direct":  # the words between “ and ”
            assert before == "“" and after == "”", q["id"]
            assert "“" not in text and "”" not in text
        else:  # a whole sentence
            assert before in ("", "\n", " "), q["id"]
            assert text.endswith(".") and after in ("", "\n", " "), q["id"]
            assert text[0].isupper()
        assert 20 <= len(text.split()) <= 30, q["id"]


def test_occurrence_is_exercised():
    # articles now and then repeat a sentence as a bullet, so some quotes need `occurrence`
    d = json.loads(_generate_text(2000))
    assert any("occurrence" in q for q in d["quotes"])


def _generate_text(quotes: int, **kw) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        gen.generate(quotes, path, **kw)
        return path.read_text("utf-8")


def test_sides_and_parents_exist(data):
    actors = {a["id"]: a for a in data["actors"]}
    assert len(actors) == len(data["actors"])
    sides = [a for a in data["actors"] if "parent" not in a]
    assert len(sides) >= 3
    for a in data["actors"]:
        node, seen = a, set()
        while "parent" in node:
            assert node["parent"] in actors, a["id"]
            assert node["id"] not in seen
            seen.add(node["id"])
            node = actors[node["parent"]]
        if a["kind"] == "person":
            assert "parent" in a
    speakers = Counter(q["speaker"] for q in data["quotes"])
    assert set(speakers) <= set(actors)
    assert {"putin", "zelenskiy"} <= set(actors)  # the seed's ids, for `compare putin zelenskiy`


def test_positions_cite_their_actors_quotes_on_their_issue(data):
    quotes = {q["id"]: q for q in data["quotes"]}
    issues = {i["id"] for i in data["issues"]}
    assert data["positions"]
    for p in data["positions"]:
        assert -2 <= p["stance"] <= 2 and p["issue"] in issues
        assert "\n" not in p["summary"]
        for qid in p["evidence"]:
            assert quotes[qid]["speaker"] == p["actor"]
            assert p["issue"] in quotes[qid]["issues"]
    assert all(i["question"].endswith("?") for i in data["issues"])


def test_largest_cast_is_realistic():
    actors, sides = build_actors(random.Random(1), 2000)
    assert len(actors) == 2000 and len({a.id for a in actors}) == 2000
    assert len(sides) >= 10
    names = [a.name for a in actors]
    assert any(not n.isascii() for n in names)  # Łukasz, Müller, Yılmaz …
    assert any(alias.isascii() and not a.name.isascii() for a in actors for alias in a.aliases)
    issues = build_issues(random.Random(1), 500)
    assert len({i.id for i in issues}) == 500


def test_split_folder_refers_across_files(tmp_path):
    out = tmp_path / "split"
    stats = gen.generate(600, out, split=3)
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["part-0001.json", "part-0002.json", "part-0003.json"]
    assert stats.counts["quotes"] == 600
    parts = [json.loads(f.read_text("utf-8")) for f in files]
    ids = [r["id"] for p in parts for kind in ("sources", "quotes", "positions") for r in p[kind]]
    assert len(ids) == len(set(ids))
    assert "actors" in parts[0] and "actors" not in parts[1]
    d = check([out])
    assert d.problems == [] and d.counts()["quotes"] == 600


def test_yaml_output_passes_check(tmp_path):
    path = tmp_path / "d.yaml"
    gen.generate(100, path)
    d = check([path])
    assert d.problems == [] and d.warnings == [] and d.counts()["quotes"] == 100
