"""`db/` is the headless core: it never imports textual or rich, and browsing skips sqlite-utils."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def imported_after(code: str, whole: bool = False) -> set[str]:
    """The top-level packages imported by `code` (every module name with `whole`)."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split()) if whole else {m.split(".")[0] for m in out.split()}


def test_db_imports_neither_textual_nor_rich():
    mods = imported_after(
        "import ceasefire_tui.db.dossier, ceasefire_tui.db.queries, ceasefire_tui.db.brief, "
        "ceasefire_tui.db.dump, ceasefire_tui.db.bundled, ceasefire_tui.db.schema"
    )
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
        "from ceasefire_tui.db.bundled import bundled_dossier; bundled_dossier()",
        whole=True,
    )
    assert "ceasefire_tui.tui.screens.actors" in mods
    for unwanted in (
        "click",
        "sqlite_utils",
        "yaml",
        "textual.widgets._data_table",
        "importlib.resources",
        "ceasefire_tui.db.dossier",
        "ceasefire_tui.tui.screens.compare",
    ):
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


def _imports_of_every_module() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, anywhere in it
    (a lazy import inside a function counts: it is still a dependency; one under
    `if TYPE_CHECKING:` does not: it never runs, so it cannot decide what loads first)."""
    import ast
    import tomllib

    from tests.support.dossiers import ROOT

    folders = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    modules: dict[str, Path] = {}
    for package, folder in folders.items():
        for path in (ROOT / folder).glob("*.py"):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.stem == "__init__" else name.rpartition(".")[0]
        found = set()
        tree = ast.parse(path.read_text())
        type_only = {
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.If)
            and isinstance(block.test, ast.Name)
            and block.test.id == "TYPE_CHECKING"
            for child in block.body
            for n in ast.walk(child)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = (
                    (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
                )
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_no_import_cycles():
    """Two modules that import each other (even lazily) are one job split badly: which
    loads first decides what works."""
    graph = _imports_of_every_module()
    assert len(graph) > 40  # every module was found
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    # a package's __init__ re-exporting its modules is not a cycle of jobs
    cycles = [c for c in cycles if not any(c[i + 1].startswith(c[i] + ".") for i in range(len(c) - 1))]
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)
