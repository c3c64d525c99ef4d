"""Dossier text is data: on every screen, hostile strings are shown literally, no markup
is parsed, no action or link is created, and no control character reaches the terminal."""

from __future__ import annotations

import re

import pytest
from rich.segment import Segment
from textual.widgets import DataTable, Input, OptionList

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader, open_writer
from ceasefire_tui.db.dossier import check, write
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.widgets.actor_list import ActorList
from tests.support.hostile import BIDI, hostile_strings, write_hostile_dossier

#: Characters that must never reach the terminal inside text.
FORBIDDEN = re.compile("[\x00-\x1f\x7f\x80-\x9f" + BIDI + "]")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_dossier(folder)
    path = folder / "hostile.db"
    conn = open_writer(path)
    d = check([folder / "hostile.json"], conn)
    assert d.ok, [str(p) for p in d.problems]
    assert any("zero-width" in str(w) for w in d.warnings)
    write(conn, d)
    conn.close()
    return path


class Frames:
    """Renders the current screen as Textual would write it, and checks it."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.text: list[str] = []

    def check(self) -> str:
        app = self.app
        update = app.screen._compositor.render_update(full=True)
        raw = update.render_segments(app.console)
        # what reaches the terminal: Textual's own CSI sequences only
        assert "\x1b]" not in raw, "an OSC sequence reached the terminal"
        assert "\x1bP" not in raw, "a DCS sequence reached the terminal"
        assert "\x07" not in raw and "\x9b" not in raw and "\x9d" not in raw
        assert not re.search("[\x80-\x9f" + BIDI + "]", raw)
        lines = []
        for line in update.strips:
            text = []
            for strip in line:
                for seg in strip:
                    if seg.control:
                        continue
                    seg: Segment
                    bad = FORBIDDEN.search(seg.text)
                    assert bad is None, (
                        f"control {bad.group()!r} in {seg.text!r} on {type(app.screen).__name__}, focused {app.focused!r}"
                    )
                    style = seg.style
                    if style is not None:
                        assert not style.link, f"a link in {seg.text!r}"
                        meta = style.meta or {}
                        assert "@click" not in meta, f"action {meta} in {seg.text!r}"
                    text.append(seg.text)
            lines.append("".join(text))
        self.count += 1
        shown = "\n".join(lines)
        self.text.append(shown)
        return shown


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_every_screen_shows_hostile_text_safely(hostile_db):
    app = make_app(hostile_db)
    async with app.run_test(size=(160, 60)) as pilot:
        frames = Frames(app)
        await settle(pilot)
        # Actors: every actor's profile
        lst = app.screen.query_one(ActorList)
        for _ in range(len(lst.rows)):
            await pilot.press("j")
            await pilot.pause(0.12)  # the profile follows the cursor once it rests
            frames.check()
        # Compare: four hostile actors, every cell
        app.open_compare(["side", "a1", "a2", "other"])
        await settle(pilot)
        grid = app.screen.query_one(DataTable)
        for _ in range(grid.row_count):
            for _ in range(5):
                await pilot.press("l")
                await pilot.pause(0.12)
                frames.check()
            await pilot.press("j")
        await pilot.press("f", "f", "f", "f")
        await pilot.press("enter")  # evidence
        await settle(pilot)
        frames.check()
        await pilot.press("escape", "escape")
        # Issues matrix, both modes, and each issue
        await pilot.press("i")
        await settle(pilot)
        frames.check()
        await pilot.press("a")
        frames.check()
        for n in range(6):
            app.open_issue(f"i{n}")
            await settle(pilot)
            frames.check()
            await pilot.press("enter")
            await settle(pilot)
            frames.check()
            await pilot.press("escape", "escape")
        # Every quote, its citation, and the sources
        with open_reader(hostile_db) as conn:
            quote_ids = [q.id for q in queries.unsure_quotes(conn, limit=1000)]
            quote_ids += ["q2", "q5", "q-last"]
        for n, quote_id in enumerate(quote_ids):
            app.open_quote(quote_id)
            await settle(pilot)
            frames.check()
            if n % 6 == 0:  # the citation, selectable
                await pilot.press("Y")
                await settle(pilot)
                frames.check()
                await pilot.press("escape")
            await pilot.press("escape")
        app.open_quote("q-last")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        frames.check()
        await pilot.press("escape", "escape")
        # Search: hostile queries over hostile text
        await pilot.press("slash")
        for text in hostile_strings()[:40]:
            app.screen.query_one(Input).value = text[:200]
            await settle(pilot)
            frames.check()
        app.screen.query_one(Input).value = "sic"
        await settle(pilot)
        assert app.screen.query_one("#search-results", OptionList).option_count
        frames.check()
        await pilot.press("escape")
        # Unsure quotes, help, the palette
        app.action_unsure_quotes()
        await settle(pilot)
        frames.check()
        await pilot.press("escape", "question_mark")
        frames.check()
        await pilot.press("escape", "ctrl+p", *"sic")
        await pilot.pause(0.5)
        frames.check()
        await pilot.press("escape")
        assert app.is_running
    everything = "\n".join(frames.text)
    assert frames.count > 100
    # brackets are kept, literally
    for literal in (
        "[sic]",
        "[/]",
        "[bold red]URGENT[/]",
        "[@click=app.quit]Read more[/]",
        "[the government]",
        "C:\\new\\[draft]",
        "[/bold]",
    ):
        assert literal in everything, literal
    # controls are shown as visible symbols
    assert "␛" in everything and "␀" in everything


async def test_clicking_an_action_link_does_nothing(hostile_db):
    """Click every cell of the text that would be an action link if parsed as markup."""
    conn = open_reader(hostile_db)
    quote = next(
        q
        for q in queries.unsure_quotes(conn, limit=1000)
        + [queries.get_quote(conn, f"q{i}") for i in range(40)]
        if q and "@click" in q.text
    )
    conn.close()
    app = make_app(hostile_db)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quote(quote.id)
        await settle(pilot)
        screen = app.screen
        rows = Frames(app).check().splitlines()
        region = screen.query_one("#quote-scroll").region
        hits = [
            (y, row.index("Read more"))
            for y, row in enumerate(rows)
            if "Read more" in row and region.y <= y < region.bottom
        ]
        assert hits, "the quote is on screen"
        for y, x in hits:
            for dx in range(-17, 10):
                await pilot.click(offset=(max(x + dx, 0), y))
        assert app.is_running and app.screen is screen
