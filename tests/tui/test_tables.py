"""Issue 18, items 1, 2 and 6: sort, filter and count any table or list (o, O, |, F), the
view always said on screen and in exports; the matrix as a working view."""

from __future__ import annotations

from ceasefire_tui.db import views
from ceasefire_tui.tui.screens.compare import CompareGrid, CompareScreen
from ceasefire_tui.tui.screens.modals.counts import CountsModal
from tests.support.screens import option_texts


def grid_column(grid, key: str) -> list[str]:
    index = next(i for i, c in enumerate(grid.ordered_columns) if c.key.value == key)
    return [str(grid.get_row_at(r)[index]) for r in range(grid.row_count)]


async def open_compare(app, pilot, ids=("russia", "ukraine")):
    app.open_compare(list(ids))
    await pilot.pause()
    assert isinstance(app.screen, CompareScreen)
    grid = app.screen.query_one(CompareGrid)
    grid.ensure_rows(10**6)
    return grid


async def test_compare_sorts_by_the_column_under_the_cursor(app):
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_compare(app, pilot)
        natural = [r.issue.id for r in app.screen.rows]
        await pilot.press("l", "l")  # Russia's column
        await pilot.press("o")
        grid.ensure_rows(10**6)
        stances = [r.cells[0].stance for r in app.screen.rows]
        held = [s for s in stances if s is not None]
        assert held == sorted(held) and held[0] < held[-1]
        assert stances[len(held) :] == [None] * (len(stances) - len(held))  # silent last
        assert "sort: Russia ↑" in grid.border_subtitle
        assert "sort: Russia ↑" in str(app.screen.query_one("#title-left").render())
        await pilot.press("O")
        held_desc = [r.cells[0].stance for r in app.screen.rows if r.cells[0].stance is not None]
        assert held_desc == sorted(held_desc, reverse=True)
        assert "sort: Russia ↓" in grid.border_subtitle
        # o again on the same column: back to the dossier's order
        await pilot.press("o")
        assert [r.issue.id for r in app.screen.rows] == natural
        assert "sort" not in grid.view_text()


async def test_compare_filters_rows_as_you_type(app):
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_compare(app, pilot)
        total = grid.row_count
        await pilot.press("|", "s", "e", "c")
        titles = grid_column(grid, "issue")
        assert 0 < len(titles) < total
        assert all("sec" in r.issue.title.lower() or "sec" in str(r).lower() for r in app.screen.rows)
        assert "sec▏" in grid.border_subtitle  # the text being typed
        await pilot.press("enter")
        assert "filter: “sec”" in grid.border_subtitle
        await pilot.press("j")  # keys move the cursor again once the filter is kept
        assert grid.cursor_row == 1 or grid.row_count == 1
        # escape while typing clears it
        await pilot.press("|", "escape")
        assert grid.row_count == total and not grid.view.filtered


async def test_compare_counts_relations_per_pair_and_opens_them(app):
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_compare(app, pilot, ("russia", "ukraine", "united-states"))
        await pilot.press("l")  # the relation column
        await pilot.press("F")
        assert isinstance(app.screen, CountsModal)
        lines = app.screen.lines
        expected = views.counts(app.screen_stack[-2].rows, app.screen_stack[-2].fields, "relation")
        assert lines == expected and dict(lines)["conflict"] >= 1
        conflict_line = next(i for i, (v, _) in enumerate(lines) if v == "conflict")
        await pilot.press(*["j"] * conflict_line, "enter")
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert {r.relation for r in compare.rows} == {"conflict"}
        assert grid.row_count == dict(lines)["conflict"]
        assert "relation = conflict" in grid.border_subtitle
        # the pairs: one line per pair and relation
        compare.query_one(CompareGrid).show_counts(
            "pairs", views.counts(compare.rows, compare.fields, "pairs")
        )
        await pilot.pause()
        texts = option_texts(app.screen.query_one("#counts-list"))
        assert any("Russia–Ukraine: conflict" in t for t in texts)


async def test_brief_names_its_filter_and_sort(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot)
        await pilot.press("f")  # conflicts
        await pilot.press("l", "l", "O")  # Russia's column, descending
        await pilot.press("e")
        await pilot.pause()
    (path,) = tmp_path.glob("brief-*.md")
    text = path.read_text()
    (rows,) = [line for line in text.splitlines() if line.startswith("_Rows")]
    assert "conflicts" in rows and "sort\\: Russia ↓" in rows and " issues_" in rows


