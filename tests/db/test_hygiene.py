"""`db/` is the headless core: it never imports textual or rich, and browsing skips sqlite-utils."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str, whole: bool = False) -> set[str]:
    """The top-level packages imported by `code` (every module name with `whole`)."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split()) if whole else {m.split(".")[0] for m in out.split()}


def test_db_imports_neither_textual_nor_rich():
    mods = imported_after(
        "import ceasefire_tui.db.dossier, ceasefire_tui.db.queries, ceasefire_tui.db.brief, "
        "ceasefire_tui.db.dump, ceasefire_tui.db.bundled, ceasefire_tui.db.schema")
    assert "textual" not in mods and "rich" not in mods


def test_browsing_path_does_not_import_sqlite_utils():
    mods = imported_after("import ceasefire_tui.db.queries, ceasefire_tui.db.connect")
    assert "sqlite_utils" not in mods and "yaml" not in mods


def test_first_screen_imports_only_what_it_shows():
    """Start-up pays only for the first screen: no command line, loader or table widget
    (Compare's), no importlib.resources (it brings zipfile)."""
    mods = imported_after(
        "import ceasefire_tui.tui.main, ceasefire_tui.tui.launch, ceasefire_tui.tui.app, ceasefire_tui.db.bundled, "
        "ceasefire_tui.tui.screens.actors, ceasefire_tui.tui.terminal\n"
        "from ceasefire_tui.db.bundled import bundled_dossier; bundled_dossier()", whole=True)
    assert "ceasefire_tui.tui.screens.actors" in mods
    for unwanted in ("click", "sqlite_utils", "yaml", "textual.widgets._data_table",
                     "importlib.resources", "ceasefire_tui.db.dossier",
                     "ceasefire_tui.tui.screens.compare"):
        assert unwanted not in mods, f"{unwanted} is imported on the way to the first screen"


def test_every_package_folder_is_installed():
    """`pip install .` installs only the packages pyproject.toml lists: a new sub-package
    left out works in an editable install and is missing from a real one."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = {folder: name for name, folder in config["package-dir"].items()}
    assert set(config["packages"]) == set(listed.values())
    for top in ("db", "tui", "fixtures"):
        for init in (root / top).rglob("__init__.py"):
            folder = init.parent.relative_to(root).as_posix()
            assert folder in listed, f"{folder} is a package but pyproject.toml does not install it"
