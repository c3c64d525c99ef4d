"""Smaller promises: citations to the clipboard, themes remembered, faults on screen,
every key described."""

from __future__ import annotations

import base64
import inspect
import sqlite3

import pytest
from textual.binding import Binding

import ceasefire_tui.tui.screens as screens_pkg
from ceasefire_tui.db import queries
from ceasefire_tui.tui.app import CeasefireApp, make_app
from ceasefire_tui.tui.clipboard import can_copy, osc52_sequences
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.modals.citation import CitationModal
from ceasefire_tui.tui.screens.modals.error import ErrorScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen


def test_osc52_plain_and_through_tmux():
    (plain,), how = osc52_sequences("hé", env={"TERM": "xterm"})
    assert plain == "\x1b]52;c;" + base64.b64encode("hé".encode()).decode() + "\x07"
    assert how == "OSC 52"
    seqs, how = osc52_sequences("x", env={"TMUX": "/tmp/tmux-0/default,1,0"})
    assert how == "OSC 52 through tmux"
    assert seqs[1].startswith("\x1bPtmux;\x1b\x1b]52;c;") and seqs[1].endswith("\x1b\\")
    assert not can_copy({"TERM": "dumb"}) and can_copy({"TERM": "xterm-256color"})


async def test_y_copies_a_full_citation(app):
    async with app.run_test(size=(80, 24)) as pilot:
        written: list[str] = []
        app._driver.write = written.append
        hit = queries.search(app.store.conn, "unyielding security guarantees")[0]
        app.open_quote(hit.quote_id)
        await pilot.pause()
        await pilot.press("y")
        copies = [w for w in written if w.startswith("\x1b]52;c;")]
        assert copies
        text = base64.b64decode(copies[0][7:-1]).decode()
        for part in ("We will insist", "Alexander Grushko", "Deputy Foreign Minister", "Izvestia", "Reuters"):
            assert part in text
        await pilot.press("Y")
        assert isinstance(app.screen, CitationModal)
        await pilot.press("escape")
        assert isinstance(app.screen, QuoteScreen)


