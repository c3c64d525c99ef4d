"""Opening the app: the terminal and the database checked first, each fault one line; and
the options of a plain launch, told apart from a command without importing click (the
command line's `cli` group declares the same options: a test keeps them equal)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from .exits import fail

#: The options of a plain launch: the `cli` group's own (`--help` and `--version` aside).
LAUNCH_FLAGS = ("--no-mouse", "--edit")
LAUNCH_OPTIONS = ("--db", "--theme")


def parse_launch(argv: list[str], environ=os.environ) -> dict | None:
    """The options of a plain launch, or None when the arguments are for the CLI."""
    opts = {"db": environ.get("CEASEFIRE_TUI_DB") or None, "mouse": True, "theme": None, "edit": False}
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if arg == "--no-mouse":
            opts["mouse"] = False
        elif arg == "--edit":
            opts["edit"] = True
        elif name in LAUNCH_OPTIONS:
            if not eq:
                following = next(args, None)
                if following is None:
                    return None  # let click say what is missing
                value = following
            opts[name[2:]] = value
        else:
            return None
    return opts


def launch(
    db: str | os.PathLike | None,
    mouse: bool = True,
    theme: str | None = None,
    edit: bool = False,
    replay: list | None = None,
):
    """Check the terminal and the database, then run the app; exits with its status."""
    # Start-up makes tens of thousands of long-lived objects (modules, styles, widgets) and
    # almost no garbage: the cyclic collector would only walk them, again and again, before
    # the first frame (40 ms of a 270 ms start at 1M quotes). The app turns it back on half
    # a second after that frame (`CeasefireApp._resume_collector`).
    gc.disable()
    from ..db.connect import StoreError, open_reader
    from .terminal import choose_colours, encoding_problem

    problem = encoding_problem()
    if problem:
        fail(problem)
    choose_colours()
    try:
        if db is None:
            from ..db.bundled import RefreshRefused, default_db_path, ensure_default_db

            try:
                path = ensure_default_db()
            except RefreshRefused as exc:  # the database is usable as it was: say so, go on
                from .render.safe import clean

                sys.stderr.write(f"warning: {clean(str(exc), oneline=True)}\n")
                path = default_db_path()
        else:
            path = Path(db)
        open_reader(path).close()  # fail here, with a message, not inside the app
    except StoreError as exc:
        fail(str(exc))
    from .app import run

    sys.exit(run(path, mouse=mouse, theme=theme, edit=edit, replay=replay))