async def test_a_slash_typed_in_a_filter_is_text_not_search(app):
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_compare(app, pilot)
        await pilot.press("|", "a", "/", "b")
        assert isinstance(app.screen, CompareScreen)
        assert grid.view.text == "a/b"


async def open_matrix(app, pilot):
    from ceasefire_tui.tui.screens.issues import IssuesScreen, Matrix

    await pilot.press("i")
    assert isinstance(app.screen, IssuesScreen)
    return app.screen.query_one(Matrix)


async def test_matrix_filters_to_conflicts_and_sorts(app):
    async with app.run_test(size=(80, 24)) as pilot:
        matrix = await open_matrix(app, pilot)
        total = matrix.row_count
        await pilot.press("f")  # conflicts
        screen = app.screen
        assert screen.mode == "conflicts"
        assert 0 < matrix.row_count < total
        assert all(r.relation == "conflict" for r in screen.shown_rows())
        assert "filter: conflicts" in str(screen.query_one("#title-left").render())
        # the issue column, sorted by title, descending
        await pilot.press("O")
        titles = [r.issue.title.casefold() for r in screen.shown_rows()]
        assert titles == sorted(titles, reverse=True)
        assert [str(matrix.get_row_at(r)[0]) for r in range(matrix.row_count)] == [
            r.issue.title for r in screen.shown_rows()
        ]
        # counts of who is in conflict; enter shows that actor's conflicts
        await pilot.press("F")
        assert isinstance(app.screen, CountsModal)
        await pilot.press("escape")
        screen.query_one("#matrix").show_counts(
            "conflicts", views.counts(screen.shown_rows(), screen.fields, "conflicts")
        )
        await pilot.pause()
        value, n = app.screen.lines[0]
        await pilot.press("enter")
        assert matrix.row_count == n
        assert all(value in screen.fields(r)["conflicts"].text for r in screen.shown_rows())


async def test_matrix_exports_what_it_shows(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_matrix(app, pilot)
        await pilot.press("f", "e", "E")
        await pilot.pause()
        shown = app.screen.shown_rows()
    (md,) = tmp_path.glob("matrix-*.md")
    (csv_file,) = tmp_path.glob("matrix-*.csv")
    text = md.read_text()
    assert "_Rows: filter\\: conflicts" in text
    assert text.count("| conflict |") == len(shown)
    lines = csv_file.read_text().splitlines()
    assert lines[0].startswith("issue,issue_title,relation,")
    assert [line.split(",")[0] for line in lines[1:]] == [r.issue.id for r in shown]


def write_crowd(folder, n: int = 24):
    """A dossier of `n` sides with long names and short aliases, each holding a stance on
    the first of three issues."""
    import json

    names = [f"Federal Republic of Nation {k:02d}" for k in range(n)]
    sentences = [f"{name} said its piece." for name in names]
    data = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "\n".join(sentences)}
        ],
        "actors": [
            {"id": f"n{k:02d}", "name": name, "kind": "state", "aliases": [f"Nation {k:02d}", f"N{k:02d}"]}
            for k, name in enumerate(names)
        ],
        "issues": [{"id": f"i{k}", "title": f"Issue {k}", "question": f"Q{k}?"} for k in range(3)],
        "quotes": [
            {"id": f"q{k}", "source": "s", "speaker": f"n{k:02d}", "kind": "reported", "text": text}
            for k, text in enumerate(sentences)
        ],
        "positions": [
            {
                "id": f"p{k:02d}",
                "actor": f"n{k:02d}",
                "issue": "i0",
                "stance": k % 5 - 2,
                "kind": "demand",
                "summary": f"Point {k}",
                "evidence": [f"q{k}"],
            }
            for k in range(n)
        ],
    }
    path = folder / "crowd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


