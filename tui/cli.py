"""The `ceasefire-tui` command: the TUI, and subcommands to load, check, dump, search and compare.

Every failure is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from .exits import EXIT_INTERRUPTED
from .exits import fail as _fail
from .render.safe import clean, plain


class Settings:
    def __init__(self, db_path: Path | None):
        self.db_path = db_path

    def path(self) -> Path:
        """The database: --db as given, or the default one (built when needed)."""
        if self.db_path is not None:
            return self.db_path
        from ..db.bundled import RefreshRefused, default_db_path, ensure_default_db

        try:
            return ensure_default_db()
        except RefreshRefused as exc:  # the database is usable as it was: say so, go on
            click.echo(f"warning: {clean(str(exc), oneline=True)}", err=True)
            return default_db_path()


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@contextmanager
def _reader(settings: Settings):
    from ..db.connect import StoreError, open_reader, translate

    try:
        path = settings.path()
        conn = open_reader(path)
    except StoreError as exc:
        _fail(str(exc))
    try:
        yield conn
    except sqlite3.Error as exc:
        _fail(str(translate(path, exc)))
    except StoreError as exc:  # a record the database holds cannot be shown
        _fail(f"{path}: {exc}")
    finally:
        conn.close()


def _emit(text: str, structured: bool = False, bold: str = "") -> None:
    """The one way the command line writes to standard output. Display text (tables, CSV,
    Markdown, messages) is cleaned: controls shown as symbols, bidi controls dropped, ids
    and all. JSON and YAML keep their data exact: every C0, DEL, C1, bidi and line-separator
    character is a \\u escape (db.text.escape_risky). `bold` is a cleaned prefix, bold on
    a colour terminal. A failed write (a full disk) is one line and exit status 1."""
    from ..db.text import escape_risky

    if structured:
        out = escape_risky(text)
    else:
        out = clean(text)
        if bold:
            head = clean(bold)
            out = (click.style(head, bold=True) if _color() else head) + out
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _fail(f"cannot write the output ({exc.strerror or exc})")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CEASEFIRE_TUI_DB",
    show_envvar=True,
    help="Database to use for every subcommand. Default: ceasefire.db in the user "
    "data directory, built from the bundled dossier.",
)
@click.option(
    "--no-mouse", is_flag=True, help="Do not capture the mouse, so the terminal can select and copy text."
)
@click.option(
    "--theme",
    metavar="NAME",
    help="Colour theme for this run (e.g. ansi-dark or ansi-light, which follow the terminal's "
    "own palette); the last one chosen in the app is remembered.",
)
@click.option(
    "--edit",
    is_flag=True,
    help="Open the database for editing at once (else the app is read-only until the first edit).",
)
@click.version_option(package_name="ceasefire-tui")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, no_mouse: bool, theme: str | None, edit: bool) -> None:
    """A keyboard-first workbench for comparing what the parties to a negotiation demand,
    every claim grounded in a verbatim passage of a source.

    Run without a subcommand to open the app on the database (the bundled March 2025
    Russia-Ukraine dossier unless you load your own). Press ? in the app for help.
    """
    ctx.obj = Settings(db_path)
    if ctx.invoked_subcommand is None:
        from .launch import launch

        launch(db_path, mouse=not no_mouse, theme=theme, edit=edit)


# --- load and check ----------------------------------------------------------------------


class _Progress:
    """A progress line on stderr while a load writes: records written of the total and their
    rate, e.g. `loading…  42% (420,000/1,000,000 records, 61,000/s)`; shown only on a
    terminal and only once the write takes a moment (never in a pipe or a log)."""

    def __init__(self, total: int, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.total = max(total, 1)
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0
        self.enabled = self.stream.isatty()

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or now - self.started < 0.5 or now - self.shown < 0.1:
            return
        self.shown = now
        pct = min(100, 100 * self.done // self.total)
        rate = self.done / (now - self.started)
        self.stream.write(f"\rloading… {pct:3d}% ({self.done:,}/{self.total:,} records, {rate:,.0f}/s)\033[K")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


class _Steps:
    """What a load's check is doing, on one line of stderr ('checking… reading part2.json
    (2 of 4)'), only on a terminal; wiped when the check ends (the write has its own line)."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.shown = False

    def __call__(self, what: str) -> None:
        if self.enabled:
            self.stream.write(f"\rchecking… {clean(what, oneline=True, limit=60)}\033[K")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _to_write(d) -> int:
    """How many records a load writes: those added or changed once compared with the
    database (the same as stored are not written again), else all it holds."""
    if not d.compared:
        return sum(d.counts().values())
    return sum(len(d.added.get(k, ())) + len(d.changed.get(k, ())) for k in d.records)


def _report(d, verb: str) -> None:
    for path, why in d.skipped:
        click.echo(f"skipped: {clean(str(path), oneline=True, limit=500)} ({why})", err=True)
    for w in d.warnings:
        click.echo(f"warning: {clean(str(w), oneline=True, limit=2000)}", err=True)
    if d.problems:
        for p in d.problems:
            click.echo(f"error: {clean(str(p), oneline=True, limit=2000)}", err=True)
        n = len(d.problems)
        _fail(f"{n} problem{'s' if n != 1 else ''} found; {verb}")


