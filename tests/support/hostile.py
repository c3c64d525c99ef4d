"""A dossier made of hostile strings: every text field of every kind of record carries them.

The strings come from tests/data/hostile_inputs.json and from generated families that the
file does not list (every C0 and C1 control, every bidi control, markup variants), so the
defences are checked as a rule, not as a list.
"""

from __future__ import annotations

import json
from pathlib import Path

HOSTILE = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "hostile_inputs.json").read_text("utf-8")
)


def hostile_values(*categories: str, where: str | None = None) -> list[tuple[str, str]]:
    """(id, value) of the shared hostile strings, `repeat` applied."""
    out = []
    for item in HOSTILE["inputs"]:
        if categories and item["category"] not in categories:
            continue
        if where and not item["where"].startswith(where):
            continue
        out.append((item["id"], item["value"] * item.get("repeat", 1)))
    return out


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def shared_display_strings() -> list[str]:
    """The shared file's strings that are text a dossier may hold (not file syntax)."""
    out = []
    for item in HOSTILE["inputs"]:
        if not item["where"].startswith("data:") or item["where"] in (
            "data:json",
            "data:yaml",
            "data:yaml-key",
        ):
            continue
        value = item["value"] * item.get("repeat", 1)
        if len(value) > 50_000:
            value = value[:50_000]  # within the loader's limit for a quote
        out.append(value)
    # search strings are text too: a quote may contain them
    out += [
        item["value"]
        for item in HOSTILE["inputs"]
        if item["where"] == "search" and item["value"] and len(item["value"]) < 200
    ]
    return out


def generated_strings() -> list[str]:
    """Families not listed in the shared file."""
    out = []
    out.append("C0:" + "".join(chr(c) for c in range(0x20) if c not in (0x0A,)) + ":end")
    out.append("C1:" + "".join(chr(c) for c in range(0x80, 0xA0)) + ":end")
    out.append("DEL:\x7f:end")
    out.append("bidi:" + "".join(f"{ch}x" for ch in BIDI))
    out.append("8-bit CSI \x9b31m red \x9b0m and OSC \x9d0;title\x9c")
    out.append("title \x1b]0;pwned\x07 and bell \x07 and DCS \x1bPq#0;2;0;0;0\x1b\\")
    out.append("[link=https://evil.example]x[/link] [b]unclosed [i]x[/] [/i]")
    out.append("$variable and $q and {brace} %s %(x)s \\[escaped\\]")
    out.append("[on red]bg[/on red] [reverse]rev[/] :smile: :warning:")
    out.append("Editors [the government] lied, [Reuters] reported [...] ")
    out.append("line one\nline two\r\nline three\u2028line four\u2029end")
    out.append("tab\there\vvertical\fform")
    out.append("zero\u200bwidth soft\u00adhyphen word\u2060joiner \ufeffbom")
    out.append("e\u0301 composed later, Zelenskyy, Łukasz, 停火協議, مرحبا, 👍🏽, ☮️")
    return out


def hostile_strings() -> list[str]:
    return shared_display_strings() + generated_strings()


