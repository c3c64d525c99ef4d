"""Start-up: the launch pauses the cyclic garbage collector until the first frame is drawn;
the app must turn it back on, or a long session would never free a reference cycle."""

from __future__ import annotations

import gc

import pytest

from ceasefire_tui.tui.app import COLLECTOR_PAUSE, make_app


def _catch_timers(app, monkeypatch) -> list[tuple[float, object]]:
    """The timers the app sets, held instead of run: the test fires them itself, so no
    assertion races the wall clock on a loaded machine."""
    caught: list[tuple[float, object]] = []
    monkeypatch.setattr(app, "set_timer", lambda delay, callback=None, **kw: caught.append((delay, callback)))
    return caught


async def test_collector_runs_again_once_the_first_frame_is_drawn(seed_db_path, monkeypatch):
    gc.disable()  # as `launch` leaves it
    try:
        app = make_app(seed_db_path)
        caught = _catch_timers(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not gc.isenabled()  # the first screen is drawn; the timer is not run
            resume = [cb for delay, cb in caught if delay == COLLECTOR_PAUSE]
            assert len(resume) == 1
            resume[0]()
            assert gc.isenabled()
            # what start-up made is set apart, so later collections do not walk it
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_command_line_keeps_the_collector(seed_db_path, monkeypatch, capsys):
    """Only a plain launch pauses it: a subcommand (a load of a million quotes) does not."""
    from ceasefire_tui.tui import main

    monkeypatch.setattr("sys.argv", ["ceasefire-tui", "--db", str(seed_db_path), "actors"])
    with pytest.raises(SystemExit) as exit_:
        main.main()
    assert exit_.value.code in (0, None)
    assert "putin" in capsys.readouterr().out
    assert gc.isenabled()


async def test_app_leaves_a_running_collector_alone(seed_db_path, monkeypatch):
    """Started another way (the tests, a benchmark), the collector was never paused: nothing
    is frozen."""
    frozen = gc.get_freeze_count()
    app = make_app(seed_db_path)
    caught = _catch_timers(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for delay, callback in caught:
            if delay == COLLECTOR_PAUSE:
                callback()
        assert gc.isenabled() and gc.get_freeze_count() == frozen