OUT_OF_MEMORY = (
    "ran out of memory reading the dossier; split it and load the parts one after "
    "another (a part may refer to records loaded before it)"
)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in counts.items())


def _tally_lines(tally) -> list[str]:
    """'quotes: 3 added, 2 changed, 1 removed' for each kind the load touched."""
    out = []
    for kind, t in tally.items():
        if t.added or t.changed or t.removed:
            out.append(f"  {kind}: {t.added:,} added, {t.changed:,} changed, {t.removed:,} removed")
    return out or ["  nothing changed"]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Say what the load would add, change and remove; write nothing."
)
@click.pass_obj
def load(settings: Settings, paths: tuple[Path, ...], dry_run: bool) -> None:
    """Validate dossier files (YAML or JSON, or folders of them) and load them.

    Everything is checked before anything is written; a dossier with any problem is
    reported in full and nothing is written. The database then holds exactly what the
    dossier holds: records are added or updated by id, and records loaded before from
    these files (or from files in these folders) that the dossier no longer holds are
    removed. An id another dossier defines, or a removal that would leave a record
    pointing at nothing, is an error. The load is one transaction: interrupted, it
    leaves the database as it was.
    """
    from ..db.connect import (
        StoreError,
        check_path,
        discard,
        loading_name,
        open_writer,
        publish,
        sweep_abandoned,
        translate,
    )
    from ..db.dossier import DossierError, check, write

    fresh, work = False, None
    try:
        path = settings.path()
        # a new database is built under another name and given its own only once loaded:
        # a rejected or interrupted load leaves no empty database behind
        fresh = not check_path(path)
        for left in sweep_abandoned(path):
            click.echo(
                f"note: removed {clean(str(left), oneline=True, limit=500)}, "
                "left by a load that was killed before it finished",
                err=True,
            )
        work = loading_name(path) if fresh else path
        conn = open_writer(work, upgrade=False)  # an older schema: upgraded with the data
    except StoreError as exc:
        if fresh and work is not None:  # set whenever fresh is: loading_name cannot fail
            discard(work)
        _fail(str(exc))
    progress = None
    published = False
    try:
        steps = _Steps()
        try:
            d = check(paths, conn, step=steps)
        finally:
            steps.close()
        _report(d, "nothing was written")
        progress = _Progress(_to_write(d))
        tally = write(conn, d, progress, dry_run=dry_run)
        progress.close()
        if dry_run:
            _emit(
                "\n".join(
                    [
                        f"dry run: {_summary(d.counts())} read; a load would make these changes:",
                        *_tally_lines(tally),
                    ]
                )
                + "\nnothing was written\n"
            )
            return
        if fresh:
            conn.close()
            publish(work, path)
        published = True
    except KeyboardInterrupt:
        if progress:
            progress.close()
        _fail("interrupted; nothing was written", EXIT_INTERRUPTED)
    except sqlite3.Error as exc:
        if progress:
            progress.close()
        _fail(f"{translate(path, exc)}; nothing was written")
    except StoreError as exc:  # the schema changed under us, or the new name was taken
        if progress:
            progress.close()
        _fail(f"{exc}" if "nothing was written" in str(exc) else f"{exc}; nothing was written")
    except MemoryError:
        if progress:
            progress.close()
        _fail(OUT_OF_MEMORY + "; nothing was written")
    except DossierError as exc:  # found only while writing: rolled back
        if progress:
            progress.close()
        d.problems = exc.problems
        _report(d, "nothing was written")
    finally:
        conn.close()
        if fresh and not published:
            discard(work)
    _checkpoint_after_load(path)  # only after a load that wrote (a dry run returned above)
    _emit(
        "\n".join(
            [f"loaded {_summary(d.counts())} from {len(d.files)} file(s) into {path}", *_tally_lines(tally)]
        )
        + "\n"
    )


