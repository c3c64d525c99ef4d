"""The files of a dossier: those named (a folder searched for dossier files), and the
files they name in turn, read only inside the dossier's own folder.

A dossier comes from someone else: a `text_file` of `../../.ssh/id_ed25519`, a symbolic link
in its folder pointing at one, or `/dev/zero` reached through `..` must be refused, not
read. Every file a dossier makes us read (the dossier files found in a folder, and each
source's `text_file`) is found by `resolve_inside` and read by `read_regular`, which:

- refuses a path that leaves the folder as written (`..`, absolute), without touching the
  filesystem outside it, so a refusal says nothing of what is there;
- refuses a path that leaves it once symbolic links are followed;
- opens only a regular file (never a device, FIFO, socket or folder: they can block for
  ever or never end), checking the file it opened is the one it checked;
- reads at most `limit` bytes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .problems import Problem, Where
from .spec import DOSSIER_SUFFIXES


class Refused(Exception):
    """A file a dossier names that is not read; the message says why and what was expected."""


def _inside(root: str, path: str) -> bool:
    return path == root or os.path.commonpath([root, path]) == root


def resolve_inside(root: Path, base: Path, name: str) -> Path:
    """The real path of `name` (relative to the folder `base`) if it lies inside `root`.

    Raises Refused when it is absolute, leaves `root` as written, or leaves it once
    symbolic links are followed."""
    if not name or "\0" in name:
        raise Refused("it is not a file name; expected the name of a file")
    if os.path.isabs(name):
        raise Refused("it is an absolute path; expected a path relative to the dossier file")
    root_abs = os.path.abspath(root)
    written = os.path.normpath(os.path.join(os.path.abspath(base), name))
    if not _inside(root_abs, written):
        raise Refused(f"it leads outside the dossier's folder ({root_abs}); expected a file inside it")
    real = os.path.realpath(written)
    if not _inside(os.path.realpath(root_abs), real):
        raise Refused(
            "it is a symbolic link (or lies under one) that leads outside the dossier's "
            f"folder ({root_abs}); expected a file inside it"
        )
    return Path(real)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` of them (Refused otherwise)."""
    return b"".join(regular_chunks(path, limit))


def regular_chunks(path: Path, limit: int, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of a regular file, `size` at a time, at most `limit` of them (Refused
    otherwise, before the first chunk when its size says so, or when the file grows)."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise Refused(f"it cannot be opened ({exc.strerror})") from None
    if not stat.S_ISREG(before.st_mode):
        raise Refused("it is not a regular file (a folder, device, FIFO or socket); expected a text file")
    if before.st_size > limit:
        raise Refused(f"it is {before.st_size / 1e6:,.1f} MB; expected at most {limit / 1e6:,.0f} MB")
    # O_NONBLOCK: were it swapped for a FIFO since the check, opening it does not wait
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Refused(f"it cannot be opened ({exc.strerror})") from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino) or not stat.S_ISREG(
            opened.st_mode
        ):
            raise Refused("it changed while it was being read; expected a text file")
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(size, limit + 1 - total))
            except OSError as exc:
                raise Refused(f"it cannot be read ({exc.strerror})") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise Refused(f"it is larger than {limit / 1e6:,.0f} MB; expected at most that")
            yield chunk
    finally:
        os.close(fd)


def read_inside(root: Path, base: Path, name: str, limit: int) -> bytes:
    """The bytes of the file `name` (relative to `base`) if it is a regular file inside
    `root` of at most `limit` bytes; Refused, saying why, otherwise."""
    return read_regular(resolve_inside(root, base, name), limit)


#: A folder's manifest: which of its files make the dossier (`files:`, globs relative to
#: the folder); without one, the naming rule of `dossier_file_name` decides.
MANIFEST = "manifest.yaml"


