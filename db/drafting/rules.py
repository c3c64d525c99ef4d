"""The attribution rules: who said the quote at `sentence[q_start:q_end]`.

Each rule is a small function that reads one pattern of news prose and returns (speaker,
confidence, why) or None; `RULES` tries them in order and the first answer wins. To add
or remove a rule, change the list: each has its own tests in `tests/db/test_drafting_rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from .cast import Cast, Speaker
from .patterns import EVALUATE, NAME, NOT_NAMES, REPORTING, VERB, WANT, last_match
from .sentences import name_after, title_case
from .subjects import BARE_LABEL, WINDOW, Subject, as_name, label, subject_at_end, subject_at_start

CLOSING = re.compile(r"[”\"’]")
#: `,” SUBJECT VERB REST` after a quote.
AFTER_QUOTE = re.compile(rf"^[”\"]?,?\s*(.*?)\s*\b({REPORTING})\b\s*(.*)$", re.S)


class Attribution(NamedTuple):
    """Who said a quote, how sure that is and why; `via`: who passed the words on."""

    speaker: Speaker
    confidence: str
    why: str
    via: str | None = None


class Reader(Protocol):
    """What the rules ask of the drafter: what it remembers of the article so far, and
    the speaker a name refers to (a known actor, or a new one proposed)."""

    cast: Cast
    last_person: Speaker | None
    last_quote_speaker: Speaker | None
    #: The body whose statement or readout the article last named.
    last_issuer: Speaker | None
    #: The body last quoted ("the group added").
    last_body: Speaker | None
    #: The speaker a `Source:` line named, for the `Quote:` under it.
    last_source: Speaker | None
    #: Whether the last quote was in the paragraph being read.
    same_paragraph: bool

    def speaker(self, name: str) -> tuple[Speaker, str]: ...

    def resolve(self, subject: Subject) -> Speaker | None: ...

    def unknown(self) -> Speaker: ...


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


def credit(d: Reader, subject: Subject | None, confidence: str, why: str) -> Attribution | None:
    """The attribution a subject phrase gives: a name at `confidence`; an anonymous source,
    a role, a pronoun (the last person named) or a document (the body that issued it) at
    medium at most; a document whose issuer the article never named, the unknown speaker at
    low. None: the subject names no one (the rules after this one go on)."""
    if subject is None:
        return None
    if subject.kind == "pronoun":
        if subject.text in ("he", "she") and d.last_person:
            return Attribution(d.last_person, "medium", f"{why}: the last person named, {d.last_person.name}")
        return None
    if subject.kind == "agreement":
        return Attribution(d.unknown(), "low", f"{why}: the {subject.text}'s own words, no speaker")
    if subject.kind == "group":
        if d.last_body is not None:
            return Attribution(d.last_body, "medium", f"{why}: the body last quoted, {d.last_body.name}")
        return None
    if subject.kind == "document" and subject.title:
        body = d.resolve(Subject("name", subject.title, body=True))
        if body is not None:
            return Attribution(body, "medium", f"{why}: the {subject.text} of {body.name}")
    if subject.kind == "document":
        if d.last_issuer is not None:
            return Attribution(d.last_issuer, "medium", f"{why}: the {subject.text} of {d.last_issuer.name}")
        return Attribution(d.unknown(), "low", f"{why}: whose {subject.text}, the article does not say")
    sp = d.resolve(subject)
    if sp is None:
        return None
    if subject.kind != "name":
        confidence = "medium" if confidence == "high" else confidence
        why = f"{why} ({'an anonymous source' if subject.kind == 'anonymous' else 'by role'})"
    return Attribution(sp, confidence, why)


def label_before_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Quote from Grushko: “…”`: the name in the label; `Quote: “…”` under a `Source:
    …` line: the source it names."""
    before = q.before[-WINDOW:]
    if BARE_LABEL.match(before.rstrip('“"‘ ')) and d.last_source is not None:
        return Attribution(d.last_source, "medium", f'"Quote:" under "Source: {d.last_source.name}"')
    return credit(d, label(before), "high", "a label names the speaker")