async def test_citation_shown_where_the_clipboard_cannot_work(app, monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(queries.search(app.store.conn, "ironclad")[0].quote_id)
        await pilot.pause()
        await pilot.press("y")
        assert isinstance(app.screen, CitationModal)
        assert "cannot take a clipboard sequence" in str(app.screen.query_one("#citation-note").render())


async def test_theme_is_remembered(seed_db_path):
    app = make_app(seed_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "ansi-light"
        await pilot.pause()
    again = make_app(seed_db_path)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "ansi-light"
    forced = make_app(seed_db_path, theme="ansi-dark")
    async with forced.run_test(size=(80, 24)):
        assert forced.theme == "ansi-dark"
    # --theme was for that run only: the next plain run opens in the remembered theme
    plain = make_app(seed_db_path)
    async with plain.run_test(size=(80, 24)):
        assert plain.theme == "ansi-light"


async def test_database_fault_shows_an_error_screen(app, monkeypatch):
    def broken(conn):
        raise sqlite3.DatabaseError("database disk image is malformed")

    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(queries, "list_sides", broken)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "corrupt" in str(app.screen.query("Static")[1].render())
        await pilot.press("escape")
        assert app.is_running


async def test_database_fault_in_a_timer_shows_the_error_screen(app, monkeypatch):
    """The profile follows the cursor from a timer: a fault there, too, is the error
    screen, not the end of the app with a traceback."""

    def broken(conn, actor_id):
        raise sqlite3.OperationalError("disk I/O error")

    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(queries, "get_actor", broken)
        await pilot.press("j")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ErrorScreen)
        assert "disk" in str(app.screen.query("Static")[1].render())
        await pilot.press("escape")
        assert app.is_running and isinstance(app.screen, ActorsScreen)


async def test_database_fault_after_a_refresh_shows_the_error_screen(app, monkeypatch):
    def broken():
        raise sqlite3.OperationalError("disk I/O error")

    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.call_after_refresh(broken)
        app.set_timer(0.01, broken)
        await pilot.pause(0.2)
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("escape")
        assert app.is_running


def all_bindings():
    import importlib
    import pkgutil

    classes = [CeasefireApp]
    for info in pkgutil.walk_packages(screens_pkg.__path__, f"{screens_pkg.__name__}."):
        module = importlib.import_module(info.name)
        classes += [
            c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__
        ]
    for cls in classes:
        for b in cls.__dict__.get("BINDINGS", []):
            yield cls.__name__, b


@pytest.mark.parametrize(
    "owner,binding", list(all_bindings()), ids=lambda x: x if isinstance(x, str) else x.key
)
def test_every_binding_is_described(owner, binding):
    assert isinstance(binding, Binding)
    assert binding.description, f"{owner}: {binding.key} has no description"


async def test_drafted_quotes_to_review_are_easy_to_find(tmp_path):
    """A loaded draft: the Actors title says how many quotes to review, u lists them (low
    first), and the quotes carry a visible mark."""
    from click.testing import CliRunner

    from ceasefire_tui.db.bundled import bundled_dossier
    from ceasefire_tui.tui.cli import cli
    from ceasefire_tui.tui.screens.unsure import UnsureScreen
    from tests.support.screens import screen_text

    db = str(tmp_path / "d.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "load", str(bundled_dossier())]).exit_code == 0
    article = tmp_path / "a.txt"
    article.write_text("“Not yet,” Putin said.\n“Nothing is agreed.”\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    assert (
        runner.invoke(
            cli, ["--db", db, "draft", str(article), "--published", "2025-03-17", "-o", str(draft)]
        ).exit_code
        == 0
    )
    assert runner.invoke(cli, ["--db", db, "load", str(draft)]).exit_code == 0
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "drafted quotes to review: u" in screen_text(app)
        await pilot.press("u")
        assert isinstance(app.screen, UnsureScreen)
        text = screen_text(app)
        # the continuation paragraph is unsure (medium); the said-last quote is not
        assert "? medium confidence" in text and "Nothing is agreed." in text
        assert "Not yet" not in text


async def test_unsure_quotes_are_read_a_page_at_a_time(tmp_path):
    """A large draft has tens of thousands of quotes to review: the list reads a page, then
    the next as the cursor nears its end, low confidence first."""
    import json

    from textual.widgets import OptionList

    from ceasefire_tui.tui.screens.unsure import UnsureScreen
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE
    from tests.support.dossiers import build_db

    n = TABLE_PAGE * 2 + 10
    sentences = [f"Speaker said thing {i} today." for i in range(n)]
    dossier = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "\n".join(sentences)}
        ],
        "actors": [{"id": "x", "name": "Speaker", "kind": "person"}],
        "quotes": [
            {
                "id": f"q{i:03d}",
                "source": "s",
                "speaker": "x",
                "kind": "reported",
                "text": t,
                "confidence": "medium" if i % 2 else "low",
            }
            for i, t in enumerate(sentences)
        ],
    }
    (tmp_path / "d.json").write_text(json.dumps(dossier), encoding="utf-8")
    app = make_app(build_db(tmp_path / "d.db", tmp_path / "d.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, UnsureScreen)
        lst = app.screen.query_one(OptionList)
        assert lst.option_count == TABLE_PAGE
        first = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert all("low confidence" in t for t in first)  # 35 low ones come first
        for _ in range(3):
            await pilot.press("G")
        assert lst.option_count == n
        assert "medium confidence" in str(lst.get_option_at_index(n - 1).prompt)
        await pilot.press("enter")
        assert type(app.screen).__name__ == "QuoteScreen"


@pytest.mark.parametrize(
    "start, end", [(0, 40), (5_000, 5_040), (99_960, 100_000), (10, 90_000), (30_000, 30_001)]
)
def test_source_window_holds_the_quote_and_no_more_than_its_size(start, end):
    from ceasefire_tui.tui.screens.source import source_window

    text = ("word " * 20_000)[:100_000]
    lo, hi = source_window(text, start, end, size=10_000)
    assert lo <= start and end <= hi
    assert hi - lo <= max(10_000, end - start)
    assert hi - lo >= min(9_000, len(text))  # a window, not a sliver
    assert lo == 0 or text[lo - 1] == " "  # cut at a space
    assert source_window("short", 1, 3, size=10_000) == (0, 5)


async def test_a_huge_one_line_source_is_shown_as_a_window_around_the_quote(tmp_path):
    """A 9.9M-character line froze the UI for 23 s on leaving the source view: the view
    holds a window around the quote, and says so."""
    import json

    from ceasefire_tui.tui.screens.source import SOURCE_WINDOW, SourceScreen
    from tests.support.dossiers import build_db

    words = [f"w{n}" for n in range(700_000)]
    quote = "the ceasefire begins at dawn"
    mid = len(words) // 2
    text = " ".join(words[:mid] + [quote] + words[mid:])
    dossier = tmp_path / "big.json"
    dossier.write_text(
        json.dumps(
            {
                "sources": [
                    {"id": "s", "title": "T", "outlet": "O", "published": "2025-03-01", "text": text}
                ],
                "actors": [{"id": "a", "name": "A", "kind": "person"}],
                "quotes": [{"id": "q", "source": "s", "speaker": "a", "kind": "direct", "text": quote}],
            }
        ),
        encoding="utf-8",
    )
    app = make_app(build_db(tmp_path / "big.db", dossier))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote("q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        area = app.screen.query_one("TextArea")
        assert len(area.text) <= SOURCE_WINDOW < len(text)
        assert area.selected_text == quote
        meta = str(app.screen.query_one("#source-meta").render())
        assert f"of {len(text):,}" in meta
        await pilot.press("escape")
        assert isinstance(app.screen, QuoteScreen)


async def test_the_quote_screen_shows_a_reported_quote_as_the_outlets_words(app):
    from ceasefire_tui.tui.render.prompts import quote_prompt
    from tests.support.screens import screen_text

    async with app.run_test(size=(100, 30)) as pilot:
        app.open_quote("q-bullet-russia-neutrality")  # the reporter's bullet about Russia
        await pilot.pause()
        text = screen_text(app)
        assert "Reuters reported: Russia insists on Ukraine’s neutrality" in text
        assert "reported by Reuters" in text  # the title: whose words these are
        assert "“Russia insists" not in text
        app.open_quote("q-grushko-insist-guarantees")  # Grushko's own words
        await pilot.pause()
        text = screen_text(app)
        assert "“We will insist that unyielding security guarantees" in text
        assert "reported: We will insist" not in text and "reported by Reuters" not in text
    quotes = {
        q.id: q
        for q in queries.quotes_by_id(
            app.store.conn, ["q-bullet-russia-neutrality", "q-grushko-insist-guarantees"]
        )
    }
    reported = str(quote_prompt(quotes["q-bullet-russia-neutrality"]))  # as evidence lists show it
    assert "Reuters reported: Russia insists" in reported and "“Russia" not in reported
    assert "“We will insist" in str(quote_prompt(quotes["q-grushko-insist-guarantees"]))