def write_hostile_dossier(folder: Path) -> dict:
    """Write the hostile dossier as JSON into `folder`; returns what it holds."""
    strings = [s for s in hostile_strings() if s.strip()]
    short = [s for s in strings if len(s) < 400]
    source_text = "Preamble.\n\n" + "\n\n".join(strings) + "\n\nEnd."
    many_lines = "line\n" * 200_000 + "The last line [sic] \x1b[2J."
    actors = [{"id": "side", "name": short[0], "kind": "state", "role": short[1], "aliases": short[2:5]}]
    for i, s in enumerate(short):
        actors.append(
            {
                "id": f"a{i}",
                "name": s[:300],
                "kind": "person",
                "parent": "side",
                "role": short[(i + 7) % len(short)][:300],
                "aliases": [short[(i + 3) % len(short)][:300]],
            }
        )
    actors.append({"id": "other", "name": "Other side [sic]", "kind": "coalition"})
    issues = [
        {
            "id": f"i{n}",
            "title": short[(n * 5) % len(short)][:300],
            "question": short[(n * 5 + 1) % len(short)][:300],
        }
        for n in range(6)
    ]
    quotes = []
    cursor = len("Preamble.\n\n")
    for i, s in enumerate(strings):
        # the occurrence of `s` that starts at `cursor`, counting as the loader does
        count, at = 0, source_text.find(s)
        while at != -1 and at < cursor:
            count += 1
            at = source_text.find(s, at + 1)
        assert at == cursor
        quotes.append(
            {
                "id": f"q{i}",
                "source": "src",
                "speaker": f"a{i % len(short)}",
                "kind": "direct" if i % 2 else "reported",
                "text": s,
                "occurrence": count + 1,
                "venue": short[(i + 11) % len(short)][:300],
                "issues": [f"i{i % 6}"],
                "confidence": ("low", "medium", "high")[i % 3],
                "note": short[(i + 13) % len(short)][:300],
            }
        )
        cursor += len(s) + 2
    quotes.append(
        {
            "id": "q-last",
            "source": "lines",
            "speaker": "other",
            "kind": "direct",
            "text": "The last line [sic] \x1b[2J.",
        }
    )
    positions = []
    for i in range(len(short)):
        positions.append(
            {
                "id": f"p{i}",
                "actor": f"a{i}",
                "issue": f"i{i % 6}",
                "stance": (i % 5) - 2,
                "kind": "demand",
                "summary": short[(i + 17) % len(short)][:300],
                "evidence": [f"q{i}"],
            }
        )
    positions.append(
        {
            "id": "p-other",
            "actor": "other",
            "issue": "i0",
            "stance": 2,
            "kind": "demand",
            "summary": "[bold]Other[/bold] insists",
            "evidence": ["q-last"],
        }
    )
    data = {
        "sources": [
            {
                "id": "src",
                "title": short[5][:300],
                "outlet": short[6][:300],
                "published": "2025-03-17",
                "url": "[link=https://evil.example]x[/]",
                "text": source_text,
            },
            {
                "id": "lines",
                "title": "200k lines",
                "outlet": "\x1b]52;c;ZXZpbA==\x07",
                "published": "2025-03-18",
                "text": many_lines,
            },
        ],
        "actors": actors,
        "issues": issues,
        "quotes": quotes,
        "positions": positions,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.json").write_text(json.dumps(data), encoding="utf-8")
    return data


#: What a hostile id carries: a terminal retitle (OSC 2 … BEL), 8-bit CSI, bidi override, NUL,
#: a path, and a spreadsheet formula start.
HOSTILE_ID_TAIL = "\x1b]2;pwned\x07\x9b31m\u202e\x00/../x\r\t"

#: Markdown and HTML that must stay text in a brief: links, images, raw HTML, autolinks.
MARKUP = [
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<javascript:alert(1)>",
    "<http://evil.example/auto>",
    "<!-- hidden -->",
    "a | b | c",
    "[ref]: http://evil.example",
    "[text][ref]",
    "&lt;b&gt;",
    "*em* __strong__ `code`",
]

#: Every (table, column) that holds an id of the given kind.
_ID_COLUMNS = {
    "actors": [
        ("actors", "id"),
        ("actors", "parent"),
        ("actors", "side"),
        ("actor_aliases", "actor"),
        ("quotes", "speaker"),
        ("positions", "actor"),
        ("rollups", "actor"),
    ],
    "issues": [("issues", "id"), ("quote_issues", "issue"), ("positions", "issue"), ("rollups", "issue")],
    "quotes": [("quotes", "id"), ("quote_issues", "quote"), ("position_evidence", "quote")],
    "positions": [("positions", "id"), ("position_evidence", "position"), ("rollups", "lead")],
    "sources": [("sources", "id"), ("quotes", "source")],
}


def plant_hostile_ids(db_path: Path) -> dict[str, str]:
    """Rewrite every id in a loaded database as someone else's tool might have written it
    (the loader would refuse these): each id gets HOSTILE_ID_TAIL, issue ids also start
    like a formula; names, titles and summaries get MARKUP in front. The actors `side` and `other` get the aliases 'hostile side' and
    'hostile other' to name them by. Returns old id -> new id."""
    import sqlite3

    from ceasefire_tui.db.text import name_key

    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN")
    mapping: dict[str, str] = {}
    for kind, columns in _ID_COLUMNS.items():
        ids = [r[0] for r in conn.execute(f"SELECT id FROM {kind}")]  # noqa: S608
        for old in ids:
            new = (
                f'=HYPERLINK("http://evil.example","{old}")' if kind == "issues" else old
            ) + HOSTILE_ID_TAIL
            mapping[old] = new
            for table, column in columns:
                conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?",  # noqa: S608
                    (new, old),
                )
    # markup in every kind of text a brief shows (quote text stays: it is verbatim)
    for table, column in (
        ("positions", "summary"),
        ("issues", "title"),
        ("actors", "name"),
        ("actors", "role"),
        ("sources", "title"),
        ("sources", "outlet"),
        ("quotes", "venue"),
    ):
        rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table}")]  # noqa: S608
        for n, rowid in enumerate(rowids):
            conn.execute(
                f"UPDATE {table} SET {column} = ? || ' ' || coalesce({column}, '') "  # noqa: S608
                "WHERE rowid = ?",
                (MARKUP[n % len(MARKUP)], rowid),
            )
    conn.execute(
        "UPDATE sources SET url = 'javascript:alert(1)' WHERE rowid = (SELECT min(rowid) FROM sources)"
    )
    conn.execute(
        "UPDATE sources SET url = 'https://example.org/ok' WHERE rowid = (SELECT max(rowid) FROM sources)"
    )
    for old in ("side", "other"):
        conn.execute(
            "INSERT INTO actor_aliases (actor, alias, alias_key, ord) VALUES (?, ?, ?, 99)",
            (mapping[old], f"hostile {old}", name_key(f"hostile {old}")),
        )
    conn.execute("COMMIT")
    conn.close()
    return mapping
