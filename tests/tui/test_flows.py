"""Every user flow, driven by the keyboard through Textual's Pilot, asserting what a user sees."""

from __future__ import annotations

import re

from textual.widgets import DataTable, Input, OptionList

from ceasefire_tui.db import queries
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.issues import IssueScreen, IssuesScreen
from ceasefire_tui.tui.screens.modals.help import HelpScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen
from ceasefire_tui.tui.screens.search import SearchScreen
from ceasefire_tui.tui.screens.source import SourceScreen
from ceasefire_tui.tui.widgets.actor_list import ActorList
from tests.support.screens import option_texts, screen_text


async def goto_actor(pilot, actor_id: str) -> None:
    lst = pilot.app.screen.query_one(ActorList)
    lst.focus()
    target = lst.index_of(actor_id)
    while lst.cursor != target:
        await pilot.press("j" if lst.cursor < target else "k")
    await pilot.pause(0.15)  # the profile follows once the cursor rests


async def test_first_screen_lists_actors_by_side(app):
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ActorsScreen)
        lst = app.screen.query_one(ActorList)
        texts = lst.lines()
        joined = "\n".join(texts)
        for name in (
            "Russia",
            "Vladimir Putin",
            "Ukraine",
            "Volodymyr Zelenskiy",
            "United States",
            "Donald Trump",
            "Europe",
            "Keir Starmer",
        ):
            assert name in joined
        # persons come right under the body they speak for, indented
        putin = next(t for t in texts if "Vladimir Putin" in t)
        kremlin = texts.index(next(t for t in texts if t.strip().startswith("Kremlin")))
        assert texts.index(putin) == kremlin + 1
        assert putin.startswith("      ")
        # the profile shows the highlighted actor's positions and quotes
        await goto_actor(pilot, "grushko")
        profile = screen_text(app)
        assert "Deputy Foreign Minister" in profile
        assert "Positions (" in profile and "Quotes (" in profile
        assert "▼▼ rejects" in profile or "▲▲ insists" in profile


async def test_mark_two_and_compare_then_filter_conflicts(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "russia")
        await pilot.press("space")
        await goto_actor(pilot, "ukraine")
        await pilot.press("space")
        assert app.marked == ["russia", "ukraine"]
        await pilot.press("c")
        assert isinstance(app.screen, CompareScreen)
        grid = app.screen.query_one(DataTable)
        text = screen_text(app)
        assert "Russia" in text and "Ukraine" in text
        # the pair's score as the comparison gives it (its rules: tests/db), or why not
        (pair,) = app.screen.comparison.pairs
        assert not pair.nested and pair.shared >= 1  # both address territory
        score = (
            f"n/a ({pair.shared} shared)"
            if pair.agreement is None
            else f"{pair.agreement:.2f} (✗{pair.conflicts} of {pair.shared})"
        )
        assert f"Russia–Ukraine {score}" in text
        rows_all = grid.row_count
        await pilot.press("f")  # conflicts
        assert app.screen.mode == "conflicts"
        assert 0 < grid.row_count < rows_all
        assert all(str(grid.get_row_at(r)[1]).endswith("conflict") for r in range(grid.row_count))
        # evidence of a cell, and back with the filter kept
        await pilot.press("l", "l", "enter")
        assert isinstance(app.screen, EvidenceScreen)
        assert "“" in screen_text(app) or "Russia" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen) and app.screen.mode == "conflicts"
        await pilot.press("escape")
        assert isinstance(app.screen, ActorsScreen)
        assert app.marked == ["russia", "ukraine"]  # marks survive going back


