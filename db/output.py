"""Files the app writes: created exclusively or replaced atomically, never through a link,
never left empty or half-written (a full disk leaves nothing behind, and one line to say so).

`write_new` is for files named by the app (a brief): a new file, another name when taken.
`replace_file` is for a file the user named (`draft -o`): replaced whole, or left as it was.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class OutputError(Exception):
    """A file could not be written; the message is one line for the user."""


def slug(text: str, limit: int = 80) -> str:
    """`text` as one safe filename part: letters, digits, '.', '_' and '-' only (no '/', NUL
    or control character), no leading dot or dash, at most `limit` characters."""
    out = _UNSAFE.sub("-", text)[:limit].strip("-.") or "x"
    return out.lstrip("-._") or "x"


def _data(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def _temp(folder: Path) -> tuple[Path, int]:
    """A new temporary file in `folder` (mode 0666 less the umask), never an existing one."""
    while True:
        tmp = folder / f".tmp-{secrets.token_hex(8)}"
        try:
            return tmp, os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o666
            )
        except FileExistsError:
            continue


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_and_close(fd: int, payload: bytes) -> None:
    """All of `payload` to `fd`, which is closed however the write ends."""
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _candidates(name: str) -> Iterator[str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    else:
        ext = "." + ext
    yield name
    for n in range(2, 10_000):
        yield f"{stem}-{n}{ext}"


def write_new(folder: Path, name: str, data: str | bytes) -> Path:
    """Write `data` to a new file `name` in `folder` and return its path.

    The file appears only complete (written to a temporary file, synced, then linked to its
    name); a name already taken, by a file or a link, gives `stem-2.ext`, `stem-3.ext`…
    Raises OutputError (nothing left behind) when it cannot be written.
    """
    folder = Path(folder)
    if name != slug(name, limit=len(name) + 1) or not name:
        raise OutputError(f"{name!r}: not a safe file name")
    payload = _data(data)
    try:
        tmp, fd = _temp(folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write ({_why(exc)})") from None
    try:
        _write_and_close(fd, payload)
        for candidate in _candidates(name):
            target = folder / candidate
            try:
                os.link(tmp, target, follow_symlinks=False)
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (
                    errno.EPERM,
                    errno.ENOTSUP,
                    errno.EOPNOTSUPP,
                    errno.EXDEV,
                    errno.EMLINK,
                    errno.ENOSYS,
                ):
                    raise
                if not _create_exclusive(target, payload):
                    continue
            _sync_dir(folder)
            return target
        raise OutputError(f"{folder / name}: every name up to -9999 is taken")
    except OSError as exc:
        raise OutputError(f"{folder / name}: cannot write ({_why(exc)}); nothing was written") from None
    finally:
        _unlink(tmp)


def _create_exclusive(target: Path, payload: bytes) -> bool:
    """For file systems without hard links: create `target` (False if it exists), or leave
    nothing."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except FileExistsError:
        return False
    try:
        _write_and_close(fd, payload)
    except BaseException:
        _unlink(target)
        raise
    return True


def replace_file(path: Path, data: str | bytes) -> Path:
    """Replace `path` with `data` atomically: readers see the old file or the new one, a
    failure leaves the old one (or none) and no temporary file. A symbolic link at `path` is
    replaced, not followed. Raises OutputError."""
    path = Path(path)
    folder = path.parent
    payload = _data(data)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; expected a file to write")
    try:
        tmp, fd = _temp(folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({_why(exc)})") from None
    try:
        _write_and_close(fd, payload)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(f"{path}: cannot write ({_why(exc)}); nothing was written") from None
    _sync_dir(folder)
    return path
