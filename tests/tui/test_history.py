"""Issue 18, item 4: recent comparisons, searches and quotes, kept across runs in
history.json beside settings.json and reopened from the palette."""

from __future__ import annotations

import json

from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.history import KEEP, History, history_path
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen
from ceasefire_tui.tui.screens.search import SearchScreen
from ceasefire_tui.tui.settings import settings_path


def test_history_sits_beside_settings_and_is_written_whole(tmp_path):
    assert history_path().parent == settings_path().parent
    path = tmp_path / "h" / "history.json"
    h = History.load(path)
    assert h.warning is None and h.entries["search"] == []
    for n in range(KEEP + 5):
        h.add("search", {"query": f"q{n}", "label": f"q{n}"})
    h.add("search", {"query": "q3", "label": "q3"})  # again: first, once
    again = History.load(path)
    queries = [e["query"] for e in again.entries["search"]]
    assert queries[0] == "q3" and queries.count("q3") == 1 and len(queries) == KEEP
    assert [p.name for p in path.parent.iterdir()] == ["history.json"]  # no temporary left


def test_a_damaged_history_is_set_aside_with_one_warning(tmp_path):
    path = tmp_path / "history.json"
    for text in ("{not json", "[1, 2]", '{"compare": 5}', "\udcff"):
        path.write_text(text, "utf-8", errors="surrogateescape")
        h = History.load(path)
        assert h.warning and "starting afresh" in h.warning
        assert all(v == [] for v in h.entries.values())
    # entries of the wrong shape are dropped one by one, the rest kept
    path.write_text(json.dumps({"quote": [{"id": "q1", "label": "x"}, {"id": 3}, "x"]}), "utf-8")
    assert History.load(path).entries["quote"] == [{"id": "q1", "label": "x"}]


async def test_recent_items_are_reopened_from_the_palette_in_a_new_run(seed_db_path):
    app = make_app(seed_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("escape", "/", *"peacekeepers")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # opens the best match
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        quote_id = app.screen.quote_id
    saved = json.loads(history_path().read_text("utf-8"))
    assert saved["compare"][0] == {"actors": ["russia", "ukraine"], "label": "Russia × Ukraine"}
    assert saved["search"][0]["query"] == "peacekeepers"
    assert saved["quote"][0]["id"] == quote_id

    app = make_app(seed_db_path)  # a new run
    async with app.run_test(size=(80, 24)) as pilot:
        for typed, screen_type in (
            ("recent compare russia", CompareScreen),
            ("recent search peace", SearchScreen),
            ("recent quote", QuoteScreen),
        ):
            await pilot.press("ctrl+p", *typed)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, screen_type), typed
            if screen_type is CompareScreen:
                assert app.screen.actor_ids == ["russia", "ukraine"]
            if screen_type is SearchScreen:
                assert app.screen.query_one("#search-input").value == "peacekeepers"
                assert app.screen.hits
            if screen_type is QuoteScreen:
                assert app.screen.quote_id == quote_id
            await pilot.press("escape")
            if screen_type is SearchScreen:
                await pilot.press("escape")


async def test_a_damaged_history_warns_once_at_start(seed_db_path):
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{oops", "utf-8")
    app = make_app(seed_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if "History not read" in n.message]
        assert len(warnings) == 1
        app.open_compare(["russia", "ukraine"])  # the next entry replaces the damaged file
        await pilot.pause()
        assert len([n for n in app._notifications if "History not read" in n.message]) == 1
    assert json.loads(path.read_text("utf-8"))["compare"][0]["actors"] == ["russia", "ukraine"]


async def test_a_name_typed_in_the_palette_is_the_actor_before_a_recent_comparison(seed_db_path):
    """Found in tmux: `ctrl+p russia enter` opened "recent compare: Europe × Russia"; the
    actor the text names comes first, and the recent item is still one line below."""
    from ceasefire_tui.tui.screens.actors import ActorsScreen

    app = make_app(seed_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["europe", "russia"])
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"russia")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        shown = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        assert shown[0].startswith("actor: Russia"), shown
        assert any(line.startswith("recent compare: Europe × Russia") for line in shown), shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen) and app.screen.current == "russia"
