"""Keys from one source: every binding has a description and is in the README's key
table; `ceasefire-tui keys` lists them; a keymap in settings.json remaps them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from textual.binding import Binding

from ceasefire_tui.tui.app import CeasefireApp, make_app
from ceasefire_tui.tui.keys import all_bindings, check_keymap
from ceasefire_tui.tui.screens.issues import IssuesScreen
from ceasefire_tui.tui.screens.modals.help import HelpScreen
from tests.support.dossiers import ROOT
from tests.support.screens import screen_text

#: Textual's names for keys the README writes as characters.
CHARACTERS = {
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "comma": ",",
    "plus": "+",
    "full_stop": ".",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "vertical_line": "\\|",  # escaped: a bare | would split the README's table
}


def readme_keys() -> set[str]:
    """Every key written in backticks in the README's section on using the app."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Using the app") : text.index("## The command line")]
    return {token for span in re.findall(r"`([^`]+)`", section) for token in span.split()}


def test_every_binding_is_in_the_readme():
    documented = readme_keys()
    missing = set()
    for b in all_bindings(CeasefireApp):
        assert b.description, f"{b.id} on {b.where} has no description"
        keys = [CHARACTERS.get(k.strip(), k.strip()) for k in b.keys.split(",")]
        if not any(k in documented for k in keys):
            missing.add(f"{b.keys} ({b.description}, {b.where})")
    assert not missing, "not in the README's key table: " + "; ".join(sorted(missing))


def test_keys_command_lists_every_binding(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "keys", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"XDG_CONFIG_HOME": str(tmp_path), "PATH": ""},
    )
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert {(b["id"], b["where"]) for b in listed} == {(b.id, b.where) for b in all_bindings(CeasefireApp)}
    assert any(b["id"] == "export" and b["keys"] == "e" for b in listed)


def test_a_bad_keymap_is_reported_and_the_rest_applies():
    good, problems = check_keymap(
        {"issues": "ctrl+o", "nope": "x", "export": 5, "search": "ctrl+\x1b"}, CeasefireApp
    )
    assert good == {"issues": "ctrl+o"}
    assert len(problems) == 3 and "nope" in problems[0] and "ceasefire-tui keys" in problems[0]
    assert check_keymap(["issues"], CeasefireApp)[0] == {}


async def test_a_keymap_in_settings_remaps_a_key_and_help_shows_it(seed_db_path, tmp_path):
    settings = tmp_path / "config" / "ceasefire-tui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"keymap": {"issues": "ctrl+o", "nope": "x"}}))
    app = make_app(seed_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("nope" in str(n.message) for n in app._notifications)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.get_key_display(Binding("ctrl+o", ""))
        assert re.search(rf"{re.escape(shown)}\s+Issues", screen_text(app))
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, IssuesScreen)


def test_every_command_is_in_the_readme():
    from ceasefire_tui.tui.cli import cli

    text = (ROOT / "README.md").read_text()
    section = text[text.index("## The command line") : text.index("## The dossier format")]
    missing = [name for name in cli.commands if f"ceasefire-tui {name}" not in section]
    assert not missing, f"commands not in the README's command line section: {missing}"
