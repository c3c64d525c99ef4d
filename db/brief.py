"""A comparison written out: Markdown brief with footnoted evidence, CSV, JSON, plain text."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from . import queries
from .analysis import AGREEMENT_FORMULA, ASSESSMENT, OPTION_RULE
from .models import (
    Comparison,
    ComparisonRow,
    Link,
    OptionGrid,
    OptionMark,
    Quote,
    StatedPosition,
    stance_word,
)
from .wording import (
    backing_words,
    cell_words,
    link_words,
    option_words,
    pair_words,
    room_words,
    short_date,
    signed,
    stance_words,
)

Clean = Callable[[str | None], str]


def _identity(text: str | None) -> str:
    return text or ""


class Shape(NamedTuple):
    """What a comparison's export adds from the shape of the negotiation: the option grid
    of each of its issues that lists options (as of its day), every mark on them by the
    positions shown, and each shown position's links (both ways)."""

    grids: dict[str, OptionGrid]
    marks: dict[str, list[OptionMark]]
    links: dict[str, list[Link]]


def comparison_shape(conn: sqlite3.Connection, c: Comparison) -> Shape:
    """The options, marks and links of a full comparison (`queries.comparison`)."""
    optioned = queries.issues_with_options(conn, [row.issue.id for row in c.rows])
    sides = [a.id for a in c.actors]
    shown = {sp.position.id for row in c.rows for cell in row.cells for sp in cell.positions}
    grids: dict[str, OptionGrid] = {}
    marks: dict[str, list[OptionMark]] = {}
    for row in c.rows:
        if row.issue.id not in optioned:
            continue
        grid = queries.option_grid(conn, row.issue, sides, c.as_of)
        if grid is not None:
            grids[row.issue.id] = grid
        for m in queries.option_marks(conn, row.issue.id, c.as_of):
            if m.position in shown:
                marks.setdefault(m.position, []).append(m)
    links = queries.links_of(conn, sorted(shown))
    if c.as_of is not None:
        # as of a day: a link to a position not yet taken was not there
        day = c.as_of
        links = {p: [x for x in ls if (x.other.date or "") <= day] for p, ls in links.items()}
    return Shape(grids, marks, links)


def _mark_json(m: OptionMark) -> dict[str, Any]:
    return {
        "position": m.position,
        "stated_by": m.actor,
        "option": m.option,
        "mark": m.mark,
        "date": m.date or None,
        "current": m.current,
        "evidence": list(m.evidence),
    }


def grid_json(grid: OptionGrid, sides: Sequence[str]) -> dict[str, Any]:
    """An issue's options by the sides, each side's reading of each option with the
    current marks behind it (and the earlier ones it superseded), and the room to meet."""
    options = []
    for o in grid.options:
        by_side: dict[str, Any] = {}
        for side in sides:
            r = grid.readings.get((side, o.id))
            by_side[side] = {
                "mark": r.mark if r else None,
                "divided": bool(r and r.divided),
                "lead": r.lead.position if r and r.lead else None,
                "differ": [_mark_json(m) for m in r.differ] if r else [],
                "words": option_words(r, side) if r else None,
                "marks": [_mark_json(m) for m in grid.marks.get((side, o.id), ())],
                "earlier": [_mark_json(m) for m in grid.earlier.get((side, o.id), ())],
            }
        room = grid.room_of(o.id)
        options.append({"id": o.id, "label": o.label, "room": room, "sides": by_side})
    return {
        "options": options,
        "room_to_meet": {
            "no_side_rejects": list(grid.no_side_rejects),
            "every_side_accepts": list(grid.every_side_accepts),
            "divided": list(grid.divided),
            "words": room_words(grid),
        },
    }


