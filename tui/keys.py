"""Every key binding of the app, from one source (the classes' own BINDINGS), and the
user's keymap: `"keymap": {"binding-id": "keys"}` in settings.json remaps any binding that
has an id (`ceasefire-tui keys` lists them)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import NamedTuple

from textual.binding import Binding


class KeyBinding(NamedTuple):
    id: str
    keys: str
    where: str
    description: str


def _classes(app_class: type) -> list[type]:
    """The app, every screen and every widget of ours, each once."""
    from . import screens, widgets

    found: list[type] = [app_class]
    for package in (screens, widgets):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            found += [
                c
                for c in vars(module).values()
                if isinstance(c, type) and c.__module__ == module.__name__ and c not in found
            ]
    return found


def all_bindings(app_class: type) -> list[KeyBinding]:
    """Every binding with an id of the app and its screens and widgets, with the class
    that declares it (its screen)."""
    out: list[KeyBinding] = []
    for cls in _classes(app_class):
        for b in cls.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding) and b.id:
                where = getattr(cls, "TITLE_TEXT", "") or cls.__name__
                found = KeyBinding(b.id, b.key, where, b.description)
                if found not in out:  # one key bound twice (priority and plain) is one
                    out.append(found)
    return out


def uses_of(app_class: type, key: str) -> dict[str, list[str]]:
    """What `key` does on the screens that bind it: description -> the screens' names."""
    uses: dict[str, list[str]] = {}
    for b in all_bindings(app_class):
        if b.where != app_class.__name__ and key in (k.strip() for k in b.keys.split(",")):
            places = uses.setdefault(b.description, [])
            if b.where not in places:
                places.append(b.where)
    return uses


def check_keymap(keymap: object, app_class: type) -> tuple[dict[str, str], list[str]]:
    """The usable part of a keymap from settings, and what was wrong with the rest (one
    line each): it must map binding ids to keys such as "ctrl+o" or "f2,ctrl+o"."""
    if not isinstance(keymap, dict):
        return {}, [f"keymap: expected an object of binding id -> keys, not {type(keymap).__name__}"]
    known = {b.id for b in all_bindings(app_class)}
    good, problems = {}, []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(f"keymap: no binding with id {binding_id!r} (`ceasefire-tui keys` lists them)")
        elif (
            not isinstance(keys, str)
            or not keys.strip()
            or any(not k.strip() or not k.strip().isprintable() for k in keys.split(","))
        ):
            problems.append(f'keymap: {binding_id!r} needs keys such as "ctrl+o", not {keys!r}')
        else:
            good[binding_id] = ",".join(k.strip() for k in keys.split(","))
    return good, problems
