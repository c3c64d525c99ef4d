"""The terminal the app runs in: checked before start, watched while running.

- Output that is not UTF-8 garbles every frame: refuse with a message instead.
- TERM=dumb (or unknown) and NO_COLOR: plain 16-colour attributes, never truecolor.
- When the terminal goes away (an SSH link drops) the app exits at once, even when
  SIGHUP is ignored (nohup, some session managers): Textual would otherwise spin on the
  dead terminal and hang on exit.
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
import threading
import time

#: Exit status after a hang-up (128 + SIGHUP), as shells report it.
EXIT_HANGUP = 129


def encoding_problem() -> str | None:
    """A message if the terminal output is not UTF-8, else None."""
    stream = sys.__stderr__ if sys.__stderr__ is not None else sys.__stdout__
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    if name != "utf-8":
        return (
            f"the terminal's output encoding is {encoding}, but ceasefire-tui needs UTF-8; "
            "set LANG=C.UTF-8 (or another UTF-8 locale) or PYTHONIOENCODING=utf-8"
        )
    return None


def choose_colours(environ=os.environ) -> None:
    """Set Textual's colour system for limited terminals, unless the user chose one."""
    if "TEXTUAL_COLOR_SYSTEM" in environ:
        return
    term = environ.get("TERM", "").strip().lower()
    if term in ("", "dumb", "unknown"):
        environ["TEXTUAL_COLOR_SYSTEM"] = "standard"
        environ.setdefault("NO_COLOR", "1")
    elif environ.get("NO_COLOR"):
        environ["TEXTUAL_COLOR_SYSTEM"] = "standard"


def _gone(*_args) -> None:
    # The terminal is gone: nothing can be shown and nothing is being written (browsing
    # is read-only), so leave at once rather than through Textual's writer thread.
    os._exit(EXIT_HANGUP)


def watch_for_hangup(interval: float = 0.5) -> None:
    """Exit when the controlling terminal hangs up, by signal or (if SIGHUP is ignored)
    by noticing that the terminal no longer answers."""
    try:
        signal.signal(signal.SIGHUP, _gone)
    except (ValueError, OSError):  # not the main thread, or no SIGHUP here
        pass
    stream = sys.__stdin__
    if stream is None or not stream.isatty():
        return
    import termios

    fd = stream.fileno()

    def watch() -> None:
        while True:
            time.sleep(interval)
            try:
                termios.tcgetattr(fd)
            except (termios.error, OSError):
                _gone()

    threading.Thread(target=watch, name="hangup-watch", daemon=True).start()
