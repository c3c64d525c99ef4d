"""The real terminal: encoding, colours for limited terminals, --no-mouse, hang-ups."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from ceasefire_tui.tui.ptyrun import time_to_marker
from ceasefire_tui.tui.terminal import EXIT_HANGUP, choose_colours

EXE = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
FRAME = [b" Palette", b"Positions ("]


@pytest.fixture
def env(tmp_path, seed_db_path):
    return {
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "CEASEFIRE_TUI_DB": str(seed_db_path),
    }


def first_frame(env, *args, extra=None, seconds=0.3) -> bytes:
    """Everything the app writes until its first frame is complete, and a moment more."""
    out = bytearray()
    time_to_marker(
        [EXE, *args],
        FRAME,
        env={**env, **(extra or {})},
        record=out,
        after=lambda write, read_for, proc, master: read_for(seconds),
    )
    return bytes(out)


def test_non_utf8_output_is_refused_with_a_message(env):
    result = subprocess.run(
        [EXE], env={**os.environ, **env, "PYTHONIOENCODING": "latin-1"}, capture_output=True, timeout=30
    )
    assert result.returncode == 1
    assert b"needs UTF-8" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "environ,expected",
    [
        ({"TERM": "dumb"}, "standard"),
        ({"TERM": ""}, "standard"),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, "standard"),
        ({"TERM": "xterm-256color"}, None),
        ({"TERM": "dumb", "TEXTUAL_COLOR_SYSTEM": "truecolor"}, "truecolor"),
    ],
)
def test_colour_system_for_limited_terminals(environ, expected):
    environ = dict(environ)
    choose_colours(environ)
    assert environ.get("TEXTUAL_COLOR_SYSTEM") == expected


def test_dumb_terminal_gets_no_extended_colour(env):
    out = first_frame(env, extra={"TERM": "dumb"})
    assert b"38;2;" not in out and b"48;2;" not in out  # truecolor
    assert b"38;5;" not in out and b"48;5;" not in out  # 256 colours
    assert b"Vladimir Putin" in out  # and it still works


def test_no_mouse_does_not_capture_the_mouse(env):
    with_mouse = first_frame(env)
    without = first_frame(env, "--no-mouse")
    assert b"\x1b[?1000h" in with_mouse
    assert b"\x1b[?1000h" not in without and b"\x1b[?1003h" not in without


def test_exits_when_the_terminal_goes_away_even_with_sighup_ignored(env):
    def ignore_hangups_and_take_the_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    result = {}

    def hang_up(write, read_for, proc, master):
        os.close(master)  # the SSH link drops
        start = time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 10:
            time.sleep(0.05)
        result["code"] = proc.poll()
        result["after"] = time.monotonic() - start

    time_to_marker([EXE], FRAME, env=env, after=hang_up, preexec_fn=ignore_hangups_and_take_the_terminal)
    assert result["code"] == EXIT_HANGUP
    assert result["after"] < 3


@pytest.mark.parametrize(
    "after_q", ["u", "i", "/", "?", "c", "\x10"], ids=["u", "i", "slash", "help", "c", "ctrl+p"]
)
def test_q_then_another_key_in_one_burst_quits_cleanly(env, after_q):
    """Over SSH `q` and the next key arrive together: the app quits (exit 0), and the key
    behind it opens nothing on the closing app (it gave NoMatches and exit 1, or, for `/`,
    opened search and lost the quit)."""
    result = {}
    out = bytearray()

    def burst(write, read_for, proc, master):
        write(b"q" + after_q.encode())
        start = time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 10:
            read_for(0.05)
        result["code"] = proc.poll()

    time_to_marker([EXE], FRAME, env=env, after=burst, record=out)
    assert result["code"] == 0
    assert b"Traceback" not in out and b"NoMatches" not in out


@pytest.mark.parametrize(
    "before, burst",
    [(b"", b"?qq"), (b"", b"iqq"), (b"jjjjjj jjjjj c", b"qq"), (b"jjjjjj jjjjj c", b"qqq")],
    ids=["help-back-quit", "issues-back-quit", "compare-back-quit", "compare-back-quit-more"],
)
def test_back_then_quit_in_one_burst_quits(env, before, burst):
    """`q` closing a screen and `q` quitting, typed together: the second `q` reaches the
    Actors screen only after the first has closed the other one, and must still quit."""
    result = {}

    def typed(write, read_for, proc, master):
        for key in before:  # one at a time, each acted on before the next
            write(bytes([key]))
            read_for(0.15)
        read_for(1.0)
        write(burst)
        start = time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 10:
            read_for(0.05)
        result["code"] = proc.poll()

    time_to_marker([EXE], FRAME, env=env, after=typed)
    assert result["code"] == 0
