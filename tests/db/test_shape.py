"""The shape of a negotiation in the dossier format (issue 17): typed links between
positions, an issue's options and a position's marks on them, issue families; each
checked with located errors, loaded, dumped back the same, and kept in step by sync."""

from __future__ import annotations

import pytest

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import DossierError, check, load
from ceasefire_tui.db.dump import records, to_json

BASE = """\
sources:
  - id: src
    title: A report
    outlet: Wire
    published: 2025-03-17
    text: "North will sign the truce only once sanctions go. North wants sanctions lifted. Observers are fine, troops are not. South offers troops."
actors:
  - {id: north, name: North, kind: state}
  - {id: south, name: South, kind: state}
issues:
  - id: truce
    title: Truce
    question: Should there be a truce?
  - id: sea
    title: Sea truce
    question: Should there be a truce at sea?
    parent: truce
  - id: sanctions
    title: Sanctions relief
    question: Should sanctions be lifted?
  - id: monitoring
    title: Monitoring
    question: Who should monitor a truce?
    options:
      - {id: observers, label: Unarmed observers}
      - {id: troops, label: Foreign troops}
quotes:
  - {id: q-only-once, source: src, speaker: north, kind: reported, text: "North will sign the truce only once sanctions go."}
  - {id: q-lifted, source: src, speaker: north, kind: reported, text: "North wants sanctions lifted."}
  - {id: q-monitor, source: src, speaker: north, kind: reported, text: "Observers are fine, troops are not."}
  - {id: q-south, source: src, speaker: south, kind: reported, text: "South offers troops."}
positions:
  - id: p-sea
    actor: north
    issue: sea
    stance: 1
    kind: condition
    summary: Signs the sea truce once sanctions go
    evidence: [q-only-once]
    links:
      - {type: conditional_on, position: p-sanctions, evidence: [q-only-once]}
  - {id: p-sanctions, actor: north, issue: sanctions, stance: 2, kind: demand, summary: Sanctions lifted,
     evidence: [q-lifted, q-only-once]}
  - id: p-north-monitoring
    actor: north
    issue: monitoring
    stance: 0
    kind: condition
    summary: Observers yes, troops no
    evidence: [q-monitor]
    marks:
      - {option: observers, mark: acceptable, evidence: [q-monitor]}
      - {option: troops, mark: red_line, evidence: [q-monitor]}
  - id: p-south-monitoring
    actor: south
    issue: monitoring
    stance: 1
    kind: offer
    summary: Offers troops
    evidence: [q-south]
    marks:
      - {option: troops, mark: demanded, evidence: [q-south]}
"""


def _write(folder, text):
    folder.mkdir(exist_ok=True)
    path = folder / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def conn(tmp_path):
    c = open_writer(tmp_path / "s.db")
    yield c
    c.close()


def test_links_options_marks_and_families_load(conn, tmp_path):
    load(conn, [_write(tmp_path / "d", BASE)])
    assert conn.execute("SELECT position, type, target FROM position_links").fetchall() == [
        ("p-sea", "conditional_on", "p-sanctions")
    ]
    assert conn.execute("SELECT quote FROM position_link_evidence").fetchall() == [("q-only-once",)]
    assert conn.execute("SELECT issue, parent FROM issue_parents").fetchall() == [("sea", "truce")]
    assert conn.execute("SELECT option FROM issue_options ORDER BY ord").fetchall() == [
        ("observers",),
        ("troops",),
    ]
    assert conn.execute(
        "SELECT position, option, mark FROM position_marks ORDER BY position, ord"
    ).fetchall() == [
        ("p-north-monitoring", "observers", "acceptable"),
        ("p-north-monitoring", "troops", "red_line"),
        ("p-south-monitoring", "troops", "demanded"),
    ]


def test_dump_round_trips_the_shape(conn, tmp_path):
    load(conn, [_write(tmp_path / "d", BASE)])
    first = records(conn)
    sea = next(p for p in first["positions"] if p["id"] == "p-sea")
    assert sea["links"] == [
        {"type": "conditional_on", "position": "p-sanctions", "evidence": ["q-only-once"]}
    ]
    dumped = tmp_path / "dump" / "all.json"
    dumped.parent.mkdir()
    dumped.write_text(to_json(first), encoding="utf-8")
    other = open_writer(tmp_path / "other.db")
    load(other, [dumped])
    assert records(other) == first
    # and loading the same dossier again changes nothing
    d = load(conn, [tmp_path / "d" / "d.yaml"])
    assert not any(d.changed.values()) and not any(d.added.values())


