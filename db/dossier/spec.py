"""What a dossier may hold: its kinds of record, each field's type and limits.

One place for the rules the validator applies and the README documents; also the
limits on files and nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import ACTOR_KINDS, CONFIDENCES, LINK_TYPES, OPTION_MARKS, POSITION_KINDS, QUOTE_KINDS

#: The top-level lists of a dossier file, in the order they are written.
KINDS = ("sources", "actors", "issues", "quotes", "positions")
#: Ids are slugs: they never need quoting, and never hold the separator the queries use.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: Longest source text and quote text, in characters.
MAX_SOURCE_CHARS = 10_000_000
MAX_QUOTE_CHARS = 100_000

#: Largest `text_file` read, in bytes (UTF-8 takes at most 4 a character).
MAX_TEXT_FILE_BYTES = MAX_SOURCE_CHARS * 4
#: Largest dossier file read, in bytes (YAML is slow to parse: large dossiers belong in JSON).
MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_JSON_BYTES = 2 * 1024 * 1024 * 1024
#: Deepest nesting of lists and mappings in a dossier file.
MAX_DEPTH = 32
#: How far below its side an actor may sit (a person, in a ministry, in a government, in
#: a coalition: 3). Bounded so that each load's walk up the chains stays linear.
MAX_PARENT_DEPTH = 16

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
DOSSIER_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES


@dataclass(frozen=True)
class Field:
    type: str  # id | str | text | date | int | enum | ref | strlist | reflist | records
    required: bool = False
    ref: str | None = None
    choices: tuple[str, ...] = ()
    max_len: int = 500
    low: int | None = None
    high: int | None = None
    #: For `records`: a list of small mappings inside the record, each field checked so.
    items: dict[str, Field] = field(default_factory=dict, hash=False, compare=False)


_ID = Field("id", required=True, max_len=200)

#: An issue's options: the answers on the table (monitoring: unarmed observers, …).
OPTION = {"id": _ID, "label": Field("str", required=True, max_len=200)}
#: A position's typed link to another position, with the quotes that say it.
LINK = {
    "type": Field("enum", required=True, choices=LINK_TYPES),
    "position": Field("ref", required=True, ref="positions"),
    "evidence": Field("reflist", required=True, ref="quotes"),
}
#: A position's mark on one of its issue's options, with the quotes that say it.
MARK = {
    "option": Field("id", required=True, max_len=200),
    "mark": Field("enum", required=True, choices=OPTION_MARKS),
    "evidence": Field("reflist", required=True, ref="quotes"),
}


SPEC: dict[str, dict[str, Field]] = {
    "sources": {
        "id": _ID,
        "title": Field("str", required=True),
        "outlet": Field("str", required=True),
        "published": Field("date", required=True),
        "url": Field("str", max_len=2000),
        "text": Field("text", max_len=MAX_SOURCE_CHARS),
        "text_file": Field("str", max_len=1000),
    },
    "actors": {
        "id": _ID,
        "name": Field("str", required=True),
        "kind": Field("enum", required=True, choices=ACTOR_KINDS),
        "role": Field("str"),
        "parent": Field("ref", ref="actors"),
        "aliases": Field("strlist"),
    },
    "issues": {
        "id": _ID,
        "title": Field("str", required=True),
        "question": Field("str", required=True, max_len=1000),
        # the issue it belongs to: a family (an energy pause inside an air-and-sea truce)
        "parent": Field("ref", ref="issues"),
        "options": Field("records", items=OPTION),
    },
    "quotes": {
        "id": _ID,
        "source": Field("ref", required=True, ref="sources"),
        "speaker": Field("ref", required=True, ref="actors"),
        "kind": Field("enum", required=True, choices=QUOTE_KINDS),
        "text": Field("text", required=True, max_len=MAX_QUOTE_CHARS),
        "venue": Field("str"),
        # second-hand: who passed the words on (an outlet, a spokesman, a readout); stored
        # with the venue as "…; via X" (the quotes table has no column of its own for it)
        "via": Field("str", max_len=200),
        "said": Field("date"),
        "issues": Field("reflist", ref="issues"),
        "occurrence": Field("int", low=1, high=1_000_000),
        "confidence": Field("enum", choices=CONFIDENCES),
        "note": Field("str", max_len=2000),
        # a drafted quote checked by an analyst (the app writes both when it accepts one or
        # gives it its speaker): the login name, and the time (ISO 8601, UTC)
        "reviewed_by": Field("str", max_len=200),
        "reviewed_at": Field("str", max_len=40),
    },
    "positions": {
        "id": _ID,
        "actor": Field("ref", required=True, ref="actors"),
        "issue": Field("ref", required=True, ref="issues"),
        "stance": Field("int", required=True, low=-2, high=2),
        "kind": Field("enum", required=True, choices=POSITION_KINDS),
        "summary": Field("str", required=True, max_len=1000),
        "evidence": Field("reflist", required=True, ref="quotes"),
        # the day the stance was held, where no evidence carries it (else: its evidence's)
        "as_of": Field("date"),
        "links": Field("records", items=LINK),
        "marks": Field("records", items=MARK),
    },
}


def references(kind: str) -> Iterator[tuple[str, Field]]:
    """Each field of a kind that names a record, by its path ('evidence', and inside a
    position's links 'links.position', 'links.evidence')."""
    for name, f in SPEC[kind].items():
        if f.ref is not None:
            yield name, f
        for sub, g in f.items.items():
            if g.ref is not None:
                yield f"{name}.{sub}", g