async def test_compare_selected_with_next_picked(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "putin")
        await pilot.press("c")
        assert app.screen.picking == "putin"
        await goto_actor(pilot, "zelenskiy")
        await pilot.press("enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.actor_ids == ["putin", "zelenskiy"]


async def test_compare_add_remove_swap(app):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("a")
        await pilot.press(*"europe")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.actor_ids == ["russia", "ukraine", "europe"]
        grid = screen.query_one(DataTable)
        await pilot.press("l", "l")  # past the relation, to Russia's column
        await pilot.press("full_stop")  # move it right
        assert screen.actor_ids == ["ukraine", "russia", "europe"]
        assert grid.cursor_column == 3
        await pilot.press("x")
        assert screen.actor_ids == ["ukraine", "europe"]


async def test_export_brief(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("e")
        (brief,) = tmp_path.glob("brief-*.md")
        text = brief.read_text("utf-8")
        assert "| Issue | Russia | Ukraine | Relation |" in text
        assert "[^1]:" in text and "Reuters" in text


async def test_issues_matrix_and_one_issue(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, IssuesScreen)
        grid = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in grid.columns.values()]
        # at 80 columns a name too long for its column reads as its alias (issue 18)
        assert {"Europe", "Russia", "Ukraine", "U.S."} <= set(labels)
        assert grid.row_count >= 10
        titles = [str(grid.get_row_at(r)[0]) for r in range(grid.row_count)]
        await pilot.press(*["j"] * next(i for i, t in enumerate(titles) if "Territory" in t))
        await pilot.press("enter")
        assert isinstance(app.screen, IssueScreen)
        text = screen_text(app)
        assert "in conflict: " in text and "Russia ✗ Ukraine" in text
        assert text.index("+2") < text.index("-2")
        await pilot.press("enter")
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, IssuesScreen)
        await pilot.press("a")
        assert len(grid.columns) > 6  # every actor


async def test_quote_screen_and_source(app):
    async with app.run_test(size=(80, 24)) as pilot:
        (hit,) = [
            h
            for h in queries.search(app.store.conn, "expected drive every Russian")
            if h.text.startswith("Are we expected")
        ]
        app.open_quote(hit.quote_id)
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        text = screen_text(app)
        assert "Mike Waltz" in text and "national security adviser" in text
        assert "ABC" in text and "Reuters" in text
        assert "When asked on ABC" in text  # the paragraph around it
        await pilot.press("s")
        assert isinstance(app.screen, SourceScreen)
        area = app.screen.query_one("#source-text")
        assert area.selected_text.startswith("Are we expected")


async def test_search_as_you_type_and_open(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"ironcl")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        assert "ironclad" in option_texts(results)[0].lower()
        await pilot.press("down", "enter")
        assert isinstance(app.screen, QuoteScreen)
        await pilot.press("escape")
        assert app.screen.query_one(Input).value == "ironcl"  # kept


async def test_search_results_say_whose_words_each_hit_is(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"dismissed")
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(app.screen.query_one("#search-results", OptionList))
        reported = next(t for t in texts if "Meanwhile" in t)
        assert reported.startswith("quote · Reuters, reporting Russia") and "“" not in reported
        await pilot.press(*[*["backspace"] * 9, *"ironclad"])
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(app.screen.query_one("#search-results", OptionList))
        assert any(t.startswith("quote · Alexander Grushko") and "“ironclad”" in t for t in texts)


async def _searched(app, pilot, text: str) -> tuple[str, list[str]]:
    """The status line and the results once `text` is searched."""
    app.screen.query_one(Input).value = text
    await app.workers.wait_for_complete()
    await pilot.pause()
    status = str(app.screen.query_one("#search-status").render())
    return status, option_texts(app.screen.query_one("#search-results", OptionList))