def _problems(tmp_path, text):
    d = check([_write(tmp_path / "bad", text)])
    return [str(p) for p in d.problems]


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "position: p-sanctions, evidence: [q-only-once]",
            "position: p-nowhere, evidence: [q-only-once]",
            "d.yaml:41: positions[0] (p-sea).links[0].position: refers to position 'p-nowhere', which is "
            "neither in the dossier nor in the database",
        ),
        (
            "position: p-sanctions, evidence: [q-only-once]",
            "position: p-sanctions, evidence: [q-ghost]",
            "d.yaml:41: positions[0] (p-sea).links[0].evidence[0]: refers to quote 'q-ghost'",
        ),
        (
            "{type: conditional_on,",
            "{type: depends_on,",
            "positions[0] (p-sea).links[0].type: 'depends_on' is not one of: conditional_on, "
            "in_exchange_for, packaged_with",
        ),
        (
            "{option: troops, mark: demanded",
            "{option: ships, mark: demanded",
            "positions[3] (p-south-monitoring).marks[0].option: issue 'monitoring' has no option 'ships'; "
            "expected one of: observers, troops",
        ),
        (
            "{option: observers, mark: acceptable",
            "{option: observers, mark: maybe",
            "marks[0].mark: 'maybe' is not one of: demanded, acceptable, red_line",
        ),
        (
            "    question: Should there be a truce?\n",
            "    question: Should there be a truce?\n    parent: sea\n",
            "issues[0] (truce).parent: the issue's family loops (truce -> sea -> truce)",
        ),
        (
            "position: p-sanctions, evidence: [q-only-once]",
            "position: p-sea, evidence: [q-only-once]",
            "positions[0] (p-sea).links[0].position: links the position to itself",
        ),
        (
            "{type: conditional_on, position: p-sanctions, evidence: [q-only-once]}",
            "{type: conditional_on, position: p-sanctions}",
            "positions[0] (p-sea).links[0].evidence: is missing; this field is required",
        ),
        (
            "      - {option: troops, mark: red_line, evidence: [q-monitor]}\n",
            "      - {option: troops, mark: red_line, evidence: [q-monitor]}\n"
            "      - {option: troops, mark: acceptable, evidence: [q-monitor]}\n",
            "marks[2].option: option 'troops' is marked twice",
        ),
    ],
)
def test_check_locates_each_shape_problem(tmp_path, old, new, says):
    assert old in BASE
    found = _problems(tmp_path, BASE.replace(old, new, 1))
    assert any(says in p for p in found), found


def test_a_mark_on_an_issue_without_options_is_located(tmp_path):
    text = BASE.replace("issue: monitoring\n    stance: 1", "issue: sanctions\n    stance: 1", 1)
    found = _problems(tmp_path, text)
    assert any(
        "positions[3] (p-south-monitoring).marks[0].option: issue 'sanctions' has no option 'troops'; "
        "expected options listed on the issue first" in p
        for p in found
    ), found


def test_a_cycle_of_conditions_is_no_error(conn, tmp_path):
    text = BASE.replace(
        "     evidence: [q-lifted, q-only-once]}",
        "     evidence: [q-lifted, q-only-once],\n"
        "     links: [{type: conditional_on, position: p-sea, evidence: [q-only-once]}]}",
        1,
    )
    load(conn, [_write(tmp_path / "d", text)])
    assert conn.execute("SELECT count(*) FROM position_links").fetchone()[0] == 2


# --- sync: the shape follows the file ------------------------------------------------


def test_a_link_edited_or_dropped_in_the_file_follows_on_reload(conn, tmp_path):
    path = _write(tmp_path / "d", BASE)
    load(conn, [path])
    path.write_text(BASE.replace("type: conditional_on", "type: packaged_with"), encoding="utf-8")
    d = load(conn, [path])
    assert d.changed["positions"] == {"p-sea"}
    assert conn.execute("SELECT type FROM position_links").fetchall() == [("packaged_with",)]
    path.write_text(
        BASE.replace(
            "    links:\n      - {type: conditional_on, position: p-sanctions, evidence: [q-only-once]}\n", ""
        ),
        encoding="utf-8",
    )
    load(conn, [path])
    assert conn.execute("SELECT count(*) FROM position_links").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM position_link_evidence").fetchone()[0] == 0


