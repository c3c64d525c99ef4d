"""The cost of the column readings a load keeps (`derived.readings`, issue 13: a column
read as of each day anything in it changed), beside the flat rules they replaced
(`git show 92a85ad:db/derived.py`), interleaved run by run on one loaded database.

    python benchmarks/bench_readings.py --db /tmp/q100k.db [--runs 3]

(make one with `python benchmarks/generate.py --quotes 100000 --out /tmp/q100k` and
`ceasefire-tui --db /tmp/q100k.db load /tmp/q100k`; needs git and this repository.)
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

from ceasefire_tui.db import derived
from ceasefire_tui.db.analysis import Dated

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "92a85ad"


def _old(name: str, source: str, package: str = "ceasefire_tui.db") -> types.ModuleType:
    module = types.ModuleType(f"{package}.{name}")
    module.__package__ = package
    exec(compile(source, name, "exec"), module.__dict__)  # noqa: S102 (this repository's own history)
    sys.modules[module.__name__] = module
    return module


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BEFORE}:{path}"], capture_output=True, text=True, check=True
        ).stdout

    _old("old_analysis", show("db/analysis.py"))
    old = _old("old_derived", show("db/derived.py").replace("from .analysis", "from .old_analysis"))
    conn = sqlite3.connect(args.db)
    parents = dict(conn.execute("SELECT id, parent FROM actors"))
    by_issue = conn.execute(
        "SELECT id, actor, issue, stance, kind, date FROM positions ORDER BY issue"
    ).fetchall()
    by_actor = conn.execute(
        "SELECT id, actor, issue, stance, kind, date FROM positions ORDER BY actor, issue"
    ).fetchall()
    print(f"{len(by_issue):,} positions, {len(parents):,} actors")
    news, olds = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        old.readings(map(old.Dated._make, by_actor), lambda a: old.chain(parents, a))
        olds.append(time.perf_counter() - t)
        t = time.perf_counter()
        derived.readings(map(Dated._make, by_issue), parents)
        news.append(time.perf_counter() - t)
    o, n = statistics.median(olds), statistics.median(news)
    print(f"readings: {n:.2f} s (runs {', '.join(f'{x:.2f}' for x in news)})")
    print(f"baseline, the flat rules of {BEFORE}: {o:.2f} s (runs {', '.join(f'{x:.2f}' for x in olds)})")
    print(f"ratio {n / o:.1f}x")


if __name__ == "__main__":
    main()