def _edges(c: Comparison, shape: Shape) -> list[dict[str, Any]]:
    """The links of the compared columns' current positions, each once, from the position
    that makes it to the one it names, with the columns each end stands in."""
    columns: dict[str, list[str]] = {}
    current: list[StatedPosition] = []
    for row in c.rows:
        for cell in row.cells:
            for sp in cell.positions:
                columns.setdefault(sp.position.id, []).append(sp.column)
                if sp.current:
                    current.append(sp)
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for sp in current:
        p = sp.position
        for link in shape.links.get(p.id, ()):
            o = link.other
            src, tgt = (p, o) if link.direction == "out" else (o, p)
            key = (src.id, link.type, tgt.id)
            if key in out:
                continue
            out[key] = {
                "from": src.id,
                "type": link.type,
                "to": tgt.id,
                "from_actor": src.actor,
                "from_issue": src.issue,
                "to_actor": tgt.actor,
                "to_issue": tgt.issue,
                "from_columns": sorted(set(columns.get(src.id, ()))),
                "to_columns": sorted(set(columns.get(tgt.id, ()))),
                "evidence": list(link.evidence),
                "cycle": link.cycle,
                "words": link_words(Link(src.id, link.type, "out", tgt, link.evidence, link.cycle)),
            }
    return list(out.values())


def comparison_json(c: Comparison, shape: Shape | None = None) -> dict[str, Any]:
    """The comparison in the documented JSON shape: each issue's relation and each column's
    stance (current, or as of `as_of`), each position with its date and whether it is
    current, assessments marked. With `shape` (`comparison_shape`): each issue's options
    and room to meet (null for an issue without options) and the links of the columns'
    current positions."""
    out = _comparison_json(c)
    if shape is None:
        return out
    sides = [a.id for a in c.actors]
    for row, issue in zip(c.rows, out["issues"], strict=True):
        grid = shape.grids.get(row.issue.id)
        issue.update(grid_json(grid, sides) if grid is not None else {"options": None, "room_to_meet": None})
    out["links"] = _edges(c, shape)
    return out


def _comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "as_of": c.as_of,
        "actors": [{"id": a.id, "name": a.name} for a in c.actors],
        "issues": [
            {
                "id": row.issue.id,
                "title": row.issue.title,
                "question": row.issue.question,
                "relation": row.relation,
                "stances": {cell.actor: cell.stance for cell in row.cells},
                "readings": {
                    cell.actor: {
                        "stance": cell.stance,
                        "since": cell.since,
                        "was": cell.was,
                        "was_date": cell.was_date,
                        "divided": cell.divided,
                        "members_differing": cell.differ,
                        "dissent": cell.dissent,
                        "assessments": cell.assessments,
                        "words": cell_words(cell),
                    }
                    for cell in row.cells
                },
                "positions": [
                    {
                        "id": sp.position.id,
                        "actor": sp.column,
                        "stated_by": sp.stated_by,
                        "stance": sp.position.stance,
                        "kind": sp.position.kind,
                        "assessment": sp.position.kind == ASSESSMENT,
                        "date": sp.position.date or None,
                        "current": sp.current,
                        "summary": sp.position.summary,
                        "evidence": list(sp.position.evidence),
                    }
                    for cell in row.cells
                    for sp in cell.positions
                ],
            }
            for row in c.rows
        ],
        "pairs": [
            {
                "a": p.a,
                "b": p.b,
                "agreement": p.agreement,
                "shared": p.shared,
                "conflicts": p.conflicts,
                "nested": p.nested,
                "words": pair_words(p),
            }
            for p in c.pairs
        ],
    }