def test_a_position_removed_takes_its_links_and_marks_with_it(conn, tmp_path):
    path = _write(tmp_path / "d", BASE)
    load(conn, [path])
    start = BASE.index("  - id: p-sea\n")
    end = BASE.index("  - {id: p-sanctions")
    path.write_text(BASE[:start] + BASE[end:], encoding="utf-8")
    d = load(conn, [path])
    assert set(d.removed["positions"]) == {"p-sea"}
    assert conn.execute("SELECT count(*) FROM position_links").fetchone()[0] == 0
    start = BASE.index("  - id: p-south-monitoring")
    path.write_text(BASE[:start], encoding="utf-8")
    load(conn, [path])
    assert conn.execute("SELECT position FROM position_marks").fetchall() == [
        ("p-north-monitoring",),
        ("p-north-monitoring",),
    ]


def test_removing_a_position_another_dossier_links_to_is_refused(conn, tmp_path):
    path = _write(
        tmp_path / "d",
        BASE.replace(
            "    links:\n      - {type: conditional_on, position: p-sanctions, evidence: [q-only-once]}\n", ""
        ),
    )
    load(conn, [path])
    other = tmp_path / "other.yaml"
    other.write_text(
        "positions:\n  - {id: p-x, actor: south, issue: truce, stance: 1, kind: offer, summary: X,\n"
        "     evidence: [q-south], links: [{type: in_exchange_for, position: p-sanctions, evidence: [q-south]}]}\n",
        encoding="utf-8",
    )
    load(conn, [other])
    start = BASE.index("  - {id: p-sanctions")
    end = BASE.index("  - id: p-north-monitoring")
    path.write_text(path.read_text(encoding="utf-8").replace(BASE[start:end], ""), encoding="utf-8")
    with pytest.raises(DossierError) as err:
        load(conn, [path])
    assert any(
        "positions (p-x).links.position: refers to position 'p-sanctions', which this load removes" in str(p)
        for p in err.value.problems
    ), err.value.problems


