"""Wrapped lines hang: a line that wraps goes on indented, the rest of the text kept whole."""

from __future__ import annotations

from textual.content import Content

from ceasefire_tui.tui.render.hanging import Hanging


def test_a_wrapped_line_goes_on_indented_beyond_its_own_indent():
    text = Content("▲ supports +1  Peacekeepers after a ceasefire\n   Ready to deploy peacekeepers if asked")
    lines = [str(line) for line in Hanging(text).lines(24)]
    assert lines == [
        "▲ supports +1",
        "  Peacekeepers after a",
        "  ceasefire",
        "   Ready to deploy",
        "     peacekeepers if",
        "     asked",
    ]


def test_short_lines_and_styles_are_kept():
    text = Content.assemble(("bold", "bold"), " words\n\n  next")
    hanging = Hanging(text)
    assert [str(line) for line in hanging.lines(40)] == ["bold words", "", "  next"]
    assert hanging.lines(40)[0].spans[0].style == "bold"
    assert str(hanging) == "bold words\n\n  next"