@cli.command(name="check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def check_cmd(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Validate dossier files without loading them; exit status 1 if anything is wrong.

    References to records already in the database (when it exists) count as resolved.
    """
    from ..db.connect import StoreError, open_reader
    from ..db.dossier import check

    conn = None
    target = settings.db_path
    if target is None:
        from ..db.bundled import default_db_path

        target = default_db_path()
    if target.exists():
        try:
            conn = open_reader(target)
        except StoreError as exc:
            _fail(str(exc))
    try:
        d = check(paths, conn)
    except MemoryError:
        _fail(OUT_OF_MEMORY)
    finally:
        if conn is not None:
            conn.close()
    _report(d, "the dossier is not valid")
    _emit(f"ok: {_summary(d.counts())} in {len(d.files)} file(s)\n")


@cli.command()
@click.pass_obj
def upgrade(settings: Settings) -> None:
    """Bring a database written by an older version up to this one's schema, in one
    transaction: each position's date and each column's reading are computed again from
    the records, which are kept as they are."""
    from ..db.connect import StoreError, open_writer
    from ..db.schema import SCHEMA_VERSION

    path = settings.path()
    try:
        open_writer(path, create=False).close()
    except StoreError as exc:
        _fail(str(exc))
    except sqlite3.Error as exc:
        from ..db.connect import translate

        _fail(str(translate(path, exc)))
    _emit(f"{path}: schema {SCHEMA_VERSION}, up to date\n")


# --- maintenance ---------------------------------------------------------------------------


def _maintain(settings: Settings, verb: str, dry_run: bool, act) -> None:
    """Run one maintenance verb on the database (one transaction) and say what it did: the
    rows, each dossier file edited, and what must be edited by hand."""
    from ..db import maintain
    from ..db.connect import StoreError, open_writer, translate

    path = settings.path()
    try:
        conn = open_writer(path, create=False)
    except StoreError as exc:
        _fail(str(exc))
    try:
        out = act(conn)
    except maintain.Refused as exc:
        _fail(f"{verb}: {exc}; nothing was changed")
    except sqlite3.Error as exc:
        _fail(f"{verb}: {translate(path, exc)}; nothing was changed")
    except KeyboardInterrupt:
        _fail(f"{verb}: interrupted; nothing was changed", EXIT_INTERRUPTED)
    finally:
        conn.close()
    if not dry_run:
        _checkpoint_after_load(path)  # a plain copy of the file taken now is whole
    lines = [f"{'dry run: ' if dry_run else ''}{verb} in {path}"]
    lines += [f"  {what}: {n}" for what, n in out.rows.items() if n]
    for e in out.edits:
        lines.append(f"  {'would edit' if dry_run else 'edited'} {e.path}:")
        lines += [f"    {c}" for c in e.changes]
    if not out.edits:
        lines.append(
            "  no dossier file refers to it (records loaded from files no longer there are not edited)"
        )
    for h in out.by_hand:
        lines.append(f"  by hand: {h}")
    if dry_run:
        lines.append("nothing was changed")
    _emit("\n".join(lines) + "\n")


@cli.command()
@click.argument("kind")
@click.argument("old")
@click.argument("new")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.pass_obj
def rename(settings: Settings, kind: str, old: str, new: str, dry_run: bool) -> None:
    """Give a record (KIND: source, actor, issue, quote or position) a new id, with every
    reference to it, in the database and in the dossier files it came from."""
    from ..db import maintain

    _maintain(
        settings,
        f"rename {kind} {old} -> {new}",
        dry_run,
        lambda c: maintain.rename(c, kind, old, new, dry_run),
    )


@cli.command(name="merge-actors")
@click.argument("keep")
@click.argument("drop")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.pass_obj
def merge_actors(settings: Settings, keep: str, drop: str, dry_run: bool) -> None:
    """Make two actors one: DROP's quotes, positions and members move to KEEP, DROP's name
    and aliases become KEEP's aliases, and DROP is removed (database and dossier files)."""
    from ..db import maintain

    _maintain(
        settings,
        f"merge-actors {keep} {drop}",
        dry_run,
        lambda c: maintain.merge_actors(c, keep, drop, dry_run),
    )


@cli.command()
@click.argument("kind")
@click.argument("record_id", metavar="ID")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.pass_obj
def remove(settings: Settings, kind: str, record_id: str, dry_run: bool) -> None:
    """Remove a record nothing refers to (refused, naming what does), from the database and
    from the dossier file it came from."""
    from ..db import maintain

    _maintain(
        settings,
        f"remove {kind} {record_id}",
        dry_run,
        lambda c: maintain.remove(c, kind, record_id, dry_run),
    )


@cli.command()
@click.argument("record_id", metavar="[ID]", required=False)
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many edits.")
@click.pass_obj
def history(settings: Settings, record_id: str | None, limit: int) -> None:
    """The edits made in the app (the review desk), newest first: when, who (the login
    name), the verb, the record and each field before -> after; of one record with ID."""
    from ..db import desk

    with _reader(settings) as conn:
        rows = desk.history(conn, record_id, limit=limit)
    if not rows:
        _emit(f"no edits of {plain(record_id)}\n" if record_id else "no edits\n")
        return
    lines = []
    for h in rows:
        lines.append(f"{h.at}  {plain(h.who)}  #{h.edit} {h.verb}  {h.kind[:-1]} {plain(h.record)}")
        lines += [f"    {plain(c)}" for c in h.changed()]
    _emit("\n".join(lines) + "\n")


# --- the session log ---------------------------------------------------------------------


@cli.command()
def sessions() -> None:
    """The app's recent sessions, newest first: each log's file, when it started, how many
    commands it holds and where it ended (`replay LOG` opens the app there)."""
    from .session_log import LogError, all_logs, describe, final_stack, read_log, sessions_dir

    logs = all_logs()
    if not logs:
        _emit(f"no sessions logged yet (they are kept in {plain(str(sessions_dir()))})\n")
        return
    lines = []
    for path in logs:
        try:
            entries = read_log(path)
        except LogError as exc:
            lines.append(f"{plain(path.name)}  unreadable: {plain(str(exc))}")
            continue
        stack = final_stack(entries)
        began = entries[0].at.replace("T", " ")[:16] if entries else "-"
        ended = plain(describe(stack[-1]))[:80] if stack else "Actors"
        lines.append(f"{plain(path.name)}  {began}  {len(entries)} commands  ended on: {ended}")
    _emit("\n".join(lines) + "\n")


@cli.command()
@click.argument("log", metavar="[LOG]", required=False, type=click.Path(path_type=Path))
@click.option("--print", "show", is_flag=True, help="Print the session's commands, one a line; open nothing.")
@click.pass_context
def replay(ctx: click.Context, log: Path | None, show: bool) -> None:
    """Open the app where a logged session ended (LOG, or the latest session), with the
    screens it passed through behind it (escape goes back through them); each screen reads
    the database as it is now. With --print, the session's commands as text."""
    from .session_log import LogError, all_logs, describe, final_stack, read_log, sessions_dir

    if log is None:
        logs = all_logs()
        if not logs:
            _fail(f"no session logged yet in {sessions_dir()}; give a LOG file")
        log = logs[0]
    try:
        entries = read_log(log)
    except LogError as exc:
        _fail(str(exc))
    if show:
        _emit("".join(f"{e.at}  {plain(describe(e))}\n" for e in entries) or "an empty session\n")
        return
    from .launch import launch

    group = ctx.parent.params if ctx.parent is not None else {}
    launch(
        group.get("db_path"),
        mouse=not group.get("no_mouse", False),
        theme=group.get("theme"),
        edit=bool(group.get("edit", False)),
        replay=final_stack(entries),
    )


# --- copies ------------------------------------------------------------------------------


def _checkpoint_after_load(path: Path) -> None:
    """Fold the load's WAL into the database file, so that a plain copy of the file taken
    now is whole. A reader mid-query may keep part of it in the -wal file for now (SQLite
    folds it in later): not an error, only a hint that `backup` is the way to copy."""
    from ..db.backup import checkpoint_file
    from ..db.connect import StoreError

    try:
        done = checkpoint_file(path)
    except StoreError:
        return  # the load is committed; the checkpoint is only a convenience
    if not done.whole:
        click.echo(
            f"note: {plain(str(path))} is being read, so part of this load is still in its "
            "-wal file; to copy the database, use `ceasefire-tui backup OUT.db`",
            err=True,
        )


class _CopyProgress:
    """Pages copied, on stderr, only on a terminal and only once a backup takes a moment."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = 0.0
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.started < 0.5 or now - self.shown < 0.1:
            return
        self.shown = now
        sys.stderr.write(f"\rcopying… {100 * done // max(total, 1):3d}% ({done:,}/{total:,} pages)")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace OUT if it exists (never the database itself).")
@click.pass_obj
def backup(settings: Settings, out: Path, force: bool) -> None:
    """Copy the database to a new file OUT, whole and consistent, at any moment: while the
    app has it open and even while a load is writing it (SQLite's online backup of one
    snapshot).

    The copy appears only once complete and read back: a failure or a full disk leaves no
    OUT. Copying the .db file alone can miss its latest changes, which live in its -wal
    file while the app is open; `dump` gives the diffable, reviewable form.
    """
    from ..db import backup as copies
    from ..db.connect import StoreError

    progress = _CopyProgress()
    try:
        src = settings.path()
        made = copies.backup(src, out, progress=progress, force=force)
    except StoreError as exc:
        progress.close()
        _fail(str(exc))
    except KeyboardInterrupt:
        progress.close()
        _fail(f"interrupted; no copy was made at {out}", EXIT_INTERRUPTED)
    progress.close()
    n = made.counts
    _emit(
        f"copied {src} to {made.path}: {copies.human(made.size)}, {n['sources']} source(s), "
        f"{n['quotes']} quote(s), {n['positions']} position(s) (read back from the copy)\n"
    )


# --- reading -----------------------------------------------------------------------------


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.pass_obj
def dump(settings: Settings, fmt: str) -> None:
    """Write the whole database to stdout in the dossier format.

    Loading a dump into an empty database and dumping again gives identical output.
    """
    from ..db.dump import records, to_json, to_yaml

    with _reader(settings) as conn:
        data = records(conn)
    if fmt == "json":
        _emit(to_json(data), structured=True)
    else:
        for chunk in to_yaml(data):
            _emit(chunk, structured=True)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.pass_obj
def search(settings: Settings, query: tuple[str, ...], fmt: str, limit: int) -> None:
    """Full-text search over quotes and position summaries, best matches first.

    Any text is a valid query: quotation marks, AND, -, :, parentheses are searched as
    words; a word ending in * is a prefix (cease* finds ceasefire). Results are the best
    by bm25 among the 1,000 most recently loaded matches of each kind. @NAME limits the
    search to a speaker, by id, name or alias (@grushko peace, @vladimir-putin), newest
    first; a word that names an actor (Zelensky) finds that actor's own quotes first.
    """
    from ..db import queries
    from ..db.wording import hit_voice

    text = " ".join(query)
    with _reader(settings) as conn:
        hits = queries.search(conn, text, limit=limit, prefix_last=False)
        unknown = queries.read_search(conn, text, prefix_last=False).unknown
    if fmt == "json":
        _emit(
            _json(
                [
                    {
                        "kind": h.kind,
                        "id": h.id,
                        "quote": h.quote_id,
                        "speaker": h.speaker,
                        "speaker_name": h.speaker_name,
                        "reported_by": h.reported_by,
                        "text": h.text,
                        "matches": [list(s) for s in h.spans],
                    }
                    for h in hits
                ]
            ),
            structured=True,
        )
        return
    if unknown:
        names = ", ".join(repr(plain(u)) for u in unknown)
        click.echo(f"no speaker called {names}: @ takes an id, a name or an alias (see `actors`)", err=True)
    elif not hits:
        click.echo(f"no matches for {plain(text)!r}", err=True)
    if not hits:
        return
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 10**6
    for h in hits:
        voice = hit_voice(plain(h.speaker_name), h.reported_by and plain(h.reported_by))
        label = plain(f"{h.kind:<8} {plain(h.id)}  {voice}:")
        direct = h.kind == "quote" and h.reported_by is None
        body = f" “{plain(h.text)}”" if direct else f" {plain(h.text)}"
        room = width + 20 - len(label)
        _emit((body if len(body) <= room else body[: max(room - 1, 0)] + "…") + "\n", bold=label)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY-MM-DD day, checked (a wrong one is click's one-line usage error)."""
    if value is None:
        return None
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_day(value)
    except ValueError:
        return _bad_day(value)


def _bad_day(value: str) -> str:
    raise click.BadParameter(f"{value!r} is not a day; expected YYYY-MM-DD, e.g. 2025-03-18")


_as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    callback=_day,
    help="Show stances as they stood on this day: positions dated after it are left out.",
)


