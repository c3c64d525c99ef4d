"""`db/` is the headless core: it never imports textual or rich, and browsing skips sqlite-utils."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return {m.split(".")[0] for m in out.split()}


def test_db_imports_neither_textual_nor_rich():
    mods = imported_after(
        "import ceasefire_tui.db.load, ceasefire_tui.db.queries, ceasefire_tui.db.brief, "
        "ceasefire_tui.db.dump, ceasefire_tui.db.bundled, ceasefire_tui.db.schema")
    assert "textual" not in mods and "rich" not in mods


def test_browsing_path_does_not_import_sqlite_utils():
    mods = imported_after("import ceasefire_tui.db.queries, ceasefire_tui.db.connect")
    assert "sqlite_utils" not in mods and "yaml" not in mods
