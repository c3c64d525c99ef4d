"""How well `ceasefire-tui draft` finds and attributes direct quotes.

    python benchmarks/draft_accuracy.py                 # seed, test articles, real dev set
    python benchmarks/draft_accuracy.py --real dev -v   # the real dev set, every miss shown
    python benchmarks/draft_accuracy.py --real heldout  # ONCE, when the rules are final
    python benchmarks/draft_accuracy.py --real heldout2 # measured once (2026-12-03); dev material since
    python benchmarks/draft_accuracy.py --real heldout3 # ONCE, after the rules written alongside it merge

The seed article (against the seed dossier's own direct quotes, the seed's actors known)
and the test articles in tests/data/draft (against their answers, with the actors of
tests/data/draft/actors.yaml known): right speaker / drafted and / true.

The real articles of tests/data/draft/real/SET (keys written by hand before the drafter
ran; see that folder's README), drafted against an empty database (every speaker
proposed, as on a fresh install), per article and overall:
- recall: key quotations drafted (by their text, each copy once) / key quotations;
- precision: drafted direct quotes that are key quotations / drafted direct quotes (a
  quoted title or scare quote the key lists as not a quotation counts as false);
- right speaker among found: the drafted speaker's name is the key speaker's name or one
  of its aliases (or the surname of a person); an anonymous key speaker wants an anonymous
  actor; a null one (the article names no one) wants the unknown speaker; a joint one
  (several speakers) is right when the drafted speaker is one of them;
- calibration: how often "high", "medium" and "low" are right.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ceasefire_tui.db import queries
from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.db.drafting import draft_article
from ceasefire_tui.db.text import name_key, normalize

ROOT = Path(__file__).resolve().parent.parent

DRAFTS = ROOT / "tests" / "data" / "draft"
REAL = DRAFTS / "real"
UNKNOWN = "unknown-speaker"


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


# --- the real articles ---------------------------------------------------------------------


def split(article: Path) -> tuple[dict[str, str], str]:
    """The `# key: value` header and the article text after the blank line that ends it."""
    head, _, body = article.read_text("utf-8").partition("\n\n")
    header = {}
    for line in head.splitlines():
        m = re.match(r"^# (\w+): ?(.*)$", line)
        if m:
            header[m[1]] = m[2]
    return header, body


def _keys(name: str) -> set[str]:
    key = name_key(name)
    return {key, re.sub(r"^the ", "", key)}


@dataclass
class Result:
    name: str
    true: int = 0
    drafted: int = 0
    found: int = 0
    right: int = 0
    #: confidence -> [right, all] among found
    levels: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)


def speaker_right(drafted: dict[str, Any], want: Any, speakers: dict[str, dict[str, Any]]) -> bool:
    """Whether a drafted speaker (id, name, anonymous or not) is the key's."""
    if want is None:
        return drafted["id"] == UNKNOWN
    if isinstance(want, list):
        return any(speaker_right(drafted, w, speakers) for w in want)
    spec = speakers.get(want, {"name": want, "kind": "person"})
    if drafted["id"] == UNKNOWN:
        return False
    names = [spec["name"], *spec.get("aliases", [])]
    wanted = set().union(*(_keys(n) for n in names))
    got = _keys(drafted["name"])
    if spec.get("kind") == "anonymous":
        return drafted["id"].startswith("anonymous") or bool(got & wanted)
    if got & wanted:
        return True
    if spec.get("kind") == "person" and not drafted["id"].startswith("anonymous"):
        # a person by surname ("Witkoff" for "Steve Witkoff") or in full for an alias
        surname = {name_key(n).split()[-1] for n in names if name_key(n)}
        mine = name_key(drafted["name"]).split()
        return bool(mine) and mine[-1] in surname
    return False