@cli.command()
@click.argument("actors", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "md", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--rows",
    type=click.Choice(["positions", "options", "links"]),
    default=None,
    help="With --format csv: one row per position (the default; with its marks and links), "
    "per issue, option and side (the option grids and the room to meet), or per link of the "
    "actors' current positions.",
)
@_as_of_option
@click.pass_obj
def compare(
    settings: Settings, actors: tuple[str, ...], fmt: str, rows: str | None, as_of: str | None
) -> None:
    """Compare two or more actors issue by issue, on current stances (or as of a day).

    ACTORS are ids, names or aliases, case-insensitive (putin, Zelensky, Britain). A body
    (a state, government or coalition) includes what its members said: its own stance
    leads, members who differ are counted. Each actor's stance is its latest (earlier ones
    are marked). Each issue's relation is conflict, agreement, partial, one-sided or
    assessment (only predictions and judgements, which never make a relation or a score);
    each pair gets an agreement score, 1 - mean(|sA - sB|) / 4 over the issues both
    address, when they share two or more and neither is the other's member.
    """
    from ..db import brief, queries

    if len(actors) < 2:
        _fail("compare needs at least two actors")
    if rows is not None and fmt != "csv":
        _fail(f"--rows {rows} is for --format csv; expected --format csv, or no --rows")
    with _reader(settings) as conn:
        resolved = []
        for name in actors:
            try:
                resolved.append(queries.resolve_actor(conn, name).id)
            except queries.ActorNotFound as exc:
                _fail(str(exc))
        if len(set(resolved)) < len(resolved):
            _fail("the same actor is named twice")
        comparison = queries.comparison(conn, resolved, as_of)
        if fmt == "json":
            shape = brief.comparison_shape(conn, comparison)
            _emit(_json(brief.comparison_json(comparison, shape)), structured=True)
        elif fmt == "md":
            _emit(brief.comparison_markdown(conn, comparison, _safe))
        elif fmt == "csv":
            shape = brief.comparison_shape(conn, comparison)
            if rows == "options":
                _emit(brief.options_csv(comparison, shape, _safe))
            elif rows == "links":
                _emit(brief.links_csv(comparison, shape, _safe))
            else:
                _emit(brief.comparison_csv(comparison, _safe, shape))
        else:
            shape = brief.comparison_shape(conn, comparison)
            _emit(brief.comparison_table(comparison, _width(), _safe, shape))


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 10**6