#: A text cell a spreadsheet would run as a formula (=, +, -, @) or read past (tab, CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: text starting like a formula gets a
    leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(header: list[str], rows: Iterable[list[object]], clean: Clean = _identity) -> str:
    """The one CSV writer: every text cell cleaned, then neutralised (csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(clean(v)) if isinstance(v, str) else csv_cell(v) for v in row])
    return out.getvalue()


def _marks_cell(marks: Iterable[OptionMark]) -> str:
    return "; ".join(f"{m.option}={m.mark}" for m in marks)


def _links_cell(links: Iterable[Link]) -> str:
    """'conditional_on>p-b' (this position names p-b), 'conditional_on<p-a' (p-a names it)."""
    return "; ".join(f"{x.type}{'>' if x.direction == 'out' else '<'}{x.other.id}" for x in links)


def comparison_csv(c: Comparison, clean: Clean = _identity, shape: Shape | None = None) -> str:
    """One row per stated position (long format, for spreadsheets); with `shape`, each
    row's marks on its issue's options and its links both ways, in two more columns."""
    rows: Iterable[list[object]] = (
        [
            row.issue.id,
            row.issue.title,
            row.relation,
            sp.column,
            sp.stated_by,
            sp.position.stance,
            sp.position.kind,
            sp.position.date,
            "current" if sp.current else "earlier",
            sp.position.summary,
            " ".join(sp.position.evidence),
            *(
                ()
                if shape is None
                else (
                    _marks_cell(shape.marks.get(sp.position.id, ())),
                    _links_cell(shape.links.get(sp.position.id, ())),
                )
            ),
        ]
        for row in c.rows
        for cell in row.cells
        for sp in cell.positions
    )
    return write_csv(
        [
            "issue",
            "issue_title",
            "relation",
            "actor",
            "stated_by",
            "stance",
            "kind",
            "date",
            "current",
            "summary",
            "evidence",
            *(() if shape is None else ("marks", "links")),
        ],
        rows,
        clean,
    )


def options_csv(c: Comparison, shape: Shape, clean: Clean = _identity) -> str:
    """The option grids of a comparison, one row per issue, option and side (long format):
    the side's reading of the option, who marks it (current marks; superseded ones in a
    column of their own), and where the option stands in the room to meet."""
    names = {a.id: a.name for a in c.actors}
    rows: list[list[object]] = []
    for row in c.rows:
        grid = shape.grids.get(row.issue.id)
        if grid is None:
            continue
        for o in grid.options:
            room = grid.room_of(o.id)
            for a in c.actors:
                r = grid.readings.get((a.id, o.id))
                current = grid.marks.get((a.id, o.id), ())
                earlier = grid.earlier.get((a.id, o.id), ())
                rows.append(
                    [
                        row.issue.id,
                        row.issue.title,
                        o.id,
                        o.label,
                        a.id,
                        names[a.id],
                        (r.mark or "divided") if r else "",
                        option_words(r, a.id) if r else "",
                        "; ".join(f"{m.actor}={m.mark}@{m.position}" for m in current),
                        "; ".join(f"{m.actor}={m.mark}@{m.position}" for m in earlier),
                        room,
                        room_words(grid),
                    ]
                )
    return write_csv(
        [
            "issue",
            "issue_title",
            "option",
            "option_label",
            "side",
            "side_name",
            "reading",
            "words",
            "marks",
            "earlier_marks",
            "room",
            "room_to_meet",
        ],
        rows,
        clean,
    )


def links_csv(c: Comparison, shape: Shape, clean: Clean = _identity) -> str:
    """The links of the compared columns' current positions, one row each (`_edges`)."""
    header = [
        "from",
        "type",
        "to",
        "from_actor",
        "from_issue",
        "to_actor",
        "to_issue",
        "from_columns",
        "to_columns",
        "evidence",
        "cycle",
    ]
    rows = [
        [
            *(e[k] for k in header[:7]),
            " ".join(e["from_columns"]),
            " ".join(e["to_columns"]),
            " ".join(e["evidence"]),
            "cycle" if e["cycle"] else "",
        ]
        for e in _edges(c, shape)
    ]
    return write_csv(header, rows, clean)


#: What Markdown (CommonMark with GitHub's tables, strikethrough, footnotes and autolinks)
#: can read as markup anywhere in a line: escaped wherever it stands. `: @` stop an autolink
#: (`https://…`, `a@b.example`), `= ~ ^ & { }` a heading rule, strikethrough, footnote,
#: entity or attribute.
_MD_META = re.compile(r"([\\`*_{}\[\]<>()#!|~:@&=^])")
#: What is markup only where a line starts (a list item, `1.` a numbered one, a rule):
#: escaped there only, so that '30-day', 'U.S.' and "Russia's" read as they are written.
_MD_LINE_START = re.compile(r"\s*(?:\d{1,9}\.(?=\s|\Z)|[-+](?=[\s+-]|\Z))")
_HTTP_URL = re.compile(r"https?://[^\s<>\\`\x00-\x1f\x7f-\x9f]+\Z", re.IGNORECASE)


