"""Screens at size: open Compare (4 actors) and the Issues matrix, bytes per cursor move,
peak memory after each screen. Each figure beside its baseline measured in the same run.

    python benchmarks/bench_screens.py --db benchmarks/data/q1m.db [--runs 5]

- open: keystroke to painted (in a pty at 80x24) for Compare of the four heaviest sides
  and the Issues matrix, and the queries alone (what each screen reads before its first
  paint; `comparison` and `comparison_summary` as of a past day): the seed and this
  database interleaved run by run, each large figure beside the seed's with the ratio and
  the goal (key to painted within 1.2x the seed).
- bytes: what one cursor move writes to an 80x24 terminal (a pty), in the actors list and
  the compare grid, against a bare Textual DataTable cursor move.
- memory: peak RSS of the app after opening each screen, this database against the seed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ceasefire_tui.tui.ptyrun import time_to_marker

ROOT = Path(__file__).resolve().parent.parent


def fmt(values: list[float], scale: float = 1000.0, unit: str = "ms") -> str:
    med = statistics.median(values) * scale
    return f"{med:8.1f} {unit} ({min(values) * scale:.1f}–{max(values) * scale:.1f})"


def pick_actors(conn, n: int = 4) -> list[str]:
    """The n sides with the most positions: the heaviest realistic comparison."""
    from ceasefire_tui.db import queries

    actors = queries.list_actors(conn)
    load = {a.id: 0 for a in actors if a.parent is None}
    for a in actors:
        if a.side in load:
            load[a.side] += a.position_count
    return sorted(load, key=lambda s: -load[s])[:n]


# --- open times --------------------------------------------------------------------------

QUERIES = ("compare query", "matrix query", "compare --as-of query", "summary --as-of query")
SCREENS = ("compare screen", "matrix screen")
#: The issue's goal: Compare and the matrix, key to painted, at 1M quotes within 1.2x the seed.
GOAL = 1.2


def as_of_day(conn, ids: list[str]) -> str:
    """The middle one of the days on which these columns' readings can change (the days
    [ and ] step through): a past day well inside the record."""
    from ceasefire_tui.db import queries

    days = queries.change_dates(conn, ids)
    return days[len(days) // 2] if days else "0000-00-00"


class Target:
    """One database under test: what the screens are opened with, and its samples."""

    def __init__(self, label: str, db: Path):
        from ceasefire_tui.db import queries
        from ceasefire_tui.db.connect import open_reader
        from ceasefire_tui.tui.widgets.lists import TABLE_PAGE

        self.label, self.db = label, db
        self.conn = open_reader(db)
        self.ids = pick_actors(self.conn)
        self.day = as_of_day(self.conn, self.ids)
        order = [a.id for a in queries.list_actors(self.conn)]
        # the keys that mark the four sides in the actors list
        self.keys, at = [], 0
        for target in sorted(order.index(i) for i in self.ids):
            self.keys.append(b"j" * (target - at) + b" ")
            at = target + 1  # space moves the cursor down
        self.page = TABLE_PAGE
        self.out: dict[str, list[float]] = {k: [] for k in QUERIES + SCREENS}

    def queries_once(self) -> None:
        """What each screen reads before its first paint (Compare: every row's stances and
        the first page's leads; the matrix: the sides, the issues, the first page of
        issues' stances), and a comparison as of a past day (in full, as `compare --as-of`
        prints it; and the summary, as Compare stepped back with [ reads it)."""
        from ceasefire_tui.db import queries

        conn, out = self.conn, self.out
        t = time.perf_counter()
        c = queries.comparison_summary(conn, self.ids)
        queries.with_leads(conn, c.rows[: self.page])
        out["compare query"].append(time.perf_counter() - t)
        t = time.perf_counter()
        sides = [a.id for a in queries.list_sides(conn)]
        first_page = [i.id for i in queries.list_issues(conn)[: self.page]]
        queries.issue_stances(conn, sides, first_page)
        out["matrix query"].append(time.perf_counter() - t)
        t = time.perf_counter()
        queries.comparison(conn, self.ids, as_of=self.day)
        out["compare --as-of query"].append(time.perf_counter() - t)
        t = time.perf_counter()
        c = queries.comparison_summary(conn, self.ids, as_of=self.day)
        queries.with_leads(conn, c.rows[: self.page])
        out["summary --as-of query"].append(time.perf_counter() - t)

    def screen_once(self, label: str, env: dict) -> None:
        """Keystroke to painted, in a pty at 80x24: 'c' with the four sides marked, or 'i'."""
        # the matrix's column heading: its title no longer says "issues, by side", so the
        # clock waited for its 30 s limit on both databases (a ratio of 1.00x, meaning nothing)
        key, marker = (b"c", b"agreement ") if label == "compare screen" else (b"i", b"Relation")
        keys = self.keys if label == "compare screen" else []
        exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")

        def after(write, read_for, proc, master):
            read_for(0.3)
            for k in keys:
                write(k)
                read_for(0.4)
            while read_for(0.3):  # the app has drawn everything the marks asked for
                pass
            seen = b""
            write(key)
            start = time.perf_counter()
            while marker not in seen and time.perf_counter() - start < 30:
                seen += read_for(0.005)
            if marker not in seen:
                raise SystemExit(
                    f"{label}: {marker!r} never appeared in 30 s; the screen or its marker changed"
                )
            self.out[label].append(time.perf_counter() - start)

        time_to_marker([exe, "--db", str(self.db)], [b" Palette", b"Positions ("], env=env, after=after)


def open_times(targets: list[Target], runs: int) -> None:
    """Every figure for every database, interleaved: each run measures the seed, then the
    large database, query by query and screen by screen, so that a slow spell of the
    machine falls on both alike."""
    for _ in range(runs):
        for t in targets:
            t.queries_once()
    tmp = tempfile.mkdtemp()
    env = {"XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
    for run in range(runs):
        for label in SCREENS:
            for t in targets:
                t.screen_once(label, env)
        print(f"  screens run {run + 1}/{runs}", file=sys.stderr, flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    for t in targets:
        t.conn.close()


def report_open(seed: Target, big: Target, runs: int) -> None:
    print(f"\nopen, median (range) of {runs}, interleaved seed / large in one run")
    print(f"  seed:  {', '.join(seed.ids)}; as of {seed.day}")
    print(f"  large: {', '.join(big.ids)}; as of {big.day}")
    print(f"  {'':24}{'seed':>26}{'large':>28}{'ratio':>8}  goal")
    for key in QUERIES + SCREENS:
        ratio = statistics.median(big.out[key]) / statistics.median(seed.out[key])
        goal = ""
        if key in SCREENS:
            goal = f"<= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'}"
        print(f"  {key:24}{fmt(seed.out[key]):>26}{fmt(big.out[key]):>28}{ratio:7.2f}x  {goal}")


# --- memory ------------------------------------------------------------------------------


async def _memory_child(db: Path) -> None:
    from ceasefire_tui.db.connect import open_reader
    from ceasefire_tui.tui.app import make_app

    def rss_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    conn = open_reader(db)
    ids = pick_actors(conn)
    conn.close()
    steps = {}
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        steps["actors"] = rss_mb()
        for _ in range(30):
            await pilot.press("j")
        await pilot.pause(0.2)
        steps["actors, 30 moves"] = rss_mb()
        app.open_compare(ids)
        await pilot.pause()
        steps["compare"] = rss_mb()
        await pilot.press("escape", "i")
        await pilot.pause()
        steps["issues matrix"] = rss_mb()
        await pilot.press("enter")
        await pilot.pause()
        steps["issue"] = rss_mb()
        await pilot.press("escape", "escape", "slash", *"the")
        await app.workers.wait_for_complete()
        await pilot.pause()
        steps["search"] = rss_mb()
    print(json.dumps(steps))


def memory(db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(db)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- bytes per cursor move ---------------------------------------------------------------

BARE_TABLE = """
from textual.app import App
from textual.widgets import DataTable, Footer
class T(App):
    def compose(self):
        yield DataTable(cursor_type="row")
        yield Footer()
    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("Issue", "Europe", "Russia", "Ukraine", "United States", "Relation")
        for i in range(20):
            t.add_row(f"Issue number {i}", "▲", "▼▼", "·", "▲▲", "✗ conflict")
T().run()
"""


DOWN = b"\x1b[B"


def bytes_per_move(
    cmd: list[str], markers: list[bytes], keys: list[bytes], env: dict, moves: int = 8
) -> tuple[list[int], list[int]]:
    """Bytes written for each of `moves` down-arrow presses: (the move itself, within
    40 ms; everything, once the side panel has followed)."""
    echo: list[int] = []
    total: list[int] = []

    def after(write, read_for, proc, master):
        read_for(0.5)  # let the first screen finish settling
        for key in keys:
            write(key)
            read_for(0.5)
        for _ in range(moves):
            write(DOWN)
            first = read_for(0.04)
            rest = read_for(0.4)
            echo.append(len(first))
            total.append(len(first) + len(rest))

    time_to_marker(cmd, markers, env=env, after=after)
    return echo, total


def bytes_figures(db: Path) -> dict:
    exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
    tmp = tempfile.mkdtemp()
    env = {"XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
    bare_file = Path(tmp) / "bare_table.py"
    bare_file.write_text(BARE_TABLE)
    out = {
        "bare DataTable": bytes_per_move([sys.executable, str(bare_file)], [b"Issue number 19"], [], env),
        "actors list": bytes_per_move([exe, "--db", str(db)], [b" Palette", b"Positions ("], [], env),
        "compare grid": bytes_per_move(
            [exe, "--db", str(db)], [b" Palette", b"Positions ("], [b" ", b"j", b" ", b"c"], env
        ),
    }
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="the large database (required)")
    ap.add_argument("--seed-db", help="the seed database (default: built in a temp folder)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        asyncio.run(_memory_child(Path(args.memory_child)))
        return
    if not args.db:
        ap.error("--db is required")
    db = Path(args.db)
    seed = Path(args.seed_db) if args.seed_db else None
    if seed is None:
        from ceasefire_tui.db.bundled import ensure_default_db

        seed = Path(tempfile.mkdtemp()) / "seed.db"
        ensure_default_db(seed)
    print(f"database: {db}")
    # first, while this process is small: a child's peak RSS starts from its parent's
    # (Linux keeps ru_maxrss across fork and exec), and the queries below grow this one
    mem_seed, mem_big = memory(seed), memory(db)
    seed_target, big_target = Target("seed", seed), Target("large", db)
    open_times([seed_target, big_target], args.runs)
    report_open(seed_target, big_target, args.runs)
    print("\npeak RSS after each screen (MB):")
    print(f"  {'screen':18}{'seed':>8}{'large':>8}{'more':>8}")
    for step in mem_seed:
        print(f"  {step:18}{mem_seed[step]:8.1f}{mem_big[step]:8.1f}{mem_big[step] - mem_seed[step]:8.1f}")
    print("\nbytes written per cursor move (down arrow) at 80x24, median (range) of 8 moves:")
    print(f"  {'':16}{'the move':>18}{'with the panel':>22}")
    for key, (echo, total) in bytes_figures(db).items():
        print(
            f"  {key:16}{statistics.median(echo):8.0f} ({min(echo)}–{max(echo)})"
            f"{statistics.median(total):10.0f} ({min(total)}–{max(total)})"
        )
    os.environ.pop("XDG_DATA_HOME", None)


if __name__ == "__main__":
    main()