#: An outlet's name where it passes words on: capitalised words ("the Dawn newspaper": Dawn).
OUTLET = r"(?:the\s+)?(?P<outlet{n}>(?:[A-Z][\w.’'\-]*\s*){{1,4}})"
#: `“…,” an Israeli official was quoted as confirming by Axios` (after the quote) and
#: `Grushko was quoted by Izvestia as saying “…”` (before it): the one quoted speaks.
QUOTED_AS_AFTER = re.compile(
    r"^[”\"’]?,?\s*([^“”\"]{1,80}?)\s+(?:was|were|is|are|has been|had been)\s+quoted\s+"
    rf"(?:by\s+{OUTLET.format(n=1)}\s*)?as\s+(?:saying|stating|confirming|telling|adding|warning|\w+ing)\b"
    rf"(?:[^“”\".;]{{0,40}}?\bby\s+{OUTLET.format(n=2)})?"
)
QUOTED_AS_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but)\s+)([^,;“”\"]{1,80}?)\s+(?:was|were|is|are|has been|had been)\s+quoted\s+"
    rf"(?:by\s+{OUTLET.format(n=1)}\s*)?as\s+(?:saying|stating|telling \w+)"
    rf"(?:\s+by\s+{OUTLET.format(n=2)})?\s*(?:that\s*)?[,:]?\s*[“\"‘]?$"
)


def without_days(name: str) -> str:
    """An outlet's name without the day after it: "Reuters Monday" is Reuters."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".,") in NOT_NAMES:
        words.pop()
    return " ".join(words)


def _outlet(m: re.Match[str]) -> str | None:
    name = without_days(m.group("outlet1") or m.group("outlet2") or "")
    if name.endswith(".") and name.split()[-1].count(".") == 1:
        name = name[:-1]  # the sentence's full stop, not an abbreviation's ("U.S.")
    return name or None


def quoted_as_saying(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…,” an Israeli official was quoted as confirming by Axios` / `he was quoted as saying
    by the Dawn newspaper` / `Grushko was quoted by Izvestia as saying “…”`: the one quoted
    speaks, medium (second-hand), and the outlet passed the words on."""
    if "quoted" not in q.sentence:  # the regexes below read a window each; most quotes skip them
        return None
    m = QUOTED_AS_AFTER.match(q.after[:WINDOW])
    where = "after"
    if m is None:
        m = QUOTED_AS_BEFORE.search(q.before[-WINDOW:])
        where = "before"
    if m is None:
        return None
    subject = subject_at_end(m.group(1), whole=where == "after")
    found = credit(d, subject, "medium", f'"{m.group(1).strip()} was quoted" {where} the quote')
    if found is None:
        return None
    via = _outlet(m)
    return found._replace(confidence="medium" if found.confidence == "high" else found.confidence, via=via)


#: Verbs by which an outlet passes on words it did not say: what they take speaks.
CITING = re.compile(r"\b(?:cited|cites|quoted|quotes|citing|quoting|Citing|Quoting)\s+")
#: The outlet's own verb: `the newspaper reported`, `Reuters said`.
OUTLET_VERB = re.compile(rf"\b(?:{REPORTING}|reported|reports)\b")
#: Where the cited source's phrase ends.
CITED_END = re.compile(r"\s*(?:,|;|\.|\bwho\b|\bas\b|\bthat\b|\bto\b|\bin\b|\bon\b|$)")


def sources_an_outlet_cites(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Reuters cited two Egyptian sources who described a “…”` / `Citing Arab sources, the
    newspaper reported that … “…”` / `“…,” Reuters reported, citing two officials`: the
    sources it cites speak (an anonymous source, or a name the sentence says spoke), medium;
    the outlet is who passed the words on (`via`), never the speaker."""
    if "iting" not in q.sentence and "ited" not in q.sentence and "uot" not in q.sentence:
        return None
    before = q.before[-WINDOW:]
    after = q.after[:WINDOW]
    found = last_match(CITING, before)
    region = before
    if found is None:
        found = CITING.search(after)
        region = after
    if found is None:
        return None
    rest = region[found.end() :]
    end = CITED_END.search(rest)
    phrase = rest[: end.start()] if end else rest
    subject = subject_at_end(phrase, whole=True)
    if subject is None or subject.kind not in ("anonymous", "name"):
        return None
    said = end is not None and re.match(
        r"\s*,?\s*(?:who\s+(?:said|told|described|called|stated)|as\s+saying)\b", rest[end.start() :]
    )
    if subject.kind == "name" and not said:
        return None
    speaker = d.resolve(subject)
    if speaker is None:
        return None
    via = None
    head = region[: found.start()].rstrip(" ,")
    if found.group().lower().startswith(("cited", "cites", "quoted", "quotes")):
        outlet = subject_at_end(head) if head else None
        via = outlet.text if outlet is not None and outlet.kind == "name" else None
    else:  # `Citing X, the newspaper reported`, `Reuters reported, citing X`
        tail = rest[end.end() :] if end and region is before else head
        verb = OUTLET_VERB.search(tail) if region is before else last_match(OUTLET_VERB, tail)
        if verb is not None:
            outlet = subject_at_end(tail[: verb.start()].strip(" ,"))
            if outlet is not None and outlet.kind == "name":
                via = outlet.text
            elif outlet is None or outlet.kind != "pronoun":
                via = " ".join(tail[: verb.start()].strip(" ,").split()[-3:]) or None
    why = f'"{found.group().strip()} {phrase.strip()}": who the outlet cites'
    return Attribution(speaker, "medium", why, via=via)


def reporting_verb_after_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…,” Trump told reporters` / `“…,” said Trump` / `“…,” he added` / `“…,” the
    statement said` / `“…,” a senior official said` / `“…” for more talks, said Vice
    Premier He Lifeng`; the subject must be all the words between quote and verb."""
    m = AFTER_QUOTE.match(q.after[:WINDOW])
    if not m or len(m.group(1)) >= 80 or re.search('[“”"]', m.group(1)):
        return None
    subject_text, verb = m.group(1).strip(" ,"), m.group(2)
    if subject_text:
        found = credit(
            d, subject_at_end(subject_text, whole=True), "high", f'"{subject_text} {verb}" after the quote'
        )
        if found is not None or not m.group(1).rstrip().endswith(","):
            return found
    what = m.group(3)[:40].split(",")[0].strip()
    return credit(d, subject_at_start(m.group(3)), "high", f'"{verb} {what}" after the quote')


def attribution_after_the_last_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…,” the cabinet “…,” the statement said`: a quote the sentence goes on from is
    the speaker of the tag after its last quote."""
    last = last_match(CLOSING, q.after[:WINDOW])
    if last is None:
        return None
    rest = q.after[last.end() : WINDOW]
    m = AFTER_QUOTE.match(rest)
    if not m or len(m.group(1)) >= 80:
        return None
    found = credit(
        d, subject_at_end(m.group(1), whole=True), "medium", f'"{m.group(1).strip()} {m.group(2)}"'
    )
    if found is None:
        return None
    return found._replace(why=f"{found.why} after the sentence's last quote")


def reported_stating_after_quote(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`“…” reported Interfax stating …`."""
    m = re.search(r"\breported\s+(.+?)\s+(?:stating|saying)\b", q.after[:WINDOW])
    name = name_after(m.group(1)) if m else None
    if name:
        return credit(d, as_name(name), "high", f'"reported {name} stating" after the quote')
    return None


def according_to(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`according to remarks from a Russian deputy foreign minister` (a name, or a role
    only one known actor holds)."""
    m = re.search(
        r"\baccording to (?:remarks (?:from|by) |comments (?:from|by) )?(.+?)"
        r"(?:\s+(?:published|made|on|in)\b|[,.]|$)",
        q.sentence[max(0, q.q_start - WINDOW) : q.q_end + WINDOW],
    )
    if not m:
        return None
    phrase = m.group(1).strip()
    why = f'"according to {phrase}" in the sentence'
    found = credit(d, subject_at_start(phrase), "medium", why)
    if found is not None:
        return found
    sp = d.cast.by_role(phrase)
    return Attribution(sp, "medium", why) if sp else None


def _last_verb_before(q: QuoteInSentence) -> tuple[re.Match[str], str] | None:
    """The last reporting verb before the quote, and the text before that verb."""
    before = q.before[-WINDOW:]
    verbs = list(VERB.finditer(before))
    if not verbs:
        return None
    return verbs[-1], before[: verbs[-1].start()].rstrip()


#: Between a verb and a quote it does not introduce: another verb joined on ("reaffirmed its
#: statement and agreed to form a committee to “…”").
ANOTHER_VERB = re.compile(r"\b(?:and|but|then)\s+(?:then\s+|also\s+)?\w+(?:ed|ing)\b")
#: Between an outer reporting verb and the subject of what it reports: `said (that) the Quad`.
REPORTED_SUBJECT = re.compile(r"\s*(?:on \w+\s+|last \w+\s+)?(?:that\s+)?[^,;“”\"]{1,60}?\s*")


def far_from_the_quote(span: str) -> bool:
    """Whether the words between a verb and a quote make the verb no tag of it: eight words
    or more, or another verb joined on."""
    return len(span.split()) >= 8 or ANOTHER_VERB.search(span) is not None


def outer_reporting_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`He said the Quad reaffirmed its statement and agreed to form a committee to “…”`: a
    reporting verb inside what an earlier one reports, and far from the quote, is no tag of
    it: the words are the outer subject's (medium), not the inner subject's."""
    before = q.before[-WINDOW:]
    verbs = list(VERB.finditer(before))
    if len(verbs) < 2:
        return None
    outer, inner = verbs[-2], verbs[-1]
    if not far_from_the_quote(before[inner.end() :]):
        return None
    between = before[outer.end() : inner.start()]
    if REPORTED_SUBJECT.fullmatch(between) is None or subject_at_end(between) is None:
        return None
    subject = subject_at_end(before[: outer.start()])
    if subject is None:
        return None
    found = credit(
        d, subject, "medium", f'"{subject.text} {outer.group()}" reports what "{inner.group()}" does'
    )
    if found is None:
        return None
    return found._replace(confidence="medium" if found.confidence == "high" else found.confidence)


def _a_participle(verb: re.Match[str], before: str) -> bool:
    """`…, stating` / `…,” adding that`: a participle after a comma (inside a quote's marks or not)."""
    return verb.group().endswith("ing") and re.search(r",[”\"’]?$", before) is not None


def pronoun_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`He added, “…”`: the last person named."""
    found = _last_verb_before(q)
    if found is None or d.last_person is None:
        return None
    v, subject_text = found
    pron = re.search(r"\b(he|she|He|She)\s*$", subject_text)
    if pron:
        return Attribution(
            d.last_person,
            "medium",
            f'"{pron.group(1)} {v.group()}" before the quote: the last person named, {d.last_person.name}',
        )
    return None


def name_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Waltz responded, “…”` / `Rubio mentioned on CBS that … “…”` / `Witkoff, who met
    with Putin, said …` (the subject, not the relative clause's name) / `A senior
    official said …` (an anonymous source) / `The statement said …` (its issuer)."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, subject_text = found
    if _a_participle(v, subject_text):
        return None  # `…in the Caucasus, stating, “…”`: the participle's subject is the sentence's
    subject = subject_at_end(subject_text)
    if subject is None or subject.kind == "pronoun":
        return None
    return credit(d, subject, "high", f'"{subject.text} {v.group()}" before the quote')


def clause_subject_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`… the Kremlin indicated that Putin had sent …, conveying “…”`: the subject of the
    clause after the last comma."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, subject_text = found
    clause = re.sub(r"^.*?(?:,\s*)", "", subject_text)
    subject = subject_at_end(clause) if clause else None
    if subject is None or subject.kind not in ("name", "anonymous"):
        return None
    return credit(d, subject, "medium", f'"{subject.text} {v.group()}" earlier in the sentence')


def subject_of_speech_act(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Hamas credited the “steadfastness” …` / `Trump called the talks “productive”` /
    `Zelensky wants a “just peace”`: the subject of a verb that judges, names or wants
    the quoted thing."""
    before = q.before[-WINDOW:]
    found = last_match(EVALUATE, before) or last_match(WANT, before)
    region = before
    if found is None:
        after = q.after[:WINDOW]
        found = WANT.search(after)
        region = after
    if found is None:
        return None
    subject = subject_at_end(region[: found.start()])
    if subject is None or subject.kind not in ("name", "anonymous", "document", "agreement", "group", "role"):
        return None
    return credit(d, subject, "medium", f'"{subject.text} {found.group()}" in the sentence')


def participle_takes_the_sentence_subject(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Trump, in his message on Truth Social, expressed his satisfaction, stating, “…”`:
    a participle's speaker is the subject the sentence opens with."""
    found = _last_verb_before(q)
    if found is None or not _a_participle(*found):
        return None
    before = q.before[-WINDOW:]
    lead = re.match(r"[-–—•*\s]*", before)
    at = lead.end() if lead else 0
    why = f'"{found[0].group()}" goes with the sentence\'s subject'
    first = VERB.search(before, at)
    if first is not None and first.start() < found[0].start():
        # `He said the Quad …, adding that …`: the subject of the sentence's first verb
        subject = subject_at_end(before[at : first.start()])
        if subject is not None and subject.kind in ("pronoun", "name"):
            return credit(d, subject, "medium", f"{why}, {subject.text}")
    opening = before[at:]
    m = NAME.match(opening)
    subject = as_name(m.group()) if m else None
    if subject is None or subject.kind != "name":
        return None
    return credit(d, subject, "medium", f"{why}, {subject.text}")


def nearest_name_before_verb(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """The nearest name before the reporting verb."""
    found = _last_verb_before(q)
    if found is None:
        return None
    v, subject_text = found
    for m in reversed(list(NAME.finditer(subject_text))):
        if m.group().split()[0].lower() in NOT_NAMES:
            continue
        subject = as_name(m.group())
        if subject is not None and subject.kind == "name":
            return credit(d, subject, "medium", f'"{subject.text}" is the nearest name before "{v.group()}"')
    return None


def sentence_opens_with_name(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """`Putin … “…”`: the name the sentence opens with (not in a headline's title case)."""
    opening = re.sub(r"^[-–—•*\s]+", "", q.before[:WINDOW])
    if title_case(q.sentence[:WINDOW]):
        return None
    m = NAME.match(opening)
    subject = as_name(m.group()) if m else None
    if subject is None or subject.kind != "name":
        return None
    return credit(d, subject, "medium", f'the sentence opens with "{subject.text}"')


def quote_paragraph_continues(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """A paragraph that is only a quote continues the previous speaker's quote."""
    if q.paragraph_starts_quote and d.last_quote_speaker:
        return Attribution(
            d.last_quote_speaker, "medium", "a quote paragraph continuing the previous speaker's quote"
        )
    return None


def quote_sentence_continues(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """A sentence that is only a quote continues the quote before it in the paragraph."""
    if not q.before.strip(' “"') and d.last_quote_speaker and d.same_paragraph:
        return Attribution(
            d.last_quote_speaker,
            "medium",
            "a quote sentence continuing the quote before it in the paragraph",
        )
    return None


def last_person_named(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """No attribution in the sentence: the last person named, with low confidence."""
    if d.last_person:
        return Attribution(
            d.last_person,
            "low",
            f"no attribution in the sentence: the last person named, {d.last_person.name}",
        )
    return None


def unknown_speaker(d: Reader, q: QuoteInSentence) -> Attribution | None:
    """Nothing says who: the unknown speaker, low (the quote is kept, to review)."""
    return Attribution(d.unknown(), "low", "no speaker found: fill it in")


#: Second-hand words: `Izvestia reported Grushko stating`, `The White House said Trump
#: told Putin`, `…, TASS quoted him as saying`: who passed the quote on, before its speaker.
PASSED_ON_BEFORE = re.compile(
    rf"(?:^|[,;]\s*|\b(?:and|but)\s+)([^,;“”\"]{{1,80}}?)\s+(?:{REPORTING}|reported|quoted|cited)"
    r"(?:\s+that)?\s*$"
)
PASSED_ON_AFTER = re.compile(
    r"^[^“”\"]{0,120}?\b(?:according to|per|(?:was |were )?quoted by|reported by|told by|citing"
    # `according to a report published by Reuters`
    r"|according to (?:a|an|the) (?:report|article|story|interview|dispatch)"
    r"(?: (?:published|aired|broadcast|carried))? (?:by|in|on|from))\s+"
    r"(?:the\s+)?((?:[A-Z][\w.’'\-]*\s*){1,4})"
    r"|^[^“”\"]{0,120}?[,;]\s*(?:the\s+)?((?:[A-Z][\w.’'\-]*\s*){1,4}?)\s*"
    r"(?:reported|quoted (?:him|her|them))\b"
)


def passed_on(q: QuoteInSentence, found: Attribution) -> str | None:
    """Who passed the quote on, where the sentence says so around its speaker."""
    before = q.before[-WINDOW:]
    # an anonymous source has no name to find before the quote; only `…, per the AP` after it
    speaker_words = [] if found.speaker.anonymous else found.speaker.name.split()
    if speaker_words:
        at = max(before.rfind(w) for w in speaker_words)
        if at > 0:
            m = PASSED_ON_BEFORE.search(before[:at])
            if m:
                subject = subject_at_end(m.group(1))
                if subject is not None and subject.kind == "name" and subject.text not in found.speaker.name:
                    return subject.text
    m = PASSED_ON_AFTER.match(q.after[:WINDOW])
    if m:
        name = without_days(m.group(1) or m.group(2) or "")
        subject = as_name(name) if name else None
        if subject is not None and subject.kind == "name" and subject.text not in found.speaker.name:
            return subject.text
    return None


#: The rules, in the order they are tried.
RULES: list[Rule] = [
    label_before_quote,
    quoted_as_saying,
    sources_an_outlet_cites,
    reporting_verb_after_quote,
    attribution_after_the_last_quote,
    reported_stating_after_quote,
    according_to,
    outer_reporting_verb,
    pronoun_before_verb,
    name_before_verb,
    clause_subject_before_verb,
    subject_of_speech_act,
    participle_takes_the_sentence_subject,
    nearest_name_before_verb,
    sentence_opens_with_name,
    quote_paragraph_continues,
    quote_sentence_continues,
    last_person_named,
    unknown_speaker,
]


def attribute(d: Reader, q: QuoteInSentence, rules: list[Rule] = RULES) -> Attribution | None:
    """The first rule's answer (None when no rule finds a speaker), with who passed the
    words on where the sentence says so (second-hand: medium at most)."""
    for rule in rules:
        found = rule(d, q)
        if found is not None:
            via = found.via or passed_on(q, found)
            if via:
                confidence = "medium" if found.confidence == "high" else found.confidence
                return found._replace(confidence=confidence, via=via, why=f"{found.why}; via {via}")
            return found
    return None
