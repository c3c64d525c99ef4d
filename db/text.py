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


#: Characters a terminal acts on or that reorder text (C0 but tab and newline, DEL, C1, the
#: bidi controls, the Unicode line and paragraph separators): escaped in JSON and YAML output.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
RISKY = ("".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A))
         + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0)) + _BIDI + "\u2028\u2029")
_RISKY_RE = re.compile(f"[{re.escape(RISKY)}]")


def has_risky(text: str) -> bool:
    return _RISKY_RE.search(text) is not None


def escape_risky(text: str) -> str:
    """`text` of JSON, or YAML whose strings holding RISKY characters are double-quoted, with
    every RISKY character written as a \\uXXXX escape: the same data, nothing raw on a
    terminal (both formats read the escape back as the character)."""
    return _RISKY_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