def real_result(article: Path) -> Result:
    header, body = split(article)
    key = yaml.safe_load(article.with_name(article.name[: -len(".txt")] + ".key.yaml").read_text("utf-8"))
    speakers = {s["name"]: s for s in key.get("speakers") or []}
    d = draft_article(
        body, [], source_id="bench", title=header.get("title", "t"), outlet="o", published=header["published"]
    )
    names = {a["id"]: a for a in d.actors}
    res = Result(article.name[: -len(".txt")])
    wanted: dict[str, list[Any]] = defaultdict(list)
    for q in key.get("quotes") or []:
        wanted[normalize(q["text"].strip())[0]].append(q)
    res.true = sum(len(v) for v in wanted.values())
    drafted = [q for q in d.quotes if q["kind"] == "direct"]
    res.drafted = len(drafted)
    for q in drafted:
        text = q["text"].strip()
        if not wanted.get(text):
            res.misses.append(f"  false quote: {text[:70]!r} ({q['speaker']}, {q['confidence']})")
            continue
        k = wanted[text].pop(0)
        res.found += 1
        actor = names.get(q["speaker"], {"id": q["speaker"], "name": q["speaker"]})
        right = speaker_right(actor, k["speaker"], speakers)
        res.right += right
        level = res.levels[q["confidence"]]
        level[0] += right
        level[1] += 1
        if not right:
            res.misses.append(
                f"  wrong speaker [{q['confidence']}]: {text[:50]!r} got {actor['name']!r}, "
                f"want {k['speaker']!r} ({q['note'][:90]})"
            )
    for text, left in wanted.items():
        for k in left:
            res.misses.append(f"  not found: {text[:70]!r} ({k['speaker']})")
    return res


def real_results(which: str) -> list[Result]:
    return [real_result(a) for a in sorted((REAL / which).glob("*.txt"))]


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "-"


def report_real(which: str, verbose: bool) -> list[Result]:
    results = real_results(which)
    print(f"\nreal articles, {which} (drafted against an empty database)")
    print(f"{'article':34}{'quotes':>7}{'found':>6}{'false':>6}{'recall':>8}{'precision':>10}{'speaker':>9}")
    for r in results:
        print(
            f"{r.name:34}{r.true:7}{r.found:6}{r.drafted - r.found:6}{_pct(r.found, r.true):>8}"
            f"{_pct(r.found, r.drafted):>10}{_pct(r.right, r.found):>9}"
        )
        if verbose:
            for line in r.misses:
                print(line)
    true = sum(r.true for r in results)
    found = sum(r.found for r in results)
    drafted = sum(r.drafted for r in results)
    right = sum(r.right for r in results)
    print(
        f"{'overall':34}{true:7}{found:6}{drafted - found:6}{_pct(found, true):>8}"
        f"{_pct(found, drafted):>10}{_pct(right, found):>9}"
    )
    levels: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for c, (ok, n) in r.levels.items():
            levels[c][0] += ok
            levels[c][1] += n
    print(
        "calibration (right / drafted at that confidence, among found): "
        + ", ".join(f"{c} {ok}/{n} {_pct(ok, n)}" for c in ("high", "medium", "low") for ok, n in [levels[c]])
    )
    print("goals (held out): recall >= 95%, precision >= 98%, speaker >= 90%, high right >= 95%")
    return results


def totals(results: list[Result]) -> dict[str, float]:
    """Overall recall, precision, right speaker among found, and high's and medium's rate."""
    true = sum(r.true for r in results)
    found = sum(r.found for r in results)
    drafted = sum(r.drafted for r in results)
    right = sum(r.right for r in results)
    high = [sum(r.levels["high"][i] for r in results if "high" in r.levels) for i in (0, 1)]
    return {
        "recall": found / true,
        "precision": found / drafted if drafted else 0.0,
        "speaker": right / found if found else 0.0,
        "high": high[0] / high[1] if high[1] else 1.0,
        "high_count": high[1],
    }


def report_bundled() -> None:
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
    groups = {"seed": [0, 0, 0], "tests": [0, 0, 0]}
    for name, article, truth, actors, published in cases:
        right, drafted, true = score(article, truth, actors, published)
        group = groups["seed" if name == "seed article" else "tests"]
        for i, v in enumerate((right, drafted, true)):
            group[i] += v
        print(
            f"{name:18}{true:8}{drafted:9}{right:7}{right / max(drafted, 1):11.0%}{right / max(true, 1):8.0%}"
        )
    for label, (right, drafted, true) in (
        ("test articles", groups["tests"]),
        ("all", [a + b for a, b in zip(groups["seed"], groups["tests"], strict=True)]),
    ):
        print(
            f"{label:18}{true:8}{drafted:9}{right:7}{right / max(drafted, 1):11.0%}"
            f"{right / max(true, 1):8.0%}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--real", choices=["dev", "heldout", "heldout2", "heldout3"], help="only this set of real articles"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show every miss")
    args = parser.parse_args(argv)
    if args.real:
        report_real(args.real, args.verbose)
        return
    report_bundled()
    report_real("dev", args.verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
