"""An article read into a draft: its direct quotes, and the sentences that report what
named actors said or want, each with its speaker and how sure that is; kept within
the loader's limits."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dossier.spec import MAX_QUOTE_CHARS, SPEC
from ..dossier.verbatim import occurrences
from ..models import Actor
from ..text import normalize
from .cast import UNKNOWN, Cast, Speaker
from .drafter import Drafter
from .patterns import (
    EVALUATING,
    NAME,
    NAMING_AFTER,
    NAMING_BEFORE,
    NOT_NAMES,
    OPEN_ONLY,
    PLACES,
    QUOTE_PAIRS,
    REPORTING,
    TITLE_AFTER_POSSESSIVE,
    VERB,
    WANT,
    WANTING,
)
from .rules import Attribution
from .sentences import mend_closing_marks, name_before, outside_quotes, split_sentences, title_case
from .subjects import (
    ANON_NOUN,
    OPENERS,
    TITLE_GOES_ON,
    all_title,
    as_name,
    subject_at_end,
    title_before,
    with_title,
)


@dataclass
class Draft:
    """What the draft found, ready to write out."""

    source: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    #: What was cut or left out to keep within the loader's limits, one line each.
    warnings: list[str] = field(default_factory=list)


def draft_article(
    text: str,
    actors: Iterable[Actor],
    *,
    source_id: str,
    title: str,
    outlet: str,
    published: str | None,
    url: str | None = None,
    text_file: str | None = None,
    suggest_positions: bool = False,
) -> Draft:
    """Draft a dossier from an article's text (normalised as the loader will)."""
    text, _ = normalize(text)
    when = date.fromisoformat(published) if published else None
    cast = Cast(actors)
    d = Drafter(text, cast, when)
    # no date given: none invented (check then asks for one), days left undated
    source: dict[str, Any] = {"id": source_id, "title": title, "outlet": outlet}
    if published:
        source["published"] = published
    if url:
        source["url"] = url
    if text_file:
        source["text_file"] = text_file
    else:
        source["text"] = text
    out = Draft(source)
    reported_seen: set[int] = set()
    # read with misused closing marks mended; every quote's text is cut from `text` itself
    reading = mend_closing_marks(text)
    offset = 0
    for paragraph in reading.split("\n"):
        base = offset
        offset += len(paragraph) + 1
        if not paragraph.strip():
            continue
        starts_quote = paragraph.lstrip().startswith(("“", '"'))
        first_sentence = base + (len(paragraph) - len(paragraph.lstrip()))
        d.same_paragraph = False
        for s_start, s_end in split_sentences(paragraph, base):
            sentence = reading[s_start:s_end]
            verbatim = text[s_start:s_end]
            d.note_issuer(sentence)
            found_quote = False
            quotes = list(QUOTE_PAIRS.finditer(sentence))
            unbalanced = sentence.count("“") > sentence.count("”") or sentence.count('"') % 2
            open_only = OPEN_ONLY.search(sentence) if unbalanced else None
            spans = [m.span(m.lastindex or 1) for m in quotes]
            if open_only:
                group = 1 if open_only.group(1) is not None else 2
                if not spans or open_only.start(group) > spans[-1][1]:
                    spans.append(open_only.span(group))
            for q_start, q_end in spans:
                quote_text = verbatim[q_start:q_end]
                if not quote_text.strip() or is_a_name_not_words(sentence, q_start, q_end, quote_text):
                    continue
                found_quote = True
                result = d.attribute_in(
                    sentence, q_start, q_end + 1, starts_quote and s_start == first_sentence
                ) or Attribution(d.unknown(), "low", "no speaker found: fill it in")
                sp = result.speaker
                d.remember(sp)
                if sp.id != UNKNOWN:
                    d.last_quote_speaker = sp
                d.same_paragraph = True
                out.quotes.append(
                    _quote(
                        text,
                        quote_text,
                        s_start + q_start,
                        "direct",
                        sp,
                        result.confidence,
                        result.why,
                        d,
                        sentence,
                        result.via,
                    )
                )
            # names seen in this sentence (for "he said" later): known persons, and a new
            # one named as the subject of a reporting verb ("…, Nguyễn Thị Lan, said")
            outside = outside_quotes(sentence)  # names inside a quote do not speak
            if not title_case(outside):
                for m in NAME.finditer(outside):
                    _named(d, m, outside)
                _anonymous_subject(d, outside)
            if not found_quote or quotes:
                _reported(d, out, text, verbatim, s_start, reported_seen)
    _number_occurrences(text, out.quotes)
    for n, q in enumerate(out.quotes, 1):  # ids that cannot clash with another article's
        q["id"] = f"{source_id}-{n:03d}"
    out.actors = list(cast.new.values())
    _within_limits(out)
    if suggest_positions:
        out.suggestions = [
            {
                "id": f"p-{q['id']}",
                "actor": q["speaker"],
                "issue": "ISSUE-ID",
                "stance": 0,
                "kind": "assessment",
                "summary": "SUMMARY",
                "evidence": [q["id"]],
            }
            for q in out.quotes
            if q["kind"] == "reported"
        ]
    return out


