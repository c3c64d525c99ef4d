"""Turn anything a user types into a safe FTS5 query, and find the matched words again.

Each typed token keeps only its word characters and becomes a quoted phrase (so `"`, `AND`,
`NEAR(`, `*`, `:`, `^`, `(` are plain text); hyphenated and dotted words become phrases
("cease-fire" finds "cease-fire" and "cease fire"; "U.N." finds "U.N."); the last token
as one types (three letters or more: "UK" is the word UK, not the start of Ukraine), a
token typed with a trailing `*` (two letters or more), and runs of CJK script (indexed as
one long token) are prefix searches. Nothing is run for a query with no words.

A token `@NAME` is not a word to find but a speaker (`split_speakers`); `text_matches`
tells whether a text holds every term the way FTS5 would find them, for a speaker's own
quotes read without the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

#: At most this many tokens reach FTS5: a bounded query, whatever is pasted in.
MAX_TOKENS = 12
MAX_WORD_CHARS = 64
#: The shortest last word typed that is searched as the start of longer words: shorter
#: ones ("UK", "EU", "US") are words in their own right, and as prefixes they are swamped
#: ("uk" begins every "Ukraine"). A trailing `*` makes a two-letter word a prefix anyway.
MIN_PREFIX = 3

_WORD = r"[^\W_]+"
_CJK = r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]"


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compiled when first searched, not when the app starts."""
    return re.compile(pattern)


class Term(NamedTuple):
    words: tuple[str, ...]
    prefix: bool


class FtsQuery(NamedTuple):
    match: str
    terms: tuple[Term, ...]


def build_query(text: str, prefix_last: bool = True) -> FtsQuery | None:
    """The FTS5 MATCH expression for `text`, or None if it holds no searchable word.

    `prefix_last`: the last word is a prefix unless followed by a space (search as you
    type); without it, only words typed with a trailing `*` are prefixes."""
    terms: list[Term] = []
    tokens = text.split()
    for n, token in enumerate(tokens):
        words = tuple(w[:MAX_WORD_CHARS] for w in _regex(_WORD).findall(token))
        if not words:
            continue
        last = prefix_last and n == len(tokens) - 1 and not text[-1:].isspace()
        # a one-letter prefix would merge the postings of a good share of the vocabulary
        # (the index keeps prefixes of 2 to 4 letters): it matches the letter as a word
        prefix = (
            (last and len(words[-1]) >= MIN_PREFIX)
            or (token.endswith("*") and len(words[-1]) >= 2)
            or bool(_regex(_CJK).search(words[-1]))
        )
        terms.append(Term(words, prefix))
        if len(terms) == MAX_TOKENS:
            break
    if not terms:
        return None
    return FtsQuery(match_of(terms), tuple(terms))


def match_of(terms: tuple[Term, ...] | list[Term]) -> str:
    """The FTS5 MATCH expression for these terms: each a quoted phrase, a prefix marked."""
    parts = []
    for term in terms:
        phrase = '"' + " ".join(term.words) + '"'
        parts.append(phrase + " *" if term.prefix else phrase)
    return " ".join(parts)


class Speaker(NamedTuple):
    """A speaker a search is limited to: `@NAME` as typed."""

    #: What follows the @, as typed (its word characters, hyphens and dots kept).
    typed: str
    #: Whether NAME may be the start of a name (the last token, as one types).
    prefix: bool


def split_speakers(text: str, prefix_last: bool = True) -> tuple[str, tuple[Speaker, ...]]:
    """The text without its `@NAME` tokens, and the speakers they name. NAME is an id, a
    name or an alias with its words joined by `-` or `_` (`@grushko`, `@vladimir-putin`);
    an `@` with no word after it is nothing."""
    kept: list[str] = []
    speakers: list[Speaker] = []
    tokens = text.split()
    for n, token in enumerate(tokens):
        if not token.startswith("@"):
            kept.append(token)
            continue
        name = token.lstrip("@")
        if _regex(_WORD).search(name) and len(speakers) < MAX_TOKENS:
            last = prefix_last and n == len(tokens) - 1 and not text[-1:].isspace()
            speakers.append(Speaker(name[: MAX_WORD_CHARS * 2], last))
    rest = " ".join(kept)
    if kept and (text[-1:].isspace() or tokens[-1].startswith("@")):
        rest += " "  # the last word was finished (a space or a speaker after it): not a prefix
    return rest, tuple(speakers)


def _fold(text: str) -> str:
    """As FTS5's unicode61 tokenizer compares: case and diacritics folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def text_matches(text: str, terms: tuple[Term, ...]) -> bool:
    """Whether `text` holds every term (its words in a row, the last begun when a prefix),
    as the full-text index would find it."""
    tokens = _regex(_WORD).findall(_fold(text))
    for term in terms:
        words = [_fold(w) for w in term.words]
        n, last = len(words), len(words) - 1
        found = False
        for i in range(len(tokens) - n + 1):
            if all(
                tokens[i + j] == w or ((term.prefix and j == last) and tokens[i + j].startswith(w))
                for j, w in enumerate(words)
            ):
                found = True
                break
        if not found:
            return False
    return True


def match_spans(text: str, terms: tuple[Term, ...]) -> tuple[tuple[int, int], ...]:
    """Where the searched words occur in `text` (case-insensitive, at word starts)."""
    patterns = []
    for term in terms:
        for i, word in enumerate(term.words):
            is_prefix = (term.prefix and i == len(term.words) - 1) or bool(_regex(_CJK).search(word))
            patterns.append(re.escape(word) + (r"\w*" if is_prefix else r"(?!\w)"))
    if not patterns:
        return ()
    regex = re.compile(
        r"(?<![^\W_])(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")", re.IGNORECASE
    )
    return tuple(m.span() for m in regex.finditer(text) if m.end() > m.start())
