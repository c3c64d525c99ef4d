"""`ceasefire-tui search` and `compare` from the command line: wall time on a large
database against the seed, the same commands in the same run.

    python benchmarks/bench_cli.py --db benchmarks/data/q1m.db [--runs 7]

The generated dossiers keep the seed's ids (putin, zelenskiy), so the same command runs
on both; the search term is one both hold.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def commands(large: str) -> dict[str, tuple[list[str], list[str]]]:
    """(seed argv, large argv) per command. Compare: putin and zelenskiy in the seed; in the
    large database, the two persons whose position counts are nearest theirs (the same
    amount of output), and also the generated putin and zelenskiy, who hold thousands."""
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.connect import open_reader

    conn = open_reader(large)
    persons = [a for a in queries.list_actors(conn, with_aliases=False) if a.kind == "person"]
    conn.close()
    near = [min(persons, key=lambda a, n=n: (abs(a.position_count - n), a.id)).id for n in (5, 2)]
    compare = ["compare", "--format", "json"]
    return {
        "search Russia": (["search", "Russia", "--limit", "20"],) * 2,
        "compare (like-sized actors)": (compare + ["putin", "zelenskiy"], compare + near),
        "compare putin zelenskiy": (compare + ["putin", "zelenskiy"],) * 2,
    }


def wall(cmd: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)
    subprocess.run([exe, "actors"], env=env, stdout=subprocess.DEVNULL, check=True)  # seed db
    print(f"CLI wall time, {args.runs} runs, ms median (range); large: {args.db}")
    print(f"{'command':34}{'seed':>20}{'large':>20}{'ratio':>8}")
    for name, (seed_argv, large_argv) in commands(args.db).items():
        seed = wall([exe, *seed_argv], env, args.runs)
        large = wall([exe, "--db", args.db, *large_argv], env, args.runs)
        ratio = statistics.median(large) / statistics.median(seed)

        def fmt(v):
            return f"{statistics.median(v) * 1000:6.0f} ({min(v) * 1000:.0f}–{max(v) * 1000:.0f})"

        print(f"{name:34}{fmt(seed):>20}{fmt(large):>20}{ratio:7.2f}x")
    print("goal: <= 1.2x")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