#: After a name: what makes it a person the article is talking about (`Moatasem
#: al-Namrouti, a resident of Khan Yunis, welcomed`; `Vikram Misri who announced`).
PERSON_AFTER = re.compile(rf",?\s+(?:(?:{REPORTING}|{EVALUATING}|{WANTING})\b|who\b)|,\s+(?:a|an|the)\s")


#: Just before a quoted name: an article (`the “Trump Route”`, `a “Truce Committee”`).
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|The|A|An)\s*[“\"‘'`]$")
#: Small words a name may hold in lower case ("Route for International Peace and Prosperity").
NAME_LINKS = {"of", "for", "and", "the", "a", "an", "in", "on", "to", "at", "de", "du", "des", "al"}


def a_proper_name(before: str, quote_text: str) -> bool:
    """`the “Trump Route”`, `a “Humanitarian Truce Coordination Committee”`: two words or
    more in title case (not capitals), right after an article, and nothing of a sentence
    (no comma, no other punctuation but a final full stop): a name, not anyone's words."""
    words = quote_text.rstrip(".").split()
    if len(words) < 2 or ARTICLE_BEFORE.search(before) is None or re.search(r"[,;:!?\"“”]", quote_text):
        return False
    content = [w for w in words if w.lower() not in NAME_LINKS]
    return bool(content) and all(w[0].isupper() and any(c.islower() for c in w) for w in content)


def is_a_name_not_words(sentence: str, q_start: int, q_end: int, quote_text: str) -> bool:
    """A quoted phrase that names something instead of reporting anyone's words: after
    `the name`, `known as`, `so-called`, `titled`, `dubbed the`; before `is the current name
    of`; a programme's title after a possessive (`CNN’s “State of the Union”`); a name in
    title case after an article (`the “Trump Route”`)."""
    before = sentence[max(0, q_start - 40) : q_start]
    if NAMING_BEFORE.search(before) or NAMING_AFTER.match(sentence, q_end, q_end + 60):
        return True
    if a_proper_name(before, quote_text):
        return True
    words = quote_text.split()
    capitalised = [w for w in words if len(w) > 3]
    return (
        TITLE_AFTER_POSSESSIVE.search(before) is not None
        and len(words) <= 8
        and bool(capitalised)
        and all(w[0].isupper() for w in capitalised)
    )


#: A preposition and "the" just before a name: what follows is a place or a thing.
THE_BEFORE = re.compile(r"\b(?:to|in|of|from|at|for|across|into|on)\s+the\s+$")


#: A preposition just before a name (and its title): the name is an object ("by" is not one:
#: `led by Mike Waltz` names who leads).
PREPOSITION_BEFORE = re.compile(r"\b(to|for|with|of|from|against|toward|towards|under)\s+(?:the\s+)?$")


