"""The one display path for dossier text: every string from a dossier reaches the terminal
through here, as data and never as markup, with no control character left in it.

`clean` works on plain strings (the CLI uses it too); `content` and `highlighted` give
Textual `Content` objects, which widgets never parse as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Bidirectional controls: dropped (they reorder text on bidi-aware terminals: Trojan Source).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Emoji presentation modifiers that terminals disagree on the width of (misaligned columns).
_WIDTH_TRAPS = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"

_TABLE: dict[int, str | None] = {}
for _code in range(0x20):
    _TABLE[_code] = chr(0x2400 + _code)  # C0 controls as visible symbols: ␀ … ␛ …
_TABLE[0x7F] = "\u2421"  # ␡
for _code in range(0x80, 0xA0):
    _TABLE[_code] = "\ufffd"  # C1 controls (8-bit CSI, OSC …) as �
for _ch in BIDI:
    _TABLE[ord(_ch)] = None
for _code in range(0xD800, 0xE000):
    _TABLE[_code] = "\ufffd"
_TABLE[0x09] = " "  # a tab is spacing, not a control worth showing
_TABLE[0x2028] = "\n"
_TABLE[0x2029] = "\n"

_MULTILINE = dict(_TABLE)
_MULTILINE[0x0A] = "\n"
_MULTILINE[0x0D] = "\n"

_ONELINE = dict(_TABLE)
_ONELINE[0x0A] = " "
_ONELINE[0x0D] = " "
_ONELINE[0x2028] = " "
_ONELINE[0x2029] = " "
for _ch in _WIDTH_TRAPS:
    _ONELINE[ord(_ch)] = None

#: Longest text shown on one line of a list or table; the full text is one key away.
ONELINE_LIMIT = 400


def clean(text: str | None, oneline: bool = False, limit: int | None = None) -> str:
    """`text` made safe for a terminal: controls shown as symbols, bidi controls dropped.

    `oneline` also folds line breaks into spaces (for table cells and list rows) and
    truncates to `limit` characters (default ONELINE_LIMIT) with an ellipsis.
    """
    if not text:
        return ""
    if oneline:
        if limit is None:
            limit = ONELINE_LIMIT
        if len(text) > limit * 2:
            text = text[: limit * 2]  # do not translate a megabyte to show a line of it
        text = text.replace("\r\n", " ").translate(_ONELINE)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    text = text.replace("\r\n", "\n").translate(_MULTILINE)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def content(
    text: str | None, style: str = "", oneline: bool = False, limit: int | None = None, empty: str = "(empty)"
):
    """A Textual Content of dossier text: literal, cleaned, optionally styled."""
    from textual.content import Content

    shown = clean(text, oneline=oneline, limit=limit)
    if not shown:
        return Content(empty).stylize("italic dim") if empty else Content("")
    result = Content(shown)
    return result.stylize(style) if style else result


def highlighted(
    text: str, spans: Iterable[tuple[int, int]], style: str = "reverse", oneline: bool = False, base: str = ""
):
    """Dossier text with the given character spans of the *original* text styled.

    Each piece is cleaned on its own, so cleaning can change lengths without moving
    the highlights.
    """
    from textual.content import Content

    pieces = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or end <= start:
            continue
        pieces.append(Content(clean(text[pos:start], oneline=oneline, limit=10**9)))
        pieces.append(Content(clean(text[start:end], oneline=oneline, limit=10**9)).stylize(style))
        pos = end
    pieces.append(Content(clean(text[pos:], oneline=oneline, limit=10**9)))
    result = Content.assemble(*pieces)
    return result.stylize(base) if base else result


_TYPED: dict[int, str | None] = {code: " " for code in list(range(0x20)) + list(range(0x7F, 0xA0))}
_TYPED.update({ord(ch): None for ch in BIDI})


def typed(text: str, limit: int = 500) -> str:
    """What a user typed or pasted into a text box, with controls made spaces and bidi
    controls dropped (a pasted quote may carry escape sequences too)."""
    return text.translate(_TYPED)[:limit]


def plain(*parts: str | None) -> str:
    """Join parts (some from a dossier) into one cleaned line."""
    return clean(" ".join(p for p in parts if p), oneline=True)
