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
    # zero-width characters first: one between CR and LF ('\r\ufeff\n') would otherwise
    # leave a CRLF behind for the next normalisation to change (not idempotent)
    if _ZERO_WIDTH_RE.search(text):
        text = _ZERO_WIDTH_RE.sub("", text)
        changes.append("zero-width characters removed")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
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


#: Characters JSON and YAML output (a draft, a dump, --format json) never writes raw
#: (YAML refuses or folds them, terminals act on them,
#: they reorder or hide text): C0 but tab and line feed, DEL, C1 (NEL, CSI…), the line and
#: paragraph separators, bidi controls, BOM and the non-characters U+FFFE and U+FFFF.
RISKY = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ufffe\uffff]"
)


def has_risky(text: str) -> bool:
    return RISKY.search(text) is not None


def escape_risky(text: str) -> str:
    """`text` with each risky character written as a `\\uXXXX` escape: inside a JSON (or
    YAML double-quoted) string it reads back as the character itself."""
    return RISKY.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def decode_text(raw: bytes) -> str:
    """The text of a file: UTF-8 (a BOM allowed), or UTF-16 little- or big-endian, told by
    its BOM or, without one, by where its NUL bytes fall (text in UTF-16 mostly has one in
    every pair). Raises UnicodeDecodeError when it is neither."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if len(raw) >= 2 and len(raw) % 2 == 0 and b"\0" in raw:
        pairs = len(raw) // 2
        odd, even = raw[1::2].count(0), raw[0::2].count(0)
        if odd * 2 > pairs and even * 4 < pairs:
            return raw.decode("utf-16-le")
        if even * 2 > pairs and odd * 4 < pairs:
            return raw.decode("utf-16-be")
    return raw.decode("utf-8")
