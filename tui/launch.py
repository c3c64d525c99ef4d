"""The `ceasefire-tui` entry point. Opening the app needs none of the command line's
machinery, so a plain launch (`ceasefire-tui [--db PATH] [--no-mouse] [--theme NAME]`)
skips importing click; anything else (a subcommand, --help) goes to the CLI."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

EXIT_PROBLEMS = 1
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_PROBLEMS):
    from .safe import clean

    sys.stderr.write(f"error: {clean(message, oneline=True, limit=2000)}\n")
    sys.exit(code)


def parse_launch(argv: list[str], environ=os.environ) -> dict | None:
    """The options of a plain launch, or None when the arguments are for the CLI."""
    opts = {"db": environ.get("CEASEFIRE_TUI_DB") or None, "mouse": True, "theme": None}
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if arg == "--no-mouse":
            opts["mouse"] = False
        elif name in ("--db", "--theme"):
            if not eq:
                value = next(args, None)
                if value is None:
                    return None  # let click say what is missing
            opts[name[2:]] = value
        else:
            return None
    return opts


def launch(db: str | os.PathLike | None, mouse: bool = True, theme: str | None = None):
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
            from ..db.bundled import ensure_default_db

            path = ensure_default_db()
        else:
            path = Path(db)
        open_reader(path).close()  # fail here, with a message, not inside the app
    except StoreError as exc:
        fail(str(exc))
    from .app import run

    sys.exit(run(path, mouse=mouse, theme=theme))


def main() -> None:
    try:
        opts = parse_launch(sys.argv[1:])
        if opts is not None:
            launch(opts["db"], mouse=opts["mouse"], theme=opts["theme"])
        from .cli import run_cli

        run_cli()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
