"""Paged lists on a large database: the first, middle and last page of each long list read
by key (`after`: the page after the last row shown, as the app reads them) against the
same pages read by OFFSET in the same run (every page by key in turn, then by offset);
and the whole list read by key.

    python benchmarks/bench_pages.py --db benchmarks/data/q1m-load.db [--runs 7]

The lists are the longest of each kind in the database: the most quoted speaker's quotes
(the Actors profile), the review queue (u), the issue with the most positions (the Issue
screen) and the actor with the most positions (its positions list). A page is 30 rows
(`tui.widgets.lists.TABLE_PAGE`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

PAGE = 30


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.2f} ({min(values) * 1000:.2f}–{max(values) * 1000:.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.connect import open_reader

    conn = open_reader(Path(args.db))
    actors = queries.list_actors(conn, with_aliases=False)
    quoted = max(actors, key=lambda a: a.quote_count)
    holder = max(actors, key=lambda a: a.position_count)
    crowded = max(queries.list_issues(conn), key=lambda i: i.position_count)
    lists: dict[str, Callable[..., list]] = {
        f"quotes of {quoted.id}": lambda **kw: queries.actor_quotes(conn, quoted.id, **kw),
        "review queue": lambda **kw: queries.unsure_quotes(conn, **kw),
        f"positions on {crowded.id[:20]}": lambda **kw: queries.issue_positions(
            conn, crowded.id, assessments=False, **kw
        ),
        f"positions of {holder.id}": lambda **kw: queries.actor_positions(conn, holder.id, **kw),
    }
    print(f"paged lists on {args.db}, {PAGE} rows a page, {args.runs} runs, ms median (range)")
    print(f"{'list':34}{'rows':>8}{'page':>8}{'by key':>22}{'by offset':>22}{'page/first':>12}")
    for name, fetch in lists.items():
        # walk the list by key once: the whole list's time, and where each page starts
        starts: list[str | None] = [None]
        t = time.perf_counter()
        rows = 0
        while True:
            page = fetch(limit=PAGE, after=starts[-1])
            rows += len(page)
            if len(page) < PAGE:
                break
            starts.append(page[-1].id)
        whole = time.perf_counter() - t
        picks = {"first": 0, "middle": len(starts) // 2, "last": len(starts) - 1}
        by_key: dict[str, list[float]] = {label: [] for label in picks}
        by_offset: dict[str, list[float]] = {label: [] for label in picks}
        # the pages by key in turn, then by offset in turn: an offset read walks thousands
        # of rows and would push the next keyed page out of SQLite's cache
        for _ in range(args.runs):
            for label, n in picks.items():
                t = time.perf_counter()
                fetch(limit=PAGE, after=starts[n])
                by_key[label].append(time.perf_counter() - t)
        for _ in range(args.runs):
            for label, n in picks.items():
                t = time.perf_counter()
                fetch(limit=PAGE, offset=n * PAGE)
                by_offset[label].append(time.perf_counter() - t)
        for label, n in picks.items():
            keyed, offset = fetch(limit=PAGE, after=starts[n]), fetch(limit=PAGE, offset=n * PAGE)
            assert [r.id for r in keyed] == [r.id for r in offset], (name, label)
            ratio = statistics.median(by_key[label]) / statistics.median(by_key["first"])
            print(
                f"{name[:33]:34}{rows:>8,}{label:>8}{fmt(by_key[label]):>22}{fmt(by_offset[label]):>22}"
                f"{ratio:11.2f}x"
            )
        print(f"{'':34}{'':8}{'whole':>8}{whole * 1000:>15.0f} ms by key ({len(starts)} pages)")
    print("goal: any page within 1.2x of the first")


if __name__ == "__main__":
    main()
