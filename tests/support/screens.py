"""What a screen shows, as plain text: what a user reads (for Pilot tests)."""

from __future__ import annotations


def option_texts(option_list) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text (what a user reads)."""
    from textual.widgets import DataTable, OptionList, Static

    from ceasefire_tui.tui.widgets.actor_list import ActorList

    screen = app.screen
    parts = []
    for al in screen.query(ActorList):
        parts.extend(al.lines())
    for w in screen.query(Static):
        parts.append(str(w.render()))
    for ol in screen.query(OptionList):
        parts.extend(option_texts(ol))
    for dt in screen.query(DataTable):
        for col in dt.columns.values():
            parts.append(str(col.label))
        for r in range(dt.row_count):
            parts.extend(str(c) for c in dt.get_row_at(r))
    return "\n".join(parts)
