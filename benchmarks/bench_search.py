"""Search as you type on a large database: the app's query and keystroke-to-painted time
against the raw FTS5 query on the same database, for rare, common and prefix terms.

    python benchmarks/bench_search.py --db benchmarks/data/q1m.db [--runs 7]

- raw rank: `SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT 50`
  (bm25 over every match).
- raw window: the same FTS5 query the app makes, alone: bm25 of the newest 1,000 matches.
- query: `db.queries.search` (quotes and position summaries, best 50 by bm25 among the
  newest 1,000 matches of each, rows fetched, matched words located).
- painted: in a pty at 80x24, a fresh query and paint: the box holds the term with a
  letter too many (which matches nothing, so the screen says "No matches"), then one
  backspace, timed until the term's results are on screen. The results can only be the
  term's own: before, the clock could be stopped by the previous keystroke's results
  (the prefix one letter shorter), painted late (a 4 ms minimum).

Besides the rare, common and prefix words: a speaker (`@ID common`, the most quoted
speaker) and a name (that speaker's id alone: their own quotes first, then the word).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from ceasefire_tui.tui.ptyrun import time_to_marker

ROOT = Path(__file__).resolve().parent.parent


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ({min(values) * 1000:.1f}–{max(values) * 1000:.1f})"


def pick_terms(db: Path) -> dict[str, str]:
    """A rare word, a common one, a prefix of a common one, a speaker with the common word
    and a speaker's name alone, from the data itself."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    words: Counter[str] = Counter()
    for (text,) in conn.execute("SELECT text FROM quotes ORDER BY rowid LIMIT 20000"):
        words.update(w.lower() for w in text.split() if w.isalpha() and len(w) > 4)
    speaker = conn.execute("SELECT id FROM actors ORDER BY quote_count DESC LIMIT 1").fetchone()[0]
    conn.close()
    ranked = [w for w, _ in words.most_common()]
    rare = next(w for w in reversed(ranked) if words[w] == 1)
    common = ranked[0]
    return {
        "rare": rare,
        "common": common,
        "prefix": common[:4],
        "speaker": f"@{speaker} {common}",
        "name": speaker,
    }


def nothing(queries, conn, term: str) -> str:
    """`term` with a letter or two more that makes it match nothing."""
    for extra in ("q", "qz", "zqx", "qzqx"):
        if not queries.search(conn, term + extra):
            return term + extra
    raise SystemExit(f"no way to make {term!r} match nothing")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    db = Path(args.db)
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.connect import open_reader
    from ceasefire_tui.db.fts import build_query, split_speakers

    terms = pick_terms(db)
    conn = open_reader(db)
    exe = shutil.which("ceasefire-tui") or str(Path(sys.executable).parent / "ceasefire-tui")
    tmp = tempfile.mkdtemp()
    env = {"XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
    print(f"search on {db}, {args.runs} runs, ms median (range)")
    print(
        f"{'term':8}{'':23}{'raw rank':>18}{'raw window':>18}{'query':>20}{'painted':>20}{'query/window':>14}"
    )
    for kind, term in terms.items():
        words, _speakers = split_speakers(term)
        match = build_query(words).match
        raw, window, ours, painted = [], [], [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            conn.execute(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT 50", (match,)
            ).fetchall()
            raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            sorted(
                conn.execute(
                    "SELECT bm25(quotes_fts), rowid FROM quotes_fts WHERE "
                    "quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (match, queries.RANK_WINDOW),
                ).fetchall()
            )[:50]
            window.append(time.perf_counter() - t)
            t = time.perf_counter()
            hits = queries.search(conn, term)
            ours.append(time.perf_counter() - t)
        assert hits, term
        before = nothing(queries, conn, term)

        def after(write, read_for, proc, master, before=before, painted=painted):
            read_for(0.3)
            write(b"/")
            read_for(0.5)
            for ch in before:
                write(ch.encode())
                read_for(0.05)
            seen = b""
            start = time.perf_counter()
            while b"No matches" not in seen and time.perf_counter() - start < 20:
                seen += read_for(0.01)
            read_for(0.3)  # quiet: nothing of the query before is still to come
            seen = b""
            write(b"\x7f")  # backspace: the term itself, a fresh query
            start = time.perf_counter()
            while b" matches, " not in seen and time.perf_counter() - start < 20:
                seen += read_for(0.003)
            painted.append(time.perf_counter() - start)

        for _ in range(max(args.runs // 2, 3)):
            time_to_marker([exe, "--db", str(db)], [b" Palette", b"Positions ("], env=env, after=after)
        ratio = statistics.median(ours) / statistics.median(window)
        print(
            f"{kind:8}{term[:22]:23}{fmt(raw):>18}{fmt(window):>18}{fmt(ours):>20}{fmt(painted):>20}"
            f"{ratio:13.2f}x"
        )
    print(
        "goal: query <= 2x the raw FTS5 query it makes; typing never waits (a worker runs "
        "it, and a newer keystroke interrupts it)"
    )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