def md_text(text: str | None) -> str:
    """Data text as literal Markdown: what can be markup (Markdown's and HTML's
    metacharacters: [ ] ( ) ! < > & * _ ` # | \\ …, the `:` and `@` of an autolink, and a
    list's or rule's `-` `+` `.` where the text starts) backslash-escaped and line breaks
    and runs of spaces folded, so data never makes a link, image, HTML, heading, list or table cell."""
    if not text:
        return ""
    # spaces folded too: leading ones would make a code block, and a brief's text
    # means nothing by them
    one = _MD_META.sub(r"\\\1", " ".join(text.split()))
    lead = _MD_LINE_START.match(one)
    if lead:
        one = one[: lead.end() - 1] + "\\" + one[lead.end() - 1 :]
    return one


def md_url(url: str | None) -> str:
    """A link for an http(s) URL; anything else (javascript:, data:, a URL with spaces or
    brackets) as escaped plain text."""
    if not url:
        return ""
    if _HTTP_URL.match(url):
        return f"<{url}>"
    return md_text(url)


def passed_on_by(q: Quote) -> str | None:
    """Who passed a second-hand quote on (its dossier's `via`, stored with the venue as
    "…; via X"), or None for words heard first-hand."""
    return queries.via_of(q.venue)


def is_reported(q: Quote) -> bool:
    """A reported quote is the outlet's own words about the speaker, not the speaker's."""
    return q.kind == "reported"


def pull_quote(q: Quote, clean: Clean = _identity) -> str:
    """A quote's words as shown on their own: a direct quote in quotation marks (the
    speaker's words); a reported one as what the outlet reported, without quotation
    marks (`Reuters reported: Russia insists on …`)."""
    if is_reported(q):
        return f"{clean(q.outlet)} reported: {clean(q.text)}"
    return f"“{clean(q.text)}”"


def citation(q: Quote, clean: Clean = _identity, url: Clean | None = None) -> str:
    """A quote cited in one line: text, speaker and role, venue, date, outlet, title, url.

    A direct quote is the speaker's words in quotation marks, credited to the speaker; a
    reported one is cited as the outlet's report about the speaker, never in quotation
    marks nor credited as the speaker's words. Every field goes through `clean`; the url
    through `url` (default: `clean` in <…>)."""
    who = f"{clean(q.speaker_name)}" + (f" ({clean(q.speaker_role)})" if q.speaker_role else "")
    parts = [f"about {who}" if is_reported(q) else who]
    if q.venue:
        parts.append(clean(q.venue))
    parts.append(clean(q.said) if q.said else f"published {clean(q.published)}")
    source = f"{clean(q.outlet)}, “{clean(q.source_title)}”"
    if q.url:
        source += " " + (url(q.url) if url is not None else f"<{clean(q.url)}>")
    parts.append(source)
    if is_reported(q):
        return f"{pull_quote(q, clean)} (" + ", ".join(parts) + ")"
    return f"{pull_quote(q, clean)} ({clean(q.kind)}) — " + ", ".join(parts)


