"""What `derived.recompute` (each position's date, then every column's reading: the rollups)
costs a load, beside the load itself, measured interleaved in one run.

    python benchmarks/bench_recompute.py [--quotes 100000] [--runs 3]

Each run, in fresh interpreters, one after the other:
- load: `check` + `write` of the dossier into a fresh database (as `bench_load.py` does), with
  the `recompute` it calls timed inside it, split into the dates (one UPDATE of every
  position) and the rollups (read the positions, compute the readings in Python, write them);
- again: `recompute` alone on the database the first run loaded (dates already set, as on
  a load that changes little), in a transaction rolled back, split the same way.

Dossiers are read from benchmarks/data/q10k, q100k, q1m … and generated there if missing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_load import DATA, dossier_for, label, peak_rss_mb


class Timed:
    """A connection whose statements `recompute` runs are timed: its first (the UPDATE of
    the dates) apart from the rest (reading the positions and writing the rollups)."""

    def __init__(self, conn: Any):
        self.conn = conn
        self.dates = 0.0

    def execute(self, sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        cur = self.conn.execute(sql, *args)
        if sql.startswith("UPDATE positions SET date"):
            self.dates += time.perf_counter() - started
        return cur

    def executemany(self, sql: str, *args: Any) -> Any:
        return self.conn.executemany(sql, *args)


def timed_recompute(conn: Any, recompute: Any) -> dict:
    proxy = Timed(conn)
    started = time.perf_counter()
    recompute(proxy)
    seconds = time.perf_counter() - started
    return {"recompute": seconds, "dates": proxy.dates, "rollups": seconds - proxy.dates}


def run_load(dossier: str, db: str) -> dict:
    from ceasefire_tui.db import derived
    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import check, write
    from ceasefire_tui.db.dossier import writer as writer_module

    inside: dict = {}
    real = derived.recompute

    class Derived:  # the writer's `derived`, with recompute timed
        def __getattr__(self, name: str) -> Any:
            return getattr(derived, name)

        @staticmethod
        def recompute(conn: Any) -> None:
            inside.update(timed_recompute(conn, real))

    writer_module.derived = Derived()  # type: ignore[assignment]
    started = time.perf_counter()
    conn = open_writer(db)
    d = check([dossier], conn)
    if d.problems:
        raise SystemExit(f"{len(d.problems)} problem(s), first: {d.problems[0]}")
    write(conn, d)
    conn.close()
    done = time.perf_counter()
    return {"load": done - started, **inside, "quotes": d.counts()["quotes"], "rss_mb": peak_rss_mb()}


def run_again(db: str) -> dict:
    from ceasefire_tui.db import derived
    from ceasefire_tui.db.connect import open_writer

    conn = open_writer(db, create=False)
    conn.execute("PRAGMA trusted_schema = ON")  # as `write` does: FTS5 triggers on positions
    conn.execute("BEGIN IMMEDIATE")
    try:
        out = timed_recompute(conn, derived.recompute)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    return {**out, "rss_mb": peak_rss_mb()}


def child(kind: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def med(rows: list[dict], key: str) -> str:
    values = [r[key] for r in rows]
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, *args = sys.argv[2:]
        print(json.dumps(run_load(*args) if kind == "load" else run_again(*args)))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, action="append", help="dossier size (repeatable; default 100000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DATA, help="where dossiers are (generated)")
    args = ap.parse_args()
    table = []
    with tempfile.TemporaryDirectory(prefix="bench-recompute-") as tmp:
        for quotes in args.quotes or [100_000]:
            dossier = dossier_for(quotes, args.data)
            reference = f"{tmp}/ref-{quotes}.db"
            loads, agains = [], []
            for run in range(args.runs):
                db = reference if run == 0 else f"{tmp}/load-{quotes}-{run}.db"
                loads.append(child("load", str(dossier), db))
                agains.append(child("again", reference))
                if run:
                    for suffix in ("", "-wal", "-shm"):
                        Path(db + suffix).unlink(missing_ok=True)
                print(
                    f"q{label(quotes)} run {run + 1}/{args.runs}: load {loads[-1]['load']:.2f} s "
                    f"(recompute {loads[-1]['recompute']:.2f} s), again {agains[-1]['recompute']:.2f} s",
                    file=sys.stderr,
                    flush=True,
                )
            table.append((quotes, loads, agains))
    print(f"\nderived.recompute beside the load; {args.runs} runs interleaved, seconds, median (min–max)")
    for quotes, loads, agains in table:
        share = statistics.median(r["recompute"] / r["load"] for r in loads)
        print(f"\nq{label(quotes)}: {loads[0]['quotes']:,} quotes")
        print(f"  {'':28}{'recompute':>24}{'dates':>24}{'rollups':>24}{'load':>24}")
        print(
            f"  {'in a fresh load':28}{med(loads, 'recompute'):>24}{med(loads, 'dates'):>24}"
            f"{med(loads, 'rollups'):>24}{med(loads, 'load'):>24}"
        )
        print(
            f"  {'again, on the loaded db':28}{med(agains, 'recompute'):>24}{med(agains, 'dates'):>24}"
            f"{med(agains, 'rollups'):>24}{'':>24}"
        )
        print(
            f"  recompute's share of the load: {share:.0%}; peak RSS of a load: "
            f"{max(r['rss_mb'] for r in loads):,.0f} MB"
        )


if __name__ == "__main__":
    main()
