"""Issue 18, item 4: a session's commands are kept as a log, read back as commands, and
replayed: the app opens where the session ended, the same screens behind it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.cli import cli
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen
from ceasefire_tui.tui.session_log import LogError, all_logs, describe, final_stack, read_log, sessions_dir
from tests.support.hostile import generated_strings, hostile_values


def evidence_quotes(app, position_id: str) -> tuple[str, ...]:
    from ceasefire_tui.db import queries

    return queries.positions_by_id(app.store.conn, [position_id])[0].evidence


async def walk(app, pilot) -> None:
    """Actors › Compare › Evidence › Quote, then back one: the path a journalist takes."""
    await pilot.press("space", "j", "c")  # the first actor marked, compared with the next
    await pilot.pause()
    assert isinstance(app.screen, CompareScreen)
    await pilot.press("enter")  # the row's evidence
    await pilot.pause()
    assert isinstance(app.screen, EvidenceScreen)
    await pilot.press("enter")  # its first quote
    await pilot.pause()
    assert isinstance(app.screen, QuoteScreen)
    await pilot.press("escape")
    await pilot.pause()


async def test_each_screen_opened_and_each_step_back_is_logged_as_it_happens(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot)
        compare = app.screen_stack[1]
        evidence = app.screen
        # written line by line, not at the end: a session killed now keeps its log
        entries = read_log(app.session_log.path)
    assert [e.open for e in entries] == ["compare", "evidence", "quote", None]
    assert entries[0].args["actor_ids"] == compare.actor_ids
    # what it was opened with (the screen shows those of them that hold now)
    assert set(evidence.position_ids) <= set(entries[1].args["position_ids"])
    assert entries[2].args["quote_id"] in {q for p in evidence.position_ids for q in evidence_quotes(app, p)}
    assert [e.open for e in final_stack(entries)] == ["compare", "evidence"]
    assert describe(entries[0]) == "compare " + " ".join(compare.actor_ids)
    assert describe(entries[-1]) == "back"
    assert all_logs() == [app.session_log.path] and app.session_log.path.parent == sessions_dir()


async def test_a_replayed_session_opens_where_it_ended_with_its_screens_behind(app, seed_db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot)
        ended = [type(s) for s in app.screen_stack]
        evidence_ids = list(app.screen.position_ids)
    replayed = make_app(seed_db_path, replay=final_stack(read_log(all_logs()[0])))
    async with replayed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert [type(s) for s in replayed.screen_stack] == ended
        assert list(replayed.screen.position_ids) == evidence_ids
        await pilot.press("escape")  # back through the screens it passed
        assert isinstance(replayed.screen, CompareScreen)
        await pilot.press("escape")
        assert isinstance(replayed.screen, ActorsScreen)


def test_the_cli_lists_prints_and_refuses_a_bad_log_saying_where(tmp_path, monkeypatch, seed_db_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(seed_db_path), "sessions"])
    assert result.exit_code == 0 and "no sessions logged yet" in result.output
    result = runner.invoke(cli, ["--db", str(seed_db_path), "replay"])
    assert result.exit_code == 1 and "no session logged yet" in result.output + (result.stderr or "")
    folder = sessions_dir()
    folder.mkdir(parents=True)
    good = folder / "session-20250317T090000-1.jsonl"
    lines = [
        {"at": "2025-03-17T09:00:00+00:00", "open": "compare", "args": {"actor_ids": ["russia", "ukraine"]}},
        {"at": "2025-03-17T09:00:05+00:00", "open": "search", "args": {"query": "nato"}},
        {"at": "2025-03-17T09:00:09+00:00", "back": True},
    ]
    good.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    result = runner.invoke(cli, ["--db", str(seed_db_path), "replay", "--print"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "2025-03-17T09:00:00+00:00  compare russia ukraine",
        "2025-03-17T09:00:05+00:00  search “nato”",
        "2025-03-17T09:00:09+00:00  back",
    ]
    result = runner.invoke(cli, ["--db", str(seed_db_path), "sessions"])
    assert result.exit_code == 0
    assert "3 commands  ended on: compare russia ukraine" in result.output
    for bad, said in (
        ("{not json\n", "line 1: not JSON"),
        ('{"open": "format-disk"}\n', "'format-disk' is nothing the app opens"),
        ('{"open": "quote", "args": {"quote_id": 7}}\n', "quote's 'quote_id' should be"),
        ('{"open": "quote", "args": {"sql": "x"}}\n', "quote takes no 'sql'"),
        ("[1, 2]\n", "not an object"),
        ('{"back": true}\n\xff\n', "not UTF-8"),
    ):
        path = tmp_path / "bad.jsonl"
        path.write_bytes(
            bad.encode("utf-8", "surrogateescape") if "\xff" not in bad else b'{"back": true}\n\xff\n'
        )
        result = runner.invoke(cli, ["--db", str(seed_db_path), "replay", str(path), "--print"])
        out = result.output + (result.stderr or "")
        assert result.exit_code == 1 and said in out and "Traceback" not in out, (bad, out)
    missing = runner.invoke(cli, ["replay", str(tmp_path / "nowhere.jsonl")])
    assert missing.exit_code == 1 and "no such session log" in missing.output + (missing.stderr or "")


def test_a_log_line_is_checked_whatever_it_holds(tmp_path):
    """Hostile ids and queries read back as the data they are; a wrong type never passes."""
    values = [v for _id, v in hostile_values()][:60] + generated_strings()
    path = tmp_path / "s.jsonl"
    path.write_text(
        "".join(json.dumps({"at": "", "open": "quote", "args": {"quote_id": v}}) + "\n" for v in values),
        "utf-8",
    )
    entries = read_log(path)
    assert [e.args["quote_id"] for e in entries] == values
    path.write_text(json.dumps({"open": "compare", "args": {"actor_ids": ["a", 1]}}) + "\n", "utf-8")
    try:
        read_log(path)
    except LogError as exc:
        assert "line 1" in str(exc) and "actor_ids" in str(exc)
    else:
        raise AssertionError("a list holding a number was read as ids")


async def test_a_replay_of_ids_no_longer_there_opens_screens_that_say_so(seed_db_path, tmp_path):
    hostile = "[bold]q-gone[/]\x1b[31m"
    path = tmp_path / "s.jsonl"
    path.write_text(
        json.dumps({"at": "", "open": "quote", "args": {"quote_id": hostile}})
        + "\n"
        + json.dumps({"at": "", "open": "source", "args": {"quote_id": hostile}})
        + "\n",
        "utf-8",
    )
    app = make_app(seed_db_path, replay=final_stack(read_log(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        meta = str(app.screen.query_one("#quote-meta").render())
        assert "No quote with id" in meta and "\x1b" not in meta


async def test_a_log_that_cannot_be_written_is_said_once_and_the_app_goes_on(app, tmp_path):
    blocker = tmp_path / "config" / "ceasefire-tui"
    blocker.mkdir(parents=True, exist_ok=True)
    (blocker / "sessions").write_text("a file where the folder would be", "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot)
        assert app.session_log.broken and app.session_log.path is None
        assert isinstance(app.screen, EvidenceScreen)


async def test_the_text_typed_in_search_is_logged_before_it_is_left_and_replayed(app, seed_db_path):
    from ceasefire_tui.tui.screens.search import SearchScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", "n", "a", "t", "o")
        await pilot.pause(0.5)
        await pilot.press("enter")  # the best match
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        opened = app.screen.quote_id
        await pilot.press("escape", "/", "backspace", "backspace", "backspace", "backspace", "p", "e", "a")
        await pilot.pause(0.5)
        await pilot.press("ctrl+q")  # quitting says what the box held too
        await pilot.pause()
    entries = read_log(all_logs()[0])
    assert [describe(e) for e in entries] == [
        "search",
        "typed “nato”",
        f"quote {opened}",
        "back",
        "typed “pea”",
    ]
    stack = final_stack(entries)
    assert [(e.open, e.args.get("query")) for e in stack] == [("search", "pea")]
    replayed = make_app(seed_db_path, replay=final_stack(entries[:3]))
    async with replayed.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert isinstance(replayed.screen, QuoteScreen) and replayed.screen.quote_id == opened
        search = replayed.screen_stack[-2]
        assert isinstance(search, SearchScreen) and search.typed == "nato"