async def test_matrix_of_twenty_four_sides_reads_names_by_alias_and_scrolls(tmp_path):
    from ceasefire_tui.tui.app import make_app
    from tests.support.dossiers import build_db

    app = make_app(build_db(tmp_path / "crowd.db", write_crowd(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        matrix = await open_matrix(app, pilot)
        assert len(app.screen.columns) == 24
        labels = [str(c.label) for c in matrix.ordered_columns[2:]]
        # each heading an alias that fits its column, not the name cut to three letters
        assert labels == [f"N{k:02d}" for k in range(24)] or labels == [f"Nation {k:02d}" for k in range(24)]
        assert str(matrix.ordered_columns[0].label) == "Issue" and matrix.fixed_columns == 2
        # the last column is reached by scrolling sideways; the issue column stays in sight
        await pilot.press(*["l"] * (len(matrix.ordered_columns) - 1))
        await pilot.pause()
        assert matrix.cursor_column == len(matrix.ordered_columns) - 1
        assert matrix.scroll_x > 0
        first_row = "".join(seg.text for seg in matrix.render_line(1))
        assert "Issue 0" in first_row and "N23" in "".join(seg.text for seg in matrix.render_line(0))


async def test_issue_positions_sort_filter_and_count_in_the_database(app):
    from ceasefire_tui.db.queries import listing
    from ceasefire_tui.tui.screens.issues import IssueScreen
    from ceasefire_tui.tui.widgets.lists import PagedOptionList

    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("territory")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IssueScreen)
        lst = screen.query_one(PagedOptionList)
        assert "o sort" in lst.border_subtitle
        await pilot.press("o", "o")  # stance, then actor
        assert lst.view.sort == "actor"
        assert "sort: actor ↑" in lst.border_subtitle
        wanted = listing.sorted_positions(app.store.conn, lst.view, issue="territory")
        names = [p.actor_name.casefold() for p in wanted]
        assert names == sorted(names) and len(set(names)) > 1
        shown = [lst.get_option_at_index(i).id for i in range(lst.option_count)]
        assert shown == [p.id for p in wanted][: len(shown)]
        # counts per actor; enter lists that actor's positions only
        await pilot.press("F")
        assert isinstance(app.screen, CountsModal)
        value, n = app.screen.lines[0]
        await pilot.press("enter")
        assert lst.option_count == n
        assert f"actor = {value}" in lst.border_subtitle
        await pilot.press("|", "escape")  # clears the filters
        await pilot.press("|", *"zzzz", "enter")
        assert "no position matches" in str(lst.get_option_at_index(0).prompt)


async def test_review_queue_sorts_by_speaker_and_filters(tmp_path):
    import json

    from ceasefire_tui.db.queries import listing
    from ceasefire_tui.db.views import View
    from ceasefire_tui.tui.app import make_app
    from ceasefire_tui.tui.screens.unsure import UnsureScreen
    from tests.support.dossiers import build_db

    speakers = ["Zed", "Amy", "Mia"]
    sentences = [f"{speakers[i % 3]} said thing {i} today." for i in range(40)]
    dossier = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "\n".join(sentences)}
        ],
        "actors": [{"id": n.lower(), "name": n, "kind": "person"} for n in speakers],
        "quotes": [
            {
                "id": f"q{i:03d}",
                "source": "s",
                "speaker": speakers[i % 3].lower(),
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
        lst = app.screen.query_one("#unsure-list")
        await pilot.press("o", "o")  # confidence, then speaker
        assert lst.view == View(sort="speaker")
        assert "sort: speaker ↑" in str(app.screen.query_one("#title-left").render())
        await pilot.press("G", "G")
        ids = [lst.get_option_at_index(i).id for i in range(lst.option_count)]
        wanted = listing.sorted_quotes(app.store.conn, lst.view, unsure=True, limit=10**6)
        assert ids == [q.id for q in wanted] and len(ids) == 40
        assert [q.speaker_name for q in wanted][:1] == ["Amy"] and wanted[-1].speaker_name == "Zed"
        await pilot.press("|", *"thing 1", "enter")
        texts = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert texts and all("thing 1" in t for t in texts)


async def test_search_results_filter_and_count_by_speaker(app):
    from ceasefire_tui.tui.screens.search import SearchScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"ceasefire")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.hits) > 3
        await pilot.press("down")
        await pilot.press("F")
        assert isinstance(app.screen, CountsModal)
        speaker, n = app.screen.lines[0]
        assert n == sum(1 for h in screen.hits if h.speaker_name == speaker)
        await pilot.press("enter")
        lst = screen.query_one("#search-results")
        assert lst.option_count == n
        assert all(screen.hits[int(lst.get_option_at_index(i).id)].speaker_name == speaker for i in range(n))
        assert f"speaker = {speaker}" in lst.border_subtitle


async def test_help_lists_the_table_keys(app):
    from tests.support.screens import screen_text

    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot)
        await pilot.press("?")
        text = screen_text(app)
        for key in ("o ", "O ", "| ", "F ", "tab / 1 2 3"):
            assert f"  {key}" in text, key
        assert "filter the rows as you type" in text


