"""Sentences of a paragraph, quotes kept whole; the name that ends or opens a phrase;
the date a weekday names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .patterns import (
    ABBREVIATION,
    DAYS,
    NAME,
    NOT_NAMES,
    NOT_WHEN_SAID,
    QUOTE_PAIRS,
    REPORTING,
    VERB,
    last_match,
)

#: After a quote ending in `.`, `!` or `?`: words that attribute it, so the sentence goes
#: on (`“… Thank you!” Trump wrote`); a few words at most, so the look stays bounded.
ATTRIBUTION_NEXT = re.compile(
    r" (?!(?:He|She|They|It|We|I|You) )"
    rf"(?:(?:[A-Z][\w.’'\-]*|the|a|an|senior|[a-z]+ (?:official|source)s?) ){{1,5}}"
    rf"(?:{REPORTING})\b"
    rf"| (?:{REPORTING}) (?:[A-Z][\w.’'\-]*|the|a|an)\b"
)


#: How far past a tag's verb the splitter looks for a quote the tag leads to.
TAG_REACH = 200


def tags_the_quote_before(paragraph: str, start: int) -> bool:
    """Whether the words at `start`, after a quote that ends in `.`, `!` or `?`, are its tag
    (`“We won!” Trump wrote`, `… Trump wrote, “and …”`), not the next sentence's subject and
    verb leading to a quote of their own (`“….” Witkoff said the talks opened “…”`)."""
    m = ATTRIBUTION_NEXT.match(paragraph, start)
    if m is None:
        return False
    rest = paragraph[m.end() : m.end() + TAG_REACH]
    end = re.search(r"[.!?](?:\s|$)", rest)
    mark = re.search(r"[“\"]", rest[: end.start()] if end else rest)
    return mark is None or rest[: mark.start()].rstrip()[-1:] in ("", ",", ":")


#: The only characters the splitter acts on.
SPECIAL = re.compile(r'["“”.!?]')


def split_sentences(paragraph: str, base: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph, quotes kept whole."""
    spans = []
    start = 0
    depth = 0
    straight = False  # inside "…"
    i = 0
    n = len(paragraph)
    while i < n:
        special = SPECIAL.search(paragraph, i)  # skip to the next mark that matters
        if special is None:
            break
        i = special.start()
        ch = paragraph[i]
        if ch == '"':
            straight = not straight
            if (
                not straight
                and i > 0
                and paragraph[i - 1] in ".!?"
                and i + 2 < n
                and paragraph[i + 1] == " "
                and (paragraph[i + 2].isupper() or paragraph[i + 2] == '"')
                and not tags_the_quote_before(paragraph, i + 1)
            ):
                spans.append((base + start, base + i + 1))
                start = i + 2
                i += 2
                continue
        elif ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
            ends = i > 0 and paragraph[i - 1] in ".!?"
            if (
                depth == 0
                and ends
                and i + 2 < n
                and paragraph[i + 1] == " "
                and (paragraph[i + 2].isupper() or paragraph[i + 2] == "“")
                and not tags_the_quote_before(paragraph, i + 1)
            ):
                spans.append((base + start, base + i + 1))
                start = i + 2
                i += 2
                continue
        elif ch in ".!?" and depth == 0 and not straight:
            j = i + 1
            while j < n and paragraph[j] in '”"’)':
                j += 1
            prev = paragraph[max(0, i - 3) : i]
            # the longest abbreviation is 3 characters; one more for its \b
            abbreviation = ABBREVIATION.search(paragraph[max(0, i - 4) : i])
            if (
                j >= n
                or paragraph[j] == " "
                and j + 1 < n
                and (paragraph[j + 1].isupper() or paragraph[j + 1] in '“"')
            ) and not (abbreviation and len(prev) and ch == "."):
                spans.append((base + start, base + j))
                start = j + 1 if j < n else j
                i = j
                continue
        i += 1
    if start < n and paragraph[start:].strip():
        spans.append((base + start, base + n))
    return spans


def resolve_day(word: str, when: str | None, published: date | None) -> str | None:
    if published is None:
        return None
    target = DAYS.index(word.lower())
    delta = (published.weekday() - target) % 7
    if when == "last" and delta == 0:
        delta = 7
    if when == "next":
        return None  # a future day: not when it was said
    return (published - timedelta(days=delta)).isoformat()


MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("january", "jan."),
            ("february", "feb."),
            ("march",),
            ("april",),
            ("may",),
            ("june",),
            ("july",),
            ("august", "aug."),
            ("september", "sept.", "sep."),
            ("october", "oct."),
            ("november", "nov."),
            ("december", "dec."),
        ),
        1,
    )
    for m in names
}


def resolve_date(month: str, day: int, year: int | None, published: date) -> str | None:
    """A date the article gives ("March 16"): in the article's year, or the year before
    when that would be after the article; None if not a date or after the article."""
    try:
        when = date(year or published.year, MONTHS[month.lower()], day)
        if year is None and when > published:
            when = date(published.year - 1, MONTHS[month.lower()], day)
    except (KeyError, ValueError):
        return None
    return when.isoformat() if when <= published else None


def tied_to_verb(outside: str, start: int, end: int) -> bool:
    """Whether the day at outside[start:end] says when the sentence's words were said:
    right after its reporting verb ("said on Thursday", "told reporters on Thursday"),
    right before it ("Putin on Thursday said"), or opening the sentence ("On March 16,
    Grushko told …"), with nothing between that makes it another event's day."""
    before = outside[max(0, start - 60) : start]
    verb = last_match(VERB, before)
    if verb is not None:
        between = before[verb.end() :]
        if len(between) <= 45 and not NOT_WHEN_SAID.search(between.lstrip(" ,")):
            return True
    after = outside[end : end + 60]
    verb = VERB.search(after)
    if verb is not None:
        between = after[: verb.start()]
        opens = not outside[:start].strip(" -–—•*")
        if (opens or len(between) <= 30) and not NOT_WHEN_SAID.search(between):
            return True
    return False


def title_case(text: str) -> bool:
    """A headline in title case ("Trump Touts ‘Historic’ Talks With Armenian, Azeri
    Leaders"): its runs of capitals are no names."""
    words = [w for w in text.split()[:30] if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: An opening mark where a closing one belongs: after a word or its punctuation, and before a
#: space, punctuation or the end (`“…,“ he said`, as Bernama copy often stores it). An
#: opening mark is never followed by a space or a comma (`“ There` is a stray space after one,
#: and follows a space itself).
MISUSED_OPENING = re.compile(r"(?<=[^\s“”\"‘’'])“(?=[\s,.;:!?)\]]|$)")


def mend_closing_marks(text: str) -> str:
    """The text as the quote finder reads it: an opening mark used to close a quotation read
    as the closing mark. Same length, so every offset stays that of the text itself."""
    return MISUSED_OPENING.sub("”", text)


def outside_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked: the reporter's words, not the speaker's."""
    return QUOTE_PAIRS.sub(lambda m: " " * len(m.group()), sentence)


def name_before(text: str) -> str | None:
    """The name (with any title) that ends `text`, e.g. '… British Prime Minister Keir Starmer'."""
    match = None
    for m in NAME.finditer(text):
        match = m
    if match is None or text[match.end() :].strip(" ,"):
        return None
    words = match.group().split()
    while words and words[0].lower() in NOT_NAMES:
        words = words[1:]
    return " ".join(words) or None


def name_after(text: str) -> str | None:
    m = NAME.match(text.lstrip())
    if m is None:
        return None
    words = m.group().split()
    if words and words[0].lower() in NOT_NAMES:
        return None
    return " ".join(words)
