"""What the app remembers between runs (the theme), in the user config directory."""

from __future__ import annotations

import json
import os
from pathlib import Path


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("ceasefire-tui", appauthor=False)) / "settings.json"


def load_settings() -> dict:
    try:
        data = json.loads(settings_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value) -> None:
    """Store one setting; a read-only or full disk only means it is not remembered."""
    path = settings_path()
    data = load_settings()
    data[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
