"""Time to first screen: `ceasefire-tui` against a bare Textual app with the same widgets.

Both run in a pseudo-terminal at 80x24; the clock stops when the footer's text has been
written (the frame is complete). Runs alternate so that machine noise hits both alike.

    python benchmarks/first_screen.py [--db PATH] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ceasefire_tui.tui.ptyrun import summary, time_to_marker

HERE = Path(__file__).parent
#: The frame is complete when the footer, the list's last visible row and the profile's
#: list are all on screen.
BARE_MARKERS = [b" palette", b"Actor number 15", b"Position 7"]
SEED_MARKERS = [b" Palette", b"Witkoff", b"Positions ("]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database to open (default: the bundled dossier's)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--actors", type=int, default=16, help="options in the bare app's list")
    ap.add_argument(
        "--marker",
        action="append",
        dest="markers",
        type=str.encode,
        help="text that shows the first screen is complete (repeatable); "
        "default: the seed's footer, last actor and profile",
    )
    args = ap.parse_args()
    args.markers = args.markers or SEED_MARKERS
    exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
    tmp = tempfile.mkdtemp()
    env = {"XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
    ours_cmd = [exe] + (["--db", args.db] if args.db else [])
    # build the default database once, outside the timing
    time_to_marker(ours_cmd, args.markers, env=env)
    bare_cmd = [sys.executable, str(HERE / "bare_app.py"), str(args.actors)]
    ours, bare, ours_bytes, bare_bytes = [], [], [], []
    for _ in range(args.runs):
        t, n = time_to_marker(bare_cmd, BARE_MARKERS, env=env)
        bare.append(t)
        bare_bytes.append(n)
        t, n = time_to_marker(ours_cmd, args.markers, env=env)
        ours.append(t)
        ours_bytes.append(n)
    ratio = sorted(o / b for o, b in zip(ours, bare, strict=True))[len(ours) // 2]
    label = args.db or "bundled seed"
    print(f"first screen at 80x24, {args.runs} runs each, database: {label}")
    print(f"{'':22}{'median ms (range)':>22}{'bytes':>10}")
    print(f"{'bare Textual app':22}{summary(bare):>22}{int(sorted(bare_bytes)[len(bare) // 2]):>10}")
    print(f"{'ceasefire-tui':22}{summary(ours):>22}{int(sorted(ours_bytes)[len(ours) // 2]):>10}")
    print(f"ratio (median of per-pair ratios): {ratio:.2f}x   goal: <= 1.25x (issue 5), <= 1.5x (issue 3)")
    shutil.rmtree(tmp, ignore_errors=True)
    os.environ.pop("XDG_DATA_HOME", None)


if __name__ == "__main__":
    main()
