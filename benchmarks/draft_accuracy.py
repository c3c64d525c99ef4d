"""How well `ceasefire-tui draft` finds and attributes direct quotes.

    python benchmarks/draft_accuracy.py

For the seed article (against the seed dossier's own direct quotes, with the seed's actors
known) and for each test article in tests/data/draft (against its answers, with the
actors of tests/data/draft/actors.yaml known):
- recall: true quotes drafted with the right speaker / all true quotes;
- precision: drafted direct quotes that are real and rightly attributed / all drafted.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from ceasefire_tui.db import queries
from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.db.drafting import draft_article

ROOT = Path(__file__).resolve().parent.parent

DRAFTS = ROOT / "tests" / "data" / "draft"


def known_actors(dossier: Path, folder: Path):
    conn = open_writer(folder / f"{dossier.stem}.db")
    load(conn, [dossier])
    actors = [queries.get_actor(conn, a.id) for a in queries.list_actors(conn)]
    conn.close()
    return actors


def score(article: Path, truth: dict[str, str], actors, published: str) -> tuple[int, int, int]:
    """(right, drafted, true) for one article's direct quotes."""
    d = draft_article(
        article.read_text("utf-8"), actors, source_id="bench", title="t", outlet="o", published=published
    )
    direct = [q for q in d.quotes if q["kind"] == "direct"]
    right = sum(truth.get(q["text"]) == q["speaker"] for q in direct)
    return right, len(direct), len(truth)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    cases = []
    seed = yaml.safe_load(bundled_dossier().read_text("utf-8"))
    cases.append(
        (
            "seed article",
            bundled_dossier().parent / "ceasefire-2025-03.txt",
            {q["text"]: q["speaker"] for q in seed["quotes"] if q["kind"] == "direct"},
            known_actors(bundled_dossier(), tmp),
            "2025-03-17",
        )
    )
    test_actors = known_actors(DRAFTS / "actors.yaml", tmp)
    for article in sorted(DRAFTS.glob("article-*.txt")):
        answers = yaml.safe_load(article.with_suffix(".answers.yaml").read_text("utf-8"))
        cases.append(
            (
                article.name,
                article,
                {q["text"]: q["speaker"] for q in answers["quotes"]},
                test_actors,
                "2025-06-05",
            )
        )
    print(f"{'article':18}{'quotes':>8}{'drafted':>9}{'right':>7}{'precision':>11}{'recall':>8}")
    totals = {"seed": [0, 0, 0], "tests": [0, 0, 0]}
    for name, article, truth, actors, published in cases:
        right, drafted, true = score(article, truth, actors, published)
        group = totals["seed" if name == "seed article" else "tests"]
        for i, v in enumerate((right, drafted, true)):
            group[i] += v
        print(
            f"{name:18}{true:8}{drafted:9}{right:7}{right / max(drafted, 1):11.0%}{right / max(true, 1):8.0%}"
        )
    for label, (right, drafted, true) in (
        ("test articles", totals["tests"]),
        ("all", [a + b for a, b in zip(totals["seed"], totals["tests"], strict=True)]),
    ):
        print(
            f"{label:18}{true:8}{drafted:9}{right:7}{right / max(drafted, 1):11.0%}"
            f"{right / max(true, 1):8.0%}"
        )
    print("goal: 100% on the seed, at least 90% on articles the tool has not seen")


if __name__ == "__main__":
    main()
