"""The review desk in the app (issue 16), as a user drives it at 80x24: the review queue's
keys, the position form (one key a stance, a problem shown under its field), undo and
redo, and another process's edit seen without a restart."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import desk, queries
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.dossier import check, load, write
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.cli import cli
from ceasefire_tui.tui.screens.modals.form import FormModal
from ceasefire_tui.tui.screens.unsure import UnsureScreen
from tests.support.dossiers import ROOT
from tests.support.screens import screen_text

ARTICLE = ROOT / "tests" / "data" / "draft" / "real" / "dev" / "asiannews-reuters-2025-03-13.txt"


@pytest.fixture
def drafted(tmp_path):
    folder = tmp_path / "draft"
    folder.mkdir()
    db = tmp_path / "desk.sqlite"
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "draft", str(ARTICLE), "--published", "2025-03-13", "--outlet", "Reuters"]
        + ["-o", str(folder / "article.yaml")],
    )
    assert result.exit_code == 0, result.output
    conn = open_writer(db)
    load(conn, [folder])
    conn.close()
    return db, folder


def unchanged_by_reload(db, folder) -> bool:
    conn = open_writer(db, create=False)
    try:
        d = check([folder], conn)
        assert not d.problems, d.problems
        return all(t == (0, 0, 0) for t in write(conn, d).values())
    finally:
        conn.close()


def read(db):
    return open_reader(db)


async def test_review_queue_accept_reassign_undo_redo(drafted):
    db, folder = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UnsureScreen)
        assert "0 of 2 reviewed" in screen_text(app)
        assert not app.store.writable  # read-only until the first edit
        first = app.screen.current().id
        await pilot.press("a")
        await pilot.pause()
        assert app.store.writable
        assert "1 of 2 reviewed" in screen_text(app)
        second = app.screen.current().id
        assert second != first
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"pashinyan")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "2 of 2 reviewed" in screen_text(app)
        conn = read(db)
        assert queries.get_quote(conn, second).speaker == "nikol-pashinyan"
        assert desk.reviewed(conn, first).verb == "accept"
        conn.close()
        await pilot.press("ctrl+z")
        await pilot.pause()
        conn = read(db)
        assert queries.get_quote(conn, second).speaker != "nikol-pashinyan"
        assert second in [q.id for q in queries.unsure_quotes(conn)]
        conn.close()
        await pilot.press("ctrl+y")
        await pilot.pause()
        conn = read(db)
        assert queries.get_quote(conn, second).speaker == "nikol-pashinyan"
        conn.close()
    assert unchanged_by_reload(db, folder)


async def test_reassign_to_a_new_actor_and_reject(drafted):
    db, folder = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        target = app.screen.current().id
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"Ararat Mirzoyan")
        await pilot.pause()
        await pilot.press("up", "enter")  # "+ a new actor: Ararat Mirzoyan"
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await pilot.press("enter", "1")  # the name as typed; kind person
        await pilot.press(*"Foreign Minister")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UnsureScreen)
        conn = read(db)
        q = queries.get_quote(conn, target)
        assert (q.speaker_name, q.speaker_role) == ("Ararat Mirzoyan", "Foreign Minister")
        conn.close()
        nxt = app.screen.current().id
        await pilot.press("n")
        await pilot.pause()
        conn = read(db)
        assert queries.get_quote(conn, nxt) is None
        conn.close()
    assert unchanged_by_reload(db, folder)


async def test_code_a_position_from_a_quote_with_a_new_issue_and_a_bad_date(drafted):
    db, folder = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        quote = app.screen.current()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        form = app.screen
        await pilot.press("enter")  # the speaker
        await pilot.press(*"Peace treaty", "enter")
        await pilot.press(*"Should the peace treaty be signed now?", "enter")
        await pilot.press("5", "d")  # insists; demand
        await pilot.press("enter")  # the summary as prefilled
        form.query_one("#form-as_of").value = "2025-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        assert "Date: '2025-02-30' is not a real date" in screen_text(app)
        form.query_one("#form-as_of").value = quote.date
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UnsureScreen)
    conn = read(db)
    (p,) = queries.issue_positions(conn, "peace-treaty")
    assert (p.stance, p.kind, p.actor, list(p.evidence)) == (2, "demand", quote.speaker, [quote.id])
    conn.close()
    assert "Should the peace treaty be signed now?" in (folder / "article.yaml").read_text("utf-8")
    assert unchanged_by_reload(db, folder)


async def test_another_process_edit_is_seen_without_a_restart(drafted):
    db, _ = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert "0 of 2 reviewed" in screen_text(app)
        other = open_writer(db, create=False)  # another analyst, another connection
        qid = app.screen.current().id
        desk.accept_quote(other, qid, desk.version_of(other, "quotes", qid), user="ben")
        other.close()
        for _ in range(50):  # the app polls PRAGMA data_version once a second
            await pilot.pause(0.1)
            if "1 of 2 reviewed" in screen_text(app):
                break
        assert "1 of 2 reviewed" in screen_text(app)


async def test_an_edit_of_a_quote_changed_meanwhile_is_refused_with_both_versions(drafted):
    db, _ = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        q = app.screen.current()
        await pilot.press("v")  # the form reads the version now
        await pilot.pause()
        other = open_writer(db, create=False)
        desk.fix_quote(other, q.id, None, venue="a press conference", user="ben")
        other.close()
        app.screen.query_one("#form-venue").value = "a statement"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = " ".join(n.message for n in app._notifications)
        assert "changed by someone else" in shown and "a press conference" in shown and "a statement" in shown
    conn = read(db)
    assert queries.get_quote(conn, q.id).venue == "a press conference"
    conn.close()


async def test_a_passage_selected_in_the_source_becomes_a_quote_and_a_position(drafted):
    from ceasefire_tui.tui.screens.source import SourceArea, SourceScreen

    db, folder = drafted
    conn = read(db)
    q = queries.unsure_quotes(conn)[0]
    conn.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(q.id)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        area = app.screen.query_one(SourceArea)
        await pilot.press("home", "v", "ctrl+right", "ctrl+right", "ctrl+right")
        await pilot.pause()
        span = app.screen.selected_span()
        assert span is not None
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"pashinyan", "enter")  # the speaker
        await pilot.pause()
        await pilot.press("r", "ctrl+s")  # reported; the source's date
        await pilot.pause()
        assert isinstance(app.screen, FormModal)  # the position form for the new quote
        await pilot.press("enter", *"Peace treaty", "enter", *"Should it be signed?", "enter", "4", "o")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and not area.selecting
    conn = read(db)
    src = queries.get_source(conn, q.source).text
    (p,) = queries.issue_positions(conn, "peace-treaty")
    made = queries.get_quote(conn, p.evidence[0])
    assert (made.start, made.end) == span and made.text == src[span[0] : span[1]]
    assert (made.speaker, made.kind, p.stance, p.kind) == ("nikol-pashinyan", "reported", 1, "offer")
    conn.close()
    assert unchanged_by_reload(db, folder)


async def test_edit_and_delete_a_position_from_the_quote_screen(drafted):
    db, folder = drafted
    conn = open_writer(db, create=False)
    q = queries.unsure_quotes(conn)[0]
    done = desk.add_position(
        conn,
        q.speaker,
        None,
        1,
        "demand",
        "Wants it",
        [q.id],
        new_issue={"title": "Treaty", "question": "Sign?"},
    )
    pid = done.changes[-1][1]
    conn.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(q.id)
        await pilot.pause()
        await pilot.press("tab")  # the positions it backs
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await pilot.press("enter", "enter", "1", "r")  # the same issue; rejects; red line
        await pilot.press("ctrl+s")
        await pilot.pause()
        conn = read(db)
        p = queries.get_position(conn, pid)
        assert (p.stance, p.kind) == (-2, "red_line")
        conn.close()
        assert "rejects" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        conn = read(db)
        assert queries.get_position(conn, pid) is None
        conn.close()
        await pilot.press("ctrl+z")  # and back
        await pilot.pause()
        conn = read(db)
        assert queries.get_position(conn, pid).stance == -2
        conn.close()
    assert unchanged_by_reload(db, folder)


async def test_a_form_typed_in_one_burst_fills_each_field_in_turn(drafted):
    """Over SSH a whole line of typing arrives at once: enter moves on within the key, and
    the keys queued to a field it has left go on to the next one."""
    from textual import events

    db, _ = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        keys = ["enter", *"Peace treaty", "enter", *"Sign it?", "enter", "5", "o"]
        for k in keys:
            app.post_message(events.Key(k, None if k == "enter" else k))
        await pilot.pause()
        values = form.values()
        assert (values["issue"], values["question"], values["stance"], values["kind"]) == (
            "Peace treaty",
            "Sign it?",
            2,
            "offer",
        )


async def test_plus_adds_a_quote_to_a_positions_evidence(drafted):
    db, folder = drafted
    conn = open_writer(db, create=False)
    first, second = [q for q in queries.unsure_quotes(conn)][:2]
    desk.reassign_speaker(conn, second.id, None, speaker=first.speaker)
    done = desk.add_position(
        conn,
        first.speaker,
        None,
        1,
        "demand",
        "Wants it",
        [first.id],
        new_issue={"title": "T", "question": "Q?"},
    )
    pid = done.changes[-1][1]
    conn.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(second.id)
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    conn = read(db)
    assert list(queries.get_position(conn, pid).evidence) == [first.id, second.id]
    conn.close()
    assert unchanged_by_reload(db, folder)
