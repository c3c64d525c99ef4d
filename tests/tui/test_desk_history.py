"""Each record shows its own edit history on its screen (issue 16, item 4): a position on
the Evidence screen, an actor in its profile, a quote on its screen; who (the login name),
when, and each field old → new, shown literally (edited text is dossier data)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ceasefire_tui.db import desk, queries
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.cli import cli
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
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


def after(text: str, head: str) -> str:
    """The line under the edit line that ends with `head` (what that edit changed)."""
    lines = text.splitlines()
    n = next(i for i, t in enumerate(lines) if t.endswith(head))
    return lines[n + 1].strip()


def a_position(db, summary: str = "Wants it") -> tuple[str, str]:
    conn = open_writer(db, create=False)
    try:
        q = queries.unsure_quotes(conn)[0]
        done = desk.add_position(
            conn,
            q.speaker,
            None,
            1,
            "demand",
            summary,
            [q.id],
            new_issue={"title": "Treaty", "question": "Sign?"},
            user="ana",
        )
        return done.changes[-1][1], q.id
    finally:
        conn.close()


async def test_a_position_edited_in_the_evidence_screen_shows_who_when_and_old_to_new(drafted):
    db, _ = drafted
    pid, _ = a_position(db)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_evidence([pid])
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        text = screen_text(app)
        assert after(text, "by ana, add-position") == "created"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await pilot.press("enter", "enter", "1", "r")  # the same issue; rejects; red line
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        text = screen_text(app)
        me = desk.who()
        assert after(text, f"by {me}, edit-position") == "stance: 1 → -2; kind: demand → red_line"
        conn = open_reader(db)
        (h, *_) = desk.history(conn, pid, kind="positions")
        conn.close()
        # when, to the minute (UTC)
        assert f"  edited {h.at[:16].replace('T', ' ')} by {me}, edit-position" in text.splitlines()
        # the newest first, the creation still shown under it
        assert text.index(", edit-position") < text.index(", add-position")


async def test_a_new_actor_made_in_the_review_queue_shows_its_creation_in_its_profile(drafted):
    db, _ = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"Ararat Mirzoyan")
        await pilot.pause()
        await pilot.press("up", "enter")  # "+ a new actor: Ararat Mirzoyan"
        await pilot.pause()
        await pilot.press("enter", "1")  # the name as typed; kind person
        await pilot.press(*"Foreign Minister")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UnsureScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        app.screen.select_actor("ararat-mirzoyan")
        await pilot.pause(app.screen.FOLLOW_DELAY + 0.2)  # the profile follows a resting cursor
        assert "Ararat Mirzoyan" in str(app.screen.query_one("#profile-head").render())
        edited = app.screen.query_one("#profile-edited")
        assert edited.display and str(edited.render()).endswith(f"by {desk.who()}: created")
        # one line, in the pane
        assert edited.size.height == 1 and edited.region.right <= 80
        app.screen.select_actor("nikol-pashinyan")  # never edited: no line
        await pilot.pause(app.screen.FOLLOW_DELAY + 0.2)
        assert not edited.display


async def test_edited_text_is_shown_literally_on_the_evidence_screen(drafted):
    """A summary with markup and terminal controls, edited in: its brackets shown as typed,
    no control character reaching the screen."""
    db, _ = drafted
    pid, _ = a_position(db)
    hostile = "[bold red]boom[/] [link=http://x]y[/link] \x1b]8;;http://evil\x07z"
    conn = open_writer(db, create=False)
    desk.edit_position(conn, pid, desk.version_of(conn, "positions", pid), summary=hostile, user="[b]eve[/b]")
    conn.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_evidence([pid])
        await pilot.pause()
        text = screen_text(app)
        line = after(text, "by [b]eve[/b], edit-position")
        assert line.startswith("summary: Wants it → [bold red]boom[/] [link=http://x]y[/link] ␛")
        assert "\x1b" not in text and "\x07" not in text
        assert "␛" in text  # the escape shown as a symbol, the rest of the line cut to fit


async def test_a_quote_screen_shows_its_review_and_edits(drafted):
    db, _ = drafted
    conn = open_writer(db, create=False)
    q = queries.unsure_quotes(conn)[0]
    desk.accept_quote(conn, q.id, desk.version_of(conn, "quotes", q.id), user="ana")
    desk.fix_quote(conn, q.id, desk.version_of(conn, "quotes", q.id), venue="a briefing", user="bo")
    conn.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(q.id)
        await pilot.pause()
        text = screen_text(app)
        assert "reviewed by ana" in text
        assert after(text, "by bo, fix") == "venue: — → a briefing"
        accepted = after(text, "by ana, accept")
        assert accepted.startswith("confidence: ") and accepted.endswith(" → —")  # who, when: its head
        assert text.index("by bo, fix") < text.index("by ana, accept")


async def test_a_quote_accepted_in_the_app_stays_reviewed_in_a_database_rebuilt_from_the_files(
    drafted, tmp_path
):
    """Issue 14 item 6 with the desk: `a` in the queue, then a NEW database loaded from the
    written-back files alone: the quote is not in its queue, and says who and when."""
    db, folder = drafted
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        accepted = app.screen.current().id
        await pilot.press("a")
        await pilot.pause()
    conn = open_reader(db)
    was = desk.reviewed(conn, accepted)
    conn.close()
    fresh = tmp_path / "fresh.sqlite"
    conn = open_writer(fresh)
    load(conn, [folder])
    conn.close()
    app = make_app(fresh)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UnsureScreen)
        assert app.screen.quotes and accepted not in app.screen.quotes
        assert "1 of 2 reviewed" in screen_text(app)
        app.open_quote(accepted)
        await pilot.pause()
        assert f"reviewed by {desk.who()} on {was.at[:16].replace('T', ' ')}" in screen_text(app)
