"""The review desk's verbs (issue 16): each changes the database in one transaction and the
dossier file the same way, so that loading the file afterwards changes nothing; each is
validated as `load` validates; a record changed meanwhile is refused with both versions;
every edit is in the history and can be undone and redone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import desk, queries
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import check, load, write
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT

TIMED = ROOT / "fixtures" / "test" / "timed.yaml"
ARTICLE = ROOT / "tests" / "data" / "draft" / "real" / "dev" / "asiannews-reuters-2025-03-13.txt"


@pytest.fixture
def timed(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    shutil.copy(TIMED, folder / "timed.yaml")
    conn = open_writer(tmp_path / "db.sqlite")
    load(conn, [folder])
    yield conn, folder
    conn.close()


@pytest.fixture
def drafted(tmp_path):
    """A real article drafted (block records, double-quoted strings, confidence lines)."""
    folder = tmp_path / "draft"
    folder.mkdir()
    db = tmp_path / "draft.sqlite"
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "draft", str(ARTICLE), "--published", "2025-03-13", "--outlet", "Reuters"]
        + ["-o", str(folder / "article.yaml")],
    )
    assert result.exit_code == 0, result.output
    conn = open_writer(db)
    load(conn, [folder])
    yield conn, folder
    conn.close()


def unchanged_by_reload(conn, folder) -> bool:
    d = check([folder], conn)
    assert not d.problems, d.problems
    return all(t == (0, 0, 0) for t in write(conn, d).values())


def unsure(conn):
    return [q.id for q in queries.unsure_quotes(conn)]


def test_accept_drops_confidence_in_database_and_file_and_records_who(drafted):
    conn, folder = drafted
    qid = unsure(conn)[0]
    before = (folder / "article.yaml").read_text("utf-8")
    done = desk.accept_quote(conn, qid, desk.version_of(conn, "quotes", qid), user="ana")
    assert qid not in unsure(conn)
    assert "confidence" not in desk.state(conn, "quotes", qid)
    text = (folder / "article.yaml").read_text("utf-8")
    h = desk.reviewed(conn, qid)
    assert h is not None and h.who == "ana" and h.at and h.edit == done.edit
    # its confidence line out, who and when in (the file's style: double-quoted), nothing else
    gone = [line for line in before.splitlines() if line not in text.splitlines()]
    new = [line for line in text.splitlines() if line not in before.splitlines()]
    assert [line.split(":")[0] for line in gone] == ["    confidence"]
    assert new == ['    reviewed_by: "ana"', f'    reviewed_at: "{h.at}"']
    assert text.splitlines()[:4] == before.splitlines()[:4]  # the header comments stay
    assert desk.review_counts(conn) == (1, len(unsure(conn)))
    assert unchanged_by_reload(conn, folder)


def test_a_review_survives_a_database_rebuilt_from_the_files_alone(drafted, tmp_path):
    """Issue 14 item 6: a quote the analyst confirmed does not come back to the `u` queue
    after reloading, and who reviewed it and when survive, in a NEW database loaded from
    the written-back files (the first database's `edits` table is not there)."""
    conn, folder = drafted
    first, second, *rest = unsure(conn)
    desk.accept_quote(conn, first, desk.version_of(conn, "quotes", first), user="ana")
    desk.reassign_speaker(conn, second, None, speaker="nikol-pashinyan", user="bo")
    old = {q: desk.reviewed(conn, q) for q in (first, second)}
    counts = desk.review_counts(conn)
    fresh = open_writer(tmp_path / "fresh.sqlite")
    try:
        load(fresh, [folder])
        assert desk.history(fresh) == []  # nothing but the files
        assert unsure(fresh) == rest
        for q, was in old.items():
            now = desk.reviewed(fresh, q)
            assert now is not None and (now.who, now.at) == (was.who, was.at)
        assert desk.review_counts(fresh) == counts == (2, len(rest))
        assert desk.state(fresh, "quotes", first) == desk.state(conn, "quotes", first)
        assert unchanged_by_reload(fresh, folder)
    finally:
        fresh.close()


def test_undoing_an_accept_puts_the_quote_back_unreviewed(drafted):
    conn, folder = drafted
    qid = unsure(conn)[0]
    done = desk.accept_quote(conn, qid, None, user="ana")
    desk.undo(conn, done.edit, user="ana")
    assert qid in unsure(conn) and desk.reviewed(conn, qid) is None
    assert desk.review_counts(conn) == (0, len(unsure(conn)))
    assert "reviewed_" not in (folder / "article.yaml").read_text("utf-8")
    assert unchanged_by_reload(conn, folder)


def test_reassign_to_a_known_and_to_a_new_actor(drafted):
    conn, folder = drafted
    first, second = unsure(conn)[:2]
    desk.reassign_speaker(conn, first, desk.version_of(conn, "quotes", first), speaker="nikol-pashinyan")
    assert queries.get_quote(conn, first).speaker == "nikol-pashinyan"
    desk.reassign_speaker(
        conn,
        second,
        desk.version_of(conn, "quotes", second),
        new_actor={"name": "Ararat Mirzoyan", "kind": "person", "role": "Foreign Minister"},
    )
    q = queries.get_quote(conn, second)
    assert q.speaker == "ararat-mirzoyan" and q.speaker_role == "Foreign Minister" and q.confidence is None
    assert 'name: "Ararat Mirzoyan"' in (folder / "article.yaml").read_text("utf-8")
    assert unchanged_by_reload(conn, folder)


def test_reject_removes_the_quote_and_refuses_a_positions_only_evidence(timed):
    conn, folder = timed
    with pytest.raises(desk.Refused, match="only evidence of position 'p-hawk-truce'"):
        desk.reject_quote(conn, "q-hawk", None)
    assert queries.get_quote(conn, "q-hawk") is not None
    desk.add_evidence(conn, "p-hawk-truce", "q-dove", desk.version_of(conn, "positions", "p-hawk-truce"))
    desk.reject_quote(conn, "q-hawk", desk.version_of(conn, "quotes", "q-hawk"))
    assert queries.get_quote(conn, "q-hawk") is None
    assert desk.state(conn, "positions", "p-hawk-truce")["evidence"] == ["q-dove"]
    assert "q-hawk," not in (folder / "timed.yaml").read_text("utf-8")
    assert unchanged_by_reload(conn, folder)


def test_fix_venue_and_date(timed):
    conn, folder = timed
    desk.fix_quote(conn, "q-hawk", None, venue="a press conference, in Blue", said="2025-03-14")
    q = queries.get_quote(conn, "q-hawk")
    assert (q.venue, q.said, q.date) == ("a press conference, in Blue", "2025-03-14", "2025-03-14")
    assert unchanged_by_reload(conn, folder)
    desk.fix_quote(conn, "q-hawk", None, venue="", said="")
    assert queries.get_quote(conn, "q-hawk").said is None
    assert unchanged_by_reload(conn, folder)


def test_a_bad_date_or_stance_is_refused_naming_the_field_and_nothing_changes(timed):
    conn, folder = timed
    text = (folder / "timed.yaml").read_text("utf-8")
    with pytest.raises(desk.Invalid, match=r"said: '2025-02-30' is not a real date") as e:
        desk.fix_quote(conn, "q-hawk", None, said="2025-02-30")
    assert e.value.problems[0].where.path.endswith(".said")
    with pytest.raises(desk.Invalid, match=r"stance: 3 is out of range"):
        desk.add_position(conn, "dove", "truce", 3, "demand", "Wants it", ["q-dove"])
    with pytest.raises(desk.Invalid, match=r"issue: refers to issue 'nope'"):
        desk.add_position(conn, "dove", "nope", 1, "demand", "Wants it", ["q-dove"])
    with pytest.raises(desk.Invalid, match=r"evidence: is empty"):
        desk.add_position(conn, "dove", "truce", 1, "demand", "Wants it", [])
    assert (folder / "timed.yaml").read_text("utf-8") == text
    assert desk.history(conn) == []


def test_add_edit_delete_a_position_with_a_new_issue(timed):
    conn, folder = timed
    done = desk.add_position(
        conn,
        "dove",
        None,
        2,
        "demand",
        "Wants monitors: many",
        ["q-dove"],
        new_issue={"title": "Prisoner swap", "question": "Should prisoners be exchanged?"},
    )
    pid = done.changes[-1][1]
    p = queries.get_position(conn, pid)
    assert (p.issue, p.stance, p.summary) == ("prisoner-swap", 2, "Wants monitors: many")
    assert unchanged_by_reload(conn, folder)
    desk.edit_position(conn, pid, desk.version_of(conn, "positions", pid), stance=-1, as_of="2025-03-20")
    assert queries.get_position(conn, pid).stance == -1
    assert unchanged_by_reload(conn, folder)
    desk.delete_position(conn, pid, desk.version_of(conn, "positions", pid))
    assert queries.get_position(conn, pid) is None
    assert unchanged_by_reload(conn, folder)


def test_a_quote_from_a_passage_is_verbatim_by_construction(timed):
    conn, folder = timed
    src = queries.get_source(conn, "day1").text
    start = src.index("Leader predicted")
    end = start + len("Leader predicted a deal")
    done = desk.add_quote(conn, "day1", start, end, "leader", kind="reported")
    q = queries.get_quote(conn, done.changes[0][1])
    assert (q.start, q.end, q.text) == (start, end, "Leader predicted a deal")
    assert unchanged_by_reload(conn, folder)
    # words that occur twice get their occurrence
    second = src.index("Leader", src.index("Leader") + 1)
    done = desk.add_quote(conn, "day1", second, second + len("Leader"), "leader", qid="q-leader-word")
    assert desk.state(conn, "quotes", "q-leader-word")["occurrence"] == 2
    assert queries.get_quote(conn, "q-leader-word").start == second
    assert unchanged_by_reload(conn, folder)


def test_an_edit_of_a_record_changed_meanwhile_is_refused_with_both_versions(timed):
    conn, folder = timed
    seen = desk.version_of(conn, "quotes", "q-hawk")
    desk.fix_quote(conn, "q-hawk", seen, venue="on the radio")  # someone else
    text = (folder / "timed.yaml").read_text("utf-8")
    with pytest.raises(desk.Conflict) as e:
        desk.fix_quote(conn, "q-hawk", seen, venue="on television")
    assert "venue: on the radio" in str(e.value) and "venue: on television" in str(e.value)
    assert queries.get_quote(conn, "q-hawk").venue == "on the radio"
    assert (folder / "timed.yaml").read_text("utf-8") == text


def test_undo_and_redo_each_leave_files_and_database_in_step(timed):
    conn, folder = timed
    original = (folder / "timed.yaml").read_text("utf-8")
    done = desk.reassign_speaker(
        conn, "q-hawk", None, new_actor={"name": "Hal Jr", "kind": "person", "parent": "blue"}
    )
    assert queries.get_quote(conn, "q-hawk").speaker == "hal-jr"
    desk.undo(conn, done.edit)
    assert queries.get_quote(conn, "q-hawk").speaker == "hawk"
    assert queries.get_actor(conn, "hal-jr") is None
    assert (folder / "timed.yaml").read_text("utf-8") == original
    assert unchanged_by_reload(conn, folder)
    desk.redo(conn, done.edit)
    assert queries.get_quote(conn, "q-hawk").speaker == "hal-jr"
    assert unchanged_by_reload(conn, folder)
    verbs = [h.verb for h in desk.history(conn, "q-hawk")]
    assert verbs == ["redo", "undo", "reassign"]


def test_undo_of_a_record_changed_since_is_refused(timed):
    conn, _ = timed
    done = desk.fix_quote(conn, "q-hawk", None, venue="one")
    desk.fix_quote(conn, "q-hawk", None, venue="two")
    with pytest.raises(desk.Conflict, match="venue: two"):
        desk.undo(conn, done.edit)


def test_history_cli(timed, tmp_path):
    conn, _ = timed
    desk.fix_quote(conn, "q-hawk", None, venue="on the radio", user="ana")
    db = str(tmp_path / "db.sqlite")
    result = CliRunner().invoke(cli, ["--db", db, "history", "q-hawk"])
    assert result.exit_code == 0, result.output
    assert "ana" in result.output and "fix" in result.output and "venue: — -> on the radio" in result.output
    result = CliRunner().invoke(cli, ["--db", db, "history", "nothing-here"])
    assert result.exit_code == 0 and "no edits" in result.output


WORKER = textwrap.dedent(
    """
    import sys
    from ceasefire_tui.db import desk
    from ceasefire_tui.db.connect import open_writer
    conn = open_writer(sys.argv[1], create=False)
    import itertools
    for i in (range(int(sys.argv[3])) if sys.argv[3] != "0" else itertools.count()):
        desk.add_position(conn, "dove", "truce", 1, "demand", f"{sys.argv[2]} {i}", ["q-dove"],
                          pid=f"p-{sys.argv[2]}-{i}")
    """
)


def test_two_processes_editing_one_database_and_file_at_once_lose_nothing(timed, tmp_path):
    conn, folder = timed
    db = str(tmp_path / "db.sqlite")
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, db, name, "15"], cwd=ROOT) for name in ("ana", "ben")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ids = {p.id for p in queries.issue_positions(conn, "truce", limit=1000)}
    assert {f"p-{n}-{i}" for n in ("ana", "ben") for i in range(15)} <= ids
    text = (folder / "timed.yaml").read_text("utf-8")
    assert all(f"p-{n}-{i}," in text for n in ("ana", "ben") for i in range(15))
    assert unchanged_by_reload(conn, folder)