def _safe(text: str | None) -> str:
    return clean(text, oneline=True, limit=10**6)


@cli.command()
@click.argument("actor")
@click.argument("issue", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@_as_of_option
@click.pass_obj
def timeline(settings: Settings, actor: str, issue: str | None, fmt: str, as_of: str | None) -> None:
    """An actor's positions (its own and its members') in date order, on one ISSUE or all,
    each with what its speaker held on the issue before: first, same, or changed from.

    ACTOR is an id, name or alias; ISSUE an issue id or title (case-insensitive)."""
    from ..db import chronicle, queries

    with _reader(settings) as conn:
        try:
            found = queries.resolve_actor(conn, actor)
        except queries.ActorNotFound as exc:
            _fail(str(exc))
        issue_id = None
        if issue is not None:
            match = queries.resolve_issue(conn, issue)
            if match is None:
                known = ", ".join(i.id for i in queries.list_issues(conn)[:12])
                _fail(f"no issue {issue!r}; expected an issue id or title, e.g. {known}")
            issue_id = match.id
        steps = queries.timeline(conn, found.id, issue_id, as_of)
    if fmt == "json":
        _emit(_json(chronicle.timeline_json(steps)), structured=True)
    elif fmt == "csv":
        _emit(chronicle.timeline_csv(steps, _safe))
    else:
        _emit(chronicle.timeline_table(found, steps, as_of, _width(), _safe))


def _since(ctx: click.Context, param: click.Parameter, value: str) -> str:
    return value if value == "last" else (_day(ctx, param, value) or value)


@cli.command()
@click.option(
    "--since",
    "since",
    metavar="YYYY-MM-DD|last",
    default="last",
    show_default=True,
    callback=_since,
    help="A day: what changed after it, by the dates the sources give (positions dated after "
    "it; stances and relations now against then). last: what the latest load changed.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def changes(settings: Settings, since: str, fmt: str) -> None:
    """What changed: relations between two sides that flipped, stances that moved, new and
    edited positions; since a day, or in the latest load."""
    from ..db import chronicle, queries
    from ..db.wording import short_date

    with _reader(settings) as conn:
        if since == "last":
            record = queries.last_load(conn)
            if record is None:
                _fail("no load is recorded in this database (loads are recorded from schema 3 on)")
            found = list(record.changes)
            loads = [record]
            head = f"The latest load (#{record.id}, {record.at}) of {', '.join(record.files)}"
            if record.first:
                head += ": the database held no positions before it, so nothing is compared"
            day = None
        else:
            found = queries.changes_since(conn, since)
            loads = []
            head = f"Since {short_date(since)}, by the dates the sources give"
            day = since
    if fmt == "json":
        _emit(_json(chronicle.changes_json(found, loads, day)), structured=True)
    else:
        _emit(chronicle.changes_table(found, head, _width(), _safe))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def actors(settings: Settings, fmt: str) -> None:
    """List the actors by side, with their ids (to use with compare)."""
    from ..db import queries

    with _reader(settings) as conn:
        rows = queries.list_actors(conn)
    if fmt == "json":
        _emit(
            _json(
                [
                    {
                        "id": a.id,
                        "name": a.name,
                        "kind": a.kind,
                        "role": a.role,
                        "parent": a.parent,
                        "side": a.side,
                        "aliases": list(a.aliases),
                        "quotes": a.quote_count,
                        "positions": a.position_count,
                    }
                    for a in rows
                ]
            ),
            structured=True,
        )
        return
    for a in rows:
        role = f" — {plain(a.role)}" if a.role else ""
        _emit(f"{'  ' * a.depth}{plain(a.name)} ({plain(a.id)}, {plain(a.kind)}){role}\n")


@cli.command()
@click.option("--single-source", is_flag=True, help="Only the positions that rest on one outlet.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def sourcing(settings: Settings, single_source: bool, fmt: str) -> None:
    """How each position is sourced: its distinct outlets and sources (a passage another
    outlet republished counted once) and whether any of it is second-hand."""
    from ..db import queries
    from ..db.wording import backing_words

    with _reader(settings) as conn:
        if single_source:
            ids = queries.single_source_ids(conn)
        else:
            ids = [
                p.id for issue in queries.list_issues(conn) for p in queries.issue_positions(conn, issue.id)
            ]
        positions = queries.positions_by_id(conn, ids, evidence=False)
        backed = queries.backing(conn, ids)
    if fmt == "json":
        _emit(
            _json(
                [
                    {
                        "id": p.id,
                        "actor": p.actor,
                        "issue": p.issue,
                        "outlets": list(backed[p.id].outlets) if p.id in backed else [],
                        "sources": backed[p.id].sources if p.id in backed else 0,
                        "quotes": backed[p.id].quotes if p.id in backed else 0,
                        "republished": backed[p.id].republished if p.id in backed else 0,
                        "single_source": p.id in backed and backed[p.id].single_source,
                        "second_hand": list(backed[p.id].via) if p.id in backed else [],
                    }
                    for p in positions
                ]
            ),
            structured=True,
        )
        return
    for p in positions:
        words = backing_words(backed[p.id]) if p.id in backed else "no evidence"
        _emit(f"{plain(p.id)}  {plain(p.actor_name)} / {plain(p.issue_title)}: {plain(words)}\n")


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "gexf", "dot"]), default="json", show_default=True
)
@click.option("--actor", help="Only the links touching this actor's column (it and its members).")
@click.pass_obj
def links(settings: Settings, fmt: str, actor: str | None) -> None:
    """The links between positions (conditional on, in exchange for, packaged with) as a
    graph: JSON, CSV for Kumu, GEXF for Gephi, DOT for Graphviz (`| dot -Tsvg`). A cycle
    of conditions is marked, not refused."""
    from ..db import graph, queries

    with _reader(settings) as conn:
        actor_id = None
        if actor is not None:
            try:
                actor_id = queries.resolve_actor(conn, actor).id
            except queries.ActorNotFound as exc:
                raise click.ClickException(str(exc)) from None
        text = graph.write(graph.graph(conn, actor_id), fmt)
    _emit(text, structured=True)


