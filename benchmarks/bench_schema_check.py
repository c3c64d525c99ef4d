"""What the schema check (`connect.check_schema`) costs each connection for browsing.

    .venv/bin/python benchmarks/bench_schema_check.py DB

Prints the one-time cost of the expected schema, the median open_reader time with the check
and without it (the difference includes SQLite parsing the schema, which the first query
would pay anyway), and the median of the check alone on an open connection.
"""

from __future__ import annotations

import statistics
import sys
import time

from ceasefire_tui.db import connect


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


def main(path: str) -> None:
    t = time.perf_counter()
    connect.expected_schema(connect.SCHEMA_VERSION)
    first = (time.perf_counter() - t) * 1e3
    with_check = median_ms(lambda: connect.open_reader(path).close(), 200)
    real = connect.check_schema
    connect.check_schema = lambda *a: None
    try:
        without = median_ms(lambda: connect.open_reader(path).close(), 200)
    finally:
        connect.check_schema = real
    conn = connect.open_reader(path)
    alone = median_ms(lambda: connect.check_schema(conn, path, connect.SCHEMA_VERSION), 500)
    conn.close()
    print(
        f"expected schema, once: {first:.2f} ms; open_reader: {with_check:.3f} ms with the "
        f"check, {without:.3f} ms without; the check alone: {alone:.3f} ms"
    )


if __name__ == "__main__":
    main(sys.argv[1])
