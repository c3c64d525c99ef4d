"""`ceasefire-tui compare` writes the shape of the negotiation too: each issue's options
by sides with the room to meet (as of `--as-of`, each actor's current marks only), and the
links of the compared actors' current positions, in Markdown, JSON and CSV."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, build_db

OPTIONS = ROOT / "fixtures" / "test" / "options.yaml"


@pytest.fixture(scope="module")
def opts(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("opts") / "o.db", OPTIONS)


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), "compare", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_brief_grid_is_the_current_marks_and_as_of_a_day(opts):
    now = run(opts, "east", "west", "--format", "md")
    assert (
        "| Unarmed observers | divided \\(Dot Dove acceptable\\, Hal Hawk red line\\) | acceptable |" in now
    )
    assert "| Foreign troops | — | acceptable |" in now  # West's red line of 1 March is superseded
    then = run(opts, "east", "west", "--format", "md", "--as-of", "2025-03-02")
    assert "| Unarmed observers | acceptable | acceptable |" in then
    assert "| Foreign troops | — | red line |" in then
