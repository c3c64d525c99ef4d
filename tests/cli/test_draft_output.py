"""`draft` output: to stdout with no raw C1 or bidi control (escaped, so the YAML reads back
exactly); to a file with -o replaced whole, or left as it was on a full disk."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys

import pytest
import yaml

from tests.support.hostile import BIDI

RAW = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|" + b"|".join(re.escape(ch.encode()) for ch in BIDI)
)
QUOTE = "Putin said: \u201cWe \u202eagree\u202c to \x9b31m talks \x85 now \u2066x\u2069.\u201d"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(f"Talks\n\n{QUOTE}\n", "utf-8")
    return path


def _run(tmp_path, *args, **kw):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    env.pop("CEASEFIRE_TUI_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(tmp_path / "none.db"), "draft", *args],
        capture_output=True,
        timeout=120,
        env=env,
        **kw,
    )


def test_draft_to_stdout_escapes_c1_and_bidi(tmp_path, article):
    out = _run(tmp_path, str(article), "--published", "2025-03-17")
    assert out.returncode == 0, out.stderr
    assert RAW.search(out.stdout) is None and RAW.search(out.stderr) is None
    data = yaml.safe_load(out.stdout)
    texts = [q["text"] for q in data["quotes"]]
    assert any("\u202eagree\u202c" in t and "\x9b31m" in t for t in texts), texts


def test_draft_file_on_a_full_disk_leaves_the_old_file(tmp_path, article, monkeypatch):
    from click.testing import CliRunner

    from ceasefire_tui.db import output
    from ceasefire_tui.tui.cli import cli

    target = tmp_path / "d.yaml"
    target.write_text("old draft")
    fresh = tmp_path / "fresh.yaml"

    def enospc(*_a, **_kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", enospc)
    for path in (target, fresh):
        result = CliRunner().invoke(
            cli,
            [
                "--db",
                str(tmp_path / "none.db"),
                "draft",
                str(article),
                "--published",
                "2025-03-17",
                "-o",
                str(path),
            ],
        )
        assert result.exit_code == 1
        (error,) = [ln for ln in result.output.splitlines() if not ln.startswith("warning:")]
        assert error.startswith("error: ") and "No space left on device" in error
    assert target.read_text() == "old draft" and not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".db") == ["article.txt", "d.yaml"]


def test_draft_file_replaces_a_symlink_not_its_target(tmp_path, article):
    victim = tmp_path / "victim.yaml"
    victim.write_text("precious")
    out = tmp_path / "d.yaml"
    out.symlink_to(victim)
    result = _run(tmp_path, str(article), "--published", "2025-03-17", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious" and not out.is_symlink()
    assert RAW.search(out.read_bytes()) is None
    texts = [q["text"] for q in yaml.safe_load(out.read_text("utf-8"))["quotes"]]
    assert any("\u202eagree" in t for t in texts), texts


def test_draft_to_a_full_stdout_is_one_line(tmp_path, article):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "ceasefire_tui.tui",
                "--db",
                str(tmp_path / "none.db"),
                "draft",
                str(article),
                "--published",
                "2025-03-17",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            env=env,
        )
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    errors = [ln for ln in out.stderr.decode().splitlines() if not ln.startswith("warning:")]
    assert errors == ["error: cannot write the output (No space left on device)"]
