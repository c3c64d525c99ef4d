"""Turn anything a user types into a safe FTS5 query, and find the matched words again.

Each typed token keeps only its word characters and becomes a quoted phrase (so `"`, `AND`,
`NEAR(`, `*`, `:`, `^`, `(` are plain text); hyphenated and dotted words become phrases
("cease-fire" finds "cease-fire" and "cease fire"; "U.N." finds "U.N."); the last token, a
token typed with a trailing `*` (two letters or more), and runs of CJK script (indexed as
one long token) are prefix searches. Nothing is run for a query with no words.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

#: At most this many tokens reach FTS5: a bounded query, whatever is pasted in.
MAX_TOKENS = 12
MAX_WORD_CHARS = 64

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
        prefix = ((last or token.endswith("*")) and len(words[-1]) >= 2) or bool(
            _regex(_CJK).search(words[-1])
        )
        terms.append(Term(words, prefix))
        if len(terms) == MAX_TOKENS:
            break
    if not terms:
        return None
    parts = []
    for term in terms:
        phrase = '"' + " ".join(term.words) + '"'
        parts.append(phrase + " *" if term.prefix else phrase)
    return FtsQuery(" ".join(parts), tuple(terms))


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
