"""`e` on Compare: the brief is a new file every time, never written through a planted link,
named by a safe slug even when an id holds NUL, a path or escapes, and never left empty."""

from __future__ import annotations

import errno
import os
from datetime import datetime

import pytest

from ceasefire_tui.db import output
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.screens import compare as compare_screen
from tests.support.hostile import plant_hostile_ids, write_hostile_dossier


class _Frozen(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2025, 3, 17, 12, 0, 0)


NAME = "brief-russia-ukraine-20250317-120000.md"


@pytest.fixture
def frozen(monkeypatch, tmp_path):
    monkeypatch.setattr(compare_screen, "datetime", _Frozen)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _briefs(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("brief-"))


async def test_export_twice_in_one_second_keeps_both(app, frozen):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("e")
        await pilot.press("e")
        await pilot.pause()
    assert _briefs(frozen) == [NAME.replace(".md", "-2.md"), NAME]
    assert (frozen / NAME).read_text() == (frozen / NAME.replace(".md", "-2.md")).read_text()


async def test_export_does_not_follow_a_planted_symlink(app, frozen):
    victim = frozen / "victim"
    victim.write_text("precious")
    (frozen / NAME).symlink_to(victim)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    assert victim.read_text() == "precious"
    written = frozen / NAME.replace(".md", "-2.md")
    assert "| Issue |" in written.read_text() and not written.is_symlink()


async def test_export_on_a_full_disk_leaves_no_file(app, frozen, monkeypatch):
    notes = []

    def enospc(*_a, **_kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    home = frozen / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        monkeypatch.setattr(app.screen, "notify", lambda msg, **kw: notes.append((msg, kw)))
        monkeypatch.setattr(output.os, "fsync", enospc)
        await pilot.press("e")
        await pilot.pause()
        monkeypatch.undo()
    # (config is the test's own config dir, tests/tui/conftest.py: the history of the
    # comparison opened is written there, issue 18)
    assert [p.name for p in frozen.iterdir() if p.name != "config"] == ["home"] and list(home.iterdir()) == []
    ((message, kw),) = notes
    assert "No space left on device" in message and "\n" not in message
    assert kw.get("severity") == "error"


async def test_export_with_hostile_ids(tmp_path, monkeypatch):
    """An id holding NUL, '/', '..', escapes and bidi: the export used to crash (embedded null
    byte); now the file lands in the current folder under a slug."""
    write_hostile_dossier(tmp_path / "d")
    from click.testing import CliRunner

    from ceasefire_tui.tui.cli import cli

    db = tmp_path / "h.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "load", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    mapping = plant_hostile_ids(db)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare([mapping["side"], mapping["other"]])
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    (brief,) = out.iterdir()
    assert brief.name.startswith("brief-side-2-pwned-")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in brief.name)
    assert "\x00" not in brief.read_text()
    assert list(tmp_path.glob("x*")) == []