async def test_search_knows_speakers_names_and_short_words(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        # a speaker by alias: only theirs, and the status line says whose
        status, texts = await _searched(app, pilot, "@grushko peace")
        assert status.startswith("speaker: Alexander Grushko · 1 match;")  # one: no order to say
        assert texts and all(t.splitlines()[0].endswith("Alexander Grushko") for t in texts)
        status, texts = await _searched(app, pilot, "@nobody peace")
        assert texts == [] and "No speaker called 'nobody'" in status
        # an alias in the text: Zelenskiy's own quotes first
        status, texts = await _searched(app, pilot, "Zelensky")
        assert status.startswith("by: Volodymyr Zelenskiy · ")
        assert "Volodymyr Zelenskiy" in texts[0].splitlines()[0]
        # two letters: the UK's own, or the word UK; no Ukraine for its first letters
        status, texts = await _searched(app, pilot, "UK")
        assert texts
        for text in texts:
            assert "United Kingdom" in text.splitlines()[0] or re.search(r"\bUK\b", text), text


async def test_a_search_snippet_starts_at_a_word(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        _status, texts = await _searched(app, pilot, "optimism")
        n = next(i for i, t in enumerate(texts) if "…" in t.splitlines()[1][:5])
        body = texts[n].splitlines()[1].strip().lstrip("“")
        assert body.startswith("…")
        start, hit = body.removeprefix("…"), app.screen.hits[n]
        at = hit.text.index(start[:20])
        assert at == 0 or hit.text[at - 1].isspace(), start  # not the end of a cut word


async def test_search_hostile_queries_never_fail(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        for text in ['"', "AND", "NEAR(", "*", "(", "^", "'; DROP TABLE quotes; --"]:
            app.screen.query_one(Input).value = text
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_help_lists_screen_and_global_keys(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "ukraine"])
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for expected in (
            "Filter",
            "Add actor",
            "Export the brief",
            "Earlier day",
            "Search",
            "insists",
            "rejects / red line",
            "✗ conflict",
            "1 - mean(|sA - sB|) / 4",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)


async def test_palette_jumps_to_an_actor(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"grushko")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        lst = app.screen.query_one(ActorList)
        assert lst.highlighted_id == "grushko"
        await pilot.press("space")
        assert app.marked == ["grushko"]


async def test_resize_to_60x20_keeps_working(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        await goto_actor(pilot, "putin")
        await pilot.press("c")  # nothing marked: Putin with the next one picked
        await goto_actor(pilot, "macron")
        await pilot.press("enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.query_one(DataTable).row_count > 0
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")


async def test_quit_from_top_level(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "escape")
        assert isinstance(app.screen, ActorsScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_large_tables_fill_a_page_at_a_time(tmp_path, monkeypatch):
    """A matrix of many issues adds its rows as the cursor goes down, reading the stances
    of a page of issues at a time; G reaches the last."""
    import json

    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import load
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE

    issues = [{"id": f"i{n}", "title": f"Issue {n}", "question": f"Q{n}?"} for n in range(150)]
    data = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "A said yes."}
        ],
        "actors": [{"id": "a", "name": "A", "kind": "state"}],
        "issues": issues,
    }
    (tmp_path / "d.json").write_text(json.dumps(data))
    conn = open_writer(tmp_path / "x.db")
    load(conn, [tmp_path / "d.json"])
    conn.close()
    asked: list[int] = []
    issue_stances = queries.issue_stances

    def counting(conn, ids, issue_ids, as_of=None):
        asked.append(len(issue_ids))
        return issue_stances(conn, ids, issue_ids, as_of)

    monkeypatch.setattr(queries, "issue_stances", counting)
    app = make_app(tmp_path / "x.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        grid = app.screen.query_one(DataTable)
        assert grid.row_count == TABLE_PAGE
        assert asked == [TABLE_PAGE]  # one page of issues, never all of them
        await pilot.press(*["j"] * (TABLE_PAGE - 10))
        assert grid.row_count == 2 * TABLE_PAGE
        assert asked == [TABLE_PAGE, TABLE_PAGE]
        await pilot.press("G")
        assert grid.row_count == 150 and grid.cursor_row == 149
        assert str(grid.get_row_at(149)[0]) == "Issue 149"
        assert sum(asked) == 150


def test_actor_line_keeps_its_counts_when_narrow():
    from ceasefire_tui.db.models import Actor
    from ceasefire_tui.tui.render.prompts import actor_prompt

    actor = Actor(
        "x",
        "Alexander Nikolayevich Kuznetsov",
        "person",
        "Deputy minister",
        "side",
        "side",
        2,
        (),
        1402,
        381,
        27,
    )
    for width in (30, 34, 40):
        line = str(actor_prompt(actor, width, marked=False))
        assert line.endswith("1402q 381p 27?") and len(line) <= width


async def test_a_prolific_speaker_is_read_a_page_at_a_time(prolific_db_path):
    """The profile shows the first positions and a line to list them all; that list, the
    issue screen and the evidence screen each take a page, then more as the cursor nears
    the end, so nothing waits on the speaker's whole record."""
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.screens.actors import PROFILE_POSITIONS, ProfileList
    from ceasefire_tui.tui.screens.positions import ActorPositionsScreen
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE, PagedOptionList
    from tests.support.dossiers import PROLIFIC_ISSUES, PROLIFIC_POSITIONS

    app = make_app(prolific_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_actor(pilot, "talker")
        profile = app.screen.query_one(ProfileList)
        assert profile.option_count == TABLE_PAGE  # one page, not the whole profile
        assert option_texts(profile)[0] == f"Positions ({PROLIFIC_POSITIONS})"
        await pilot.press("tab", *["j"] * TABLE_PAGE)
        texts = option_texts(profile)
        rest = PROLIFIC_POSITIONS - PROFILE_POSITIONS
        more = texts.index(f"  … {rest} more: enter lists them all")
        assert more == PROFILE_POSITIONS + 1
        assert texts[more + 1] == f"Quotes ({PROLIFIC_POSITIONS}, newest first)"
        profile.highlighted = more
        await pilot.press("enter")
        assert isinstance(app.screen, ActorPositionsScreen)
        plist = app.screen.query_one(PagedOptionList)
        assert plist.option_count == TABLE_PAGE and plist.highlighted == 0
        await pilot.press("G")  # the last one shown: the next page comes in
        assert plist.option_count == 2 * TABLE_PAGE
        for _ in range(10):
            await pilot.press("G")
        assert plist.option_count == PROLIFIC_POSITIONS
        ids = [plist.get_option_at_index(i).id for i in range(plist.option_count)]
        assert ids == [p.id for p in queries.actor_positions(app.store.conn, "talker")]
        # enter: that position's evidence
        await pilot.press("g", "enter")
        assert isinstance(app.screen, EvidenceScreen)
        assert "Talker said point" in screen_text(app)

        # an issue: a heading per stance with the whole count, positions under it
        app.open_issue("i00")
        await pilot.pause()
        issue_list = app.screen.query_one(PagedOptionList)
        texts = option_texts(issue_list)
        on_issue = PROLIFIC_POSITIONS // PROLIFIC_ISSUES + 1
        assert sum(1 for t in texts if t.startswith("  Talker")) == on_issue
        headings = [t for t in texts if not t.startswith("  ")]
        counts = queries.issue_stance_counts(app.store.conn, "i00")
        assert headings == [f"▼▼ -2 rejects / red line  ({counts[False, -2]})"] and counts[False, -2] == 3

        # the evidence of many positions at once: a few positions at a time
        from ceasefire_tui.tui.screens.evidence import EVIDENCE_PAGE

        all_ids = [p.id for p in queries.actor_positions(app.store.conn, "talker")]
        app.open_evidence(all_ids, title="everything")
        await pilot.pause()
        ev = app.screen.query_one(PagedOptionList)
        shown = sum(1 for t in option_texts(ev) if t.startswith("Talker: "))
        assert EVIDENCE_PAGE <= shown < len(all_ids)
        for _ in range(40):
            await pilot.press("G")
        assert sum(1 for t in option_texts(ev) if t.startswith("Talker: ")) == len(all_ids)


async def test_a_body_beside_its_own_member_shows_each_position_once(app):
    """Russia's column holds Putin's positions too: the row's evidence lists each once
    (a position listed twice used to end the app with a duplicate-id error)."""
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_compare(["russia", "putin"])
        await pilot.pause()
        screen = app.screen
        grid = screen.query_one(DataTable)
        row = next(n for n, r in enumerate(screen.rows) if r.issue.id == "nato-membership")
        grid.move_cursor(row=row, column=1)  # the relation column: the whole row
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        texts = option_texts(app.screen.query_one(OptionList))
        heads = [t for t in texts if t.startswith("Vladimir Putin: ")]
        assert len(heads) == 1, (type(app.screen).__name__, texts)


async def test_paged_lists_keep_their_headings_across_pages(prolific_db_path):
    """An issue with more positions than a page: each stance's heading comes once, with the
    whole count, however the pages fall; an actor with no positions says so."""
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.screens.positions import ActorPositionsScreen
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE, PagedOptionList
    from tests.support.dossiers import CROWDED_POSITIONS

    assert CROWDED_POSITIONS + 5 > TABLE_PAGE  # more than one page
    app = make_app(prolific_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("crowded")
        await pilot.pause()
        lst = app.screen.query_one(PagedOptionList)
        assert lst.option_count == TABLE_PAGE
        for _ in range(5):
            await pilot.press("G")
        texts = option_texts(lst)
        headings = [t.split("  (")[0] for t in texts if not t.startswith("  ")]
        assert [h.split()[1] for h in headings] == ["+2", "+1", "+0", "-1", "-2"]
        assert all(t.endswith(f"({CROWDED_POSITIONS // 5})") for t in texts if not t.startswith("  "))
        assert sum(1 for t in texts if t.startswith("  Other")) == CROWDED_POSITIONS

        app.open_actor_positions("silent")
        await pilot.pause()
        assert option_texts(app.screen.query_one(PagedOptionList)) == ["  none recorded"]
        app.push_screen(ActorPositionsScreen("nobody-here"))
        await pilot.pause()
        assert "No actor with id 'nobody-here'" in screen_text(app)


async def test_compare_reads_leads_a_page_of_rows_at_a_time(prolific_db_path, monkeypatch):
    """A comparison longer than a page shows every row's lead summary, read a page of
    rows at a time as the grid reaches them, and again after the filter changes."""
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE
    from tests.support.dossiers import PROLIFIC_ISSUES

    asked: list[int] = []
    with_leads = queries.with_leads

    def counting(conn, rows):
        asked.append(len(rows))
        return with_leads(conn, rows)

    monkeypatch.setattr(queries, "with_leads", counting)
    app = make_app(prolific_db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_compare(["talker", "other"])
        await pilot.pause()
        grid = app.screen.query_one(DataTable)
        assert len(app.screen.rows) == PROLIFIC_ISSUES + 1 > TABLE_PAGE
        assert asked and max(asked) <= TABLE_PAGE
        await pilot.press("G")
        await pilot.pause()
        assert grid.row_count == PROLIFIC_ISSUES + 1
        last = [str(c) for c in grid.get_row_at(grid.row_count - 1)]
        assert last[0] == "Crowded" and "View " in last[3]  # Other's lead summary
        assert "Point 44" in str(grid.get_row_at(PROLIFIC_ISSUES - 1)[2])
        assert sum(asked) <= PROLIFIC_ISSUES + 1 and max(asked) <= TABLE_PAGE
        await pilot.press("f", "f", "f")  # shared: none here (no issue both address)
        await pilot.press("f")  # all again
        await pilot.pause()
        assert "Point 0" in str(grid.get_row_at(0)[2])


async def test_tables_longer_than_a_page_rebuild_with_the_cursor_anywhere(prolific_db_path):
    """Filtering Compare or toggling the matrix rebuilds a table whose later pages are not
    added yet: rows of the old layout must not be added to the new one (this crashed)."""
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.widgets.lists import TABLE_PAGE
    from tests.support.dossiers import PROLIFIC_ISSUES

    app = make_app(prolific_db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_compare(["talker", "other"])
        await pilot.pause()
        grid = app.screen.query_one(DataTable)
        await pilot.press("j", "j", "l", "l")
        assert grid.row_count == TABLE_PAGE < PROLIFIC_ISSUES
        await pilot.press("f")  # conflicts: none here
        await pilot.press("f", "f", "f")  # all again
        await pilot.pause()
        assert grid.row_count == TABLE_PAGE
        assert "Point 0" in str(grid.get_row_at(0)[2])
        await pilot.press("escape", "i")
        matrix = app.screen.query_one(DataTable)
        sides = len(matrix.columns)  # issue, relation, then talker, other, silent
        await pilot.press("j", "j", "j", "a")  # every actor who holds a position
        await pilot.pause()
        assert len(matrix.columns) == sides - 1 and matrix.cursor_row == 3
        await pilot.press("a")  # sides again
        await pilot.pause()
        assert len(matrix.columns) == sides and matrix.row_count == TABLE_PAGE
        assert app.return_code is None and isinstance(app.screen, IssuesScreen)
