"""Seeing a view as it stood on a day: `[` and `]` step back and forth through the dates
on which anything in it changed, the date always in the title."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content

from ...db.wording import short_date


def step_day(dates: Sequence[str], as_of: str | None, step: int) -> str | None:
    """The day one step earlier (-1) or later (+1) than `as_of` (None: now) among `dates`
    (in order). Now is the view as of the last date, so the first step back is the date
    before it; a step past the last date is now again. At either end, the same day."""
    if not dates:
        return None
    index = (
        len(dates) - 1 if as_of is None else max((i for i, d in enumerate(dates) if d <= as_of), default=0)
    )
    target = min(max(index + step, 0), len(dates) - 1)
    return None if target == len(dates) - 1 else dates[target]


#: One footer entry for the pair ("[ ] Day"): two would not fit beside a screen's own
#: keys at 80 columns. Help lists both.
BINDINGS = [
    Binding(
        "left_square_bracket",
        "as_of(-1)",
        "Day",
        key_display="[ ]",
        tooltip="Earlier day (the view as it stood)",
        id="as-of-earlier",
    ),
    Binding("right_square_bracket", "as_of(1)", "Later day", show=False, id="as-of-later"),
]


class AsOf:
    """A screen that can be seen as of a day: `as_of` (None: now), `dates()` the days on
    which its view changed, `show_as_of()` to draw it again."""

    as_of: str | None = None

    def dates(self) -> list[str]:
        raise NotImplementedError

    def show_as_of(self) -> None:
        raise NotImplementedError

    def as_of_label(self) -> Content:
        """For the title: which day the view stands at."""
        if self.as_of is None:
            return Content.styled("current", "bold")
        return Content.styled(f"as of {short_date(self.as_of)}", "bold reverse")

    def action_as_of(self, step: int) -> None:
        dates = self.dates()
        day = step_day(dates, self.as_of, step)
        if not dates:
            self.notify("No dated positions here: nothing to step through.", markup=False)  # type: ignore[attr-defined]
            return
        if day == self.as_of:
            end = "the earliest date" if step < 0 else "now"
            self.notify(f"Already at {end}.", markup=False, timeout=2)  # type: ignore[attr-defined]
            return
        self.as_of = day
        self.show_as_of()
        said = "now (every position current)" if day is None else f"as it stood on {short_date(day)}"
        self.notify(f"Showing {said}; [ earlier, ] later.", markup=False, timeout=2)  # type: ignore[attr-defined]
