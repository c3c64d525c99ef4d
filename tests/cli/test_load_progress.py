"""The load's progress line: records and their rate on a terminal, nothing elsewhere."""

from __future__ import annotations

import io

from ceasefire_tui.tui.cli import _Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_shows_records_and_rate() -> None:
    out = _Terminal()
    progress = _Progress(1000, out)
    progress.started -= 2.0  # the write has taken a moment: the line shows
    progress(500)
    line = out.getvalue()
    assert "50% (500/1,000 records, " in line
    rate = line.split("records, ")[1].split("/s")[0]
    assert 200 <= int(rate.replace(",", "")) <= 250  # 500 records in about 2 s
    progress.close()
    assert out.getvalue().endswith("\r\033[K")  # the line is wiped at the end


def test_progress_is_quiet_off_a_terminal_and_for_a_quick_load() -> None:
    pipe = io.StringIO()
    progress = _Progress(1000, pipe)
    progress.started -= 2.0
    progress(1000)
    progress.close()
    assert pipe.getvalue() == ""
    quick = _Terminal()
    progress = _Progress(1000, quick)
    progress(1000)  # under half a second: no line at all
    progress.close()
    assert quick.getvalue() == ""


def test_progress_never_passes_100_percent() -> None:
    out = _Terminal()
    progress = _Progress(10, out)
    progress.started -= 2.0
    progress(25)
    assert "100% (25/10" in out.getvalue()


def test_the_check_says_each_step_on_a_terminal_and_nothing_in_a_pipe(tmp_path) -> None:
    from ceasefire_tui.db.dossier import check
    from ceasefire_tui.tui.cli import _Steps
    from tests.support.dossiers import SMALL

    out, pipe = _Terminal(), io.StringIO()
    for stream in (out, pipe):
        steps = _Steps(stream)
        check([SMALL], step=steps)
        steps.close()
    seen = out.getvalue()
    assert "checking… reading small.yaml (1 of 1)" in seen and "checking… placing each quote" in seen
    assert seen.endswith("\r\033[K") and pipe.getvalue() == ""
    # a name from the dossier's folder is data: no control character reaches the terminal
    evil = _Terminal()
    _Steps(evil)("reading \x1b[2Jx.yaml")
    assert "\x1b[2J" not in evil.getvalue()