@cli.command(name="keys")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def keys_cmd(fmt: str) -> None:
    """List every key binding: its id (to remap it in settings.json), keys, screen, what
    it does."""
    from .app import CeasefireApp
    from .keys import all_bindings
    from .settings import load_settings, settings_path

    keymap = load_settings().get("keymap")
    keymap = keymap if isinstance(keymap, dict) else {}
    rows = [
        b._replace(keys=keymap.get(b.id, b.keys)) if isinstance(keymap.get(b.id), str) else b
        for b in all_bindings(CeasefireApp)
    ]
    if fmt == "json":
        _emit(_json([b._asdict() for b in rows]), structured=True)
        return
    width = max(len(b.id) for b in rows)
    for b in rows:
        _emit(f"{b.id:<{width}}  {b.keys:<22} {b.where:<16} {b.description}\n")
    _emit(f'\nremap with "keymap": {{"ID": "KEYS"}} in {plain(str(settings_path()))}\n')


def _free_source_id(conn: sqlite3.Connection, source_id: str, text: str) -> str:
    """`source_id`, or `source_id-2`, `-3`… when the database holds another article under
    it (two pages named `index.html` on one day): a draft never redefines a stored source.
    The same article drafted again keeps its id, with a warning."""
    from ..db import queries
    from ..db.text import normalize

    n, free = 1, source_id
    while (stored := queries.get_source(conn, free)) is not None:
        if stored.text == normalize(text)[0]:
            click.echo(
                f"warning: this article is already stored as source {free!r}: edit the file "
                "it was loaded from, or load this draft instead of that file, not beside it",
                err=True,
            )
            return free
        n += 1
        free = f"{source_id}-{n}"
    return free


