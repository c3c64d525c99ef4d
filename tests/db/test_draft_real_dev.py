"""The drafter on the real dev articles (tests/data/draft/real/dev) stays above the floor
measured when the rules of issue 15 were written, so a regression shows. Not timed.
Never the held-out set: that is measured once, by hand (benchmarks/draft_accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "draft_accuracy.py"

#: Measured on dev (25 articles, 113 quotations) after the rules written on the second
#: held-out set's misses: recall 100%, precision 99%, speaker 91%, high 41/41; the floor
#: leaves two or three quotations of room (one is about 0.9 points).
FLOOR = {"recall": 0.97, "precision": 0.97, "speaker": 0.88, "high": 0.95}


def test_the_dev_set_stays_above_its_floor():
    spec = importlib.util.spec_from_file_location("draft_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["draft_accuracy"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    got = bench.totals(bench.real_results("dev"))
    assert got["high_count"] >= 30
    for key, floor in FLOOR.items():
        assert got[key] >= floor, (key, got)
