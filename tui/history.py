"""What the user opened recently (comparisons, searches, quotes), kept across runs in
history.json beside settings.json, reopened from the palette (like Harlequin's query
history). Written atomically; a file that cannot be read is set aside with one warning."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: The kinds of entry, each with the field that makes two entries the same one.
KINDS = {"compare": "actors", "search": "query", "quote": "id"}
#: Entries kept per kind, the most recent first.
KEEP = 30


def history_path() -> Path:
    from .settings import settings_path

    return settings_path().with_name("history.json")


class History:
    """Recent entries by kind, most recent first; `warning` says why a file was not read."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        self.warning: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> History:
        history = cls(path or history_path())
        try:
            raw = history.path.read_text("utf-8")
        except FileNotFoundError:
            return history
        except (OSError, UnicodeDecodeError) as exc:
            history.warning = f"History not read ({history.path}: {exc}); starting afresh."
            return history
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            for kind, key in KINDS.items():
                entries = data.get(kind, [])
                if not isinstance(entries, list):
                    raise ValueError(f"{kind!r} is not a list")
                history.entries[kind] = [e for e in entries if isinstance(e, dict) and _valid(kind, key, e)][
                    :KEEP
                ]
        except ValueError as exc:
            history.entries = {kind: [] for kind in KINDS}
            history.warning = f"History not read ({history.path} is damaged: {exc}); starting afresh."
        return history

    def add(self, kind: str, entry: dict[str, Any]) -> None:
        """Put an entry first (the same one opened before moves up) and save."""
        key = KINDS[kind]
        kept = [e for e in self.entries[kind] if e.get(key) != entry[key]]
        self.entries[kind] = [entry, *kept][:KEEP]
        self.save()

    def save(self) -> None:
        """Write the whole history atomically (a temporary file renamed over it); a
        read-only or full disk only means it is not remembered."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.entries, indent=1, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def _valid(kind: str, key: str, entry: dict[str, Any]) -> bool:
    value = entry.get(key)
    label_ok = isinstance(entry.get("label", ""), str)
    if kind == "compare":
        return (
            label_ok
            and isinstance(value, list)
            and len(value) >= 2
            and all(isinstance(v, str) for v in value)
        )
    return label_ok and isinstance(value, str) and bool(value)
