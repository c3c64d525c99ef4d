"""A comparison written out: Markdown brief with footnoted evidence, CSV, JSON, plain text."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable

from . import queries
from .analysis import AGREEMENT_FORMULA
from .models import STANCE_WORDS, Comparison, Quote, stance_word

Clean = Callable[[str | None], str]


def _identity(text: str | None) -> str:
    return text or ""


def signed(stance: int | None) -> str:
    return "" if stance is None else f"{stance:+d}"


def comparison_json(c: Comparison) -> dict:
    """The comparison in the documented JSON shape."""
    return {
        "actors": [{"id": a.id, "name": a.name} for a in c.actors],
        "issues": [
            {
                "id": row.issue.id,
                "title": row.issue.title,
                "question": row.issue.question,
                "relation": row.relation,
                "stances": {cell.actor: cell.stance for cell in row.cells},
                "positions": [
                    {
                        "actor": sp.column,
                        "stated_by": sp.stated_by,
                        "stance": sp.position.stance,
                        "kind": sp.position.kind,
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
            {"a": p.a, "b": p.b, "agreement": p.agreement, "shared": p.shared,
             "conflicts": p.conflicts}
            for p in c.pairs
        ],
    }


def comparison_csv(c: Comparison, clean: Clean = _identity) -> str:
    """One row per stated position (long format, for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["issue", "issue_title", "relation", "actor", "stated_by", "stance",
                     "kind", "summary", "evidence"])
    for row in c.rows:
        for cell in row.cells:
            for sp in cell.positions:
                p = sp.position
                writer.writerow([row.issue.id, clean(row.issue.title), row.relation, sp.column,
                                 sp.stated_by, p.stance, p.kind, clean(p.summary),
                                 " ".join(p.evidence)])
    return out.getvalue()


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def citation(q: Quote, clean: Clean = _identity) -> str:
    """A quote cited in one line: text, speaker and role, venue, date, outlet, title, url."""
    parts = [f"{clean(q.speaker_name)}" + (f" ({clean(q.speaker_role)})" if q.speaker_role else "")]
    if q.venue:
        parts.append(clean(q.venue))
    parts.append(q.said or f"published {q.published}")
    source = f"{clean(q.outlet)}, “{clean(q.source_title)}”"
    if q.url:
        source += f" <{clean(q.url)}>"
    parts.append(source)
    return f"“{clean(q.text)}” ({q.kind}) — " + ", ".join(parts)


def comparison_markdown(conn: sqlite3.Connection, c: Comparison, clean: Clean = _identity) -> str:
    """A Markdown brief: issues by actors, each cell's evidence as numbered footnotes."""
    names = [clean(a.name) for a in c.actors]
    lines = [f"# {' vs '.join(names)}", ""]
    lines.append("| Issue | " + " | ".join(_md(n) for n in names) + " | Relation |")
    lines.append("|---" * (len(names) + 2) + "|")
    notes: dict[str, int] = {}
    for row in c.rows:
        cells = []
        for cell in row.cells:
            if not cell.positions:
                cells.append("—")
                continue
            bits = []
            for sp in cell.positions:
                p = sp.position
                refs = []
                for qid in p.evidence:
                    refs.append(f"[^{notes.setdefault(qid, len(notes) + 1)}]")
                who = "" if sp.stated_by == sp.column else f"{clean(sp.stated_by_name)}: "
                bits.append(f"{who}{STANCE_WORDS[p.stance]} ({p.stance:+d}) "
                            f"{clean(p.summary)}{''.join(refs)}")
            cells.append(_md("; ".join(bits)))
        lines.append(f"| {_md(clean(row.issue.title))} | " + " | ".join(cells)
                     + f" | {row.relation} |")
    lines.append("")
    if c.pairs:
        lines.append("## Agreement")
        lines.append("")
        by_id = {a.id: clean(a.name) for a in c.actors}
        for p in c.pairs:
            score = "n/a" if p.agreement is None else f"{p.agreement:.2f}"
            lines.append(f"- {by_id[p.a]} and {by_id[p.b]}: agreement {score} over {p.shared} "
                         f"shared issue(s), {p.conflicts} conflict(s)")
        lines.append("")
        lines.append(f"_{AGREEMENT_FORMULA}._")
        lines.append("")
    if notes:
        lines.append("## Evidence")
        lines.append("")
        quotes = {q.id: q for q in queries.quotes_by_id(conn, list(notes))}
        for qid, n in notes.items():
            if qid in quotes:
                lines.append(f"[^{n}]: {_md(citation(quotes[qid], clean))}")
        lines.append("")
    return "\n".join(lines)


def comparison_table(c: Comparison, width: int, clean: Clean = _identity) -> str:
    """The comparison as plain text for a terminal: one block per issue."""
    lines = []
    names = {a.id: clean(a.name) for a in c.actors}
    lines.append("Comparing " + ", ".join(names.values()))
    lines.append("")
    for row in c.rows:
        head = f"{clean(row.issue.title)}  [{row.relation}]"
        lines.append(head)
        for cell in row.cells:
            label = f"  {names[cell.actor]}: {stance_word(cell.stance)} {signed(cell.stance)}"
            if cell.divided:
                label += " (members divided)"
            lines.append(label.rstrip())
            for sp in cell.positions:
                p = sp.position
                who = "" if sp.stated_by == sp.column else f"{clean(sp.stated_by_name)}: "
                text = f"    {p.stance:+d} {who}{clean(p.summary)}"
                lines.append(text if len(text) <= width else text[: width - 1] + "…")
        lines.append("")
    for p in c.pairs:
        score = "n/a" if p.agreement is None else f"{p.agreement:.2f}"
        lines.append(f"{names[p.a]} / {names[p.b]}: agreement {score} over {p.shared} shared "
                     f"issue(s), {p.conflicts} conflict(s)")
    return "\n".join(lines) + "\n"
