"""Run a command in a pseudo-terminal of a given size and time it to a marker on screen:
the app in a real terminal, as a user's would be, for the terminal tests and the
benchmarks alike (no Textual here: it measures the app from outside)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import termios
import time


def time_to_marker(
    cmd: list[str],
    markers: list[bytes],
    size=(80, 24),
    env=None,
    timeout=30.0,
    after=None,
    preexec_fn=None,
    record: bytearray | None = None,
) -> tuple[float, int]:
    """Seconds from spawn until every one of `markers` has appeared in the output (the frame
    is complete), and the bytes written by then.

    `after`, if given, is called with (write, read_for, proc, master) once the markers are
    seen, for measuring what follows (keystrokes and the bytes they cost). `record`, if
    given, receives every byte read.
    """
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    environment = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    environment.update(env or {})
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        start_new_session=preexec_fn is None,
        close_fds=True,
        preexec_fn=preexec_fn,
    )
    os.close(slave)
    out = bytearray()
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
                if record is not None:
                    record.extend(chunk)
                if all(m in out for m in markers):
                    elapsed = time.perf_counter() - start
                    break
        if elapsed is None:
            raise RuntimeError(f"markers {markers!r} not all seen; output tail: {bytes(out[-400:])!r}")
        first = len(out)
        if after is not None:

            def write(data: bytes) -> None:
                os.write(master, data)

            def read_for(seconds: float) -> bytes:
                got = bytearray()
                end = time.perf_counter() + seconds
                while time.perf_counter() < end:
                    ready, _, _ = select.select([master], [], [], 0.02)
                    if ready:
                        try:
                            chunk = os.read(master, 65536)
                        except OSError:
                            break
                        got += chunk
                        if record is not None:
                            record.extend(chunk)
                return bytes(got)

            after(write, read_for, proc, master)
        return elapsed, first
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        try:
            os.close(master)
        except OSError:  # `after` may have closed it (a hang-up)
            pass


def summary(values: list[float], scale: float = 1000.0) -> str:
    """'median (min–max)' in ms by default."""
    med = statistics.median(values) * scale
    return f"{med:7.0f} ({min(values) * scale:.0f}–{max(values) * scale:.0f})"
