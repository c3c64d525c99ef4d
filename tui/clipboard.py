"""Copy text to the user's own clipboard over any terminal link: OSC 52, wrapped for tmux/screen."""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

#: Terminals known not to understand OSC 52: there the text is shown to select instead.
_NO_OSC52_TERMS = ("dumb", "linux", "vt100", "vt220")


def osc52_sequences(text: str, env: Mapping[str, str] | None = None) -> tuple[list[str], str]:
    """The escape sequences that put `text` on the clipboard, and how they get there.

    Inside tmux the plain sequence reaches the outer terminal when tmux's `set-clipboard`
    is on; the DCS-wrapped copy passes through when `allow-passthrough` is on. Both are sent.
    """
    env = os.environ if env is None else env
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    osc = f"\x1b]52;c;{payload}\x07"
    if env.get("TMUX"):
        wrapped = "\x1bPtmux;" + osc.replace("\x1b", "\x1b\x1b") + "\x1b\\"
        return [osc, wrapped], "OSC 52 through tmux"
    if env.get("TERM", "").startswith("screen") and env.get("STY"):
        return [osc, "\x1bP" + osc + "\x1b\\"], "OSC 52 through screen"
    return [osc], "OSC 52"


def can_copy(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    term = env.get("TERM", "")
    return bool(term) and not term.startswith(_NO_OSC52_TERMS)