async def test_a_filter_typed_in_one_burst_keeps_every_letter(app):
    """Over SSH, `|` and the text behind it arrive together: none of it is lost."""
    from textual import events

    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_compare(app, pilot)
        keys = [("vertical_line", "|"), *((c, c) for c in "sec"), ("enter", "\r")]
        for key, char in keys:  # all at once, as the terminal driver posts a burst
            app.post_message(events.Key(key, char))
        await pilot.pause(0.3)
        assert grid.view.text == "sec" and not grid.typing


async def test_evidence_sorts_its_positions_and_counts_them(app):
    from ceasefire_tui.db import queries
    from ceasefire_tui.tui.screens.evidence import EvidenceScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot)
        await pilot.press("enter")  # the whole row: every column's positions
        screen = app.screen
        assert isinstance(screen, EvidenceScreen) and len(screen.position_ids) >= 2
        lst = screen.query_one("#evidence-list")
        await pilot.press("o", "o")  # actor, then stance
        assert lst.view.sort == "stance" and "sort: stance ↑" in lst.border_subtitle
        stances = [p.stance for p in queries.positions_by_id(app.store.conn, screen.shown)]
        assert stances == sorted(stances)
        await pilot.press("F")
        value, n = app.screen.lines[0]
        await pilot.press("enter")
        assert len(screen.shown) == n
        assert {
            views.stance_words(p.stance) for p in queries.positions_by_id(app.store.conn, screen.shown)
        } == {value}


async def test_the_quote_screens_positions_sort_filter_and_count(app):
    """The Quote screen's "Backs these positions" list is a list like any other: o sorts
    it by a column (cycling), | filters it, F counts it and enter on a count keeps those."""
    from ceasefire_tui.db import queries
    from ceasefire_tui.tui.screens.quote import QuoteScreen

    conn = app.store.conn
    quote = next(
        q
        for q in (h.id for h in queries.search(conn, "the", limit=200) if h.kind == "quote")
        if len(queries.passage(conn, q).positions) >= 3
    )
    backed = queries.passage(conn, quote).positions
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(quote)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        lst = screen.query_one("#quote-positions")
        lst.focus()
        await pilot.pause()

        def shown() -> list[str]:
            return [o.id for o in lst.options if not o.disabled]

        await pilot.press("o", "o", "o")  # stance, actor, issue
        assert lst.view.sort == "issue" and "sort: issue ↑" in lst.border_subtitle
        titles = [screen.positions[i].issue_title.casefold() for i in shown()]
        assert titles == sorted(titles) and len(titles) == len(backed)
        await pilot.press("O")
        assert [screen.positions[i].issue_title.casefold() for i in shown()] == sorted(titles, reverse=True)
        word = backed[0].issue_title.split()[0]
        await pilot.press("|", *word, "enter")
        assert shown() and all(
            word.casefold() in " ".join((p.issue_title, p.summary, p.actor_name, p.kind)).casefold()
            for p in (screen.positions[i] for i in shown())
        )
        await pilot.press("|", "escape", "F")
        value, n = app.screen.lines[0]
        await pilot.press("enter")
        assert len(shown()) == n
        kind = lst.view.column
        assert {views.position_fields(screen.positions[i])[kind].text for i in shown()} == {value}


