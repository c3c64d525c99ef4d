"""Where each quote sits in its source, verbatim: the places found, or a problem saying
how close the text came.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .existing import Existing
from .model import Dossier, Placed, Record
from .problems import Problem


def _first_difference(text: str, source: str) -> tuple[int, int]:
    """The longest prefix of `text` found in `source`: (its length, where it starts)."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text[:mid] in source:
            lo = mid
        else:
            hi = mid - 1
    return lo, source.find(text[:lo]) if lo else -1


_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def _verbatim_hint(text: str, source: str) -> str:
    if text.translate(_STRAIGHTEN) in source.translate(_STRAIGHTEN):
        return "; it matches once quote marks and dashes are ignored: copy them exactly"
    if " ".join(text.split()) in " ".join(source.split()):
        return "; it matches once spacing is ignored: copy line breaks and spaces exactly"
    n, at = _first_difference(text, source)
    if n == 0:
        return "; not even its first character occurs there"
    line = source.count("\n", 0, at) + 1
    got = text[n : n + 20]
    want = source[at + n : at + n + 20]
    return (
        f"; the first {n} characters match the source (line {line}), then the quote has "
        f"{got!r} where the source has {want!r}"
    )


#: Above this many quotes in one source, their places are found in one pass over it.
ONE_PASS_QUOTES = 64


def occurrences(source: str, texts: Iterable[str]) -> dict[str, list[int]]:
    """Where each text starts in `source`, overlapping copies included.

    A few texts: `str.find` for each (fast C, one scan of the source per text). Many: one
    pass over the source, trying a match only where some text's first character occurs,
    keyed by its first characters, so a long source with thousands of quotes is not
    scanned thousands of times.
    """
    texts = [t for t in dict.fromkeys(texts) if t]
    hits: dict[str, list[int]] = {t: [] for t in texts}
    if len(texts) <= ONE_PASS_QUOTES:
        for t in texts:
            at = source.find(t)
            while at != -1:
                hits[t].append(at)
                at = source.find(t, at + 1)
        return hits
    width = min(16, min(map(len, texts)))
    by_key: dict[str, dict[int, set[str]]] = {}
    for t in texts:
        by_key.setdefault(t[:width], {}).setdefault(len(t), set()).add(t)
    first = re.compile("[" + re.escape("".join(sorted({t[0] for t in texts}))) + "]")
    for m in first.finditer(source):
        at = m.start()
        lengths = by_key.get(source[at : at + width])
        if lengths:
            for n, same in lengths.items():
                if source[at : at + n] in same:
                    hits[source[at : at + n]].append(at)
    return hits


def place_quotes(d: Dossier, existing: Existing) -> None:
    """Each quote's place in its source (the dossier's, or one already stored), kept with
    the quote (`Dossier.placed`); a problem for each that is not there verbatim, or is
    ambiguous. One source at a time: its text and its quotes, never all of them. The
    problems come in the order of each source's first quote, then of its quotes."""
    places: list[tuple[int, int, str, int]] = []
    problems: list[tuple[int, int, Problem]] = []
    first: tuple[str, int] = ("", 0)  # the source of the last piece, and its first quote
    for sid, recs in d.stage.by_source():
        if sid != first[0]:
            first = (sid, recs[0].seq)
        recs = [r for r in recs if r.values.get("text") is not None]
        if not recs:
            continue
        source = d.stage.get("sources", sid)
        if source is not None:
            if sid not in d.texts or "published" not in source.values:
                continue  # the source's own problem is reported
            source_text, published = d.texts[sid], source.values["published"]
        else:
            found_source = existing.source(sid)
            if found_source is None:
                continue  # reported as a bad reference
            source_text, published = found_source
        found = occurrences(source_text, (r.values["text"] for r in recs))
        for rec in recs:
            before = len(d.problems)
            placed = _place_quote(d, rec, sid, source_text, published, found[rec.values["text"]])
            if placed is not None:
                places.append((*placed, rec.seq))
            problems += [(first[1], rec.seq, p) for p in d.problems[before:]]
            del d.problems[before:]
        if len(places) >= 5000:
            d.stage.place(places)
            places = []
    if places:
        d.stage.place(places)
    d.stage.placed()
    d.problems.extend(p for *_, p in sorted(problems, key=lambda x: x[:2]))


def place_stored_quotes(d: Dossier, existing: Existing) -> None:
    """A stored source given new text (or a new date) keeps every stored quote grounded:
    each quote this dossier does not give again is placed in the new text (into
    `Dossier.replaced`), or reported."""
    for rec in d.records["sources"]:
        published = rec.values.get("published")
        stored = existing.source(rec.id)
        if stored is None or published is None:
            continue
        text = d.texts.get(rec.id)
        if text is None or stored == (text, published):
            continue
        quotes = existing.quotes_of(rec.id, exclude=set())
        given = d.stage.has("quotes", (q.id for q in quotes))
        quotes = [q for q in quotes if q.id not in given]
        found = occurrences(text, (q.text for q in quotes))
        where = rec.at("text" if rec.given("text") else "text_file")
        for q in quotes:
            starts = found[q.text]
            want = q.occurrence or 1
            loaded = f" (loaded from {q.origin})" if q.origin else ""
            if len(starts) < want:
                d.problems.append(
                    Problem(
                        where,
                        (
                            f"the new text of source {rec.id!r} no longer holds stored quote {q.id!r}"
                            f"{loaded}"
                            + (f" (occurrence {want})" if q.occurrence else "")
                            + "; expected every stored quote of the source to stay verbatim: give the "
                            "corrected quote in this dossier too, or keep the source's text"
                        ),
                    )
                )
            elif q.occurrence is None and len(starts) > 1:
                d.problems.append(
                    Problem(
                        where,
                        (
                            f"stored quote {q.id!r}{loaded} occurs {len(starts)} times in the new text "
                            f"of source {rec.id!r}; give the quote again in this dossier with "
                            "`occurrence: N` to say which one"
                        ),
                    )
                )
            else:
                start = starts[want - 1]
                d.replaced[q.id] = Placed(start, start + len(q.text), q.said or published)


def _place_quote(
    d: Dossier, rec: Record, sid: str, source_text: str, published: str, starts: list[int]
) -> Placed | None:
    """Where a quote sits in its source; or None, with the problem with it."""
    text = rec.values["text"]
    where = rec.at("text")
    want = rec.values.get("occurrence")
    total = len(starts)
    if not starts:
        d.problems.append(
            Problem(
                where,
                f"not found verbatim in source {sid!r}; expected the exact "
                f"words of the source{_verbatim_hint(text, source_text)}",
            )
        )
        return None
    if want is None:
        if total > 1:
            d.problems.append(
                Problem(
                    where,
                    f"occurs {total} times in source {sid!r}; add "
                    f"`occurrence: N` (1 to {total}) to say which one",
                )
            )
            return None
        want = 1
    elif total < want:
        d.problems.append(
            Problem(
                rec.at("occurrence"),
                f"asks for occurrence {want}, but the text occurs {total} time(s) in source {sid!r}",
            )
        )
        return None
    start = starts[want - 1]
    rec.placed = Placed(start, start + len(text), rec.values.get("said") or published)
    return rec.placed
