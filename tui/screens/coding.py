"""The review desk's flows, shared by the screens that offer them: accept, reassign, reject
and fix a quote; code, edit and delete a position; make a quote from a passage. Each reads
the record's version when it starts, so that an edit of a record someone else changed
meanwhile is refused (`desk.Conflict`) rather than written over theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...db import desk, queries
from ...db.models import ACTOR_KINDS, POSITION_KINDS, Position, Quote
from .modals.form import FormField, FormModal
from .modals.picker import ActorPicker

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..app import CeasefireApp

STANCES = [
    (str(i + 1), s, w)
    for i, (s, w) in enumerate(
        [(-2, "rejects"), (-1, "opposes"), (0, "open"), (1, "supports"), (2, "insists")]
    )
]
KIND_KEYS = {"demand": "d", "offer": "o", "condition": "c", "red_line": "r", "assessment": "a"}
KINDS = [(KIND_KEYS[k], k, k.replace("_", " ")) for k in POSITION_KINDS]
ACTOR_KIND_CHOICES = [(str(i + 1), k, k) for i, k in enumerate(ACTOR_KINDS)]


def _app(screen: Screen) -> CeasefireApp:
    return screen.app  # type: ignore[return-value]


def accept(screen: Screen, q: Quote) -> object | None:
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "quotes", q.id)
    return app.edit(lambda c: desk.accept_quote(c, q.id, seen), "Accepted.")


def reject(screen: Screen, q: Quote) -> object | None:
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "quotes", q.id)
    return app.edit(lambda c: desk.reject_quote(c, q.id, seen), "Removed: not a quotation.")


def reassign(screen: Screen, q: Quote, then=None) -> None:
    """The actor picker (or a new actor: name, kind, role, the body it speaks for)."""
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "quotes", q.id)
    picker = ActorPicker(
        exclude={q.speaker}, title="Who said it? type part of a name, enter picks", allow_new=True
    )

    def picked(actor: str | None) -> None:
        if actor is None:
            return
        if actor != ActorPicker.NEW:
            if app.edit(lambda c: desk.reassign_speaker(c, q.id, seen, speaker=actor), "Speaker changed."):
                if then:
                    then()
            return
        fields = [
            FormField("name", "Name", picker.typed),
            FormField("kind", "Kind", "person", choices=ACTOR_KIND_CHOICES, hint="a key each"),
            FormField("role", "Role", "", placeholder="e.g. Foreign Minister"),
            FormField(
                "parent", "Speaks for", "", placeholder="the body or side: an id or a name", hint="optional"
            ),
        ]

        def submit(v: dict[str, Any]) -> object | None:
            parent = v["parent"].strip()
            if parent:
                try:
                    parent = queries.resolve_actor(app.store.conn, parent).id
                except LookupError as exc:  # no such actor, or more than one: said as it is
                    raise ValueError(f"parent: {exc}") from None
            new = {"name": v["name"].strip(), "kind": v["kind"], "role": v["role"].strip(), "parent": parent}
            return app.edit(
                lambda c: desk.reassign_speaker(c, q.id, seen, new_actor=new), "New actor, speaker changed."
            )

        app.push_screen(FormModal("A new actor", fields, submit), lambda r: then() if r and then else None)

    app.push_screen(picker, picked)


def fix(screen: Screen, q: Quote, then=None) -> None:
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "quotes", q.id)
    fields = [
        FormField(
            "venue", "Venue", q.venue or "", placeholder="e.g. interview with Izvestia", hint="empty: none"
        ),
        FormField(
            "said",
            "Said on",
            q.said or "",
            placeholder="YYYY-MM-DD",
            hint=f"empty: the source's date ({q.published})",
        ),
    ]

    def submit(v: dict[str, Any]) -> object | None:
        return app.edit(
            lambda c: desk.fix_quote(c, q.id, seen, venue=v["venue"], said=v["said"]), "Quote fixed."
        )

    app.push_screen(FormModal("Venue and date", fields, submit), lambda r: then() if r and then else None)


def _issue_fields(app: CeasefireApp, issue: str = "") -> list[FormField]:
    return [
        FormField(
            "issue",
            "Issue",
            issue,
            placeholder="an issue's id or title; or a new title",
            hint="existing or new",
        ),
        FormField("question", "Question", "", placeholder="a new issue only: the question a stance answers"),
    ]


def _issue_of(app: CeasefireApp, v: dict[str, Any]) -> tuple[str | None, dict[str, str] | None]:
    text = v["issue"].strip()
    if not text:
        raise ValueError("issue: expected an issue: its id or title, or a new title with a question")
    found = queries.resolve_issue(app.store.conn, text)
    if found is not None:
        return found.id, None
    if not v["question"].strip():
        raise ValueError(f"question: no issue {text!r} yet: give the question a stance on it answers")
    return None, {"title": text, "question": v["question"].strip()}


def code_position(screen: Screen, q: Quote, then=None) -> None:
    """A position from a quote: its speaker (or side), an issue (or a new one), a stance
    and kind a key each, a summary and date prefilled from the quote."""
    app = _app(screen)
    conn = app.store.conn
    speaker = queries.get_actor(conn, q.speaker)
    actors = [("s", q.speaker, f"the speaker ({q.speaker_name})")]
    if speaker is not None and speaker.side != q.speaker:
        side = queries.get_actor(conn, speaker.side)
        actors.append(("i", speaker.side, f"its side ({side.name if side else speaker.side})"))
    issue = q.issues[0] if q.issues else ""
    fields = [
        FormField("actor", "Actor", q.speaker, choices=actors),
        *_issue_fields(app, issue),
        FormField("stance", "Stance", 0, choices=STANCES),
        FormField("kind", "Kind", "demand", choices=KINDS, hint="d o c r a"),
        FormField("summary", "Summary", " ".join(q.text.split())[:300]),
        FormField(
            "as_of", "Date", q.date, placeholder="YYYY-MM-DD", hint="the quote's, or the day it was held"
        ),
    ]

    def submit(v: dict[str, Any]) -> object | None:
        issue_id, new_issue = _issue_of(app, v)
        as_of = v["as_of"].strip() if v["as_of"].strip() != q.date else None
        return app.edit(
            lambda c: desk.add_position(
                c,
                v["actor"],
                issue_id,
                v["stance"],
                v["kind"],
                v["summary"],
                [q.id],
                as_of=as_of,
                new_issue=new_issue,
            ),
            "Position coded.",
        )

    app.push_screen(
        FormModal("Code a position from this quote", fields, submit), lambda r: then() if r and then else None
    )


def edit_position(screen: Screen, p: Position, then=None) -> None:
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "positions", p.id)
    fields = [
        *_issue_fields(app, p.issue),
        FormField("stance", "Stance", p.stance, choices=STANCES),
        FormField("kind", "Kind", p.kind, choices=KINDS, hint="d o c r a"),
        FormField("summary", "Summary", p.summary),
        FormField(
            "as_of",
            "As of",
            p.as_of or "",
            placeholder="YYYY-MM-DD",
            hint=f"empty: its evidence's ({p.date})",
        ),
    ]

    def submit(v: dict[str, Any]) -> object | None:
        issue_id, new_issue = _issue_of(app, v)
        if new_issue is not None:
            raise ValueError(
                "issue: a position is moved to an issue that exists; code a new position for a new one"
            )
        return app.edit(
            lambda c: desk.edit_position(
                c,
                p.id,
                seen,
                issue=issue_id,
                stance=v["stance"],
                kind=v["kind"],
                summary=v["summary"],
                as_of=v["as_of"],
            ),
            "Position changed.",
        )

    app.push_screen(
        FormModal(f"Edit position {p.id}", fields, submit), lambda r: then() if r and then else None
    )


def delete_position(screen: Screen, p: Position) -> object | None:
    app = _app(screen)
    seen = desk.version_of(app.store.conn, "positions", p.id)
    return app.edit(lambda c: desk.delete_position(c, p.id, seen), f"Position {p.id} deleted.")


def quote_from_passage(screen: Screen, near: Quote, start: int, end: int) -> None:
    """The passage [start, end) of `near`'s source made a quote: its speaker picked (or a
    new actor named), then the position form for it."""
    app = _app(screen)
    picker = ActorPicker(exclude=set(), title="Whose words are these? type part of a name, enter picks")

    def picked(actor: str | None) -> None:
        if actor is None:
            return
        fields = [
            FormField(
                "kind", "Kind", "direct", choices=[("d", "direct", "direct"), ("r", "reported", "reported")]
            ),
            FormField(
                "said", "Said on", near.said or "", placeholder="YYYY-MM-DD", hint="empty: the source's date"
            ),
        ]

        def submit(v: dict[str, Any]) -> object | None:
            return app.edit(
                lambda c: desk.add_quote(
                    c, near.source, start, end, actor, kind=v["kind"], said=v["said"].strip() or None
                ),
                "Quote made.",
            )

        def made(done: object) -> None:
            if isinstance(done, desk.Done):
                q = queries.get_quote(app.store.conn, done.changes[-1][1])
                if q is not None:
                    code_position(screen, q)

        app.push_screen(FormModal("A new quote from the passage", fields, submit), made)

    app.push_screen(picker, picked)


def add_as_evidence(screen: Screen, q: Quote) -> None:
    """The quote added to the evidence of a position of its speaker or the speaker's side
    (one it does not back yet)."""
    app = _app(screen)
    conn = app.store.conn
    speaker = queries.get_actor(conn, q.speaker)
    actors = dict.fromkeys([q.speaker, *([speaker.side] if speaker else [])])
    offered = [
        p for a in actors for p in queries.actor_positions(conn, a, limit=200) if q.id not in p.evidence
    ]
    if not offered:
        app.notify("No position of the speaker or its side to add it to: p codes one.", markup=False)
        return
    from .modals.positions import PositionPicker

    def picked(pid: str | None) -> None:
        if pid is None:
            return
        seen = desk.version_of(app.store.conn, "positions", pid)
        app.edit(lambda c: desk.add_evidence(c, pid, q.id, seen), "Added to its evidence.")

    app.push_screen(PositionPicker("Add this quote to the evidence of…", offered), picked)
