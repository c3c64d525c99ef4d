"""`ceasefire-tui links`: the links between positions as JSON, CSV, GEXF and DOT, read
back by a parser of each format (and drawn by Graphviz when it is installed); a cycle is
marked, and text from the dossier stays data in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import load
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import ROOT, build_db

MARCH2025 = ROOT / "tests" / "data" / "march2025"


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("links") / "m.db", MARCH2025)


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), "links", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_has_the_black_sea_condition_with_its_evidence(march):
    data = json.loads(run(march, "--format", "json"))
    edges = {(e["source"], e["type"], e["target"]): e for e in data["edges"]}
    edge = edges[("p-m25-kremlin-black-sea", "conditional_on", "p-m25-kremlin-sanctions")]
    assert edge["evidence"] == ["q-m25-kremlin-rosselkhozbank"] and edge["cycle"] is False
    assert len(edges) == 3
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["p-m25-kremlin-sanctions"] == "Kremlin: Sanctions relief"


def test_csv_reads_as_kumu_connections(march):
    rows = list(csv.DictReader(io.StringIO(run(march, "--format", "csv"))))
    assert {(r["From"], r["To"], r["Type"]) for r in rows} >= {
        ("p-m25-russia-black-sea", "p-m25-russia-sanctions", "conditional_on")
    }


def test_gexf_is_xml_gephi_can_read(march):
    root = ET.fromstring(run(march, "--format", "gexf"))
    ns = {"g": "http://gexf.net/1.3"}
    assert len(root.findall(".//g:node", ns)) == 6
    assert len(root.findall(".//g:edge", ns)) == 3


def test_actor_keeps_only_its_columns_links(march):
    data = json.loads(run(march, "--format", "json", "--actor", "putin"))
    assert [(e["source"], e["target"]) for e in data["edges"]] == [
        ("p-m25-putin-ceasefire-refused", "p-m25-putin-aid")
    ]


CYCLE = """\
sources:
  - {id: s, title: T, outlet: O, published: 2025-03-01, text: "A \\"quoted\\" word; B said: no <b>&</b>."}
actors:
  - {id: a, name: "A \\"the\\" side", kind: state}
issues:
  - {id: i1, title: "One \\\\ two", question: Q?}
  - {id: i2, title: "<Two>", question: Q?}
quotes:
  - {id: q, source: s, speaker: a, kind: reported, text: "A \\"quoted\\" word;"}
positions:
  - {id: p1, actor: a, issue: i1, stance: 1, kind: condition, summary: S, evidence: [q],
     links: [{type: conditional_on, position: p2, evidence: [q]}]}
  - {id: p2, actor: a, issue: i2, stance: 1, kind: condition, summary: S, evidence: [q],
     links: [{type: conditional_on, position: p1, evidence: [q]}]}
"""


@pytest.fixture
def cycle(tmp_path):
    (tmp_path / "c.yaml").write_text(CYCLE, encoding="utf-8")
    conn = open_writer(tmp_path / "c.db")
    load(conn, [tmp_path / "c.yaml"])
    conn.close()
    return tmp_path / "c.db"


def test_a_cycle_is_marked_not_refused(cycle):
    data = json.loads(run(cycle, "--format", "json"))
    assert [e["cycle"] for e in data["edges"]] == [True, True]
    assert "(cycle)" in run(cycle, "--format", "dot")
    root = ET.fromstring(run(cycle, "--format", "gexf"))  # quotes and <, &, \\ escaped
    labels = [n.get("label") for n in root.iter("{http://gexf.net/1.3}node")]
    assert labels == ['A "the" side: One \\ two', 'A "the" side: <Two>']


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("which", ["march", "cycle"])
def test_graphviz_draws_the_dot_export(which, request, tmp_path):
    db = request.getfixturevalue(which)
    svg = subprocess.run(
        ["dot", "-Tsvg"],
        input=run(db, "--format", "dot"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    if which == "march":
        assert "Kremlin: Black Sea ceasefire +1" in texts and "conditional on" in texts
        (tmp_path.parent / "links-march2025.svg").write_text(svg, encoding="utf-8")
    else:
        assert 'A "the" side: One \\ two' in texts and "conditional on (cycle)" in texts
