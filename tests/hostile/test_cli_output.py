"""The command line prints hostile dossier text without a control character reaching the
terminal: tables and Markdown show controls as symbols; JSON escapes them."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ceasefire_tui.tui.cli import cli
from tests.support.hostile import BIDI, write_hostile_dossier

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f" + BIDI + "]")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-cli")
    write_hostile_dossier(folder)
    path = folder / "h.db"
    result = CliRunner().invoke(cli, ["--db", str(path), "load", str(folder / "hostile.json")])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["actors"],
        ["actors", "--format", "json"],
        ["search", "sic"],
        ["search", "sic", "--format", "json"],
        ["compare", "side", "other"],
        ["compare", "side", "other", "--format", "md"],
        ["compare", "side", "other", "--format", "csv"],
        ["compare", "side", "other", "--format", "json"],
    ],
)
def test_no_raw_control_in_output(db, args):
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    bad = RAW_CONTROL.search(result.output)
    assert bad is None, f"{bad.group()!r} in {args}"
    if "json" in args:
        json.loads(result.output)  # still valid JSON: escapes, not deletions
