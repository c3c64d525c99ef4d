"""A draft written as YAML (commented, for review) or JSON; no risky character raw."""

from __future__ import annotations

import json

from ..text import escape_risky
from .article import Draft


def _y(value: object) -> str:
    """A YAML scalar that reads back as exactly this string (JSON strings are valid YAML)."""
    return escape_risky(json.dumps(value, ensure_ascii=False))


def _comment(text: str) -> str:
    """Text for a `#` comment: on one line, no risky character raw."""
    return escape_risky(" ".join(text.splitlines()))


def to_yaml(draft: Draft, header: str) -> str:
    lines = [f"# {_comment(ln)}" if ln else "#" for ln in header.splitlines()]
    src = draft.source
    lines.append("sources:")
    lines.append(f"  - id: {_y(src['id'])}")
    for key in ("title", "outlet", "published", "url", "text_file", "text"):
        if key in src:
            lines.append(f"    {key}: {_y(src[key])}")
    if draft.actors:
        lines.append("actors:  # proposed: speakers not found in the database; check each")
        for a in draft.actors:
            lines.append(f"  - id: {_y(a['id'])}")
            lines.append(f"    name: {_y(a['name'])}")
            lines.append(f"    kind: {a['kind']}  # person unless it is a body: fix if so")
            if a.get("role"):
                lines.append(f"    role: {_y(a['role'])}  # as the article gives it")
    order = {"low": 0, "medium": 1, "high": 2}
    lines.append("quotes:  # low and medium confidence first: review those")
    for q in sorted(draft.quotes, key=lambda q: order[q["confidence"]]):
        lines.append(f"  - id: {_y(q['id'])}")
        lines.append(f"    source: {_y(src['id'])}")
        lines.append(f"    speaker: {_y(q['speaker'])}")
        if q.get("via"):
            lines.append(f"    via: {_y(q['via'])}  # second-hand: who passed the words on")
        lines.append(f"    kind: {q['kind']}")
        lines.append(f"    text: {_y(q['text'])}")
        for key in ("occurrence", "venue", "said"):
            if key in q:
                lines.append(f"    {key}: {_y(q[key]) if key != 'occurrence' else q[key]}")
        why = _comment(q["note"])
        lines.append(f"    confidence: {q['confidence']}  # {why}")
        lines.append(f"    note: {_y(q['note'])}")
    if draft.suggestions:
        lines.append("# Suggested positions: uncomment, choose the issue, stance and summary.")
        lines.append("# positions:")
        for p in draft.suggestions:
            lines.append(f"#   - id: {p['id']}")
            lines.append(f"#     actor: {p['actor']}")
            lines.append("#     issue: ISSUE-ID")
            lines.append("#     stance: 0  # +2 insists … -2 rejects")
            lines.append("#     kind: assessment  # demand | offer | condition | red_line | assessment")
            lines.append("#     summary: ONE LINE IN YOUR OWN WORDS")
            lines.append(f"#     evidence: [{p['evidence'][0]}]")
    return "\n".join(lines) + "\n"


def to_json(draft: Draft) -> str:
    quotes = [dict(q, source=draft.source["id"]) for q in draft.quotes]
    data = {"sources": [draft.source], "actors": draft.actors, "quotes": quotes}
    return escape_risky(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
