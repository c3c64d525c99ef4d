"""A load makes the database hold exactly what the dossier holds (issue 14): what the
dossier no longer has is removed, an id two dossiers define is refused, a removal that
would break a stored reference is refused, and `--dry-run` says all of it and writes
nothing. A folder's files are chosen by its manifest or the naming rule, and the files
skipped are listed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.dossier import DossierError, check, load, write
from ceasefire_tui.db.dump import records, to_json
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import snapshot

BASE = """\
sources:
  - id: src
    title: A report
    outlet: Wire
    published: 2025-03-17
    text: "Alpha said: Peace now. Beta said no. Gamma wants talks."
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: person, parent: alpha}
issues:
  - {id: peace, title: Peace, question: Should there be peace?}
"""
DAY = """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Peace now.", issues: [peace]}
  - {id: q2, source: src, speaker: beta, kind: direct, text: "Beta said no.", issues: [peace]}
positions:
  - {id: p1, actor: alpha, issue: peace, stance: 2, kind: demand, summary: Wants peace, evidence: [q1]}
  - {id: p2, actor: beta, issue: peace, stance: -1, kind: condition, summary: Says no, evidence: [q2]}
"""


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "dossier"
    d.mkdir()
    (d / "base.yaml").write_text(BASE, "utf-8")
    (d / "day1.yaml").write_text(DAY, "utf-8")
    return d


@pytest.fixture
def conn(tmp_path, folder):
    c = open_writer(tmp_path / "db.sqlite")
    load(c, [folder])
    yield c
    c.close()


def _another_dossier_citing_q2(conn, tmp_path):
    """A second dossier, loaded: Beta's position p9, whose evidence is the folder's q2."""
    later = tmp_path / "later.yaml"
    later.write_text(
        "positions:\n  - {id: p9, actor: beta, issue: peace, stance: 1, kind: offer, "
        "summary: Relents, evidence: [q2]}\n",
        "utf-8",
    )
    load(conn, [later])
    return later


def ids(conn, table):
    return {r[0] for r in conn.execute(f"SELECT id FROM {table}")}


def test_a_record_deleted_from_the_file_is_gone_after_reloading_with_its_links(conn, folder):
    day = folder / "day1.yaml"
    day.write_text(DAY.replace(DAY.splitlines()[-1] + "\n", ""), "utf-8")  # p2 deleted
    d = check([folder], conn)
    tally = write(conn, d)
    assert ids(conn, "positions") == {"p1"}
    assert tally["positions"].removed == 1 and tally["positions"].changed == 0
    assert conn.execute("SELECT count(*) FROM position_evidence WHERE position = 'p2'").fetchone()[0] == 0
    assert all(h.id != "p2" for h in queries.search(conn, "says"))
    assert all(p.id != "p2" for p in queries.issue_positions(conn, "peace"))
    assert "p2" not in json.dumps(records(conn))
    # and the rollups: Beta's column no longer reads -1
    assert queries.get_actor(conn, "beta").position_count == 0


def test_a_renamed_id_replaces_the_old_one(conn, folder):
    (folder / "day1.yaml").write_text(DAY.replace("id: p1,", "id: p-alpha-peace,"), "utf-8")
    tally = write(conn, check([folder], conn))
    assert ids(conn, "positions") == {"p-alpha-peace", "p2"}
    assert (tally["positions"].added, tally["positions"].removed) == (1, 1)


def test_reloading_the_same_dossier_changes_nothing_and_an_edit_counts_as_changed(conn, folder):
    tally = write(conn, check([folder], conn))
    assert all(t == (0, 0, 0) for t in tally.values())
    (folder / "day1.yaml").write_text(DAY.replace("issues: [peace]}\n  - {id: q2", "}\n  - {id: q2"), "utf-8")
    tally = write(conn, check([folder], conn))
    assert tally["quotes"] == (0, 1, 0)  # q1 lost its issue tag: a changed list field


def test_dry_run_reports_the_load_and_writes_nothing(conn, folder):
    (folder / "day1.yaml").write_text(DAY.replace("stance: 2", "stance: 1"), "utf-8")
    (folder / "base.yaml").write_text(BASE + "  - {id: truce, title: Truce, question: A truce?}\n", "utf-8")
    before = snapshot(conn)
    tally = write(conn, check([folder], conn), dry_run=True)
    assert tally["positions"].changed == 1 and tally["issues"].added == 1
    assert snapshot(conn) == before


def test_an_id_another_dossier_defines_is_refused_naming_both_files(conn, tmp_path, folder):
    other = tmp_path / "elsewhere.yaml"
    other.write_text(
        "positions:\n  - {id: p1, actor: alpha, issue: peace, stance: -2, kind: red_line, "
        "summary: Hijack, evidence: [q1]}\n",
        "utf-8",
    )
    before = snapshot(conn)
    d = check([other], conn)
    (problem,) = d.problems
    assert str(other) in str(problem) and str((folder / "day1.yaml").resolve()) in str(problem)
    with pytest.raises(DossierError):
        write(conn, d)
    assert snapshot(conn) == before


def test_a_removal_that_would_leave_another_dossiers_record_dangling_is_refused(conn, tmp_path, folder):
    later = _another_dossier_citing_q2(conn, tmp_path)
    (folder / "day1.yaml").write_text(DAY.split("  - {id: q2")[0] + "positions: []\n", "utf-8")
    before = snapshot(conn)
    d = check([folder], conn)
    located = [str(p) for p in d.problems]
    assert any(
        str(later.resolve()) in p and "positions (p9).evidence" in p and "'q2'" in p for p in located
    ), located
    with pytest.raises(DossierError):
        write(conn, d)
    assert snapshot(conn) == before


def test_loading_one_file_of_a_folder_dossier_keeps_the_others_records(conn, folder):
    (folder / "base.yaml").write_text(BASE.replace("title: A report", "title: The report"), "utf-8")
    tally = write(conn, check([folder / "base.yaml"], conn))
    assert tally["sources"] == (0, 1, 0)
    assert ids(conn, "positions") == {"p1", "p2"} and ids(conn, "quotes") == {"q1", "q2"}


def test_a_file_that_cannot_be_read_removes_nothing(conn, folder):
    (folder / "day1.yaml").write_text("quotes: [\n", "utf-8")
    d = check([folder], conn)
    assert d.problems and not any(d.removed.values())
    assert all("removes" not in str(p) for p in d.problems)


def test_a_dump_of_a_synced_database_loads_to_the_same_records(conn, folder, tmp_path):
    (folder / "day1.yaml").write_text(DAY.replace("stance: 2", "stance: 1"), "utf-8")
    load(conn, [folder])
    dumped = tmp_path / "dump" / "all.json"
    dumped.parent.mkdir()
    dumped.write_text(to_json(records(conn)), "utf-8")
    fresh = open_writer(tmp_path / "fresh.sqlite")
    try:
        load(fresh, [dumped.parent])
        assert json.dumps(records(fresh)) == json.dumps(records(conn))
        again = write(fresh, check([dumped.parent], fresh))
        assert all(t == (0, 0, 0) for t in again.values())
    finally:
        fresh.close()


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_cli_prints_what_a_load_changed_and_dry_run_writes_nothing(tmp_path, folder):
    db = tmp_path / "cli.db"
    first = run(db, "load", str(folder))
    assert first.exit_code == 0 and "positions: 2 added, 0 changed, 0 removed" in first.output
    (folder / "day1.yaml").write_text(DAY.replace(DAY.splitlines()[-1] + "\n", ""), "utf-8")
    dry = run(db, "load", "--dry-run", str(folder))
    assert dry.exit_code == 0, dry.output
    assert "positions: 0 added, 0 changed, 1 removed" in dry.output and "nothing was written" in dry.output
    conn = open_reader(db)
    assert ids(conn, "positions") == {"p1", "p2"}
    conn.close()
    real = run(db, "load", str(folder))
    assert "positions: 0 added, 0 changed, 1 removed" in real.output
    assert "nothing changed" in run(db, "load", str(folder)).output
    # a fresh database and --dry-run: no database left behind
    assert run(tmp_path / "never.db", "load", "--dry-run", str(folder)).exit_code == 0
    assert not (tmp_path / "never.db").exists()


def test_a_folder_reads_its_dossier_files_by_name_and_lists_the_rest(tmp_path, folder):
    (folder / "day1.key.yaml").write_text("answers: [1, 2]\n", "utf-8")
    (folder / "_notes.yaml").write_text("todo: everything\n", "utf-8")
    (folder / "README.md").write_text("# notes\n", "utf-8")
    result = run(tmp_path / "n.db", "load", str(folder))
    assert result.exit_code == 0, result.output
    assert "skipped: " in result.output and "day1.key.yaml (its name has a second suffix" in result.output
    assert "_notes.yaml (its name starts with '_'" in result.output
    assert "README.md" not in result.output  # not a dossier suffix: nothing to say


def test_a_manifest_names_the_files_and_a_glob_matching_nothing_is_an_error(tmp_path, folder):
    (folder / "manifest.yaml").write_text("files: [base.yaml]\n", "utf-8")
    result = run(tmp_path / "m.db", "load", str(folder))
    assert result.exit_code == 0, result.output
    assert "day1.yaml (not in manifest.yaml)" in result.output
    conn = open_reader(tmp_path / "m.db")
    assert ids(conn, "quotes") == set()
    conn.close()
    (folder / "manifest.yaml").write_text("files: [base.yaml, 'days/*.yaml']\n", "utf-8")
    bad = run(tmp_path / "m.db", "load", str(folder))
    assert bad.exit_code == 1 and "'days/*.yaml' matches no file" in bad.output
    (folder / "manifest.yaml").write_text("files: nope\n", "utf-8")
    bad = run(tmp_path / "m.db", "load", str(folder))
    assert bad.exit_code == 1 and "expected `files:`" in bad.output


def test_the_databases_own_dump_loads_into_it_as_a_no_op(conn, tmp_path, folder):
    dumped = tmp_path / "dump.json"
    dumped.write_text(to_json(records(conn)), "utf-8")
    before = snapshot(conn)
    tally = write(conn, check([dumped], conn))
    assert all(t == (0, 0, 0) for t in tally.values())
    after = snapshot(conn)
    assert {k: v for k, v in after.items() if not k.startswith("load")} == {
        k: v for k, v in before.items() if not k.startswith("load")
    }
    # the records stay the folder's: editing and reloading it still works
    (folder / "day1.yaml").write_text(DAY.replace("stance: 2", "stance: 1"), "utf-8")
    assert write(conn, check([folder], conn))["positions"] == (0, 1, 0)


def test_a_record_moved_to_another_file_of_the_folder_follows_it(conn, folder):
    day = DAY.split("positions:\n")
    (folder / "day1.yaml").write_text(day[0], "utf-8")
    (folder / "day2.yaml").write_text("positions:\n" + day[1], "utf-8")
    assert all(t == (0, 0, 0) for t in write(conn, check([folder], conn)).values())
    # day1.yaml alone now holds only the quotes: the positions are day2's, not removed
    assert write(conn, check([folder / "day1.yaml"], conn))["positions"] == (0, 0, 0)
    assert ids(conn, "positions") == {"p1", "p2"}


def test_an_id_renamed_in_its_file_that_another_dossier_refers_to_is_refused(conn, tmp_path, folder):
    _another_dossier_citing_q2(conn, tmp_path)
    (folder / "base.yaml").write_text(BASE.replace("{id: beta,", "{id: beta-person,"), "utf-8")
    (folder / "day1.yaml").write_text(
        DAY.replace("speaker: beta", "speaker: beta-person").replace("actor: beta", "actor: beta-person"),
        "utf-8",
    )
    before = snapshot(conn)
    d = check([folder], conn)
    assert any("positions (p9).actor" in str(p) and "'beta'" in str(p) for p in d.problems), d.problems
    with pytest.raises(DossierError):
        write(conn, d)
    assert snapshot(conn) == before


def test_a_drafted_quote_confirmed_in_the_file_stays_out_of_the_review_queue(conn, folder):
    (folder / "day1.yaml").write_text(
        DAY.replace("issues: [peace]}\n  - {id: q2", "issues: [peace], confidence: medium}\n  - {id: q2"),
        "utf-8",
    )
    load(conn, [folder])
    assert [q.id for q in queries.unsure_quotes(conn)] == ["q1"]
    (folder / "day1.yaml").write_text(DAY, "utf-8")  # the analyst confirmed it: no confidence left
    load(conn, [folder])
    load(conn, [folder])
    assert queries.unsure_quotes(conn) == []
