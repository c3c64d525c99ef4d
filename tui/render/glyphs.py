"""How stances and relations look: a glyph and a word always, colour only as a bonus."""

from __future__ import annotations

from ...db.models import STANCE_WORDS

STANCE_GLYPHS = {2: "▲▲", 1: "▲", 0: "◆", -1: "▼", -2: "▼▼", None: "·"}
STANCE_STYLES = {
    2: "bold $text-success",
    1: "$text-success",
    0: "$text-warning",
    -1: "$text-error",
    -2: "bold $text-error",
    None: "dim",
}
RELATION_GLYPHS = {
    "conflict": "✗",
    "agreement": "✓",
    "partial": "≈",
    "one-sided": "·",
    "assessment": "?",
    "silent": " ",
}
RELATION_STYLES = {
    "conflict": "bold $text-error",
    "agreement": "$text-success",
    "partial": "$text-warning",
    "one-sided": "dim",
    "assessment": "dim italic",
    "silent": "dim",
}
#: The same, as Rich styles for table cells (Rich Text, where theme variables do not
#: apply): the terminal's own ANSI colours.
RICH_STANCE_STYLES = {2: "bold green", 1: "green", 0: "yellow", -1: "red", -2: "bold red", None: "dim"}
RICH_RELATION_STYLES = {
    "conflict": "bold red",
    "agreement": "green",
    "partial": "yellow",
    "one-sided": "dim",
    "assessment": "dim italic",
    "silent": "dim",
}
MARK = "●"
UNSURE = "?"


def stance_label(stance: int | None, width: int = 2) -> str:
    """'▲▲ insists', '▼ opposes', '· silent' — glyph padded to `width`, then the word."""
    word = "silent" if stance is None else STANCE_WORDS[stance]
    return f"{STANCE_GLYPHS[stance]:<{width}} {word}"


def signed(stance: int | None) -> str:
    return "" if stance is None else f"{stance:+d}"


def short_name(name: str, kind: str) -> str:
    """A person's surname (the last word of the name); a body's whole name."""
    words = name.split()
    return words[-1] if kind == "person" and words else name


def relation_label(relation: str) -> str:
    return f"{RELATION_GLYPHS[relation]} {relation}"
