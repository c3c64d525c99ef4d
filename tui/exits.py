"""How a command ends badly: its exit statuses, and the one line on stderr that says why."""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_PROBLEMS = 1
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_PROBLEMS) -> NoReturn:
    """Print `error: MESSAGE` (cleaned: it may quote a dossier or a database) and exit."""
    from .render.safe import clean

    sys.stderr.write(f"error: {clean(message, oneline=True, limit=2000)}\n")
    sys.exit(code)
