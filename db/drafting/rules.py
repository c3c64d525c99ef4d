"""The attribution rules: who said the quote at `sentence[q_start:q_end]`.

Each rule is a small function that reads one pattern of news prose and returns (speaker,
confidence, why) or None; `RULES` tries them in order and the first answer wins. To add
or remove a rule, change the list: each has its own tests in `tests/db/test_drafting_rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .cast import Cast, Speaker
from .patterns import NAME, NOT_NAMES, REPORTING, VERB, WANT
from .sentences import name_after, name_before

#: (speaker, confidence, why)
Attribution = tuple[Speaker, str, str]


class Reader(Protocol):
    """What the rules ask of the drafter: what it remembers of the article so far, and
    the speaker a name refers to (a known actor, or a new one proposed)."""

    cast: Cast
    last_person: Speaker | None
    last_quote_speaker: Speaker | None
    #: Whether the last quote was in the paragraph being read.
    same_paragraph: bool

    def speaker(self, name: str) -> tuple[Speaker, str]: ...


@dataclass(frozen=True)
class QuoteInSentence:
    """A quote and the sentence around it, as the rules read them."""

    sentence: str
    q_start: int
    q_end: int
    #: The quote opens its paragraph (a paragraph that is only a quote).
    paragraph_starts_quote: bool

    @property
    def before(self) -> str:
        return self.sentence[: self.q_start]

    @property
    def after(self) -> str:
        return self.sentence[self.q_end :]


Rule = Callable[[Reader, QuoteInSentence], "Attribution | None"]


def reporting_verb_after_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…,” Trump told reporters` / `“…,” said Trump` / `“…,” he added`."""
    m = re.match(rf"^[”\"]?,?\s*(.*?)\s*\b({REPORTING})\b\s*(.*)$", q.after)
    if not m or len(m.group(1)) >= 80 or "“" in m.group(1):
        return None
    subject = m.group(1).strip(" ,")
    verb = m.group(2)
    if subject.lower() in ("he", "she"):
        if d.last_person:
            return (
                d.last_person,
                "medium",
                f'"{subject} {verb}" after the quote: the last person named, {d.last_person.name}',
            )
        return None
    if subject:
        name = name_before(subject) or name_after(subject)
        reported = re.search(r"\breported\s+(.+?)\s+(?:stating|saying)\b", subject + " " + verb)
        if reported:
            name = name_after(reported.group(1))
        if name:
            return d.speaker(name)[0], "high", f'"{name} {verb}" after the quote'
        return None
    name = name_after(m.group(3))  # said Trump
    if name:
        return d.speaker(name)[0], "high", f'"{verb} {name}" after the quote'
    return None


def reported_stating_after_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…” reported Interfax stating …`."""
    m = re.search(r"\breported\s+(.+?)\s+(?:stating|saying)\b", q.after)
    name = name_after(m.group(1)) if m else None
    if name:
        return d.speaker(name)[0], "high", f'"reported {name} stating" after the quote'
    return None


def according_to(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`according to remarks from a Russian deputy foreign minister` (a name, or a role
    only one known actor holds)."""
    m = re.search(
        r"\baccording to (?:remarks (?:from|by) |comments (?:from|by) )?(.+?)"
        r"(?:\s+(?:published|made|on|in)\b|[,.]|$)",
        q.sentence,
    )
    if not m:
        return None
    name = name_after(m.group(1))
    sp = d.speaker(name)[0] if name else d.cast.by_role(m.group(1))
    if sp:
        return sp, "medium", f'"according to {m.group(1).strip()}" in the sentence'
    return None


def _last_verb_before(q: QuoteInSentence) -> tuple[re.Match[str], str] | None:
    """The last reporting verb before the quote, and the text before that verb."""
    before = q.before
    verbs = list(VERB.finditer(before))
    if not verbs:
        return None
    return verbs[-1], before[: verbs[-1].start()].rstrip()


def pronoun_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`He added, “…”`: the last person named."""
    found = _last_verb_before(q)
    if found is None or d.last_person is None:
        return None
    v, subject_text = found
    pron = re.search(r"\b(he|she|He|She)\s*$", subject_text)
    if pron:
        return (
            d.last_person,
            "medium",
            f'"{pron.group(1)} {v.group()}" before the quote: the last person named, {d.last_person.name}',
        )
    return None


def name_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Waltz responded, “…”` / `Rubio mentioned on CBS that … “…”`."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, subject_text = found
    name = name_before(subject_text)
    if name:
        return d.speaker(name)[0], "high", f'"{name} {v.group()}" before the quote'
    return None


def clause_subject_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`… the Kremlin indicated that Putin had sent …, conveying “…”`: the subject of the
    clause after the last comma."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, subject_text = found
    subject = name_before(re.sub(r"^.*?(?:,\s*)", "", subject_text) or "")
    if subject:
        return d.speaker(subject)[0], "medium", f'"{subject} {v.group()}" earlier in the sentence'
    return None


def nearest_name_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """The nearest name before the reporting verb."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, _ = found
    subject_text = q.before[: v.start()]
    heads = [m for m in NAME.finditer(subject_text) if m.group().split()[0].lower() not in NOT_NAMES]
    if heads:
        name = heads[-1].group()
        return d.speaker(name)[0], "medium", f'"{name}" is the nearest name before "{v.group()}"'
    return None


def quote_paragraph_continues(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """A paragraph that is only a quote continues the previous speaker's quote."""
    if q.paragraph_starts_quote and d.last_quote_speaker:
        return d.last_quote_speaker, "medium", "a quote paragraph continuing the previous speaker's quote"
    return None


def quote_sentence_continues(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """A sentence that is only a quote continues the quote before it in the paragraph."""
    if not q.before.strip(' “"') and d.last_quote_speaker and d.same_paragraph:
        return (
            d.last_quote_speaker,
            "medium",
            "a quote sentence continuing the quote before it in the paragraph",
        )
    return None


def subject_of_wanting(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Zelensky wants a “just peace”`: the subject of a reporting or wanting verb."""
    before, after = q.before, q.after
    m = WANT.search(before) or WANT.search(after)
    if not m:
        return None
    region = before if m.string is before else after
    name = name_before(region[: m.start()].rstrip())
    if name:
        return d.speaker(name)[0], "medium", f'"{name} {m.group()}" in the sentence'
    return None


def sentence_opens_with_name(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Putin … “…”`: the name the sentence opens with."""
    opening = name_after(re.sub(r"^[-–—•*\s]+", "", q.before))
    if opening:
        return d.speaker(opening)[0], "medium", f'the sentence opens with "{opening}"'
    return None


def last_person_named(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """No attribution in the sentence: the last person named, with low confidence."""
    if d.last_person:
        return (
            d.last_person,
            "low",
            f"no attribution in the sentence: the last person named, {d.last_person.name}",
        )
    return None


#: The rules, in the order they are tried.
RULES: list[Rule] = [
    reporting_verb_after_quote,
    reported_stating_after_quote,
    according_to,
    pronoun_before_verb,
    name_before_verb,
    clause_subject_before_verb,
    nearest_name_before_verb,
    quote_paragraph_continues,
    quote_sentence_continues,
    subject_of_wanting,
    sentence_opens_with_name,
    last_person_named,
]


def attribute(d: Reader, q: QuoteInSentence, rules: list[Rule] = RULES) -> Attribution | None:
    """The first rule's answer, or None when no rule finds a speaker."""
    for rule in rules:
        found = rule(d, q)
        if found is not None:
            return found
    return None
