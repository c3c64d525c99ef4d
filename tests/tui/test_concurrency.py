"""Two readers and a load on one database at once: readers never fail, the load is atomic,
and the app sees the new data without a restart (it polls PRAGMA data_version; ctrl+r
reads again at once)."""

from __future__ import annotations

import subprocess
import sys
import threading

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_reader
from ceasefire_tui.tui.app import make_app
from ceasefire_tui.tui.screens.actors import ActorsScreen
from ceasefire_tui.tui.screens.modals.error import ErrorScreen
from ceasefire_tui.tui.widgets.actor_list import ActorList
from tests.support.dossiers import SMALL, big_dossier, build_db


async def test_two_readers_and_a_load(tmp_path):
    path = build_db(tmp_path / "shared.db", SMALL)
    big = tmp_path / "big"
    big_dossier(big, 120_000)
    load = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), "load", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    # the second reader: another process's queries, in a thread, all through the load
    seen_counts: list[int] = []
    errors: list[Exception] = []
    stop = threading.Event()

    def other_reader():
        conn = open_reader(path)
        try:
            while not stop.is_set():
                seen_counts.append(len(queries.list_actors(conn)))
                queries.search(conn, "ceasefire")
                queries.comparison(conn, ["north", "south"])
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(exc)
        finally:
            conn.close()

    reader = threading.Thread(target=other_reader)
    reader.start()
    app = make_app(path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            while load.poll() is None:
                await pilot.press("j", "k", "j")
                assert not isinstance(app.screen, ErrorScreen)
            assert load.returncode == 0, load.stderr.read()
            for _ in range(50):  # the poll, once a second, reads the data again by itself
                await pilot.pause(0.1)
                if any("Actor 0" in t for t in app.screen.query_one(ActorList).lines()):
                    break
            assert any("Actor 0" in t for t in app.screen.query_one(ActorList).lines())
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert isinstance(app.screen, ActorsScreen)
            after = app.screen.query_one(ActorList).lines()
            assert any("Actor 0" in t for t in after)
    finally:
        stop.set()
        reader.join()
    assert not errors
    # the load was atomic: readers saw the old 5 actors or all 9, never a part
    assert set(seen_counts) <= {5, 9}
    assert 5 in seen_counts
