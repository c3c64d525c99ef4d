"""The drafter's memory while it reads an article: the last person named, the last
speaker quoted, names met in full; and the venue and day of a sentence."""

from __future__ import annotations

import re
from datetime import date

from .cast import Cast, Speaker
from .patterns import (
    BOUNDARY,
    CONTEXT_CHARS,
    DAY,
    LEADING_WORD,
    NAME_UNIT,
    NAME_UNITS,
    TITLE_WORDS,
    VENUES,
)
from .rules import Attribution, QuoteInSentence, attribute
from .sentences import outside_quotes, resolve_day


class Drafter:
    def __init__(self, text: str, cast: Cast, published: date | None):
        self.text = text
        self.cast = cast
        self.published = published
        self.last_person: Speaker | None = None
        self.last_quote_speaker: Speaker | None = None
        #: Whether the last quote was in the paragraph being read.
        self.same_paragraph = False
        #: For full_name: each name word after a run's first, by its leading letters, with
        #: (the run's number, where the run starts, where the word does); and the answers.
        self._runs: dict[str, list[tuple[int, int, int]]] | None = None
        self._full_names: dict[str, str | None] = {}
        #: The venue and day of the sentence last asked about (all its quotes share them).
        self._said_at: tuple[str, str | None, tuple[str | None, str | None]] | None = None

    # --- names ---------------------------------------------------------------------------

    def speaker(self, name: str) -> tuple[Speaker, str]:
        name = re.sub(r"[’']s$", "", name)
        found = self.cast.find(name)
        if found:
            return found
        if len(name.split()) == 1:
            # named in full once, then by surname: "Ingrid Solberg … Solberg said"
            full = self.full_name(name)
            if full:
                name = full
                found = self.cast.find(name)
                if found:
                    return found
        words = name.split()
        title = []
        while len(words) > 1 and words[0].lower().rstrip(",") in TITLE_WORDS:
            title.append(words.pop(0))
        return self.cast.propose(" ".join(words), " ".join(title)), " ".join(title)

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
        m = DAY.search(outside_quotes(sentence))
        if not m:
            return None, None
        return resolve_day(m.group(2), m.group(1), self.published), m.group(0)
