"""Pilot fixtures: the app on a seed database, at 80x24."""

from __future__ import annotations

import pytest

from ceasefire_tui.tui.app import make_app


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch):
    """The app remembers its theme in the user config dir: keep tests out of the real one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def app(seed_db_path):
    return make_app(seed_db_path)