def _after_preposition(sentence: str, start: int) -> bool:
    """Whether the name at `start` (or the title before it) follows a preposition; the "of"
    of a title ("Secretary of State Marco Rubio") is the title's, not one."""
    hit = PREPOSITION_BEFORE.search(sentence, max(0, start - 20), start)
    if hit is not None and hit.group(1) in ("of", "for"):
        title, at = title_before(sentence, start)
        if title:
            hit = PREPOSITION_BEFORE.search(sentence, max(0, at - 20), at)
    return hit is not None


def _named(d: Drafter, m: re.Match[str], sentence: str) -> None:
    """A name met in the reporter's words: a known person, or a new one the sentence
    shows is a person speaking or spoken of (a title, a relative clause, an apposition,
    a verb of speech), becomes the last person named (for a later "he said")."""
    words = m.group().split()
    while words and (words[0].lower() in NOT_NAMES or words[0].lower() in OPENERS):
        words = words[1:]
    if not words:
        return
    name = " ".join(words)
    # "adviser to U.S. President Donald Trump", "gratitude to Chief of Army Staff General Asim
    # Munir": the object of a preposition, not whom a later "he said" is about
    after_preposition = _after_preposition(sentence, m.start())
    found = d.cast.find(name)
    if found is not None:
        if found[0].person and not after_preposition:
            d.last_person = found[0]
        return
    if THE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
        return  # "envoy to the Middle East": a place or a thing, never a person named
    goes = TITLE_GOES_ON.match(sentence, m.end())
    if goes is not None and (not goes.group("of") or all_title(m.group())):
        return  # what a title goes on to name: "Middle East" of "Middle East envoy Steve Witkoff"
    if after_preposition:
        return
    subject = with_title(as_name(name), title_before(sentence, m.start())[0])
    if subject is None or subject.kind != "name" or subject.body or subject.text.lower() in PLACES:
        return
    if not PERSON_AFTER.match(sentence, m.end()) and not (subject.title and len(subject.text.split()) >= 2):
        return
    if len(subject.text.split()) == 1 and not d.full_name(subject.text):
        return
    if len(subject.text.split()) > 5:
        return
    sp = d.resolve(subject)
    if sp is not None and sp.person:
        d.last_person = sp


#: A noun an anonymous source goes by: the only sentences worth reading for one.
ANON_WORD = re.compile(rf"\b(?i:{ANON_NOUN})\b")


def _anonymous_subject(d: Drafter, sentence: str) -> None:
    """An anonymous source opening the sentence as the subject of its reporting verb ("A
    Hamas official who spoke to AFP said …") is whom a later "he said" is about."""
    verb = VERB.search(sentence, 0, 200)
    if verb is None or ANON_WORD.search(sentence, 0, verb.start()) is None:
        return
    subject = subject_at_end(re.sub(r"^[-–—•*\s]+", "", sentence[: verb.start()]), whole=True)
    if subject is not None and subject.kind == "anonymous":
        d.last_person = d.resolve(subject)


def _reported(d: Drafter, out: Draft, text: str, sentence: str, s_start: int, seen: set[int]) -> None:
    """The sentence as a reported quote when a named actor is its reporting subject."""
    body = sentence.strip()
    if s_start in seen or "“" in body and body.startswith("“"):
        return
    m = WANT.search(body, 0, 200) or VERB.search(body, 0, 200)
    if m is None or m.start() > 160:
        return
    head = body[: m.start()].rstrip(" ,")
    head = re.sub(r"^[-–—•*]\s*", "", head)  # a bullet
    head = re.sub(
        r"^(?:(?:Meanwhile|However|Nevertheless|But|And|Still|Also|Instead|"
        r"(?:Last|On|This|Late|Early) \w+|Since \w+|In \w+),\s*)+",
        "",
        head,
    )
    head = re.sub(
        r"\s+(?:has|have|had|will|would|also|both|again|consistently|repeatedly|"
        r"previously|already|now|since)\b(?:\s+\w+ly)?$",
        "",
        head,
    )
    head = re.sub(r"\s+(?:has|have|had|will|would|also|both|again)$", "", head)
    head = re.sub(r",\s+[^,]+,$", "", head)  # Trump, having altered policy, has said
    head = re.sub(r"^(?:the|The)\s+", "", head)
    pron = re.fullmatch(r"(He|She)(?: also)?", head)
    if pron and d.last_person:
        sp, confidence, why = (
            d.last_person,
            "medium",
            f'"{pron.group(1)} {m.group()}": the last person named, {d.last_person.name}',
        )
    else:
        name = name_before(head) if head else None
        if not name or name != head or len(name.split()) > 8:
            return  # the sentence does not open with who says it
        found = d.cast.find(name)
        if found is None:
            if not any(w[0].isupper() for w in name.split()):
                return
            sp, _ = d.speaker(name)
        else:
            sp = found[0]
        confidence, why = "medium", f'"{name} {m.group()}" opens the sentence'
    d.remember(sp)
    seen.add(s_start)
    lead = len(sentence) - len(sentence.lstrip())
    out.quotes.append(_quote(text, body, s_start + lead, "reported", sp, confidence, why, d, body))


