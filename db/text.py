"""Text normalisation at load time, and the keys used to match names and aliases."""

from __future__ import annotations

import re
import unicodedata

#: Invisible characters that split a word without showing (search and verbatim checks
#: would miss the word): zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator.
ZERO_WIDTH = "\u200b\u2060\ufeff\u00ad\u180e"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def normalize(text: str) -> tuple[str, list[str]]:
    """NFC-normalise `text`, unify line ends and drop zero-width characters.

    Returns the text and what was changed (for a warning), empty when nothing was.
    """
    changes = []
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _ZERO_WIDTH_RE.search(text):
        text = _ZERO_WIDTH_RE.sub("", text)
        changes.append("zero-width characters removed")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        changes.append("normalised to NFC")
    return text, changes


def surrogate_at(text: str) -> int | None:
    """The index of the first unpaired surrogate in `text` (not storable as UTF-8), or None."""
    match = _SURROGATE_RE.search(text)
    return match.start() if match else None


def name_key(name: str) -> str:
    """A key for matching a typed name against ids, names and aliases:
    case, accents, dots and hyphens ignored ('U.S.' = 'us', 'Zelenskyy' stays distinct)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold().replace(".", "")
    return " ".join(re.sub(r"[\s_\-–—]+", " ", folded).split())
