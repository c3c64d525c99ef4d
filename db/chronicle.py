"""Stances through time written out: an actor's timeline and what changed, as JSON, CSV
and plain text (the command line; the app draws them itself, in the same words)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .brief import Clean, _identity, write_csv
from .models import Actor, Change, LoadRecord, Step
from .wording import change_words, short_date, stance_words, step_words


def timeline_json(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """The documented shape: one object per position, in date order."""
    return [
        {
            "actor": s.stated.stated_by,
            "issue": s.stated.position.issue,
            "date": s.stated.position.date or None,
            "stance": s.stated.position.stance,
            "kind": s.stated.position.kind,
            "summary": s.stated.position.summary,
            "evidence": list(s.stated.position.evidence),
            "id": s.stated.position.id,
            "current": s.stated.current,
            "before": s.before,
            "before_date": s.before_date or None,
            "change": s.change,
        }
        for s in steps
    ]


_TIMELINE_HEADER = ["date", "actor", "issue", "stance", "kind", "change", "before", "current", "summary"]


def timeline_csv(steps: Sequence[Step], clean: Clean = _identity) -> str:
    rows = (
        [
            s.stated.position.date,
            s.stated.stated_by,
            s.stated.position.issue,
            s.stated.position.stance,
            s.stated.position.kind,
            s.change,
            "" if s.before is None else s.before,
            "current" if s.stated.current else "earlier",
            s.stated.position.summary,
        ]
        for s in steps
    )
    return write_csv(
        [*_TIMELINE_HEADER, "evidence"],
        ([*r, " ".join(s.stated.position.evidence)] for r, s in zip(rows, steps, strict=True)),
        clean,
    )


def timeline_table(
    actor: Actor, steps: Sequence[Step], as_of: str | None, width: int, clean: Clean = _identity
) -> str:
    """One line per position, in date order; a member's positions name the member."""
    lines = [f"Timeline of {clean(actor.name)}" + (f", as it stood on {short_date(as_of)}" if as_of else "")]
    if not steps:
        lines.append("no positions" + (" dated up to then" if as_of else ""))
    for s in steps:
        p = s.stated.position
        who = "" if s.stated.stated_by == actor.id else f"{clean(s.stated.stated_by_name)}: "
        mark = "" if s.stated.current else " (earlier)"
        text = (
            f"{short_date(p.date):>11}  {clean(p.issue_title)}: {who}{stance_words(p.stance)} "
            f"{clean(p.kind)}{mark} — {step_words(s)} — {clean(p.summary)}"
        )
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    return "\n".join(lines) + "\n"


def changes_json(
    changes: Sequence[Change], loads: Sequence[LoadRecord] = (), since: str | None = None
) -> dict[str, Any]:
    return {
        "since": since,
        "loads": [{"id": r.id, "at": r.at, "files": list(r.files), "first": r.first} for r in loads],
        "changes": [{k: (v if v != "" else None) for k, v in c._asdict().items()} for c in changes],
    }


HEADINGS = {
    "flip": "Relations that flipped",
    "shift": "Stances that moved",
    "new": "New positions",
    "changed": "Positions edited",
    "removed": "Positions removed",
}


def changes_table(changes: Sequence[Change], head: str, width: int, clean: Clean = _identity) -> str:
    """Changes grouped by what they are (flips first), each line with its issue."""
    lines = [clean(head)]
    if not changes:
        lines.append("nothing changed")
    for what, heading in HEADINGS.items():
        group = [c for c in changes if c.what == what]
        if not group:
            continue
        lines += ["", f"{heading} ({len(group)})"]
        for c in group:
            text = f"  {clean(c.issue_title)}: {clean(change_words(c))}"
            lines.append(text if len(text) <= width else text[: width - 1] + "…")
    return "\n".join(lines) + "\n"