def _cut(record: dict[str, Any], kind: str, key: str, what: str, warnings: list[str]) -> None:
    """Cut `record[key]` to the loader's limit for it, saying so."""
    limit = SPEC[kind][key].max_len
    value = record.get(key)
    if isinstance(value, str) and len(value) > limit:
        record[key] = value[:limit].rstrip() or value[:limit]
        warnings.append(f"{what}: {key} is {len(value):,} characters; cut to the loader's limit of {limit:,}")


def _within_limits(out: Draft) -> None:
    """Every field within the loader's limits: long ones cut, a quote too long to hold
    (its text must stay verbatim) left out, each with a warning."""
    for key in ("title", "outlet"):
        _cut(out.source, "sources", key, "the source", out.warnings)
    if len(out.source.get("url") or "") > SPEC["sources"]["url"].max_len:
        del out.source["url"]
        out.warnings.append("the source: its url is too long for the loader; left out")
    for a in out.actors:
        for key in ("name", "role"):
            _cut(a, "actors", key, f"proposed actor {a['id']}", out.warnings)
    kept = []
    for q in out.quotes:
        if len(q["text"]) > MAX_QUOTE_CHARS:
            out.warnings.append(
                f"quote {q['id']}: {len(q['text']):,} characters, more than "
                f"the loader's limit of {MAX_QUOTE_CHARS:,}; left out"
            )
            continue
        for key in ("venue", "note"):
            _cut(q, "quotes", key, f"quote {q['id']}", out.warnings)
        kept.append(q)
    out.quotes = kept
    out.suggestions = [p for p in out.suggestions if p["evidence"][0] in {q["id"] for q in kept}]


def _number_occurrences(text: str, quotes: list[dict[str, Any]]) -> None:
    """Each quote's `occurrence` (which copy of its text it is), where its text occurs more
    than once; found for all quotes in one pass over the text, as the loader finds them."""
    found = occurrences(text, (q["text"] for q in quotes))
    for q in quotes:
        at = q["occurrence"]
        starts = found[q["text"]]
        if len(starts) > 1:
            q["occurrence"] = bisect_left(starts, at) + 1
        else:
            del q["occurrence"]


def _quote(
    text: str,
    quote_text: str,
    at: int,
    kind: str,
    sp: Speaker,
    confidence: str,
    why: str,
    d: Drafter,
    sentence: str,
    via: str | None = None,
) -> dict[str, Any]:
    # "occurrence" (after "text") is filled in by _number_occurrences, once all are known
    q: dict[str, Any] = {
        "id": "",
        "source": None,
        "speaker": sp.id,
        **({"via": via} if via else {}),
        "kind": kind,
        "text": quote_text,
        "occurrence": at,
    }
    venue, (said, phrase) = d.said_at(sentence)
    if venue:
        q["venue"] = venue
    if said:
        q["said"] = said
    note = why + ("" if sp.known else "; a new actor, proposed below")
    if phrase and not said:
        note += f'; "{phrase}" in the sentence (give --published to date it)'
    q["confidence"] = confidence
    q["note"] = note
    return q
