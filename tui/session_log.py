"""A session's commands, kept as a log that can be read and replayed (issue 18: like
lazygit's command log): every screen the user opens (a comparison, a quote, a search, the
evidence of a position…) and every step back, one JSON line each, written as it happens in
`sessions/` beside settings.json. `ceasefire-tui sessions` lists the logs, `ceasefire-tui
replay [LOG] --print` reads one as commands, and `ceasefire-tui replay [LOG]` opens the app
where that session ended, with the same screens behind it (escape walks back through them).

What is logged is what was opened, never what a screen showed: replayed on a database
loaded since, each screen reads the data as it is now."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

#: Logs kept: opening a new one removes the oldest beyond this many.
KEEP = 20
#: The longest log read (a log is a few hundred bytes a command).
MAX_BYTES = 5_000_000

_STR = str
_LIST = "list"
_OPT_STR = "str|None"
_OPT_LIST = "list|None"
_VIEW = "view|None"

#: What can be opened, each with its arguments and their types (the app's `open_NAME`).
OPENS: dict[str, dict[str, Any]] = {
    "compare": {"actor_ids": _LIST},
    "evidence": {"position_ids": _LIST, "title": _STR},
    "search": {"query": _STR},
    "quote": {"quote_id": _STR},
    "actor_positions": {"actor_id": _STR, "view": _VIEW},
    "links": {"actor_id": _STR},
    "single_source": {},
    "timeline": {"actor_id": _STR, "issue_id": _OPT_STR, "columns": _OPT_LIST},
    "changes": {},
    "issue": {"issue_id": _STR},
    "issues": {},
    "actor": {"actor_id": _STR},
    "unsure": {},
    "source": {"quote_id": _STR},
    "options": {"issue_id": _STR, "side_ids": _LIST, "as_of": _OPT_STR},
}
#: The fields of a list's view (db.views.View), as a log holds them.
VIEW_FIELDS = {"sort": _OPT_STR, "descending": bool, "text": _STR, "column": _OPT_STR, "value": _STR}


#: What a screen may say of itself after it opened (the search box's text), logged before
#: the screen is left or the app closes; it amends the arguments the screen is replayed with.
STATES: dict[str, Any] = {"query": _STR}


class Entry(NamedTuple):
    """One line of a log: a screen opened (`open` and its `args`), a step back, or what the
    screen on top came to hold (`state`, its `args`: the text typed in the search box)."""

    at: str
    open: str | None
    args: dict[str, Any]
    state: bool = False

    @property
    def back(self) -> bool:
        return self.open is None and not self.state


class LogError(Exception):
    """A log that cannot be read: the message says where and what was expected."""


def sessions_dir() -> Path:
    from .settings import settings_path

    return settings_path().with_name("sessions")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SessionLog:
    """This session's log, created at its first line; a log that cannot be written is
    given up on, once (`warning` says why), and the app goes on."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or sessions_dir()
        self.path: Path | None = None
        self.warning: str | None = None
        self.broken = False

    def _open(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.folder / f"session-{stamp}-{os.getpid()}.jsonl"
        path.touch(exist_ok=False)
        for old in all_logs(self.folder)[KEEP:]:
            old.unlink(missing_ok=True)
        return path

    def add_state(self, **state: Any) -> None:
        """Log what the screen on top came to hold (its search text)."""
        self._write({"at": now(), "state": state})

    def add(self, name: str | None, **args: Any) -> None:
        """Log a screen opened (`name`, with the arguments it was opened with) or, with
        None, a step back."""
        line: dict[str, Any] = {"at": now()}
        if name is None:
            line["back"] = True
        else:
            line["open"] = name
            line["args"] = {k: (v._asdict() if hasattr(v, "_asdict") else v) for k, v in args.items()}
        self._write(line)

    def _write(self, line: dict[str, Any]) -> None:
        if self.broken:
            return
        try:
            if self.path is None:
                self.path = self._open()
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        except OSError as exc:
            self.broken = True
            self.warning = f"The session log is not kept ({exc.strerror or exc}: {self.folder})."


def all_logs(folder: Path | None = None) -> list[Path]:
    """The logs in `folder`, newest first."""
    folder = folder or sessions_dir()
    try:
        logs = [p for p in folder.glob("session-*.jsonl") if p.is_file()]
    except OSError:
        return []
    return sorted(logs, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def _typed(value: Any, kind: Any) -> bool:
    if kind is _STR:
        return isinstance(value, str)
    if kind is bool:
        return isinstance(value, bool)
    if kind == _LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == _OPT_STR:
        return value is None or isinstance(value, str)
    if kind == _OPT_LIST:
        return value is None or _typed(value, _LIST)
    if kind == _VIEW:
        return value is None or (
            isinstance(value, dict)
            and set(value) <= set(VIEW_FIELDS)
            and all(_typed(v, VIEW_FIELDS[k]) for k, v in value.items())
        )
    return False


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise LogError(
            f'{where}: not an object; expected {{"open": NAME, "args": {{…}}}} or {{"back": true}}'
        )
    at = raw.get("at", "")
    if not isinstance(at, str):
        raise LogError(f"{where}: 'at' is not text; expected a time such as 2025-03-17T09:30:00+00:00")
    if raw.get("back") is True:
        return Entry(at, None, {})
    if "state" in raw:
        state = raw["state"]
        if not isinstance(state, dict):
            raise LogError(f"{where}: 'state' is not an object")
        for key, value in state.items():
            if key not in STATES:
                raise LogError(f"{where}: no screen holds {key!r}; expected {', '.join(STATES)}")
            if not _typed(value, STATES[key]):
                raise LogError(
                    f"{where}: the state's {key!r} should be {STATES[key]}, not {type(value).__name__}"
                )
        return Entry(at, None, dict(state), state=True)
    name = raw.get("open")
    if name not in OPENS:
        raise LogError(
            f"{where}: {name!r} is nothing the app opens; expected one of {', '.join(OPENS)} or back"
        )
    args = raw.get("args", {})
    if not isinstance(args, dict):
        raise LogError(f"{where}: 'args' is not an object")
    wanted = OPENS[name]
    for key, value in args.items():
        if key not in wanted:
            raise LogError(f"{where}: {name} takes no {key!r}; expected {', '.join(wanted) or 'nothing'}")
        if not _typed(value, wanted[key]):
            raise LogError(f"{where}: {name}'s {key!r} should be {wanted[key]}, not {type(value).__name__}")
    return Entry(at, name, dict(args))


def read_log(path: Path) -> list[Entry]:
    """A log's lines, each checked; LogError names the file, line and what was expected."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LogError(f"{path}: larger than {MAX_BYTES:,} bytes; not a session log")
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise LogError(f"{path}: no such session log") from None
    except IsADirectoryError:
        raise LogError(f"{path}: a folder, not a session log") from None
    except UnicodeDecodeError:
        raise LogError(f"{path}: not UTF-8 text; not a session log") from None
    except OSError as exc:
        raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LogError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        entries.append(_entry(raw, f"{path}, line {number}"))
    return entries


def final_stack(entries: Iterable[Entry]) -> list[Entry]:
    """The screens open when the session ended, bottom first (each back closes the last)."""
    stack: list[Entry] = []
    for e in entries:
        if e.state:
            if stack and stack[-1].open is not None:
                wanted = OPENS[stack[-1].open]
                kept = {k: v for k, v in e.args.items() if k in wanted}
                stack[-1] = stack[-1]._replace(args={**stack[-1].args, **kept})
        elif e.back:
            if stack:
                stack.pop()
        else:
            stack.append(e)
    return stack


def describe(e: Entry) -> str:
    """A line of the log as a command: 'compare russia ukraine', 'search “nato”', 'back'."""
    if e.back:
        return "back"
    if e.state:
        return "typed " + " ".join(f"“{v}”" for v in e.args.values())
    words = [e.open.replace("_", " ") if e.open else ""]
    for key, value in e.args.items():
        if value in (None, "", [], {}):
            continue
        if key == "view":
            from ..db.views import View

            said = View(**value).describe()
            if said:
                words.append(f"({said})")
        elif key == "query":
            words.append(f"“{value}”")
        elif isinstance(value, list):
            words.extend(value)
        elif key == "title":
            continue
        else:
            words.append(str(value))
    return " ".join(words)
