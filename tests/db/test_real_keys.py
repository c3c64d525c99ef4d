"""The hand-written keys of the real-article drafting sets (tests/data/draft/real, see its README).

Each key must say only what its article says: every quotation and every not-quotation is copied verbatim from the
article's text and sits between quotation marks there, and every speaker a quotation names is declared under
`speakers`. The drafter is never run here: these tests read the files only.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

REAL = Path(__file__).resolve().parents[1] / "data" / "draft" / "real"
ARTICLES = sorted(REAL.glob("*/*.txt"))
HEADER = ("url", "outlet", "published", "title", "negotiation")
KINDS = {"person", "body", "anonymous"}
OPENERS = "\"'“”‘’`«„"
CLOSERS = "\"'“”‘’»"


def split(article: Path) -> tuple[dict[str, str], str]:
    """The `# key: value` header and the article text after the blank line that ends it."""
    head, sep, body = article.read_text("utf-8").partition("\n\n")
    assert sep, f"{article.name}: no blank line after the header"
    header = {}
    for line in head.splitlines():
        m = re.fullmatch(r"# ([a-z]+): (.+)", line)
        assert m, f"{article.name}: header line {line!r} is not '# key: value'"
        header[m[1]] = m[2]
    return header, body


def key_of(article: Path) -> dict:
    return yaml.safe_load(article.with_suffix(".key.yaml").read_text("utf-8"))


def between_marks(body: str, text: str) -> bool:
    """Some occurrence of text has a quotation mark right before it and one right after (spaces allowed on either
    side: `“ There should …`, as one page stores it)."""
    start = body.find(text)
    while start != -1:
        end = start + len(text)
        before = body[:start].rstrip(" ")
        after = body[end:].lstrip(" ")
        if before[-1:] in OPENERS and before and after[:1] in CLOSERS:
            return True
        start = body.find(text, start + 1)
    return False


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_header_names_the_source(article):
    header, body = split(article)
    assert tuple(header) == HEADER
    assert header["url"].startswith("https://")
    datetime.date.fromisoformat(header["published"])
    assert body.strip()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_key_is_verbatim_and_names_declared_speakers(article):
    _, body = split(article)
    key = key_of(article)
    assert set(key) == {"speakers", "quotes", "not_quotes"}
    names = [s["name"] for s in key["speakers"]]
    assert len(names) == len(set(names)), "a speaker is declared twice"
    for s in key["speakers"]:
        assert set(s) <= {"name", "kind", "aliases"} and s["kind"] in KINDS, s
    assert key["quotes"], "an article in this set has at least one quotation"
    for q in key["quotes"]:
        assert set(q) <= {"text", "speaker", "via"}, q
        speaker = q["speaker"]
        said_by = speaker if isinstance(speaker, list) else [speaker]
        assert speaker is None or all(isinstance(s, str) and s in names for s in said_by), q
        assert q.get("via") is None or isinstance(q["via"], str)
    quoted = [q["text"] for q in key["quotes"]] + list(key["not_quotes"] or [])
    for text, times in Counter(quoted).items():
        assert isinstance(text, str) and text == text.strip() and text, repr(text)
        assert body.count(text) >= times, f"{text!r} is keyed {times}x but occurs {body.count(text)}x"
        assert between_marks(body, text), f"{text!r} is not between quotation marks in the article"


def test_sets_are_big_and_varied_and_a_third_is_held_out():
    dev = {p.stem for p in REAL.glob("dev/*.txt")}
    heldout = {p.stem for p in REAL.glob("heldout/*.txt")}
    heldout2 = {p.stem for p in REAL.glob("heldout2/*.txt")}
    heldout3 = {p.stem for p in REAL.glob("heldout3/*.txt")}
    assert len(dev) + len(heldout) >= 21 and not dev & heldout
    assert not heldout2 & (dev | heldout)
    assert not heldout3 & (dev | heldout | heldout2)
    # heldout2 was measured once, blind, like heldout; it is development material since, but its measure stands
    assert 3 * (len(heldout) + len(heldout2)) >= len(dev) + len(heldout) + len(heldout2) - 2
    headers = [split(p)[0] for p in ARTICLES]
    assert len({h["outlet"] for h in headers}) >= 8
    assert len({h["negotiation"] for h in headers}) >= 3
    keys = {p.name.removesuffix(".key.yaml") for p in REAL.glob("*/*.key.yaml")}
    assert keys == dev | heldout | heldout2 | heldout3, "every article has a key and every key an article"
    assert {p.parent.name for p in ARTICLES} == {"dev", "heldout", "heldout2", "heldout3"}


def test_second_held_out_set_is_new_and_varied():
    """heldout2 (measured once, at the end of the 2026-12-03 session): 10 articles that the earlier sets do not
    hold, by address or by outlet, each from a different outlet, over several negotiations."""
    new = [split(p)[0] for p in sorted(REAL.glob("heldout2/*.txt"))]
    old = [split(p)[0] for p in ARTICLES if p.parent.name in ("dev", "heldout")]
    assert len(new) == 10
    assert len({h["outlet"] for h in new}) == 10, "each article is from a different outlet"
    assert not {h["url"] for h in new} & {h["url"] for h in old}
    assert not {h["outlet"] for h in new} & {h["outlet"] for h in old}
    assert len({h["negotiation"] for h in new}) >= 6
    assert all(h["published"][:4] in ("2024", "2025") for h in new)
    quotes = sum(len(key_of(p)["quotes"]) for p in REAL.glob("heldout2/*.txt"))
    assert 40 <= quotes <= 60


def test_third_held_out_set_is_new_and_varied():
    """heldout3 (measured once, after the rules written alongside it are merged): 10 articles from 10 outlets and
    at addresses that no earlier set uses, over several negotiations, keyed blind."""
    new = [split(p)[0] for p in sorted(REAL.glob("heldout3/*.txt"))]
    old = [split(p)[0] for p in ARTICLES if p.parent.name in ("dev", "heldout", "heldout2")]
    assert len(new) == 10
    assert len({h["outlet"] for h in new}) == 10, "each article is from a different outlet"
    assert not {h["url"] for h in new} & {h["url"] for h in old}
    # MENAFN (an aggregator) is in both: the rules' helper added a dev article of it (another story, on
    # another negotiation) while heldout3 was being keyed, each unseen by the other; the figure is also
    # reported without it
    shared = {h["outlet"] for h in new} & {h["outlet"] for h in old}
    assert shared == {"MENAFN (menafn.com)"}, shared
    assert len({h["negotiation"] for h in new}) >= 6
    assert all(h["published"][:4] in ("2024", "2025") for h in new)
    keys = [key_of(p) for p in REAL.glob("heldout3/*.txt")]
    assert all(len(k["quotes"]) >= 3 for k in keys), "each article has at least three quotations"
    assert 50 <= sum(len(k["quotes"]) for k in keys) <= 70