def test_kill_9_mid_edits_loses_at_most_the_edit_in_flight(timed, tmp_path):
    """A process making edits one after another, killed with SIGKILL: the database is
    whole, and the file holds every edit the database does but at most the last."""
    import os
    import signal
    import sqlite3

    conn, folder = timed
    db = str(tmp_path / "db.sqlite")
    proc = subprocess.Popen(
        [sys.executable, "-u", "-c", WORKER, db, "k", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    wanted = 8
    while True:  # let it make a few edits, then kill it wherever it is
        n = conn.execute("SELECT count(*) FROM positions WHERE id LIKE 'p-k-%'").fetchone()[0]
        if n >= wanted or proc.poll() is not None:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    check_conn = sqlite3.connect(db)
    assert check_conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {r[0] for r in check_conn.execute("SELECT id FROM positions WHERE id LIKE 'p-k-%'")}
    check_conn.close()
    text = (folder / "timed.yaml").read_text("utf-8")
    written = {pid for pid in stored if f"{{id: {pid}," in text}
    assert len(stored) >= wanted and len(stored - written) <= 1
    assert not [
        ln for ln in text.splitlines() if "p-k-" in ln and ln.split("id: ")[1].split(",")[0] not in stored
    ]
    d = check([folder], conn)  # and a load of the file is whole: the database follows it
    assert not d.problems
    write(conn, d)