def comparison_markdown(
    conn: sqlite3.Connection, c: Comparison, clean: Clean = _identity, shown: str = ""
) -> str:
    """A Markdown brief: issues by actors, each cell's evidence as numbered footnotes;
    `shown` says which rows it holds and in what order (the screen's filter and sort).

    Every piece of data is `clean`ed, then made literal Markdown (md_text): only the brief's
    own structure and http(s) source links are markup."""

    def text(s: str | None) -> str:
        return md_text(clean(s))

    def link(u: str | None) -> str:
        return md_url(clean(u))

    names = [text(a.name) for a in c.actors]
    lines = [f"# {' vs '.join(names)}", ""]
    lines += [f"_{text(_stands(c))}_", ""]
    if shown:
        lines += [f"_Rows: {text(shown)}_", ""]
    if not c.rows:
        lines += ["_No issue matches this filter._", ""]
    lines.append("| Issue | " + " | ".join(names) + " | Relation |")
    lines.append("|---" * (len(names) + 2) + "|")
    notes: dict[str, int] = {}
    backed = queries.backing(
        conn, [sp.position.id for row in c.rows for cell in row.cells for sp in cell.positions]
    )
    single = 0
    for row in c.rows:
        cells = []
        for cell in row.cells:
            if not cell.positions:
                cells.append("—")
                continue
            bits = [f"**{text(cell_words(cell))}**"]
            for sp in cell.positions:
                refs = "".join(f"[^{notes.setdefault(q, len(notes) + 1)}]" for q in sp.position.evidence)
                b = backed.get(sp.position.id)
                # a claim one outlet alone carries is marked, so the reader weighs it so
                mark = f" _({text(backing_words(b))})_" if b is not None and b.single_source else ""
                single += bool(mark)
                bits.append(f"{text(_position_words(sp, clean))}{refs}{mark}")
            cells.append("; ".join(bits))
        lines.append(f"| {text(row.issue.title)} | " + " | ".join(cells) + f" | {text(row.relation)} |")
    lines.append("")
    if single:
        lines.append(f"_{single} of the positions above rest on a single outlet (marked)._")
        lines.append("")
    lines += _options_section(conn, c, text)
    if c.pairs:
        lines.append("## Agreement")
        lines.append("")
        by_id = {a.id: text(a.name) for a in c.actors}
        for pair in c.pairs:
            lines.append(f"- {by_id[pair.a]} and {by_id[pair.b]}: {text(pair_words(pair))}")
        lines.append("")
        lines.append(f"_{md_text(AGREEMENT_FORMULA)}._")
        lines.append("")
    if notes:
        lines.append("## Evidence")
        lines.append("")
        quotes = {q.id: q for q in queries.quotes_by_id(conn, list(notes))}
        for qid, n in notes.items():
            if qid in quotes:
                lines.append(f"[^{n}]: {citation(quotes[qid], text, link)}")
        lines.append("")
    return "\n".join(lines)


def _options_section(conn: sqlite3.Connection, c: Comparison, text: Callable[[str | None], str]) -> list[str]:
    """Each issue with options: a grid of options by sides, and the room to meet."""
    optioned = queries.issues_with_options(conn, [row.issue.id for row in c.rows])
    sides = [a.id for a in c.actors]
    lines: list[str] = []
    for row in c.rows:
        grid = queries.option_grid(conn, row.issue, sides, c.as_of) if row.issue.id in optioned else None
        if grid is None:
            continue
        if not lines:
            lines += ["## Options and the room to meet", ""]
            lines += [f"_{OPTION_RULE[0].upper()}{OPTION_RULE[1:]}._", ""]
        lines += [f"**{text(row.issue.title)}**", ""]
        lines.append("| Option | " + " | ".join(text(a.name) for a in c.actors) + " |")
        lines.append("|---" * (len(sides) + 1) + "|")
        for o in grid.options:
            cells = [
                option_words(r, s) if (r := grid.readings.get((s, o.id))) is not None else "—" for s in sides
            ]
            lines.append(f"| {text(o.label)} | " + " | ".join(text(x) for x in cells) + " |")
        lines += ["", f"_Room to meet: {text(room_words(grid))}._", ""]
    return lines


def _stands(c: Comparison) -> str:
    if c.as_of:
        return f"As it stood on {short_date(c.as_of)}: positions dated after it are left out."
    return "Current stances: each actor's latest; earlier ones are marked as such."