def skip_reason(name: str) -> str | None:
    """Why a file in a dossier folder without a manifest is not one of its files (None: it
    is). The rule: a .yaml, .yml or .json file whose name starts with neither `_` nor `.`
    and has no second suffix (`day1.yaml` is read; `day1.key.yaml`, `_notes.yaml`,
    `README.md` are not), so that keys, notes and drafts can live beside the dossier."""
    suffix = Path(name).suffix.lower()
    if suffix not in DOSSIER_SUFFIXES:
        return "not .yaml, .yml or .json"
    if name.startswith(("_", ".")):
        return "its name starts with '_' or '.'"
    if "." in name[: -len(suffix)]:
        return f"its name has a second suffix ({Path(name[: -len(suffix)]).suffix}{suffix})"
    return None


def _manifest(folder: Path, problems: list[Problem]) -> list[str] | None:
    """The globs a folder's manifest names (None: no manifest)."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    import yaml

    try:
        data = yaml.safe_load(read_inside(folder, folder, MANIFEST, 1024 * 1024).decode("utf-8"))
    except (Refused, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(Where(str(path)), f"cannot read the manifest: {exc}"))
        return []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        problems.append(
            Problem(
                Where(str(path)),
                "expected `files:`, a list of file names or globs relative to this folder "
                "(e.g. files: [seed.yaml, 'days/*.yaml'])",
            )
        )
        return []
    return files


def expand_paths(paths: list[Path]) -> tuple[dict[Path, Path], list[Problem], list[tuple[Path, str]]]:
    """The dossier files named, each with its dossier's own folder (the folder a file was
    found in, searched recursively; a file named alone: the folder it is in), sorted; and
    the files of those folders that are not the dossier's, each with why.

    A folder's files are those its manifest names, else those the naming rule admits
    (`skip_reason`). A file found in a folder is read only if it really lies inside it: a
    symbolic link in a shared folder pointing elsewhere is reported, not followed."""
    files: dict[Path, Path] = {}
    problems: list[Problem] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            globs = _manifest(path, problems)
            listed: set[Path] | None = None
            if globs is not None:
                listed = set()
                for pattern in globs:
                    matched = sorted(path.glob(pattern))
                    if not matched:
                        problems.append(
                            Problem(
                                Where(str(path / MANIFEST), None, "files"), f"{pattern!r} matches no file"
                            )
                        )
                    listed.update(matched)
            found = []
            for p in sorted(path.rglob("*")):
                if not (p.is_file() or p.is_symlink()) or p.name == MANIFEST:
                    continue
                if listed is not None:
                    if p not in listed:
                        if p.suffix.lower() in DOSSIER_SUFFIXES:
                            skipped.append((p, f"not in {MANIFEST}"))
                        continue
                    if p.suffix.lower() not in DOSSIER_SUFFIXES:
                        problems.append(
                            Problem(Where(str(p)), "named by the manifest, but not .yaml, .yml or .json")
                        )
                        continue
                else:
                    reason = skip_reason(p.name)
                    if reason is not None:
                        if p.suffix.lower() in DOSSIER_SUFFIXES:  # other files: no need to say
                            skipped.append((p, reason))
                        continue
                try:
                    resolve_inside(path, p.parent, p.name)
                except Refused as exc:
                    problems.append(Problem(Where(str(p)), f"not read: {exc}"))
                    continue
                found.append(p)
            if not found and not problems:
                problems.append(
                    Problem(Where(str(path)), "no dossier files here; expected .yaml, .yml or .json files")
                )
            for p in found:
                files.setdefault(p, path)
        elif path.is_file():
            if path.suffix.lower() not in DOSSIER_SUFFIXES:
                problems.append(
                    Problem(Where(str(path)), "not a dossier file; expected .yaml, .yml or .json")
                )
            else:
                files.setdefault(path, path.parent)
        elif path.exists():
            problems.append(
                Problem(
                    Where(str(path)),
                    "not a regular file (a device, FIFO or socket); expected a "
                    "dossier file or a folder of them",
                )
            )
        else:
            problems.append(Problem(Where(str(path)), "no such file or folder"))
    return files, problems, skipped
