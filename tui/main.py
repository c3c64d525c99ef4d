"""The `ceasefire-tui` entry point. Opening the app needs none of the command line's
machinery, so a plain launch (`ceasefire-tui [--db PATH] [--no-mouse] [--theme NAME]`)
skips importing click; anything else (a subcommand, --help) goes to the command line."""

from __future__ import annotations

import sys

from .exits import EXIT_INTERRUPTED


def main() -> None:
    try:
        from .launch import launch, parse_launch

        opts = parse_launch(sys.argv[1:])
        if opts is not None:
            launch(opts["db"], mouse=opts["mouse"], theme=opts["theme"], edit=opts["edit"])
        from .cli import run_cli

        run_cli()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
