"""Test databases and dossiers: built from `fixtures/` through the real loader."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import load

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "fixtures" / "test" / "small.yaml"


def build_db(path: Path, *dossiers: Path) -> Path:
    conn = open_writer(path)
    try:
        for d in dossiers:
            load(conn, [d])
    finally:
        conn.close()
    return path


def snapshot(conn: sqlite3.Connection) -> dict:
    """Every row of every table: to assert that nothing changed."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' ORDER BY name"
        )
    ]
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


#: The prolific dossier: one speaker with many positions on many issues, many quotes;
#: and one issue ("crowded") on which another actor holds more positions than a page.
PROLIFIC_POSITIONS = 130
PROLIFIC_ISSUES = 45
CROWDED_POSITIONS = 40


def write_prolific(folder: Path) -> Path:
    """A speaker ("Talker") with more positions and quotes than any list shows at once:
    two or three positions on each issue, one quote of evidence each."""
    sentences = [f"Talker said point {n} matters." for n in range(PROLIFIC_POSITIONS)]
    data = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "\n".join(sentences)}
        ],
        "actors": [
            {"id": "talker", "name": "Talker", "kind": "person"},
            {"id": "other", "name": "Other", "kind": "state"},
            {"id": "silent", "name": "Silent", "kind": "person"},
        ],
        "issues": [
            {"id": f"i{n:02d}", "title": f"Issue {n:02d}", "question": f"Q{n}?"}
            for n in range(PROLIFIC_ISSUES)
        ]
        + [{"id": "crowded", "title": "Crowded", "question": "Who holds what?"}],
        "quotes": [
            {"id": f"q{n}", "source": "s", "speaker": "talker", "kind": "reported", "text": text}
            for n, text in enumerate(sentences)
        ],
        "positions": [
            {
                "id": f"p{n:03d}",
                "actor": "talker",
                "issue": f"i{n % PROLIFIC_ISSUES:02d}",
                "stance": n % 5 - 2,
                "kind": "demand",
                "summary": f"Point {n}",
                "evidence": [f"q{n}"],
            }
            for n in range(PROLIFIC_POSITIONS)
        ]
        + [
            {
                "id": f"c{n:02d}",
                "actor": "other",
                "issue": "crowded",
                "stance": 2 - n % 5,
                "kind": "condition",
                "summary": f"View {n}",
                "evidence": [f"q{n}"],
            }
            for n in range(CROWDED_POSITIONS)
        ],
    }
    path = folder / "prolific.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def big_dossier(folder, quotes: int) -> None:
    """A plain dossier large enough that loading it takes a while: many short articles."""
    folder.mkdir()
    per_source = 50
    for part in range(4):
        sources, quote_list = [], []
        for n in range(quotes // 4 // per_source):
            sid = f"s{part}-{n}"
            sentences = [
                f"Speaker {part} said number {i} of {n} would end the war {i * 7}." for i in range(per_source)
            ]
            sources.append(
                {
                    "id": sid,
                    "title": "T",
                    "outlet": "O",
                    "published": "2025-01-01",
                    "text": "\n".join(sentences),
                }
            )
            quote_list += [
                {"id": f"q{sid}-{i}", "source": sid, "speaker": f"a{part}", "kind": "reported", "text": text}
                for i, text in enumerate(sentences)
            ]
        data = {
            "sources": sources,
            "actors": [{"id": f"a{part}", "name": f"Actor {part}", "kind": "state"}],
            "quotes": quote_list,
        }
        (folder / f"part{part}.json").write_text(json.dumps(data), encoding="utf-8")
