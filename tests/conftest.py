"""Shared fixtures: databases built from `fixtures/` through the real loader (the helpers
they use live in `tests/support/`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.connect import open_reader, open_writer
from tests.support.dossiers import SMALL, build_db, write_prolific


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("seed") / "seed.db", bundled_dossier())


@pytest.fixture(scope="session")
def small_db_path(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("small") / "small.db", SMALL)


@pytest.fixture(scope="session")
def prolific_db_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prolific")
    return build_db(folder / "prolific.db", write_prolific(folder))


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
