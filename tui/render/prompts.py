"""One record as the line (or lines) a list shows: an actor, a position, a quote."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...db.brief import is_reported, passed_on_by
from ...db.models import Actor, Backing, ComparisonRow, Link, Position, Quote
from ...db.wording import link_words
from . import glyphs
from .hanging import Hanging
from .safe import clean, content


def actor_prompt(actor: Actor, width: int, marked: bool) -> Content:
    """One line: indent, mark, name, role (cut to fit), counts."""
    indent = "  " * min(actor.depth, 4)
    mark = glyphs.MARK if marked else " "
    counts = f" {actor.quote_count}q {actor.position_count}p"
    if actor.unsure_count:
        counts += f" {actor.unsure_count}{glyphs.UNSURE}"
    name = clean(actor.name, oneline=True, limit=60)
    fit = width - len(indent) - 2 - len(counts) - 1  # the counts always show; the name yields
    if len(name) > fit > 3:
        name = name[: fit - 1] + "…"
    room = max(width - len(indent) - 2 - len(name) - len(counts) - 1, 0)
    role = clean(actor.role, oneline=True, limit=200) if actor.role else ""
    if room < 6:
        role = ""
    elif len(role) > room - 1:
        role = role[: max(room - 2, 0)] + "…"
    pad = max(width - len(indent) - 2 - len(name) - (len(role) + 1 if role else 0) - len(counts), 1)
    return Content.assemble(
        indent,
        (mark + " ", "bold $accent" if marked else ""),
        (name, "bold" if actor.depth == 0 else ""),
        (" " + role if role else "", "dim"),
        " " * pad,
        (counts, "dim"),
    )


def position_prompt(
    p: Position, show_actor: bool = False, backing: Backing | None = None, links: Sequence[Link] = ()
) -> Hanging:
    head = Content.assemble(
        (glyphs.stance_label(p.stance), glyphs.STANCE_STYLES[p.stance]),
        f" {p.stance:+d}  ",
        (clean(p.issue_title, oneline=True), "bold"),
        (f"  {p.kind.replace('_', ' ')}", "dim"),
    )
    if backing is not None:
        head = Content.assemble(
            head, ("  " + backing_tag(backing), "italic" if backing.single_source else "dim")
        )
    who = f"{clean(p.actor_name, oneline=True)}: " if show_actor else ""
    lines = [Content.assemble(head, "\n   ", (who + clean(p.summary, oneline=True), ""))]
    lines += [Content.assemble("   ", link_line(link)) for link in links]
    return Hanging(Content("\n").join(lines))


def link_line(link: Link) -> Content:
    """A link from the position looked at: '⇐ only if: Sanctions relief (Kremlin)'."""
    return Content.styled(clean(link_words(link), oneline=True), "italic")


def backing_tag(b: Backing) -> str:
    """A position's sourcing in a few words: '1 outlet', '3 outlets', '· second-hand'."""
    tag = "1 outlet" if b.single_source else f"{len(b.outlets)} outlets"
    return tag + (", second-hand" if b.second_hand else "")


def quote_prompt(q: Quote, show_speaker: bool = False, limit: int = 240) -> Hanging:
    bits = [q.date]
    via = passed_on_by(q)
    venue = q.venue[: q.venue.rfind("via ")].rstrip("; ") if via and q.venue else q.venue
    if venue:
        bits.append(clean(venue, oneline=True, limit=60))
    bits.append(q.kind)
    head = Content.assemble((" · ".join(bits), "dim"))
    if show_speaker:
        head = Content.assemble((clean(q.speaker_name, oneline=True) + "  ", "bold"), head)
    if via:
        # second-hand support: the words reached the source through someone else
        head = Content.assemble(head, (f"  second-hand, via {clean(via, oneline=True, limit=60)}", "italic"))
    if q.confidence in ("low", "medium"):
        head = Content.assemble((f"{glyphs.UNSURE} {q.confidence} confidence  ", "bold $text-warning"), head)
    text = clean(q.text, oneline=True, limit=limit)
    # a reported quote is the outlet's words, never put in quotation marks as the speaker's
    body = f"{clean(q.outlet, oneline=True, limit=60)} reported: {text}" if is_reported(q) else f"“{text}”"
    return Hanging(Content.assemble(head, "\n   ", content(body)))


def issue_heading(row: ComparisonRow) -> list[Content]:
    """A comparison row's detail opens with its issue, the relation, and its question."""
    return [
        Content.assemble(
            (clean(row.issue.title, oneline=True), "bold"),
            "  ",
            (glyphs.relation_label(row.relation), glyphs.RELATION_STYLES[row.relation]),
        ),
        Content.styled(clean(row.issue.question, oneline=True), "italic"),
    ]
