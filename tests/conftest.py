"""Shared fixtures: databases built from `fixtures/` through the real loader."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.load import load

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "fixtures" / "test" / "small.yaml"
HOSTILE = json.loads((Path(__file__).parent / "data" / "hostile_inputs.json").read_text("utf-8"))


def hostile_values(*categories: str, where: str | None = None) -> list[tuple[str, str]]:
    """(id, value) of the shared hostile strings, `repeat` applied."""
    out = []
    for item in HOSTILE["inputs"]:
        if categories and item["category"] not in categories:
            continue
        if where and not item["where"].startswith(where):
            continue
        out.append((item["id"], item["value"] * item.get("repeat", 1)))
    return out


def build_db(path: Path, *dossiers: Path) -> Path:
    conn = open_writer(path)
    try:
        for d in dossiers:
            load(conn, [d])
    finally:
        conn.close()
    return path


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("seed") / "seed.db", bundled_dossier())


@pytest.fixture(scope="session")
def small_db_path(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("small") / "small.db", SMALL)


#: The prolific dossier: one speaker with many positions on many issues, many quotes;
#: and one issue ("crowded") on which another actor holds more positions than a page.
PROLIFIC_POSITIONS = 130
PROLIFIC_ISSUES = 45
CROWDED_POSITIONS = 40


@pytest.fixture(scope="session")
def prolific_db_path(tmp_path_factory) -> Path:
    """A speaker ("Talker") with more positions and quotes than any list shows at once:
    two or three positions on each issue, one quote of evidence each."""
    folder = tmp_path_factory.mktemp("prolific")
    sentences = [f"Talker said point {n} matters." for n in range(PROLIFIC_POSITIONS)]
    data = {
        "sources": [{"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01",
                     "text": "\n".join(sentences)}],
        "actors": [{"id": "talker", "name": "Talker", "kind": "person"},
                   {"id": "other", "name": "Other", "kind": "state"},
                   {"id": "silent", "name": "Silent", "kind": "person"}],
        "issues": [{"id": f"i{n:02d}", "title": f"Issue {n:02d}", "question": f"Q{n}?"}
                   for n in range(PROLIFIC_ISSUES)]
        + [{"id": "crowded", "title": "Crowded", "question": "Who holds what?"}],
        "quotes": [{"id": f"q{n}", "source": "s", "speaker": "talker", "kind": "reported",
                    "text": text} for n, text in enumerate(sentences)],
        "positions": [{"id": f"p{n:03d}", "actor": "talker", "issue": f"i{n % PROLIFIC_ISSUES:02d}",
                       "stance": n % 5 - 2, "kind": "demand", "summary": f"Point {n}",
                       "evidence": [f"q{n}"]} for n in range(PROLIFIC_POSITIONS)]
        + [{"id": f"c{n:02d}", "actor": "other", "issue": "crowded", "stance": 2 - n % 5,
            "kind": "assessment", "summary": f"View {n}", "evidence": [f"q{n}"]}
           for n in range(CROWDED_POSITIONS)],
    }
    (folder / "prolific.json").write_text(json.dumps(data), encoding="utf-8")
    return build_db(folder / "prolific.db", folder / "prolific.json")


@pytest.fixture
def prolific(prolific_db_path) -> sqlite3.Connection:
    conn = open_reader(prolific_db_path)
    yield conn
    conn.close()


@pytest.fixture
def seed(seed_db_path) -> sqlite3.Connection:
    conn = open_reader(seed_db_path)
    yield conn
    conn.close()


@pytest.fixture
def small(small_db_path) -> sqlite3.Connection:
    conn = open_reader(small_db_path)
    yield conn
    conn.close()


@pytest.fixture
def fresh_db(tmp_path) -> sqlite3.Connection:
    conn = open_writer(tmp_path / "fresh.db")
    yield conn
    conn.close()


def snapshot(conn: sqlite3.Connection) -> dict:
    """Every row of every table: to assert that nothing changed."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
        "ORDER BY name")]
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
