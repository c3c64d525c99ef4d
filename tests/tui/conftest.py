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


def option_texts(option_list) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt)
            for i in range(option_list.option_count)]


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text (what a user reads)."""
    from textual.widgets import DataTable, OptionList, Static

    from ceasefire_tui.tui.widgets.actor_list import ActorList

    screen = app.screen
    parts = []
    for al in screen.query(ActorList):
        parts.extend(al.lines())
    for w in screen.query(Static):
        parts.append(str(w.render()))
    for ol in screen.query(OptionList):
        parts.extend(option_texts(ol))
    for dt in screen.query(DataTable):
        for col in dt.columns.values():
            parts.append(str(col.label))
        for r in range(dt.row_count):
            parts.extend(str(c) for c in dt.get_row_at(r))
    return "\n".join(parts)
