"""A record's edit history as the lines a screen shows under it: when, who (the login
name), the verb, and each field that changed, old → new. The values are dossier text
(an analyst typed them, or a shared database holds them): shown literally, cleaned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from .safe import clean

if TYPE_CHECKING:
    from ...db.edits import HistoryRow

#: Edits shown under a record; the rest are one command away (`ceasefire-tui history ID`).
SHOWN = 3
#: The longest line, so that it fits an 80-column screen inside its borders and indent.
WIDTH = 72


def when(at: str) -> str:
    """'2026-12-03 17:40' from the stored ISO time (UTC)."""
    return at[:16].replace("T", " ")


def what(h: HistoryRow) -> str:
    """What an edit changed, in one line: `stance: 1 → -2; kind: demand → red_line`, or
    `created` / `removed`."""
    own = {"reviewed_by": h.who, "reviewed_at": h.at}  # the review it made: its head says so
    fields = [(name, old, new) for name, old, new in h.fields() if own.get(name) != new]
    if not fields:
        return "; ".join(h.changed()) if not h.fields() else "reviewed"
    return "; ".join(f"{name}: {old} → {new}" for name, old, new in fields)


def edit_lines(
    rows: Sequence[HistoryRow],
    record: str,
    indent: str = "  ",
    width: int = WIDTH,
    shown: int = SHOWN,
    compact: bool = False,
) -> list[Content]:
    """The latest `shown` edits (`rows` newest first, one more read to know there are
    more) and a last line naming the command for the rest. Each edit is two lines, when,
    who and the verb, then what changed; `compact`: one line (when, who, what changed), cut
    to fit."""
    lines = []
    for h in rows[:shown]:
        by = clean(h.who, oneline=True, limit=24)
        head = f"{indent}edited {when(h.at)} by {by}"
        if compact:  # without the verb: what changed is what a narrow pane keeps
            head += ": "
            lines.append(
                Content.assemble(
                    (head, "dim"), clean(what(h), oneline=True, limit=max(width - len(head), 10))
                )
            )
            continue
        lines.append(Content.styled(f"{head}, {clean(h.verb, oneline=True)}", "dim"))
        body = indent + "  "
        lines.append(Content(body + clean(what(h), oneline=True, limit=max(width - len(body), 10))))
    if len(rows) > shown:
        more = f"… more: ceasefire-tui history {clean(record, oneline=True, limit=40)}"
        lines.append(
            Content.styled(
                indent + clean(more, oneline=True, limit=max(width - len(indent), 10)), "dim italic"
            )
        )
    return lines
