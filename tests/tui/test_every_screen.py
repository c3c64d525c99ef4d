"""Every screen on every record of a generated dossier, not only the seed's: data the seed
happens not to hold (a quote backing two positions on one issue, a body with no members,
an issue nobody addressed) must not crash a screen."""

from __future__ import annotations

from itertools import combinations

import pytest
from textual.widgets import OptionList

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.fixtures.generate import generate
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.screens.evidence import EvidenceScreen
from ceasefire_tui.tui.screens.issues import IssueScreen, IssuesScreen
from ceasefire_tui.tui.screens.positions import ActorPositionsScreen
from ceasefire_tui.tui.screens.quote import QuoteScreen
from ceasefire_tui.tui.screens.source import SourceScreen
from tests.support.dossiers import build_db

#: Large enough to hold quotes that back two positions on one issue (3 at 400).
QUOTES = 400


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(QUOTES, folder / "g.json")
    return build_db(folder / "g.db", folder / "g.json")


@pytest.fixture(scope="module")
def records(generated_db):
    conn = open_reader(generated_db)
    try:
        actors = queries.list_actors(conn)
        issues = queries.list_issues(conn)
        positions = [p for i in issues for p in queries.issue_positions(conn, i.id)]
        quotes = {q.id: q for a in actors for q in queries.actor_quotes(conn, a.id, limit=-1)}
        shared = [
            qid
            for qid in quotes
            if len({p.issue for p in queries.quote_positions(conn, qid)})
            < len(queries.quote_positions(conn, qid))
        ]
    finally:
        conn.close()
    return actors, issues, positions, quotes, shared


async def _visit(pilot, screen) -> None:
    """Open a screen, let it draw, check it is the one showing, and go back."""
    app = pilot.app
    app.push_screen(screen)
    await pilot.pause()
    assert app.screen is screen, f"{type(app.screen).__name__} is showing, not {screen!r}"
    app.pop_screen()
    await pilot.pause()


async def test_a_quote_backing_two_positions_on_one_issue_opens(generated_db, records):
    _actors, _issues, _positions, quotes, shared = records
    assert shared, "the generated dossier should hold such a quote; raise QUOTES"
    app = make_app(generated_db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote(shared[0])
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        backs = app.screen.query_one("#quote-positions", OptionList)
        assert backs.option_count >= 2
        # each of its positions opens its issue
        issue = app.screen.position_issues[backs.get_option_at_index(1).id]
        backs.focus()
        backs.highlighted = 1
        await pilot.press("enter")
        assert isinstance(app.screen, IssueScreen) and app.screen.issue_id == issue


async def _each(pilot, screen, attribute: str, values) -> int:
    """Open `screen` once, then show each value on it (as ctrl+r would, after setting the
    record): every record rendered, at a fraction of a new screen's cost each."""
    app = pilot.app
    await app.push_screen(screen)
    shown = 0
    for value in values:
        setattr(screen, attribute, value)
        screen.reload()
        await pilot.pause()
        assert app.screen is screen, f"{type(app.screen).__name__} showing after {value!r}"
        shown += 1
    await app.pop_screen()
    return shown


@pytest.mark.slow
async def test_every_screen_on_every_record(generated_db, records):
    actors, issues, positions, quotes, _shared = records
    first = next(iter(quotes.values()))
    app = make_app(generated_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for a in actors:  # the Actors screen's profile of each
            app.select_actor(a.id)
            await pilot.pause(0.1)
            assert app.screen is app.screen_stack[0]
        shown = await _each(pilot, ActorPositionsScreen(actors[0].id), "actor_id", [a.id for a in actors])
        shown += await _each(pilot, IssueScreen(issues[0].id), "issue_id", [i.id for i in issues])
        await _visit(pilot, IssuesScreen())
        shown += await _each(
            pilot, EvidenceScreen([positions[0].id]), "position_ids", [[p.id] for p in positions]
        )
        shown += await _each(pilot, QuoteScreen(first.id), "quote_id", list(quotes))
        shown += await _each(pilot, SourceScreen(first), "quote", list(quotes.values()))
        ids = [a.id for a in actors]
        pairs = [list(pair) for pair in combinations(ids, 2)][::7]  # every actor, in 1 pair in 7
        shown += await _each(pilot, CompareScreen(ids[:2]), "actor_ids", pairs)
        assert shown == (len(actors) + len(issues) + len(positions) + 2 * len(quotes) + len(pairs))