@cli.command()
@click.argument("article")
@click.option("--title", help="The article's headline (default: the page's, or its first line).")
@click.option("--outlet", help="Who published it (default: the page's site, or 'unknown', to fill in).")
@click.option(
    "--published",
    help="Its date, YYYY-MM-DD (required unless the page gives it); also dates 'on Sunday' and the like.",
)
@click.option("--url", help="Where it was published (default: the page's address).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here (.yaml, .yml or .json); default: standard output.",
)
@click.option(
    "--suggest-positions",
    is_flag=True,
    help="Also propose positions, commented out, for each reported statement.",
)
@click.pass_obj
def draft(
    settings: Settings,
    article: str,
    title: str | None,
    outlet: str | None,
    published: str | None,
    url: str | None,
    output: Path | None,
    suggest_positions: bool,
) -> None:
    """Draft a dossier from an article, to review, edit and load: a plain-text file, a
    saved web page (.html), or an address (https://…, fetched with a timeout and a size
    limit).

    Every direct quotation (in “…” or "…") becomes a direct quote with its exact text, its
    speaker attributed from the sentence and its neighbours and matched against the actors
    in the database (an unknown speaker becomes a proposed new actor; a quotation no rule
    attributes, the proposed 'unknown-speaker' at low confidence), with the venue, the day
    and who passed it on (via) where the article gives them. Sentences that report what a
    named actor said or wants become reported quotes. Each quote says how sure its
    attribution is and why, the unsure first. No positions are drafted
    (--suggest-positions proposes them commented out). From a page, its title, site, date
    and address fill the options not given.
    """
    import os
    import re
    from datetime import date

    from ..db import drafting, queries
    from ..db.connect import StoreError, open_reader
    from ..db.dossier import MAX_SOURCE_CHARS
    from ..db.dossier.files import Refused, read_regular
    from ..db.drafting import page as pages
    from ..db.text import decode_text

    page = None
    path = Path(article)
    try:
        if pages.is_address(article):
            page = pages.extract(pages.fetch(article), url=article)
        else:
            try:
                raw = read_regular(path, MAX_SOURCE_CHARS * 4)
            except Refused as exc:
                _fail(f"{plain(article)}: cannot read: {exc}; expected a plain-text article or a saved page")
            if path.suffix.lower() in (".html", ".htm", ".xhtml") or pages.looks_like_html(raw):
                page = pages.extract(raw)
    except pages.PageError as exc:
        _fail(plain(str(exc)))
    if page is not None:
        text = page.text
        title = title or page.title
        outlet = outlet or page.outlet
        published = published or page.published
        url = url or page.url
    else:
        try:
            text = decode_text(raw)
        except UnicodeDecodeError as exc:
            _fail(f"{plain(article)}: not UTF-8 or UTF-16 (byte {exc.start}); expected a text file")
    if len(text) > MAX_SOURCE_CHARS:
        _fail(
            f"{plain(article)}: {len(text):,} characters; expected at most "
            f"{MAX_SOURCE_CHARS:,} (the loader's limit for a source)"
        )
    if not text.strip():
        _fail(f"{plain(article)}: the file is empty; expected the article's text")
    if published is None:
        # never today's date in its place: a wrong date moves every stance in time
        _fail(
            "--published is missing"
            + (" (the page gives no date)" if page is not None else "")
            + ": give the article's date, YYYY-MM-DD (the dossier needs it, and days like "
            "'on Sunday' are counted back from it)"
        )
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            raise ValueError
        date.fromisoformat(published)
    except ValueError:
        _fail(f"--published {published!r} is not a date; expected YYYY-MM-DD")
    if output is not None and output.suffix.lower() not in (".yaml", ".yml", ".json"):
        _fail(f"{output}: expected a .yaml, .yml or .json file to write")
    actors = []
    db_named = "no database"
    conn = None
    try:
        db_path = settings.path()
        conn = open_reader(db_path)
        # get_actor: with its aliases (None only for an actor deleted since the listing)
        actors = [
            actor for a in queries.list_actors(conn) if (actor := queries.get_actor(conn, a.id)) is not None
        ]
        db_named = str(db_path)
    except StoreError as exc:
        click.echo(f"warning: {plain(str(exc))}; every speaker will be a new actor", err=True)
    name = (
        re.sub(r"[?#].*$", "", article.rstrip("/")).rsplit("/", 1)[-1]
        if page and not path.exists()
        else path.stem
    )
    stem = re.sub(r"[^a-z0-9]+", "-", re.sub(r"\.html?$", "", name.lower())).strip("-")[:60] or "article"
    source_id = f"{stem}-{published}"
    if conn is not None:
        source_id = _free_source_id(conn, source_id, text)
        conn.close()
    first_line = next((ln.strip(" -–—•*\t") for ln in text.splitlines() if ln.strip()), stem)
    text_file = None
    if output is not None and page is None:
        # the loader reads a text_file only inside the dossier's folder: an article
        # elsewhere goes into the draft itself
        folder = output.resolve().parent
        if path.resolve().is_relative_to(folder):
            text_file = os.path.relpath(path.resolve(), folder)
    d = drafting.draft_article(
        text,
        actors,
        source_id=source_id,
        title=title or first_line[:200],
        outlet=outlet or "unknown",
        published=published,
        url=url,
        text_file=text_file,
        suggest_positions=suggest_positions,
    )
    if db_named != "no database":
        _flag_republished(d, Path(db_named), source_id)
    for warning in d.warnings:
        click.echo(f"warning: {plain(warning)}", err=True)
    header = (
        f"Drafted by ceasefire-tui from {page.url if page and page.url else path.name}. Review it, then\n"
        f"load it with `ceasefire-tui load FILE`. Quotes marked low or medium confidence come first.\n"
        f"Speaker ids are those of {db_named}: known actors are referred to, not\n"
        f"included, so load this draft into that database (or one loaded from the same dossiers).\n"
        + ("" if outlet else "outlet: not given; fill it in.\n")
    )
    body = (
        drafting.to_json(d)
        if output is not None and output.suffix.lower() == ".json"
        else drafting.to_yaml(d, header)
    )
    if output is None:
        _emit(body, structured=True)
    else:
        from ..db.output import OutputError, replace_file
        from ..db.text import escape_risky

        try:
            replace_file(output, escape_risky(body))
        except OutputError as exc:
            _fail(str(exc))
    levels = {c: sum(1 for q in d.quotes if q["confidence"] == c) for c in ("high", "medium", "low")}
    direct = sum(1 for q in d.quotes if q["kind"] == "direct")
    click.echo(
        f"drafted {direct} direct and {len(d.quotes) - direct} reported quotes "
        f"({levels['high']} high, {levels['medium']} medium, {levels['low']} low "
        f"confidence), {len(d.actors)} new actor(s)" + (f" into {plain(str(output))}" if output else ""),
        err=True,
    )


