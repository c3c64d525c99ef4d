"""The canary for `tui/textual_compat.py`: each Textual internal it relies on still exists
and has the shape it is used in. When an upgrade of Textual fails here, read that
module's docstring before anything else."""

from __future__ import annotations

import inspect

from textual.app import App
from textual.binding import Binding
from textual.command import CommandInput
from textual.message_pump import MessagePump
from textual.widgets import Input

from ceasefire_tui.tui import textual_compat
from ceasefire_tui.tui.widgets.inputs import SafeInput


def _params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_the_handler_door_is_still_dispatch_message():
    assert inspect.iscoroutinefunction(MessagePump._dispatch_message)
    assert _params(MessagePump._dispatch_message) == ["self", "message"]


def test_the_last_handler_is_still_handle_exception():
    assert _params(App._handle_exception) == ["self", "error"]
    assert isinstance(App()._exit, bool)


async def test_exiting_is_seen():
    app = App()
    async with app.run_test():
        assert not textual_compat.is_exiting(app)
        app.exit()
        assert textual_compat.is_exiting(app)


def test_a_widget_still_keeps_its_own_bindings_by_key():
    box = SafeInput()
    found = textual_compat.own_bindings(box, "backspace")
    assert found and all(isinstance(b, Binding) for b in found)
    assert any(b.action == "delete_left" for b in found)


def test_the_palette_box_is_an_input_with_our_key_order():
    assert issubclass(CommandInput, Input)
    assert inspect.iscoroutinefunction(textual_compat.input_on_key)
    assert textual_compat.input_on_key is Input._on_key
    assert CommandInput._on_key is SafeInput._on_key  # patched when the app is imported
    assert CommandInput.validate_value is SafeInput.validate_value


async def test_the_driver_and_clipboard_are_where_we_write_them():
    app = App()
    assert textual_compat.terminal_writer(app) is None  # no terminal yet
    async with app.run_test():
        textual_compat.remember_clipboard(app, "citation")
        assert app.clipboard == "citation"
        writer = textual_compat.terminal_writer(app)
        assert writer is not None and callable(writer)


def test_the_palette_still_gathers_in_a_worker_group_and_enters_by_select_or_command():
    from textual.command import CommandPalette

    assert isinstance(CommandPalette._GATHER_COMMANDS_GROUP, str)
    assert _params(CommandPalette._select_or_command) == ["self", "event"]


async def test_notifications_can_still_be_taken_down_one_severity_at_a_time():
    app = App()
    async with app.run_test() as pilot:
        app.notify("news")
        app.notify("careful", severity="warning")
        await pilot.pause()
        textual_compat.drop_notifications(app, "information")
        assert [n.message for n in app._notifications] == ["careful"]


def test_no_color_is_still_a_line_filter_we_can_replace(monkeypatch):
    from textual.filter import LineFilter, Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = App()
    assert any(isinstance(f, (Monochrome, NoColor)) for f in app._filters)
    mine = NoColor()
    textual_compat.replace_no_color_filter(app, mine)
    assert app._filters[-1] is mine and all(isinstance(f, LineFilter) for f in app._filters)
    assert sum(isinstance(f, (Monochrome, NoColor)) for f in app._filters) == 1
