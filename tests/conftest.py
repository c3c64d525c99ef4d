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
