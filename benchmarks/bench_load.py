"""Load speed and memory: quotes per second and peak RSS of `load` (check + write) against
a plain `executemany` of the same rows.

Ours: `check` (read, parse and validate every file, verbatim offsets included, sync against
the database) then `write`, into a fresh database made by `open_writer`. Baseline: every row
our load wrote (sources, actors and aliases, issues, quotes and their issues, positions and
their evidence, rollups, the load's own record), read back as tuples before the clock, then
`executemany` table by table in one transaction into a fresh database with the same schema
(also `open_writer`), the full-text triggers dropped and the full-text indexes built once at
the end (what the fastest hand-written bulk load does). The baseline's peak RSS includes the
rows it holds. Each run is a fresh interpreter (so its peak RSS is its own); ours and the
baseline alternate, so a busy machine slows both alike.

    python benchmarks/bench_load.py [--quotes 100000 --quotes 1000000] [--runs 3] [--profile]

Dossiers are read from benchmarks/data/q10k, q100k, q1m … (--data) and generated there if missing.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOAL = 0.8


def label(quotes: int) -> str:
    for unit, div in (("m", 1_000_000), ("k", 1000)):
        if quotes >= div and quotes % div == 0:
            return f"{quotes // div}{unit}"
    return str(quotes)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dossier_for(quotes: int, data: Path) -> Path:
    path = data / f"q{label(quotes)}"
    if not path.exists():
        print(f"generating {path} …", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--quotes", str(quotes), "--out", str(path)],
            check=True,
        )
    return path


# --- one measurement each, run in a child process -----------------------------------------


def run_ours(dossier: str, db: str) -> dict:
    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import check, write

    started = time.perf_counter()
    conn = open_writer(db)
    d = check([dossier], conn)
    checked = time.perf_counter()
    if d.problems:
        raise SystemExit(f"{len(d.problems)} problem(s), first: {d.problems[0]}")
    write(conn, d)
    conn.close()
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "check": checked - started,
        "write": done - checked,
        "quotes": d.counts()["quotes"],
        "rss_mb": peak_rss_mb(),
    }


def run_baseline(reference_db: str, db: str) -> dict:
    import sqlite3

    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.schema import TABLES  # every table our load writes, in key order

    source = sqlite3.connect(f"file:{reference_db}?mode=ro", uri=True)
    tables = [
        t
        for t in TABLES
        if t != "meta" and source.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t,)).fetchone()
    ]
    rows, sql = {}, {}
    for t in tables:  # plain tuples, read before the clock
        cur = source.execute(f'SELECT * FROM "{t}"')
        cols = [c[0] for c in cur.description]
        rows[t] = cur.fetchall()
        names = ", ".join(f'"{c}"' for c in cols)
        sql[t] = f'INSERT INTO "{t}" ({names}) VALUES ({", ".join("?" * len(cols))})'
    source.close()
    started = time.perf_counter()
    target = open_writer(db)  # the same schema, empty
    target.execute("PRAGMA trusted_schema = ON")  # as `write` does: FTS5 may run in triggers
    target.execute("BEGIN IMMEDIATE")
    target.execute("PRAGMA defer_foreign_keys = ON")
    triggers = target.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('quotes', 'positions')"
    ).fetchall()
    for name, _ in triggers:
        target.execute(f'DROP TRIGGER "{name}"')
    for t in tables:
        target.executemany(sql[t], rows[t])
    for _, trigger in triggers:
        target.execute(trigger)
    for fts in ("quotes_fts", "positions_fts"):
        target.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
    target.execute("COMMIT")
    stored = target.execute("SELECT count(*) FROM quotes").fetchone()[0]
    target.close()
    done = time.perf_counter()
    assert stored == len(rows["quotes"]), (stored, len(rows["quotes"]))
    return {"seconds": done - started, "quotes": stored, "rss_mb": peak_rss_mb()}


def child(kind: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


# --- profile ------------------------------------------------------------------------------

PHASES = [
    ("db/dossier/parse.py", "read_file", "read + parse the files"),
    ("db/dossier/validate.py", "_read_records", "validate each record's fields"),
    ("db/dossier/validate.py", "_check_unique", "ids unique"),
    ("db/dossier/sync.py", "plan", "sync: what the load removes"),
    ("db/dossier/validate.py", "_check_references", "references resolve"),
    ("db/dossier/validate.py", "_check_parents", "parent chains"),
    ("db/dossier/verbatim.py", "place_quotes", "verbatim offsets"),
    ("db/dossier/sync.py", "compare", "sync: added, changed, same"),
    ("db/dossier/writer.py", "write", "write (one transaction)"),
    ("~", "<method 'executemany' of 'sqlite3.Connection' objects>", "  of which executemany"),
    ("db/dossier/writer.py", "recompute_actors", "  of which sides, depths, counts"),
]


def profile(dossier: Path, db: Path, top: int) -> None:
    import cProfile
    import pstats

    from ceasefire_tui.db.connect import open_writer
    from ceasefire_tui.db.dossier import check, write

    conn = open_writer(db)
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    d = check([dossier], conn)
    write(conn, d)
    prof.disable()
    elapsed = time.perf_counter() - started
    conn.close()
    stats = pstats.Stats(prof)
    print(
        f"\nprofile of one load of {dossier} ({elapsed:.1f} s under cProfile, "
        f"{d.counts()['quotes']:,} quotes)"
    )
    print(f"{'phase':52}{'cumulative s':>14}{'share':>8}")
    for file, func, what in PHASES:
        cum = sum(
            v[3]
            for (f, _line, name), v in stats.stats.items()
            if name == func and (f.endswith(file) or file == "~")
        )
        print(f"{what:52}{cum:14.2f}{cum / elapsed:8.0%}")
    print(f"\ntop {top} functions by own time:")
    stats.sort_stats("tottime").print_stats(top)


# --- the table ----------------------------------------------------------------------------


def rate(result: dict) -> float:
    return result["quotes"] / result["seconds"]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, *args = sys.argv[2:]
        print(json.dumps(run_ours(*args) if kind == "ours" else run_baseline(*args)))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quotes", type=int, action="append", help="dossier size in quotes (repeatable; default 10000)"
    )
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DATA, help="where dossiers are (generated)")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="also profile one load of each size (cProfile) and say where time goes",
    )
    ap.add_argument("--top", type=int, default=20, help="functions listed by --profile")
    args = ap.parse_args()
    sizes = args.quotes or [10_000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for quotes in sizes:
            dossier = dossier_for(quotes, args.data)
            ours, base = [], []
            reference = f"{tmp}/ours-{quotes}-0.db"
            for run in range(args.runs):
                ours.append(child("ours", str(dossier), f"{tmp}/ours-{quotes}-{run}.db"))
                base.append(child("baseline", reference, f"{tmp}/base-{quotes}-{run}.db"))
                for stale in [f"{tmp}/base-{quotes}-{run}.db"] + (
                    [f"{tmp}/ours-{quotes}-{run}.db"] if run else []
                ):  # run 0: the reference
                    for suffix in ("", "-wal", "-shm"):
                        Path(stale + suffix).unlink(missing_ok=True)
                print(
                    f"q{label(quotes)} run {run + 1}/{args.runs}: ours {ours[-1]['seconds']:.2f} s,"
                    f" baseline {base[-1]['seconds']:.2f} s",
                    file=sys.stderr,
                    flush=True,
                )
            rows.append((quotes, ours, base))
            if args.profile:
                profile(dossier, Path(f"{tmp}/profile-{quotes}.db"), args.top)
    print(
        "\nload: check + write (ours) vs executemany of the same rows into the same schema, "
        "full-text index built once at the end (baseline);\none transaction each, fresh "
        f"database, interleaved; {args.runs} runs, median (min–max)"
    )
    print(
        f"{'size':>6}{'quotes':>11}  {'ours q/s':<24}{'baseline q/s':<24}{'ratio':>6}"
        f"{'ours check+write s':>21}{'peak RSS ours/base MB':>24}"
    )
    for quotes, ours, base in rows:
        ratio = statistics.median(map(rate, ours)) / statistics.median(map(rate, base))
        split = (
            f"{statistics.median(r['check'] for r in ours):.2f} + "
            f"{statistics.median(r['write'] for r in ours):.2f}"
        )
        rss = f"{max(r['rss_mb'] for r in ours):,.0f} / {max(r['rss_mb'] for r in base):,.0f}"
        print(
            f"{label(quotes):>6}{ours[0]['quotes']:>11,}  {summary([rate(r) for r in ours]):<24}"
            f"{summary([rate(r) for r in base]):<24}{ratio:>5.2f}x{split:>21}{rss:>24}"
        )
    print(f"goal: ratio >= {GOAL}x; peak RSS of this process: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
