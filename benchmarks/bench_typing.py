"""Typing in the app's boxes on a large database: keystroke to the last byte painted, in
the palette (ctrl+p) and in Compare's actor picker (a), against the seed in the same run.

    python benchmarks/bench_typing.py --db benchmarks/data/q1m.db [--runs 5]

Each run starts the app in a pty at 80x24, opens the box, then types "m", "a", "r" one at
a time; a key's time runs until the app has written nothing for 0.3 s. Runs alternate
between the seed and the large database, so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ceasefire_tui.tui.ptyrun import summary, time_to_marker

ROOT = Path(__file__).resolve().parent.parent

FRAME = [b" Palette", b"Positions ("]
TYPED = b"mar"
QUIET = 0.3


def keystrokes(exe: str, db: Path, opening: list[bytes], env: dict) -> list[float]:
    """Seconds from each typed key to the last byte the app wrote for it."""
    times: list[float] = []

    def after(write, read_for, proc, master):
        read_for(0.5)
        for key in opening:
            write(key)
            read_for(0.6)
        for key in TYPED:
            write(bytes([key]))
            start = last = time.perf_counter()
            while time.perf_counter() - last < QUIET:
                if read_for(0.01):
                    last = time.perf_counter()
            times.append(last - start)

    time_to_marker([exe, "--db", str(db)], FRAME, env=env, after=after)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the large database")
    ap.add_argument("--seed-db", help="the seed database (default: built in a temp folder)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
    tmp = tempfile.mkdtemp()
    env = {"XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
    seed = Path(args.seed_db) if args.seed_db else None
    if seed is None:
        from ceasefire_tui.db.bundled import ensure_default_db

        seed = ensure_default_db(Path(tmp) / "seed.db")
    boxes = {
        "palette": [b"\x10"],
        # mark the first actor and the one below it, compare them, add a third
        "actor picker": [b" ", b"j", b" ", b"c", b"a"],
    }
    print(
        f"keystroke to painted, ms median (range) of {args.runs} runs x {len(TYPED)} keys; large: {args.db}"
    )
    print(f"{'box':16}{'seed':>20}{'large':>20}{'ratio':>8}")
    for box, opening in boxes.items():
        small, large = [], []
        for _ in range(args.runs):
            small += keystrokes(exe, seed, opening, env)
            large += keystrokes(exe, Path(args.db), opening, env)
        ratio = statistics.median(large) / statistics.median(small)
        print(f"{box:16}{summary(small):>20}{summary(large):>20}{ratio:7.2f}x")
    print("goal: as fast at 1M as on the seed (the boxes list their best matches, not all)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