def test_dropping_an_option_another_dossier_marks_is_refused(conn, tmp_path):
    path = _write(tmp_path / "d", BASE)
    load(conn, [path])
    other = tmp_path / "other.yaml"
    other.write_text(
        "positions:\n  - {id: p-y, actor: south, issue: monitoring, stance: 1, kind: offer, summary: Y,\n"
        "     evidence: [q-south], marks: [{option: observers, mark: acceptable, evidence: [q-south]}]}\n",
        encoding="utf-8",
    )
    load(conn, [other])
    path.write_text(
        BASE.replace("      - {id: observers, label: Unarmed observers}\n", "").replace(
            "      - {option: observers, mark: acceptable, evidence: [q-monitor]}\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(DossierError) as err:
        load(conn, [path])
    assert any("drops option 'observers', which position 'p-y'" in str(p) for p in err.value.problems)


def test_an_issue_family_removed_with_its_file_goes_whole(conn, tmp_path):
    path = _write(tmp_path / "d", BASE)
    load(conn, [path])
    path.write_text(BASE.replace("    parent: truce\n", ""), encoding="utf-8")
    load(conn, [path])
    assert conn.execute("SELECT count(*) FROM issue_parents").fetchone()[0] == 0


def test_existing_dossiers_load_unchanged(tmp_path):
    """The bundled dossier and the March 2025 one load as before into a fresh database."""
    from ceasefire_tui.db.bundled import bundled_dossier
    from tests.support.dossiers import ROOT

    c = open_writer(tmp_path / "x.db")
    load(c, [bundled_dossier()])
    load(c, [ROOT / "tests" / "data" / "march2025"])
    assert c.execute("SELECT count(*) FROM positions").fetchone()[0] > 50
    c.close()


def test_maintenance_verbs_keep_the_shape_whole(conn, tmp_path):
    from ceasefire_tui.db import maintain

    load(conn, [_write(tmp_path / "d", BASE)])
    with pytest.raises(maintain.Refused, match="position linked to it p-sea"):
        maintain.remove(conn, "position", "p-sanctions")
    # the position that holds the link can be renamed: its links follow it
    maintain.rename(conn, "position", "p-sea", "p-black-sea")
    assert conn.execute("SELECT position, target FROM position_links").fetchall() == [
        ("p-black-sea", "p-sanctions")
    ]
    assert "id: p-black-sea" in (tmp_path / "d" / "d.yaml").read_text(encoding="utf-8")
    assert not any(load(conn, [tmp_path / "d" / "d.yaml"]).changed.values())


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_rename_reaches_the_ids_named_inside_links_and_marks(conn, tmp_path, suffix):
    """A link names its target position and its evidence inside the record's `links`, a
    mark its evidence inside `marks`: rename edits them there too (YAML token by token,
    JSON rewritten), and loading the files afterwards changes nothing."""
    import json

    import yaml

    from ceasefire_tui.db import maintain
    from tests.support.dossiers import snapshot

    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / f"d.{suffix}"
    text = BASE if suffix == "yaml" else json.dumps(yaml.safe_load(BASE), indent=2, default=str)
    path.write_text(text, encoding="utf-8")
    load(conn, [folder])
    out = maintain.rename(conn, "position", "p-sanctions", "p-relief")
    maintain.rename(conn, "quote", "q-only-once", "q-once")  # a position's and a link's evidence
    maintain.rename(conn, "quote", "q-monitor", "q-monitoring")  # marks' evidence, and a position's
    assert out.edits and not out.by_hand
    assert conn.execute("SELECT position, target FROM position_links").fetchall() == [("p-sea", "p-relief")]
    assert conn.execute("SELECT quote FROM position_link_evidence").fetchall() == [("q-once",)]
    assert {r[0] for r in conn.execute("SELECT quote FROM position_mark_evidence")} == {
        "q-monitoring",
        "q-south",
    }
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sea = next(p for p in data["positions"] if p["id"] == "p-sea")
    assert sea["links"] == [{"type": "conditional_on", "position": "p-relief", "evidence": ["q-once"]}]
    assert sea["evidence"] == ["q-once"]
    north = next(p for p in data["positions"] if p["id"] == "p-north-monitoring")
    assert [m["evidence"] for m in north["marks"]] == [["q-monitoring"], ["q-monitoring"]]
    assert "p-sanctions" not in path.read_text(encoding="utf-8")
    if suffix == "yaml":  # comments and layout kept: only the ids' characters changed
        assert path.read_text(encoding="utf-8").count("\n") == BASE.count("\n")

    def stored():  # every table but the record of loads, which a load adds to
        return {t: rows for t, rows in snapshot(conn).items() if not t.startswith("load")}

    before = stored()
    d = load(conn, [folder])
    assert not any(d.changed.values()) and not any(d.added.values()) and not any(d.removed.values())
    assert stored() == before


# --- the real dossiers, recoded where their articles say so -------------------------


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The bundled dossier, then the March 2025 one, as a user would load them."""
    from ceasefire_tui.db.bundled import bundled_dossier
    from ceasefire_tui.db.connect import open_reader
    from tests.support.dossiers import ROOT, build_db

    path = build_db(
        tmp_path_factory.mktemp("both") / "both.db", bundled_dossier(), ROOT / "tests" / "data" / "march2025"
    )
    c = open_reader(path)
    yield c
    c.close()


def test_the_black_sea_truce_and_its_sanctions_condition_are_linked_both_ways(both):
    from ceasefire_tui.db import queries
    from ceasefire_tui.db.wording import link_words

    found = queries.links_of(both, ["p-m25-kremlin-black-sea", "p-m25-kremlin-sanctions"])
    (truce,) = found["p-m25-kremlin-black-sea"]
    (relief,) = found["p-m25-kremlin-sanctions"]
    assert (truce.direction, truce.other.id, truce.evidence) == (
        "out",
        "p-m25-kremlin-sanctions",
        ("q-m25-kremlin-rosselkhozbank",),
    )
    assert (relief.direction, relief.other.id) == ("in", "p-m25-kremlin-black-sea")
    assert link_words(truce) == "⇐ only if: Sanctions relief (Kremlin)"
    assert link_words(relief) == "⇒ is the condition of: Black Sea ceasefire (Kremlin)"
    # the evidence of the link says it: the truce waits on the sanctions
    (q,) = queries.quotes_by_id(both, list(truce.evidence))
    assert "only after sanctions on Rosselkhozbank" in q.text
    # Russia's own statement makes the same link, and Putin's refusal one of its own
    russia = queries.links_of(both, ["p-m25-russia-black-sea"])["p-m25-russia-black-sea"]
    assert [x.other.id for x in russia] == ["p-m25-russia-sanctions"]
    chain = dict((p.id, ls) for p, ls in queries.chains(both, "russia"))
    assert set(chain) == {
        "p-m25-putin-ceasefire-refused",
        "p-m25-putin-aid",
        "p-m25-russia-black-sea",
        "p-m25-russia-sanctions",
        "p-m25-kremlin-black-sea",
        "p-m25-kremlin-sanctions",
    }
    assert not any(x.cycle for ls in chain.values() for x in ls)


def test_the_monitoring_options_room_to_meet_matches_the_sources(both):
    """Russia rejects troops under any flag and would discuss observers or a civilian
    mission (Grushko); Britain, France and Europe offer troops. No side rejects observers or
    a civilian mission; no option is accepted by both."""
    from ceasefire_tui.db import queries

    grid = queries.option_grid(both, queries.get_issue(both, "peacekeepers"), ["russia", "europe"])
    assert [o.id for o in grid.options] == [
        "unarmed-observers",
        "civilian-mission",
        "european-troops",
        "nato-troops",
    ]
    assert grid.no_side_rejects == ("unarmed-observers", "civilian-mission")
    assert grid.every_side_accepts == ()
    russia = {
        o: {m.mark for m in grid.marks.get(("russia", o), ())}
        for o in ("european-troops", "unarmed-observers")
    }
    assert russia == {"european-troops": {"red_line"}, "unarmed-observers": {"acceptable"}}
    europe = {m.actor for m in grid.marks[("europe", "european-troops")]}
    assert europe == {"europe", "united-kingdom", "france", "starmer"}
    # every mark rests on a quote that says it
    (grushko,) = [m for m in grid.marks[("russia", "unarmed-observers")] if m.actor == "grushko"]
    (q,) = queries.quotes_by_id(both, list(grushko.evidence))
    assert "unarmed observers" in q.text
    # an issue without options has no grid
    assert queries.option_grid(both, queries.get_issue(both, "territory"), ["russia"]) is None


def test_issue_families_in_the_real_dossiers(both):
    from ceasefire_tui.db import queries

    assert queries.issue_parents(both) == {
        "energy-pause": "ceasefire-30-day",
        "black-sea": "ceasefire-30-day",
    }


def test_the_brief_writes_the_options_grid_and_the_room_to_meet(both):
    from ceasefire_tui.db import brief, queries

    md = brief.comparison_markdown(both, queries.comparison(both, ["russia", "europe"]))
    assert "## Options and the room to meet" in md
    assert "| Unarmed observers | acceptable \\(Alexander Grushko\\) | — |" in md
    assert "| NATO-flagged troops | red line | — |" in md
    assert "_Room to meet: " + brief.md_text("no side rejects: Unarmed observers, A civilian mission;") in md


def test_a_schema_4_file_is_read_as_it_is_with_no_shape(tmp_path):
    """A file of the schema before (no shape tables) opens read-only and reads as before:
    no links, options or families, the sourcing still counted; a load upgrades it."""
    from ceasefire_tui.db import brief, queries
    from ceasefire_tui.db.connect import open_reader
    from ceasefire_tui.db.dump import records as dump_records
    from tests.db.test_faults import as_schema
    from tests.support.dossiers import ROOT, build_db

    path = build_db(tmp_path / "m.db", ROOT / "tests" / "data" / "march2025")
    as_schema(path, 4)
    c = open_reader(path)
    assert c.execute("PRAGMA user_version").fetchone()[0] == 4
    assert queries.links_of(c, ["p-m25-kremlin-black-sea"]) == {}
    assert (
        queries.issue_parents(c) == {}
        and queries.option_grid(c, queries.get_issue(c, "peacekeepers"), ["europe"]) is None
    )
    assert len(queries.single_source_ids(c)) == 24
    assert "## Options" not in brief.comparison_markdown(c, queries.comparison(c, ["russia", "europe"]))
    assert "links" not in next(
        p for p in dump_records(c)["positions"] if p["id"] == "p-m25-kremlin-black-sea"
    )
    c.close()
    w = open_writer(path)
    load(w, [ROOT / "tests" / "data" / "march2025"])
    assert w.execute("SELECT count(*) FROM position_links").fetchone()[0] == 3
    w.close()


def test_a_mark_on_a_stored_issue_is_checked_against_its_stored_options(conn, tmp_path):
    load(conn, [_write(tmp_path / "d", BASE)])
    other = tmp_path / "other.yaml"
    other.write_text(
        "positions:\n  - {id: p-z, actor: south, issue: monitoring, stance: 1, kind: offer, summary: Z,\n"
        "     evidence: [q-south], marks: [{option: drones, mark: acceptable, evidence: [q-south]}]}\n",
        encoding="utf-8",
    )
    d = check([other], conn)
    assert [p.message for p in d.problems] == [
        "issue 'monitoring' has no option 'drones'; expected one of: observers, troops"
    ]
    assert d.problems[0].where.path == "positions[0] (p-z).marks[0].option"
