"""Drafting speed: `draft_article` against a plain linear pass over the same text.

Inputs: real-ish prose (the seed article and the test articles of tests/data/draft,
repeated to the size asked), and adversarial texts: many pairs of quotation marks, and a
long run of capitalised first names (one "name" the length of the text). The baseline is
a linear pass over the same text (`re.finditer(r"\\w+")` plus `str.split`), timed just
before and just after each draft in the same process, so the ratio draft / baseline means
something on a noisy, shared machine. A linear drafter keeps that ratio roughly constant
as the size grows; a quadratic one multiplies it by the growth in size.

    python benchmarks/bench_draft.py                      # the default sizes
    python benchmarks/bench_draft.py --prose 100k --prose 1m --quotes 5000 --names 50k
    python benchmarks/bench_draft.py --timeout 60         # give up on a case after 60 s

Each case runs in a child process (killed after --timeout seconds: "> N s" in the table).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = [
    ROOT / "fixtures" / "seed" / "ceasefire-2025-03.txt",
    *sorted((ROOT / "tests" / "data" / "draft").glob("article-*.txt")),
]
NAMES = [
    "John",
    "Paul",
    "George",
    "Ringo",
    "Maria",
    "Ahmed",
    "Olena",
    "Wei",
    "Ingrid",
    "Keir",
    "Marco",
    "Sergei",
]


def size(text: str) -> int:
    n = text.lower().rstrip("b")
    for unit, mult in (("k", 1000), ("m", 1_000_000)):
        if n.endswith(unit):
            return int(float(n[:-1]) * mult)
    return int(n)


def prose(chars: int) -> str:
    """The articles one after another, repeated until `chars` characters."""
    block = "\n\n".join(p.read_text("utf-8").strip() for p in ARTICLES) + "\n\n"
    return (block * (chars // len(block) + 1))[:chars]


def quote_pairs(pairs: int) -> str:
    """`pairs` short quotations in one paragraph, alternating curly and straight marks."""
    parts = []
    for i in range(pairs):
        parts.append(f"“w{i},” he said." if i % 2 else f'"w{i}," Trump said.')
    return " ".join(parts) + "\n"


def repeated_names(chars: int) -> str:
    """A run of capitalised first names `chars` long, then `said`: one enormous 'name'."""
    words = []
    total = 0
    i = 0
    while total < chars:
        w = NAMES[i % len(NAMES)]
        words.append(w)
        total += len(w) + 1
        i += 1
    return " ".join(words) + " said “yes.”\n"


def make(kind: str, n: int) -> str:
    return {"prose": prose, "quotes": quote_pairs, "names": repeated_names}[kind](n)


def baseline(text: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in re.finditer(r"\w+", text))
    len(text.split())
    return time.perf_counter() - started


def measure(kind: str, n: int, runs: int) -> dict:
    """In the child: draft times and the baselines around them."""
    from ceasefire_tui.db.drafting import draft_article, to_json, to_yaml

    text = make(kind, n)
    drafts, bases = [], []
    quotes = 0
    for _ in range(runs):
        bases.append(baseline(text))
        started = time.perf_counter()
        d = draft_article(text, [], source_id="bench", title="t", outlet="o", published="2025-06-05")
        to_yaml(d, "bench")
        to_json(d)
        drafts.append(time.perf_counter() - started)
        bases.append(baseline(text))
        quotes = len(d.quotes)
    return {
        "chars": len(text),
        "draft": statistics.median(drafts),
        "baseline": statistics.median(bases),
        "quotes": quotes,
    }


def run_case(kind: str, n: int, runs: int, timeout: float) -> dict | None:
    cmd = [sys.executable, __file__, "--child", kind, str(n), "--runs", str(runs)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        sys.exit(f"{kind} {n}: the child failed:\n{exc.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prose", action="append", help="size of prose (100k, 1m, 3.5m)")
    ap.add_argument("--quotes", action="append", type=int, help="pairs of quotation marks")
    ap.add_argument("--names", action="append", help="size of the run of names (250k)")
    ap.add_argument("--runs", type=int, default=3, help="drafts per case (median reported)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before giving up")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, n = args.child
        print(json.dumps(measure(kind, int(n), args.runs)))
        return
    cases = [("prose", size(s)) for s in (args.prose or [])]
    cases += [("quotes", q) for q in (args.quotes or [])]
    cases += [("names", size(s)) for s in (args.names or [])]
    if not cases:
        cases = [
            ("prose", 100_000),
            ("prose", 1_000_000),
            ("prose", 3_500_000),
            ("quotes", 50_000),
            ("names", 250_000),
        ]
    print(
        f"{'input':22}{'chars':>11}{'quotes':>8}{'draft s':>10}{'baseline s':>12}"
        f"{'ratio':>9}{'draft MB/s':>12}"
    )
    for kind, n in cases:
        got = run_case(kind, n, args.runs if n < 2_000_000 else 1, args.timeout)
        label = f"{kind} {n:,}"
        if got is None:
            print(f"{label:22}{'':>11}{'':>8}{'> ' + format(args.timeout, 'g') + ' s':>10}", flush=True)
            continue
        ratio = got["draft"] / max(got["baseline"], 1e-9)
        print(
            f"{label:22}{got['chars']:11,}{got['quotes']:8,}{got['draft']:10.3f}"
            f"{got['baseline']:12.4f}{ratio:9.0f}{got['chars'] / 1e6 / got['draft']:12.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
