"""The drafter's memory while it reads an article: the last person named, the last
speaker quoted, names met in full; and the venue and day of a sentence."""

from __future__ import annotations

import re
from datetime import date

from .cast import Cast, Speaker
from .patterns import (
    BOUNDARY,
    CONTEXT_CHARS,
    DATE_PHRASE,
    DEMONYMS,
    DOCUMENT_WORD,
    ISSUED_AFTER,
    ISSUED_BEFORE,
    ISSUED_POSSESSIVE,
    LEADING_WORD,
    NAME,
    NAME_UNIT,
    NAME_UNITS,
    OFFICE_AFTER,
    OFFICE_OF,
    PLACES,
    TITLE_WORDS,
    VENUES,
)
from .rules import Attribution, QuoteInSentence, attribute
from .sentences import outside_quotes, resolve_date, resolve_day, tied_to_verb
from .subjects import SOURCE_LINE, WINDOW, Subject, as_name, body_kind, subject_at_end


class Drafter:
    def __init__(self, text: str, cast: Cast, published: date | None):
        self.text = text
        self.cast = cast
        self.published = published
        self.last_person: Speaker | None = None
        self.last_quote_speaker: Speaker | None = None
        #: Whether the last quote was in the paragraph being read.
        self.same_paragraph = False
        #: The body whose statement or readout the article last named.
        self.last_issuer: Speaker | None = None
        #: The body last quoted ("the group added").
        self.last_body: Speaker | None = None
        #: The speaker a `Source:` line named, for the `Quote:` under it.
        self.last_source: Speaker | None = None
        #: For full_name: each name word after a run's first, by its leading letters, with
        #: (the run's number, where the run starts, where the word does); and the answers.
        self._runs: dict[str, list[tuple[int, int, int]]] | None = None
        self._full_names: dict[str, str | None] = {}
        #: The venue and day of the sentence last asked about (all its quotes share them).
        self._said_at: tuple[str, str | None, tuple[str | None, str | None]] | None = None

    # --- names ---------------------------------------------------------------------------

    def speaker(self, name: str) -> tuple[Speaker, str]:
        """The speaker a name refers to and the title before it: a known actor, or a new
        one proposed (a body's name kept whole, a title split off)."""
        name = re.sub(r"[’']s$", "", name)
        subject = as_name(name)
        if subject is not None and subject.kind == "name":
            sp = self.resolve(subject)
            if sp is not None:
                return sp, subject.title
        known = self.cast.find(name)
        if known:
            return known
        words = name.split()
        title = []
        while len(words) > 1 and words[0].lower().rstrip(",") in TITLE_WORDS:
            title.append(words.pop(0))
        return self.cast.propose(" ".join(words), " ".join(title)), " ".join(title)

    def resolve(self, subject: Subject) -> Speaker | None:
        """The speaker a subject names: a known actor, a new person or body, an anonymous
        source of its side; None for a pronoun, a document or a role no actor holds."""
        if subject.kind == "anonymous":
            return self.anonymous(subject)
        if subject.kind == "role":
            return self.cast.by_role(subject.title or subject.text)
        if subject.kind != "name":
            return None
        name = subject.text
        found = self.cast.find(name)
        if found is None and subject.title:
            found = self.cast.find(f"{subject.title} {name}")
        if found:
            return found[0]
        if subject.body:
            return self.cast.propose(name, "", kind=body_kind(name))
        if name.lower() in PLACES:
            return self.cast.propose(name, "", kind="state")
        if len(name.split()) == 1:
            # named in full once, then by surname: "Ingrid Solberg … Solberg said"
            full = self.full_name(name)
            if full:
                whole = as_name(full)
                if whole is not None and whole.kind == "name":
                    found = self.cast.find(whole.text)
                    if found:
                        return found[0]
                    return self.cast.propose(whole.text, whole.title or subject.title)
        return self.cast.propose(name, subject.title)

    def anonymous(self, subject: Subject) -> Speaker:
        """An anonymous source of the side its words name ("a senior Israeli official":
        Israel's), one actor per side and noun."""
        side: Speaker | None = None
        qualifier = subject.title
        for m in NAME.finditer(qualifier):
            words = m.group().split()
            for i in range(len(words)):
                phrase = " ".join(words[i:])
                found = self.cast.find(DEMONYMS.get(phrase.lower(), phrase))
                if found:
                    side = found[0]
                    break
            if side:
                break
        return self.cast.anonymous(subject.text, qualifier, side)

    def unknown(self) -> Speaker:
        return self.cast.unknown()

    def full_name(self, word: str) -> str | None:
        """The first run of names in the text that holds `word` after its first name, up
        to the last place it does: what `(?:NAME\\s+)+word\\b` finds, from an index of the
        text's runs of names made once (a search of the whole text for each surname
        would make drafting quadratic)."""
        if word in self._full_names:
            return self._full_names[word]
        if self._runs is None:
            self._runs = {}
            for n, run in enumerate(NAME_UNITS.finditer(self.text)):
                at = run.start()
                while at < run.end():  # after each name (and its spaces) of the run
                    unit = NAME_UNIT.match(self.text, at)
                    if unit is None:
                        break
                    at = unit.end()
                    lead = LEADING_WORD.match(self.text, at)
                    if lead:
                        self._runs.setdefault(lead.group(), []).append((n, run.start(), at))
        lead = LEADING_WORD.match(word)
        found = None
        for n, start, at in self._runs.get(lead.group() if lead else "", ()):
            if found is not None and n != found[0]:
                break
            end = at + len(word)
            if self.text.startswith(word, at) and BOUNDARY.match(self.text, end):
                found = (n, start, end)
        self._full_names[word] = None if found is None else self.text[found[1] : found[2]]
        return self._full_names[word]

    def remember(self, sp: Speaker) -> None:
        if sp.person:
            self.last_person = sp
        elif not sp.anonymous:
            self.last_body = sp

    # --- attribution of one quote ----------------------------------------------------------

    def attribute_in(
        self, sentence: str, q_start: int, q_end: int, paragraph_starts_quote: bool
    ) -> Attribution | None:
        """(speaker, confidence, why) for the quote at sentence[q_start:q_end], by the
        first of `RULES` that finds one, reading at most CONTEXT_CHARS of the sentence
        on either side of the quote (all of it, in any sentence of news)."""
        lo = max(0, q_start - CONTEXT_CHARS)
        hi = min(len(sentence), q_end + CONTEXT_CHARS)
        if (lo, hi) != (0, len(sentence)):
            sentence, q_start, q_end = sentence[lo:hi], q_start - lo, q_end - lo
        return attribute(self, QuoteInSentence(sentence, q_start, q_end, paragraph_starts_quote))

    def said_at(self, sentence: str) -> tuple[str | None, tuple[str | None, str | None]]:
        """The sentence's venue and day; asked once for each of its quotes, found once."""
        if self._said_at is None or self._said_at[0] is not sentence:
            self._said_at = (sentence, self.venue(sentence), self.day(sentence))
        return self._said_at[1], self._said_at[2]

    def venue(self, sentence: str) -> str | None:
        sentence = outside_quotes(sentence)
        for pattern in VENUES:
            m = pattern.search(sentence)
            if m:
                text = m.group(0)
                text = re.sub(r"^(?:in|during|on|to|at) (?:an? |the )?", "", text)
                text = re.sub(r"^extensive ", "", text)
                if pattern is VENUES[1]:
                    return f"interview with {m.group(1)}"
                return text
        return None

    def day(self, sentence: str) -> tuple[str | None, str | None]:
        """The day the sentence says its words were said, and the phrase that says it:
        a weekday or a date ("March 16", "16 March") tied to the reporting verb ("said on
        Thursday", "On March 16, Grushko told"), never a day the words look ahead to
        ("goes into effect on Sunday"), nor one after the article's date. A day not tied
        to a verb is given back as the phrase only (noted, not dated)."""
        outside = outside_quotes(sentence)[: CONTEXT_CHARS * 2]
        first = None
        for m in DATE_PHRASE.finditer(outside):
            first = first or m
            if not tied_to_verb(outside, m.start(), m.end()):
                continue
            return self.resolve_date(m), m.group(0)
        if first is None:
            return None, None
        return None, first.group(0)

    def resolve_date(self, m: re.Match[str]) -> str | None:
        if self.published is None:
            return None
        if m.group("weekday"):
            return resolve_day(m.group("weekday"), m.group("when"), self.published)
        month = m.group("month") or m.group("month2")
        day = m.group("day") or m.group("day2")
        year = m.group("year") or m.group("year2")
        return resolve_date(month, int(day), int(year) if year else None, self.published)

    # --- statements and readouts -----------------------------------------------------------

    def note_issuer(self, sentence: str) -> None:
        """Remember the body whose statement or readout the sentence names ("The Kremlin
        issued a statement", "a readout from the White House"), for a later "the
        statement said"; and the speaker a `Source:` line names."""
        outside = outside_quotes(sentence)[: CONTEXT_CHARS * 2]
        source = SOURCE_LINE.match(outside[:WINDOW])
        if source:
            m = NAME.search(source.group(1))
            subject = as_name(m.group()) if m else None
            if subject is not None and subject.kind == "name":
                self.last_source = self.resolve(subject)
                if self.last_source is not None:
                    self.remember(self.last_source)
        for n, doc in enumerate(DOCUMENT_WORD.finditer(outside)):
            if n == 3:  # a sentence names few; a hostile one many
                return
            before = outside[max(0, doc.start() - 120) : doc.start()]
            phrase = None
            tail = ISSUED_BEFORE.search(before) or ISSUED_POSSESSIVE.search(before)
            if tail:
                phrase = before[: tail.start()]
                office = OFFICE_OF.search(phrase)
                if office:
                    # "Netanyahu’s office released a statement": the office
                    name = " ".join(office.group().split())
                    known = self.cast.find(name)
                    self.last_issuer = known[0] if known else self.cast.propose(name, "", kind="government")
                    return
            else:
                after = ISSUED_AFTER.match(outside, doc.end())
                phrase = after.group(1) if after else None
                office = OFFICE_AFTER.match(outside, after.end()) if after else None
                if phrase and office and re.search(r"[’']s\s*$", phrase):
                    # "a statement from Prime Minister Benjamin Netanyahu’s office": the office
                    name = f"{phrase.strip()} {office.group(1)}"
                    known = self.cast.find(name)
                    self.last_issuer = known[0] if known else self.cast.propose(name, "", kind="government")
                    return
            subject = subject_at_end(phrase) if phrase else None
            if subject is not None and subject.kind == "name":
                sp = self.resolve(subject)
                if sp is not None:
                    self.last_issuer = sp
                    return
