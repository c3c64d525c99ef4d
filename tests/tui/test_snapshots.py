"""SVG snapshots of the main screens at 80x24 on the seed dossier (pytest-textual-snapshot).

Regenerate only in a commit of their own, after looking at the report:
`pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from ceasefire_tui.tui.app import make_app

SIZE = (80, 24)


def test_actors(snap_compare, seed_db_path):
    async def before(pilot):
        await pilot.press("j", "j", "j")
        # the detail panel follows the cursor after a rest and reads a page at a time: wait
        # for it, or its scrollbar is caught at whichever page a slow machine has reached
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)

    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, run_before=before)


def test_compare(snap_compare, seed_db_path):
    async def before(pilot):
        pilot.app.open_compare(["russia", "ukraine", "europe"])
        await pilot.pause()

    assert snap_compare(
        make_app(seed_db_path), terminal_size=SIZE, run_before=before, press=["j", "j", "j", "l"]
    )


def test_issues_matrix(snap_compare, seed_db_path):
    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, press=["i", "j", "j", "j"])


def test_issue(snap_compare, seed_db_path):
    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, press=["i", "j", "j", "j", "j", "enter"])


def test_quote(snap_compare, seed_db_path):
    async def before(pilot):
        pilot.app.open_quote("q-grushko-conflict-zone")
        await pilot.pause()

    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, run_before=before)


def test_search(snap_compare, seed_db_path):
    async def before(pilot):
        await pilot.press("slash", *"guarantee")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, run_before=before)


def test_help(snap_compare, seed_db_path):
    assert snap_compare(make_app(seed_db_path), terminal_size=SIZE, press=["question_mark"])
