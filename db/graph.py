"""The links between positions as a graph, written for other tools: JSON, CSV (Kumu),
GEXF (Gephi) and DOT (Graphviz). Positions are the nodes, typed links the edges, each
edge with the quotes that say it; an edge on a cycle is marked, never dropped."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, NamedTuple
from xml.sax.saxutils import quoteattr

from . import queries
from .brief import write_csv
from .models import Position

FORMATS = ("json", "csv", "gexf", "dot")

#: Characters XML 1.0 cannot hold, and that no label should carry to a terminal or a file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Edge(NamedTuple):
    source: str
    type: str
    target: str
    evidence: tuple[str, ...]
    cycle: bool


class Graph(NamedTuple):
    nodes: tuple[Position, ...]
    edges: tuple[Edge, ...]


def _text(value: str | None) -> str:
    value = value or ""
    return _CONTROL.sub(" ", value).replace("\n", " ").replace("\r", " ")


def graph(conn: sqlite3.Connection, actor_id: str | None = None) -> Graph:
    """Every link (or those touching `actor_id`'s column: the actor and its members), and
    the positions at their ends."""
    edges = queries.all_edges(conn)
    cyclic = queries.on_cycles(edges)
    if actor_id is not None:
        members = set(queries.member_depths(conn, actor_id))
        ends = {
            p.id: p.actor
            for p in queries.positions_by_id(conn, [e[0] for e in edges] + [e[2] for e in edges], False)
        }
        edges = [e for e in edges if ends.get(e[0]) in members or ends.get(e[2]) in members]
    ids = list(dict.fromkeys([e[0] for e in edges] + [e[2] for e in edges]))
    nodes = tuple(queries.positions_by_id(conn, ids, False))
    return Graph(nodes, tuple(Edge(s, t, g, ev, (s, t, g) in cyclic) for s, t, g, ev in edges))


def _label(p: Position) -> str:
    return _text(f"{p.actor_name}: {p.issue_title}")


def to_json(g: Graph) -> str:
    data: dict[str, Any] = {
        "nodes": [
            {
                "id": p.id,
                "label": _label(p),
                "actor": p.actor,
                "issue": p.issue,
                "stance": p.stance,
                "kind": p.kind,
                "summary": p.summary,
            }
            for p in g.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "type": e.type,
                "evidence": list(e.evidence),
                "cycle": e.cycle,
            }
            for e in g.edges
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(g: Graph) -> str:
    """One row a link, with both ends' labels (Kumu reads 'From', 'To' and 'Type')."""
    labels = {p.id: _label(p) for p in g.nodes}
    return write_csv(
        ["From", "To", "Type", "From label", "To label", "Evidence", "Cycle"],
        (
            [
                e.source,
                e.target,
                e.type,
                labels.get(e.source, ""),
                labels.get(e.target, ""),
                " ".join(e.evidence),
                "yes" if e.cycle else "",
            ]
            for e in g.edges
        ),
        _text,
    )


def to_gexf(g: Graph) -> str:
    """GEXF 1.3, directed, with each position's actor, issue, stance and kind, and each
    link's type, evidence and cycle."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '  <graph defaultedgetype="directed" mode="static">',
        '    <attributes class="node">',
        '      <attribute id="actor" title="actor" type="string"/>',
        '      <attribute id="issue" title="issue" type="string"/>',
        '      <attribute id="stance" title="stance" type="integer"/>',
        '      <attribute id="kind" title="kind" type="string"/>',
        "    </attributes>",
        '    <attributes class="edge">',
        '      <attribute id="type" title="type" type="string"/>',
        '      <attribute id="evidence" title="evidence" type="string"/>',
        '      <attribute id="cycle" title="cycle" type="boolean"/>',
        "    </attributes>",
        "    <nodes>",
    ]
    for p in g.nodes:
        out.append(f"      <node id={quoteattr(p.id)} label={quoteattr(_label(p))}>")
        out.append("        <attvalues>")
        for key, value in (
            ("actor", p.actor),
            ("issue", p.issue),
            ("stance", str(p.stance)),
            ("kind", p.kind),
        ):
            out.append(f'          <attvalue for="{key}" value={quoteattr(_text(value))}/>')
        out.append("        </attvalues>")
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for n, e in enumerate(g.edges):
        out.append(
            f'      <edge id="{n}" source={quoteattr(e.source)} target={quoteattr(e.target)} '
            f"label={quoteattr(e.type)}>"
        )
        out.append("        <attvalues>")
        out.append(f'          <attvalue for="type" value={quoteattr(e.type)}/>')
        out.append(f'          <attvalue for="evidence" value={quoteattr(" ".join(e.evidence))}/>')
        out.append(f'          <attvalue for="cycle" value="{str(e.cycle).lower()}"/>')
        out.append("        </attvalues>")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


def _dot(value: str) -> str:
    """A DOT double-quoted string: only `"` and `\\` need escaping inside one."""
    return '"' + _text(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


_STYLE = {"conditional_on": "solid", "in_exchange_for": "dashed", "packaged_with": "dotted"}


def to_dot(g: Graph) -> str:
    """A Graphviz digraph: an arrow from a position to the one it names, its type in the
    label (and the line's style); a link on a cycle says so in its label."""
    out = [
        "digraph links {",
        "  rankdir=LR;",
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for p in g.nodes:
        out.append(f"  {_dot(p.id)} [label={_dot(_label(p) + ' ' + f'{p.stance:+d}')}];")
    for e in g.edges:
        label = e.type.replace("_", " ") + (" (cycle)" if e.cycle else "")
        out.append(f"  {_dot(e.source)} -> {_dot(e.target)} [label={_dot(label)}, style={_STYLE[e.type]}];")
    out += ["}", ""]
    return "\n".join(out)


def write(g: Graph, fmt: str) -> str:
    return {"json": to_json, "csv": to_csv, "gexf": to_gexf, "dot": to_dot}[fmt](g)
