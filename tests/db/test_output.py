"""db.output: a new file never follows a planted link or overwrites another, a replaced file
is whole or untouched, and a full disk leaves nothing behind."""

from __future__ import annotations

import errno
import os

import pytest

from ceasefire_tui.db import output
from ceasefire_tui.db.output import OutputError, replace_file, slug, write_new


def _enospc(*_args, **_kw):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_write_new_does_not_follow_a_planted_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "brief.md").symlink_to(victim)
    dangling = tmp_path / "brief-2.md"
    dangling.symlink_to(tmp_path / "nowhere")
    path = write_new(tmp_path, "brief.md", "new text")
    assert path == tmp_path / "brief-3.md"
    assert path.read_text() == "new text" and not path.is_symlink()
    assert victim.read_text() == "precious"
    assert not (tmp_path / "nowhere").exists()


def test_two_writes_of_one_name_keep_both(tmp_path):
    first = write_new(tmp_path, "brief-x-20250101-120000.md", "one")
    second = write_new(tmp_path, "brief-x-20250101-120000.md", "two")
    assert first.name == "brief-x-20250101-120000.md"
    assert second.name == "brief-x-20250101-120000-2.md"
    assert first.read_text() == "one" and second.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])


@pytest.mark.parametrize("broken", ["write", "fsync"])
def test_write_new_on_a_full_disk_leaves_nothing(tmp_path, monkeypatch, broken):
    monkeypatch.setattr(output.os, broken, _enospc)
    with pytest.raises(OutputError) as err:
        write_new(tmp_path, "brief.md", "x" * 100_000)
    assert "No space left on device" in str(err.value) and "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_write_new_without_hard_links_still_exclusive(tmp_path, monkeypatch):
    def no_link(*_a, **_kw):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "link", no_link)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "brief.md").symlink_to(victim)
    path = write_new(tmp_path, "brief.md", "new")
    assert path.name == "brief-2.md" and path.read_text() == "new"
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief-2.md", "brief.md", "victim.txt"]


@pytest.mark.parametrize("name", ["../x.md", "a/b.md", ".hidden.md", "a\x00b.md", "a\x1b.md", ""])
def test_write_new_refuses_unsafe_names(tmp_path, name):
    with pytest.raises(OutputError):
        write_new(tmp_path, name, "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b",
        "../../etc/passwd",
        ".profile",
        "x/y",
        "\x1b]2;t\x07",
        "\u202eevil",
        "-rf",
        "...",
        "",
        "a" * 500,
    ],
)
def test_slug_is_a_safe_file_name(text):
    s = slug(text)
    assert s and len(s) <= 80
    assert not s.startswith((".", "-"))
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in s)


def test_replace_file_is_atomic_and_replaces_a_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "draft.yaml"
    target.symlink_to(victim)
    replace_file(target, "new")
    assert not target.is_symlink() and target.read_text() == "new"
    assert victim.read_text() == "precious"
    replace_file(target, "newer")
    assert target.read_text() == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml", "victim.txt"]


@pytest.mark.parametrize("broken", ["write", "fsync"])
def test_replace_file_on_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch, broken):
    target = tmp_path / "draft.yaml"
    target.write_text("old")
    monkeypatch.setattr(output.os, broken, _enospc)
    with pytest.raises(OutputError) as err:
        replace_file(target, "new" * 10_000)
    assert "No space left on device" in str(err.value)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]
    monkeypatch.undo()
    fresh = tmp_path / "fresh.yaml"
    monkeypatch.setattr(output.os, broken, _enospc)
    with pytest.raises(OutputError):
        replace_file(fresh, "x")
    assert not fresh.exists()  # no 0-byte file