def _position_words(sp: StatedPosition, clean: Clean) -> str:
    """One position behind a cell: who (when a member), stance, kind, date, current."""
    p = sp.position
    who = "" if sp.stated_by == sp.column else f"{clean(sp.stated_by_name)}: "
    when = short_date(p.date) + ("" if sp.current else ", earlier")
    if p.kind == ASSESSMENT:
        return f"{who}{signed(p.stance)} assessment ({when}) {clean(p.summary)}"
    return f"{who}{signed(p.stance)} {stance_word(p.stance)} ({clean(p.kind)}, {when}) {clean(p.summary)}"


def comparison_table(c: Comparison, width: int, clean: Clean = _identity, shape: Shape | None = None) -> str:
    """The comparison as plain text for a terminal: one block per issue; with `shape`,
    each position's links under it and each issue's options with the room to meet."""
    lines = []
    names = {a.id: clean(a.name) for a in c.actors}

    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines.append("Comparing " + ", ".join(names.values()))
    lines.append(_stands(c))
    lines.append("")
    for row in c.rows:
        head = f"{clean(row.issue.title)}  [{row.relation}]"
        lines.append(head)
        for cell in row.cells:
            lines.append(f"  {names[cell.actor]}: {cell_words(cell)}")
            for sp in cell.positions:
                lines.append(cut(f"    {_position_words(sp, clean)}"))
                if shape is not None and sp.current:
                    lines += [
                        cut(f"      {clean(link_words(x))}") for x in shape.links.get(sp.position.id, ())
                    ]
        grid = shape.grids.get(row.issue.id) if shape is not None else None
        if grid is not None:
            lines.append("  Options:")
            for o in grid.options:
                said = " · ".join(
                    f"{names[a.id]} {option_words(r, a.id) if r else 'no mark'}"
                    for a in c.actors
                    for r in [grid.readings.get((a.id, o.id))]
                )
                lines.append(cut(f"    {clean(o.label)}: {clean(said)}"))
            lines.append(cut(f"  Room to meet: {clean(room_words(grid))}"))
        lines.append("")
    for pair in c.pairs:
        lines.append(f"{names[pair.a]} / {names[pair.b]}: {pair_words(pair)}")
    return "\n".join(lines) + "\n"


def matrix_markdown(
    rows: Sequence[ComparisonRow],
    columns: Sequence[tuple[str, str]],
    clean: Clean = _identity,
    shown: str = "",
) -> str:
    """The issues matrix as shown, a Markdown table: each issue, its relation, and each
    column's stance in words; `shown` names its filter and sort."""

    def text(s: str | None) -> str:
        return md_text(clean(s))

    names = [text(name) for _, name in columns]
    lines = ["# Issues", ""]
    if shown:
        lines += [f"_Rows: {text(shown)}_", ""]
    if not rows:
        return "\n".join([*lines, "_No issue matches this filter._", ""])
    lines.append("| Issue | Relation | " + " | ".join(names) + " |")
    lines.append("|---" * (len(names) + 2) + "|")
    for row in rows:
        by_actor = {c.actor: c for c in row.cells}
        cells = [text(stance_words(by_actor[a].stance)) if a in by_actor else "—" for a, _ in columns]
        lines.append(f"| {text(row.issue.title)} | {text(row.relation)} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def matrix_csv(
    rows: Sequence[ComparisonRow],
    columns: Sequence[tuple[str, str]],
    clean: Clean = _identity,
    shown: str = "",
) -> str:
    """The issues matrix as shown, one row per issue: id, title, relation, then each
    column's stance (-2..+2, empty for silent). A CSV has no room for `shown`: the rows are
    the ones on screen, in its order."""
    header = ["issue", "issue_title", "relation", *(a for a, _ in columns)]
    out: list[list[object]] = []
    for row in rows:
        by_actor = {c.actor: c.stance for c in row.cells}
        out.append([row.issue.id, row.issue.title, row.relation, *(by_actor.get(a) for a, _ in columns)])
    return write_csv(header, ([("" if v is None else v) for v in r] for r in out), clean)
