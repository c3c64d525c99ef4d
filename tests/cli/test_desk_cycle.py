"""The review desk's whole cycle, driven in tmux at 80x24 with NO_COLOR=1 as a person would
(issue 16's "done when"): draft a real article, load it, review its quotes in `u` (accept,
reassign one speaker, reject one), code two positions from quotes and one from a passage
selected in the source, undo one, compare the two actors; the files the app wrote back,
loaded into a fresh database, give the same comparison (and loading them again into the
app's database changes nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.dossiers import ROOT

ARTICLE = ROOT / "tests" / "data" / "draft" / "real" / "dev" / "kyivindependent-2025-03-19.txt"
BIN = Path(sys.executable).with_name("ceasefire-tui")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None or not BIN.exists(), reason="needs tmux"),
]


class Tmux:
    def __init__(self, name: str):
        self.name = name

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.name, *args], capture_output=True, text=True, check=False
        ).stdout

    def keys(self, *keys: str, pause: float = 0.0) -> None:
        self.run("send-keys", *keys)
        time.sleep(pause)

    def text(self, s: str, pause: float = 0.0) -> None:
        self.run("send-keys", "-l", s)
        time.sleep(pause)

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, needle: str, timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if needle in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} not on screen:\n{self.screen()}")

    def wait_gone(self, needle: str, timeout: float = 15) -> None:
        end = time.monotonic() + timeout
        gone = 0
        while time.monotonic() < end:
            gone = gone + 1 if needle not in self.screen() else 0
            if gone == 3:  # three frames running: not a frame caught half drawn
                return
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} still on screen:\n{self.screen()}")

    def save(self) -> None:
        """ctrl+s on a form, and wait for the form to close."""
        self.keys("C-s")
        self.wait_gone("ctrl+s save")


def cli(*args: str) -> str:
    out = subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_whole_cycle_in_tmux(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    db, fresh = str(tmp_path / "desk.db"), str(tmp_path / "fresh.db")
    started = time.monotonic()
    subprocess.run(
        [str(BIN), "--db", db, "draft", str(ARTICLE), "--published", "2025-03-19"]
        + ["--outlet", "Kyiv Independent", "-o", str(folder / "article.yaml")],
        check=True,
        capture_output=True,
    )
    cli("--db", db, "load", str(folder))
    t = Tmux(f"desk16-{os.getpid()}")
    env = f"NO_COLOR=1 XDG_CONFIG_HOME={tmp_path / 'config'}"
    t.run("new", "-d", "-x", "80", "-y", "24", f"{env} {BIN} --db {db}")
    try:
        t.wait_for("Actors")
        t.keys("u")
        t.wait_for("0 of 3 reviewed")
        # a position from the first quote, then accept it
        t.keys("p")
        t.wait_for("Code a position")
        t.keys("Enter")
        t.text("Energy ceasefire")
        t.keys("Enter")
        t.text("Should strikes on energy infrastructure stop?")
        t.keys("Enter", "5", "d", "C-u")
        t.text("Says Russia agreed to the energy truce")
        t.save()
        t.keys("a")
        t.wait_for("1 of 3 reviewed")
        # another speaker for the next, and the last is not a quotation
        t.keys("r")
        t.wait_for("Who said it?")
        t.text("trump", pause=0.5)
        t.keys("Enter")
        t.wait_for("2 of 3 reviewed")
        t.keys("n")
        t.wait_for("3 of 3 reviewed")
        # a position from a quote found by search
        t.keys("Escape", pause=0.5)
        t.text("/short distance")
        t.wait_for("1 match;")
        t.keys("Down", "Enter")
        t.wait_for("Quote ·")
        t.keys("p")
        t.wait_for("Code a position")
        t.keys("Enter")
        t.text("Full ceasefire")
        t.keys("Enter")
        t.text("Should a full 30-day ceasefire start now?")
        t.keys("Enter", "4", "c", "C-u")
        t.text("A full ceasefire is a short distance away")
        t.save()
        # a passage of the source made a quote of Putin, and a position from it
        t.keys("s")
        t.wait_for("Select a passage")
        t.keys(*["Down"] * 6, "Home", *["C-Right"] * 7, "v", *["C-Right"] * 13, pause=0.3)
        t.keys("Enter")
        t.wait_for("Whose words are these?")
        t.text("putin", pause=0.5)
        t.keys("Enter")
        t.wait_for("A new quote from the passage")
        t.keys("r")
        t.text("2025-03-18")
        t.keys("C-s")
        t.wait_for("Code a position from this quote")
        t.keys("Enter")
        t.text("energy ceasefire")
        t.keys("Enter", "Enter", "4", "o", "C-u")
        t.text("Agreed to a 30-day halt on strikes on energy infrastructure")
        t.save()
        # one more position, undone
        t.keys("Escape", "Escape", "Escape", "Escape", pause=0.8)
        t.text("/commend")
        t.wait_for("1 match;")
        t.keys("Down", "Enter")
        t.wait_for("Quote ·")
        t.keys("p")
        t.wait_for("Code a position")
        t.keys("Enter")
        t.text("energy ceasefire")
        t.keys("Enter", "Enter", "4", "o")
        t.save()
        t.keys("C-z")
        t.wait_for("undone")
        # compare the two actors
        t.keys("Escape", "Escape", "Escape", "Escape", pause=0.8)
        t.keys("g", "j", "j", "j", "Space", "j", "Space", pause=0.5)  # Trump, Rubio, Waltz, Witkoff: Putin
        t.keys("c")
        shown = t.wait_for("Relation")
        assert "Energy ceasefire" in shown and "agreement" in shown
        t.keys("C-q", pause=1)
    finally:
        t.run("kill-server")
    took = time.monotonic() - started
    assert "nothing changed" in cli("--db", db, "load", str(folder))
    cli("--db", fresh, "load", str(folder))
    ours = cli("--db", db, "compare", "steve-witkoff", "vladimir-putin")
    theirs = cli("--db", fresh, "compare", "steve-witkoff", "vladimir-putin")
    assert ours == theirs
    assert "Energy ceasefire  [agreement]" in ours and "Full ceasefire  [one-sided]" in ours
    print(f"the cycle took {took:.0f} s")
