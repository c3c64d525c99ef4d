"""Whether the machine has the memory a dossier needs, asked before any of it is read."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, Where
from .spec import JSON_SUFFIXES

#: Memory a YAML file takes while it is parsed, per byte, at most (measured: 12x; 6x for a
#: generated JSON file read whole, 10x for one of 200,000 actors). A check parses one file
#: at a time and keeps its records in a scratch database (`stage`), so what counts is the
#: largest YAML file, not the dossier.
MEMORY_PER_BYTE = 12
#: What the process starts with, and the scratch database's page cache beside it.
MEMORY_BASE = 64 * 1024 * 1024 + 32 * 1024 * 1024
#: A JSON file is read a record at a time (`parse.stream_json`): a read buffer and one
#: record, at most a source with its 10 million characters of text (a file that is not
#: valid JSON is read whole, for its problem's place).
MEMORY_JSON_RECORD = 128 * 1024 * 1024


def memory_needed(files: list[Path]) -> tuple[int, int]:
    """(bytes of the files, bytes of memory a check of them needs)."""
    total = largest = 0
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            continue  # reported when it is read
        total += size
        if path.suffix.lower() in JSON_SUFFIXES:
            size = min(size, MEMORY_JSON_RECORD // MEMORY_PER_BYTE)
        largest = max(largest, size)
    return total, largest * MEMORY_PER_BYTE + MEMORY_BASE


def memory_available() -> int | None:
    """Bytes this process can still take: the least of the system's available memory,
    its cgroup's room and its address-space limit (None where none can be read)."""
    import resource

    room: list[int] = []
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    room.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as fh:
            cap = fh.read().strip()
        if cap != "max":
            with open("/sys/fs/cgroup/memory.current", encoding="ascii") as fh:
                room.append(int(cap) - int(fh.read().strip()))
    except (OSError, ValueError):
        pass
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        try:
            with open("/proc/self/statm", encoding="ascii") as fh:
                used = int(fh.read().split()[0]) * resource.getpagesize()
        except (OSError, ValueError):
            used = 0
        room.append(soft - used)
    return min(room) if room else None


def memory_problem(files: list[Path]) -> Problem | None:
    """A problem when checking these files would need more memory than the machine has:
    said before any of it is read, rather than a MemoryError half-way."""
    total, needed = memory_needed(files)
    room = memory_available()
    if room is None or needed <= room:
        return None
    where = str(files[0]) if len(files) == 1 else f"{len(files)} files"
    return Problem(
        Where(where),
        (
            f"the dossier is {total / 1e6:,.0f} MB; checking it needs about {needed / 1e9:,.1f} GB of "
            f"memory, and {max(room, 0) / 1e9:,.1f} GB is available; split its largest YAML files (or "
            "write them as JSON, which is read a record at a time), or load the parts one after "
            "another (a part may refer to records loaded before it)"
        ),
    )
