"""The analyst's cycle end to end, as issue 14 asks, on a multi-file dossier of real
reporting: draft a new article into the folder, load, correct and delete in the YAML,
reload (the deleted is gone and the summary says so), rename, merge, back up while the
app reads, dump, and load the dump (nothing changes)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT

MARCH = ROOT / "tests" / "data" / "march2025"
ARTICLE = ROOT / "tests" / "data" / "draft" / "real" / "dev" / "kyivindependent-2025-03-19.txt"


def test_draft_load_correct_delete_reload_rename_merge_backup_dump(tmp_path):
    folder = tmp_path / "dossier"
    shutil.copytree(MARCH, folder)
    db = tmp_path / "work.db"

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        return result.output

    run("load", str(folder))
    conn = open_reader(db)
    known = {a.id for a in queries.list_actors(conn)}
    conn.close()
    run(
        "draft", str(ARTICLE), "--published", "2025-03-19", "--outlet", "Kyiv Independent",
        "-o", str(folder / "day7.yaml"),
    )  # fmt: skip
    out = run("load", str(folder))
    assert "sources: 1 added" in out and "skipped" not in out  # README.md is not a dossier file
    conn = open_reader(db)
    drafted = sorted(a.id for a in queries.list_actors(conn) if a.id not in known)
    conn.close()
    assert "steve-witkoff" in drafted and len(drafted) >= 2, drafted  # proposed new actors

    # delete a position in the YAML and correct a summary: reloading removes and updates
    main = folder / "march2025.yaml"
    text = main.read_text("utf-8")
    start = text.index("  - id: p-m25-kremlin-rearm")
    end = text.index("  - id: p-m25-russia-black-sea")
    main.write_text(text[:start] + text[end:], "utf-8")
    out = run("load", str(folder))
    assert "positions: 0 added, 0 changed, 1 removed" in out
    conn = open_reader(db)
    assert queries.get_position(conn, "p-m25-kremlin-rearm") is None
    assert all(h.id != "p-m25-kremlin-rearm" for h in queries.search(conn, "rearm"))
    conn.close()

    # rename the drafted id, merge a second drafted name into it; files follow
    run("rename", "actor", "steve-witkoff", "witkoff")
    day7 = (folder / "day7.yaml").read_text("utf-8")
    assert "steve-witkoff" not in day7 and "witkoff" in day7
    other = next(a for a in drafted if a != "steve-witkoff")  # one drafted twice, say
    run("merge-actors", "witkoff", other)
    assert "nothing changed" in run("load", str(folder))

    # a backup while the app reads, and the dump of the database loads as a no-op
    reader = open_reader(db)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM positions").fetchone()[0]
    run("backup", str(tmp_path / "copy.db"))
    reader.execute("COMMIT")
    reader.close()
    copy = open_reader(tmp_path / "copy.db")
    assert copy.execute("SELECT count(*) FROM positions").fetchone()[0] == before
    assert queries.get_actor(copy, other) is None and queries.get_actor(copy, "witkoff")
    copy.close()
    dumped = tmp_path / "dump" / "all.yaml"
    dumped.parent.mkdir()
    dumped.write_text(run("dump", "--format", "yaml"), "utf-8")
    assert "nothing changed" in run("load", str(dumped.parent))