def _flag_republished(d, db_path: Path, source_id: str) -> None:
    """Note on each drafted quote whose passage is already stored from another source: a
    republication counts once as backing, so the reviewer knows it corroborates nothing."""
    from ..db import queries
    from ..db.connect import StoreError, open_reader

    try:
        conn = open_reader(db_path)
    except StoreError:
        return
    flagged = 0
    try:
        for q in d.quotes:
            found = queries.same_passage(conn, q["text"], source_id)
            if not found:
                continue
            flagged += 1
            where = ", ".join(f"{outlet} ({qid})" for qid, _source, outlet in found)
            note = f"the same passage is already stored from {where}: a republication backs a position once"
            q["note"] = f"{q['note']}; {note}"[:2000] if q.get("note") else note[:2000]
    finally:
        conn.close()
    if flagged:
        d.warnings.append(
            f"{flagged} drafted quote(s) repeat a passage stored from another source (see their notes)"
        )


def run_cli() -> None:
    """The command line, with a closed pipe turned into a quiet exit and click's own
    messages (a bad option or argument, which may quote what was typed) cleaned too."""
    import io

    try:
        try:
            code = cli.main(prog_name="ceasefire-tui", standalone_mode=False)
        except click.exceptions.Abort:
            _fail("interrupted", EXIT_INTERRUPTED)
        except click.ClickException as exc:
            text = io.StringIO()
            exc.show(file=text)
            sys.stderr.write(clean(text.getvalue()))
            sys.exit(exc.exit_code)
        sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else 0)
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
