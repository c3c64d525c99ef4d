"""How a reading is said in words, the same in every output: the command line, the brief
and the app's detail panes (screens add glyphs and colour; the words are these)."""

from __future__ import annotations

from .analysis import MIN_SHARED
from .models import (
    LINK_GLYPHS,
    LINK_WORDS,
    Backing,
    Cell,
    Change,
    Link,
    OptionGrid,
    OptionMark,
    OptionReading,
    PairScore,
    Step,
    stance_word,
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(date: str | None, year: bool = True) -> str:
    """'2025-03-18' as '18 Mar 2025' (or '18 Mar'); 'undated' for none."""
    if not date:
        return "undated"
    try:
        y, m, d = date.split("-")
        text = f"{int(d)} {_MONTHS[int(m) - 1]}"
    except (ValueError, IndexError):
        return date
    return f"{text} {y}" if year else text


def signed(stance: int | None) -> str:
    return "" if stance is None else f"{stance:+d}"


def stance_words(stance: int | None) -> str:
    """'rejects -2', 'silent'."""
    return stance_word(stance) if stance is None else f"{stance_word(stance)} {signed(stance)}"


def cell_words(cell: Cell, year: bool = True) -> str:
    """A column's reading of an issue in words: its current stance, since when, what it was
    before; divided, differing members, dissent; assessments apart."""
    if cell.stance is None:
        if cell.divided:
            text = "divided (members hold opposite current stances)"
        elif cell.assessments:
            text = f"no stance; {_n(cell.assessments, 'assessment')} (shown apart)"
        else:
            return "silent"
    else:
        text = f"{stance_words(cell.stance)} since {short_date(cell.since, year)}"
        if cell.was is not None:
            text += f" · was {stance_words(cell.was)} on {short_date(cell.was_date, year)}"
        if cell.divided:
            text += " · members divided"
        elif cell.differ:
            text += f" · {_n(cell.differ, 'member')} differ{'s' if cell.differ == 1 else ''}"
        if cell.assessments:
            text += f" · {_n(cell.assessments, 'assessment')} apart"
    if cell.dissent:
        text += " · dissents from its side"
    return text


def pair_words(pair: PairScore) -> str:
    """A pair's score with its coverage, or why there is none."""
    if pair.nested:
        return "not scored: one is the other's member, not a separate party"
    if pair.agreement is None:
        return f"not scored: {_n(pair.shared, 'shared issue')} (a score needs {MIN_SHARED} or more)"
    return (
        f"agreement {pair.agreement:.2f} over {_n(pair.shared, 'shared issue')}, "
        f"{_n(pair.conflicts, 'conflict')}"
    )


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def step_words(step: Step, year: bool = True) -> str:
    """What a timeline step did: 'first', 'changed from supports +1 (13 Mar 2025)', 'same
    as on 13 Mar 2025'."""
    if step.before is None:
        return "first"
    when = short_date(step.before_date, year)
    if step.change == "same":
        return f"same as on {when}"
    return f"changed from {stance_words(step.before)} ({when})"


def change_words(change: Change, year: bool = True) -> str:
    """One change in words, without its issue: who, what, when."""
    when = short_date(change.date, year) if change.date else "undated"
    if change.what == "flip":
        return f"{change.actor_name} / {change.other_name}: {change.was_relation} → {change.relation}" + (
            f" (as of {when})" if change.date else ""
        )
    if change.what == "shift":
        now = "no single stance (members divided)" if change.stance is None else stance_words(change.stance)
        return f"{change.actor_name}: {stance_words(change.was)} → {now}" + (
            f" (since {when})" if change.date else ""
        )
    stance = stance_words(change.stance)
    if change.what == "changed" and change.was is not None and change.was != change.stance:
        stance = f"{stance_words(change.was)} → {stance}"
    return f"{change.actor_name}: {stance}, {change.summary} ({when})"


def hit_voice(speaker_name: str, reported_by: str | None) -> str:
    """Whose words a search hit is: the speaker's ('Vladimir Putin'), or for a reported
    quote the outlet's, about the speaker ('Reuters, reporting Vladimir Putin')."""
    return speaker_name if reported_by is None else f"{reported_by}, reporting {speaker_name}"


def backing_words(b: Backing) -> str:
    """How a position is sourced: 'single source: Reuters', '2 outlets (Reuters, AP), 3
    sources'; a republished passage and second-hand words said too."""
    if b.single_source:
        text = f"single source: {b.outlets[0]}" if b.outlets else "no source"
        if b.sources > 1:
            text += f" ({b.sources} of its reports)"
    else:
        text = f"{len(b.outlets)} outlets ({', '.join(b.outlets)}), {_n(b.sources, 'source')}"
    if b.republished:
        text += f"; {_n(b.republished, 'quote')} republished (counted once)"
    if b.via:
        text += f"; second-hand via {', '.join(b.via)}"
    return text


def link_words(link: Link) -> str:
    """A link seen from the position looked at, naming the other end by its issue and
    actor: '⇐ only if: Sanctions relief (Kremlin)', '⇒ is the condition of: Black Sea
    ceasefire (Kremlin)'; '↻' when the link lies on a cycle."""
    out, back = LINK_GLYPHS[link.type]
    said_out, said_in = LINK_WORDS[link.type]
    glyph, said = (out, said_out) if link.direction == "out" else (back, said_in)
    text = f"{glyph} {said}: {link.other.issue_title} ({link.other.actor_name})"
    return text + (" ↻ cycle" if link.cycle else "")


def mark_word(mark: str) -> str:
    """'demanded', 'acceptable', 'red line'."""
    return mark.replace("_", " ")


def option_words(reading: OptionReading, side: str | None = None) -> str:
    """A side's reading of an option in words: 'acceptable'; with the side's id, the member
    whose mark leads it, as a cell names it ('acceptable (Alexander Grushko)'); 'red line
    (differs: Dot Dove acceptable)' (a member who differs from the lead, named); 'divided
    (Dot Dove acceptable, Hal Hawk red line)' (members who mark it both ways, without a mark
    of the side's own)."""
    who = ", ".join(f"{m.actor_name} {mark_word(m.mark)}" for m in sorted(reading.differ, key=_by_name))
    if reading.mark is None:
        return f"divided ({who})"
    led = reading.lead is not None and side is not None and reading.lead.actor != side
    words = mark_word(reading.mark) + (f" ({reading.lead.actor_name})" if led and reading.lead else "")
    return words + (f" (differs: {who})" if who else "")


def _by_name(m: OptionMark) -> tuple[str, str]:
    return (m.actor_name.casefold(), m.position)


def room_words(grid: OptionGrid) -> str:
    """The room to meet in words: 'no side rejects: Unarmed observers, A civilian mission;
    every side accepts: none', and '; a side divided on: …' when a side's members mark an
    option both ways (neither room nor a rejection)."""
    labels = {o.id: o.label for o in grid.options}

    def listed(ids: tuple[str, ...]) -> str:
        return ", ".join(labels[i] for i in ids) or "none"

    rejects, accepts = listed(grid.no_side_rejects), listed(grid.every_side_accepts)
    text = f"no side rejects: {rejects}; every side accepts: {accepts}"
    return text + (f"; a side divided on: {listed(grid.divided)}" if grid.divided else "")