async def test_the_profile_sorts_filters_and_counts_the_section_under_the_cursor(app):
    """The profile's positions and its quotes each keep their own view: o on a position
    sorts the positions (the quotes stay newest first), | on a quote filters the quotes,
    F counts the section's rows, and the 'more' line opens the list in the same view."""
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.queries import listing
    from ceasefire_tui.tui.screens.actors import ProfileList

    conn = app.store.conn
    actor = max(queries.list_actors(conn), key=lambda a: (a.position_count, a.quote_count))
    assert actor.position_count >= 3 and actor.quote_count >= 2
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.select_actor(actor.id)
        await pilot.pause()
        await pilot.press("enter")  # into the profile
        lst = app.screen.query_one(ProfileList)
        assert lst.has_focus

        def ids(kind: str) -> list[str]:
            return [o.id.partition(":")[2] for o in lst.options if (o.id or "").startswith(kind + ":")]

        quotes_before = ids("quote")
        await pilot.press("o", "o")  # issue, then stance
        assert lst.section == "positions" and lst.view.sort == "stance"
        assert "positions: sort: stance ↑" in lst.border_subtitle
        stances = [p.stance for p in queries.positions_by_id(conn, ids("pos"))]
        assert stances == sorted(stances) and stances[0] < stances[-1]
        assert ids("quote") == quotes_before  # the other section keeps its order
        # down to the quotes: the border says theirs; a filter there keeps the positions
        quote_line = next(i for i, o in enumerate(lst.options) if (o.id or "").startswith("quote:"))
        lst.highlighted = quote_line
        await pilot.pause()
        assert lst.section == "quotes" and lst.border_subtitle.startswith("quotes:")
        outlet = queries.quotes_by_id(conn, [quotes_before[0]])[0].outlet
        await pilot.press("|", *outlet[:5], "enter")
        kept = ids("quote")
        assert kept and all(
            outlet[:5].casefold() in " ".join((q.text, q.outlet, q.speaker_name, q.source_title)).casefold()
            for q in queries.quotes_by_id(conn, kept)
        )
        assert [p.stance for p in queries.positions_by_id(conn, ids("pos"))] == stances
        assert lst.section == "quotes" and section_line(lst).startswith("quote:")
        await pilot.press("F")
        expected = listing.quote_counts(conn, "date", lst.view, speaker=actor.id)
        assert app.screen.lines == expected
        await pilot.press("escape")
        # all of the actor's positions (the 'more' line of a long profile) in its view
        app.open_actor_positions(actor.id, lst.section_views["positions"])
        await pilot.pause()
        every = app.screen.query_one("#positions-list")
        assert every.view.sort == "stance" and "sort: stance ↑" in every.border_subtitle
        shown = [o.id for o in every.options if not o.disabled]
        assert [p.stance for p in queries.positions_by_id(conn, shown)] == stances


def section_line(lst) -> str:
    return lst.get_option_at_index(lst.highlighted).id or ""


async def test_the_actors_list_filters_sorts_and_counts_and_q_is_a_letter_in_a_filter(app):
    """Found in tmux by the desk's helper: | on the Actors list opened no filter, so the
    letters typed next ran the screen's keys (u, i). Now it filters like every list; while
    a filter is typed, q (the screen's priority quit) is a letter, not a quit."""
    from ceasefire_tui.db import queries
    from ceasefire_tui.tui.screens.actors import ActorsScreen
    from ceasefire_tui.tui.widgets.actor_list import ActorList

    conn = app.store.conn
    actors = queries.list_actors(conn, with_aliases=False)
    async with app.run_test(size=(80, 24)) as pilot:
        lst = app.screen.query_one(ActorList)
        await pilot.press("|", *"iraq")
        assert lst.typing and lst.view.text == "iraq" and isinstance(app.screen, ActorsScreen)
        assert app.is_running and lst.rows == []
        await pilot.press("escape", "|", *"putin", "enter")
        kept = [r for r in lst.rows if r is not None]
        assert kept == [a.id for a in actors if "putin" in (a.name + (a.role or "")).casefold()]
        assert "filter: “putin”" in lst.border_subtitle
        await pilot.press("escape", "|", "escape")
        assert len([r for r in lst.rows if r is not None]) == len(actors)
        await pilot.press("o", "o", "o", "o")  # name, side, kind, quotes: one list, fewest first
        assert lst.view.sort == "quotes" and None not in lst.rows
        by_id = {a.id: a for a in actors}
        counts = [by_id[r].quote_count for r in lst.rows]
        assert counts == sorted(counts) and len(counts) == len(actors)
        await pilot.press("o", "o")  # positions, then the dossier's order by side again
        assert lst.view.sort is None and None in lst.rows
        await pilot.press("F")  # counts by side
        lines = app.screen.lines
        sides = {a.id: a.name for a in actors if a.parent is None}
        assert sum(n for _v, n in lines) == len(actors) and {v for v, _n in lines} == set(sides.values())
        side, n = lines[0]
        await pilot.press("enter")  # those rows
        kept = [by_id[r] for r in lst.rows if r is not None]
        assert len(kept) == n and {sides[a.side] for a in kept} == {side}
        # in the profile's filter too
        await pilot.press("escape", "enter", "|", *"iraq")
        profile = app.screen.query_one("#profile-list")
        assert profile.typing and profile.view.text == "iraq" and app.is_running
        await pilot.press("escape", "tab")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
