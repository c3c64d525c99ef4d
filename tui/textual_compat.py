"""Every use of a Textual internal, in one place (Textual is pinned exactly in pyproject).

Each is here because no public API does the job; `tests/tui/test_textual_compat.py`
fails when an upgrade renames or reshapes one, so an upgrade starts by reading this file.

- `MessagePump._dispatch_message`: the one door every handler of a widget or screen runs
  through; a database fault raised there becomes the error screen (`tui/guard.py`).
- `App._handle_exception` and `App._exit`: where what did not come through a message (a
  timer's callback, a worker) ends up; guarded the same way, unless the app is exiting.
- `Widget._bindings`: a box's own bindings, run in the order keys were typed
  (textual#6605: an Input runs them only once the key has bubbled to the app).
- `Input._on_key`, `CommandInput`: the palette's box gets the same cleaning and key order
  as ours (it is built inside textual.command, out of reach of a subclass).
- `CommandPalette._GATHER_COMMANDS_GROUP`, `CommandPalette._select_or_command`: an enter
  typed before the palette's matches exist is kept and acted on once they do (the
  palette's own enter picks from the list it has, the matches of what was typed before).
- `App._notifications`, `App._unnotify`: news replaces news (three `f` presses show one
  message, not three stacked over the table being filtered); warnings and errors stay.
- `App._filters`: with NO_COLOR, our filter (attributes only) in place of Textual's,
  which writes greys.
- `App._driver`, `App._clipboard`: the clipboard sequence written as is (OSC 52 wrapped for
  tmux or screen, which `App.copy_to_clipboard` does not do), and remembered for paste.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input


class HandlerErrorHook:
    """Mixed into an app, screen or widget: `handler_failed(error)` sees what a handler
    raised; it returns True when it dealt with it (otherwise Textual's own handling runs,
    which ends the app)."""

    def handler_failed(self, error: Exception) -> bool:
        return False

    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            if not self.handler_failed(error):
                raise


class AppErrorHook(HandlerErrorHook):
    """Mixed into the app: errors from timers' callbacks and workers go to
    `handler_failed` too, while the app is not exiting."""

    def _handle_exception(self, error: Exception) -> None:
        if not is_exiting(self) and self.handler_failed(error):  # type: ignore[arg-type]
            return
        super()._handle_exception(error)  # type: ignore[misc]


def is_exiting(app: App) -> bool:
    """Whether `exit()` has been called (keys may still be arriving)."""
    return bool(app._exit)


def own_bindings(widget: Widget, key: str) -> tuple[Binding, ...]:
    """The bindings `widget` itself declares for `key`."""
    return tuple(widget._bindings.key_to_bindings.get(key, ()))


def patch_command_input(
    validate_value: Callable[[Any, str], str], on_key: Callable[[Input, events.Key], Awaitable[None]]
) -> None:
    """Give the command palette's box our cleaning and key order."""
    from textual.command import CommandInput

    # validate_value is a reactive's hook, which Input itself does not define
    CommandInput.validate_value = validate_value  # type: ignore[attr-defined]
    # a plain function (self first) in place of the method
    CommandInput._on_key = on_key  # type: ignore[method-assign, assignment]


#: Input's own key handler (inserts printable keys), called after ours.
input_on_key = Input._on_key


def terminal_writer(app: App) -> Callable[[str], None] | None:
    """Write straight to the terminal (None when the app has no terminal, as in tests)."""
    driver = app._driver
    return None if driver is None else driver.write


def remember_clipboard(app: App, text: str) -> None:
    """What the app pastes (`ctrl+v` in its own boxes) after we copied `text`."""
    app._clipboard = text


def palette_gathering(palette: Any) -> bool:
    """Whether the command palette is still gathering the matches of what was typed."""
    group = palette._GATHER_COMMANDS_GROUP
    return any(w.node is palette and w.group == group and not w.is_finished for w in palette.workers)


def is_palette_gather(palette: Any, worker: Any) -> bool:
    """Whether `worker` is one of the palette's gatherings of matches."""
    return worker.node is palette and worker.group == palette._GATHER_COMMANDS_GROUP


def palette_enter(palette: Any) -> None:
    """What enter does in the palette's box: pick the highlighted match, or run the picked one."""
    palette._select_or_command()


def drop_notifications(app: App, severity: str) -> None:
    """Take down the notifications of `severity` still shown."""
    for notification in list(app._notifications):
        if notification.severity == severity:
            app._unnotify(notification, refresh=False)


def replace_no_color_filter(app: App, line_filter: Any) -> None:
    """Use `line_filter` in place of the filter Textual applies for NO_COLOR."""
    from textual.filter import Monochrome, NoColor

    app._filters[:] = [f for f in app._filters if not isinstance(f, (Monochrome, NoColor))]
    app._filters.append(line_filter)
