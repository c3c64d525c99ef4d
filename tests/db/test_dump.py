"""dump -> load -> dump gives identical output, in both formats."""

from __future__ import annotations

import json

import pytest

from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.db.dump import records, to_json, to_yaml
from tests.support.dossiers import SMALL


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("dossier", [bundled_dossier(), SMALL], ids=["seed", "small"])
def test_round_trip(tmp_path, fmt, dossier):
    first = open_writer(tmp_path / "a.db")
    load(first, [dossier])
    data = records(first)
    text = to_json(data) if fmt == "json" else "".join(to_yaml(data))
    path = tmp_path / f"dump.{fmt}"
    path.write_text(text, encoding="utf-8")
    second = open_writer(tmp_path / "b.db")
    load(second, [path])
    again = records(second)
    assert again == data
    assert (to_json(again) if fmt == "json" else "".join(to_yaml(again))) == text


def test_dump_has_the_documented_shape(small):
    data = records(small)
    assert list(data) == ["sources", "actors", "issues", "quotes", "positions"]
    q = next(q for q in data["quotes"] if q["id"] == "q-north-cf")
    assert q["occurrence"] == 1 and q["issues"] == ["ceasefire"] and q["said"] == "2025-01-09"
    assert json.loads(to_json(data)) == data
