"""A small form for the review desk's edits: text boxes and one-key choices, validated as
`load` validates (a problem is shown under the field it names), nothing saved half-done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...guard import GuardDatabaseErrors
from ...render import glyphs
from ...render.safe import clean
from ...widgets.inputs import SafeInput, _on_key_in_order

if TYPE_CHECKING:  # for the type checker only: the app module imports the screens
    from textual import getters

    from ...app import CeasefireApp


@dataclass
class FormField:
    """One field of a form: a text box, or (with `choices`: (key, value, label)) a row of
    choices, one key each."""

    name: str
    label: str
    value: Any = ""
    placeholder: str = ""
    choices: list[tuple[str, Any, str]] = field(default_factory=list)
    hint: str = ""


class Choice(Static, can_focus=True):
    """One of a few values, picked with its key (shown beside it) or ← →."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous choice", show=False, id="choice-previous"),
        Binding("right,l", "move(1)", "Next choice", show=False, id="choice-next"),
        Binding("enter", "done", "Next field", show=False, id="choice-done"),
    ]

    def __init__(self, spec: FormField, **kwargs):
        super().__init__(**kwargs)
        self.spec = spec
        values = [v for _k, v, _l in spec.choices]
        self.index = values.index(spec.value) if spec.value in values else 0

    @property
    def value(self) -> Any:
        return self.spec.choices[self.index][1]

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        parts: list[Content | str] = []
        for i, (key, value, label) in enumerate(self.spec.choices):
            if self.spec.name == "stance" and isinstance(value, int):
                label = f"{label} {glyphs.STANCE_GLYPHS[value]}" if i == self.index else label
            text = f"{key} {label}"
            parts.append(Content.styled(f"[{text}]", "reverse bold") if i == self.index else f" {text} ")
            parts.append(" ")
        self.update(Content.assemble(*parts[:-1]))

    def action_done(self) -> None:
        screen = self.screen
        if isinstance(screen, FormModal):
            screen.next_from(self)

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(self.spec.choices)
        self._show()

    def on_key(self, event: Key) -> None:
        if _passed_on(self, event):
            return
        # its keys here, not as bindings: a key passed on from another field is handled too
        moves = {"left": -1, "h": -1, "right": 1, "l": 1}
        if event.key in moves or event.key == "enter":
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self.action_done()
            else:
                self.action_move(moves[event.key])
            return
        for i, (key, _v, _l) in enumerate(self.spec.choices):
            if event.character == key:
                self.index = i
                self._show()
                event.stop()
                self.screen.focus_next()
                return
        if event.is_printable:  # another letter is not the app's key while a form is open
            event.stop()


class FormInput(SafeInput):
    """A form's text box: enter goes to the next field at once, within the key (so that
    the keys typed after it in one burst, as over SSH, land in that next field)."""

    async def action_submit(self) -> None:
        screen = self.screen
        if isinstance(screen, FormModal):
            screen.next_from(self)

    async def _on_key(self, event: Key) -> None:
        if _passed_on(self, event):
            return
        await _on_key_in_order(self, event)


def _passed_on(widget: Static | Input, event: Key) -> bool:
    """A key that reached a field after enter had moved on from it (keys typed in one burst
    are queued to the field focused when they arrived) goes on to the field now focused."""
    focused = widget.screen.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(Key(event.key, event.character))
    return True


class FormModal(GuardDatabaseErrors, ModalScreen[object]):
    """A form: enter goes to the next field (and saves on the last), ctrl+s saves, escape
    cancels. `submit(values)` makes the edit: a `desk.Invalid` it raises is shown under
    the field each problem names, and the form stays; a result closes it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="form-next"),
    ]

    if TYPE_CHECKING:  # Textual types `app` as any App; it is a CeasefireApp
        app = getters.app(CeasefireApp)

    def __init__(self, title: str, fields: list[FormField], submit: Callable[[dict[str, Any]], object]):
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form-box"):
            yield Static(
                Content.assemble(
                    (clean(self.title_text, oneline=True), "bold"),
                    ("   enter next · ctrl+s save · esc cancel", "dim"),
                )
            )
            for f in self.fields:
                with Horizontal(classes="form-row"):
                    yield Static(Content.styled(f.label, "bold"), classes="form-label")
                    if f.choices:
                        yield Choice(f, id=f"form-{f.name}", classes="form-choice")
                    else:
                        yield FormInput(
                            str(f.value or ""),
                            placeholder=f.placeholder or f.hint,
                            id=f"form-{f.name}",
                            classes="form-input",
                        )
                yield Static("", id=f"form-{f.name}-error", classes="form-error")
            yield Static("", id="form-problem", classes="form-error")

    def on_mount(self) -> None:
        for error in self.query(".form-error"):
            error.display = False
        self.focus_next()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#form-{f.name}")
            out[f.name] = widget.value if isinstance(widget, Choice | Input) else None
        return out

    def next_from(self, widget: object) -> None:
        """The next field, or (from the last) save."""
        inputs = list(self.query(".form-input, .form-choice"))
        if inputs and widget is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        """Each (field name or '', message) under its field (or at the foot)."""
        for f in self.fields:
            self.query_one(f"#form-{f.name}-error", Static).display = False
        general = []
        names = {f.name for f in self.fields}
        for name, message in problems:
            if name in names:
                error = self.query_one(f"#form-{name}-error", Static)
                error.update(
                    Content.styled(
                        f"  ✗ {f_label(self.fields, name)}: {clean(message, oneline=True)}",
                        "bold $text-error",
                    )
                )
                error.display = True
            else:
                general.append(f"✗ {clean(message, oneline=True)}")
        problem = self.query_one("#form-problem", Static)
        problem.update(Content.styled("\n".join(general), "bold $text-error"))
        problem.display = bool(general)

    def action_save(self) -> None:
        from ....db import desk

        try:
            result = self.submit(self.values())
        except desk.Invalid as exc:
            self.show_problems([(_field_of(p.where.path), p.message) for p in exc.problems])
            return
        except ValueError as exc:  # the form's own check of a value (a number, say)
            name, _, message = str(exc).partition(": ")
            self.show_problems([(name, message)])
            return
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


def f_label(fields: list[FormField], name: str) -> str:
    return next((f.label for f in fields if f.name == name), name)


def _field_of(path: str) -> str:
    """The field a problem's key path names: `positions (p1).stance` -> stance."""
    tail = path.rsplit(".", 1)[-1] if "." in path else ""
    return tail.split("[", 1)[0]
