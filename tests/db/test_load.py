"""The loader: a good dossier loads; each rule, broken, is reported with its place and
what was expected, and leaves the database exactly as it was."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml

from ceasefire_tui.db import queries
from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import DossierError, check, load
from tests.support.dossiers import SMALL, snapshot

SOURCE = """\
sources:
  - id: src
    title: A report
    outlet: Wire
    published: 2025-03-17
    text: "Alpha said: Peace now. Beta said no. Peace now. It’s over."
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: person, parent: alpha}
issues:
  - {id: peace, title: Peace, question: Should there be peace?}
"""


def dossier(tmp_path, extra: str, name: str = "d.yaml", base: str = SOURCE):
    """Write `extra` as a dossier file beside a base file holding SOURCE; both are loaded
    when the folder is (line numbers in `extra` start at 1)."""
    folder = tmp_path / name.replace(".", "_")
    folder.mkdir()
    (folder / "0-base.yaml").write_text(base, encoding="utf-8")
    path = folder / name
    path.write_text(textwrap.dedent(extra), encoding="utf-8")
    return path


@pytest.fixture
def loaded(tmp_path):
    """A database holding the small dossier, and its rows before the test: loaded as a
    folder of two files, its sources in `sources.yaml` (which `_source_again` rewrites
    and loads alone) and the rest in `rest.yaml`."""
    head, rest = SMALL.read_text("utf-8").split("\nactors:", 1)
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "sources.yaml").write_text(head + "\n", "utf-8")
    (folder / "rest.yaml").write_text("actors:" + rest, "utf-8")
    conn = open_writer(tmp_path / "db.sqlite")
    load(conn, [folder])
    before = snapshot(conn)
    yield conn, before
    conn.close()


def test_small_dossier_loads_with_offsets(small):
    q = queries.get_quote(small, "q-south-cf")
    text = small.execute("SELECT text FROM sources WHERE id = 's1'").fetchone()[0]
    assert text[q.start : q.end] == "could accept a ceasefire"
    assert q.date == "2025-01-10"  # no `said`: the source's date
    assert queries.get_quote(small, "q-north-cf").date == "2025-01-09"


def test_occurrence_picks_the_right_copy(small):
    q = queries.get_quote(small, "q-north-cf")
    text = small.execute("SELECT text FROM sources WHERE id = 's1'").fetchone()[0]
    first = text.find("We demand a full ceasefire now.")
    assert q.start == first
    assert text.find("We demand a full ceasefire now.", first + 1) > first


GOOD_QUOTE = """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said no.", issues: [peace]}
positions:
  - {id: p1, actor: alpha, issue: peace, stance: 2, kind: demand, summary: Wants peace, evidence: [q1]}
"""

# (name, YAML appended to SOURCE, expected text in the message, expected line or None)
BAD = [
    (
        "unknown-field",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said no.", colour: red}
""",
        "unknown field; expected one of",
        2,
    ),
    (
        "missing-field",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, text: "Beta said no."}
""",
        "quotes[0] (q1).kind: is missing",
        2,
    ),
    (
        "bad-kind",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: rumour, text: "Beta said no."}
""",
        "'rumour' is not one of: direct, reported",
        2,
    ),
    (
        "dangling-speaker",
        """\
quotes:
  - {id: q1, source: src, speaker: gamma, kind: direct, text: "Beta said no."}
""",
        "refers to actor 'gamma', which is neither in the dossier nor in the database",
        2,
    ),
    (
        "dangling-evidence",
        GOOD_QUOTE.replace("evidence: [q1]", "evidence: [q9]"),
        "positions[0] (p1).evidence[0]: refers to quote 'q9'",
        4,
    ),
    (
        "no-evidence",
        GOOD_QUOTE.replace("evidence: [q1]", "evidence: []"),
        "evidence: is empty; expected at least one id",
        4,
    ),
    (
        "stance-range",
        GOOD_QUOTE.replace("stance: 2", "stance: 3"),
        "3 is out of range; expected a whole number from -2 to 2",
        4,
    ),
    (
        "stance-float",
        GOOD_QUOTE.replace("stance: 2", "stance: 1.5"),
        "expected a whole number from -2 to 2, got the number 1.5",
        4,
    ),
    ("stance-octal", GOOD_QUOTE.replace("stance: 2", "stance: 02"), "leading 0 as octal", 4),
    ("stance-bool", GOOD_QUOTE.replace("stance: 2", "stance: yes"), "got the boolean yes", 4),
    (
        "not-verbatim",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said yes."}
""",
        "not found verbatim in source 'src'",
        2,
    ),
    (
        "curly-quotes",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "It's over."}
""",
        "quote marks and dashes",
        2,
    ),
    (
        "ambiguous-text",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Peace now."}
""",
        "occurs 2 times in source 'src'; add `occurrence: N` (1 to 2)",
        2,
    ),
    (
        "occurrence-too-high",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Peace now.", occurrence: 3}
""",
        "asks for occurrence 3, but the text occurs 2 time(s)",
        2,
    ),
    (
        "duplicate-id",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said no."}
  - {id: q1, source: src, speaker: beta, kind: direct, text: "Beta said no."}
""",
        "duplicate quote id 'q1'",
        3,
    ),
    (
        "bad-date",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said no.", said: 2024-02-30}
""",
        "'2024-02-30' is not a real date; expected YYYY-MM-DD",
        2,
    ),
    (
        "string-as-bool",
        """\
actors:
  - {id: gamma, name: no, kind: state}
""",
        "expected text, got the boolean no; YAML reads unquoted no as a boolean: put it in quotes",
        2,
    ),
    (
        "octal-id",
        """\
actors:
  - {id: 012, name: Twelve, kind: state}
""",
        "expected text, got the integer 012",
        2,
    ),
    (
        "null-required",
        """\
actors:
  - {id: gamma, name: ~, kind: state}
""",
        "actors[0] (gamma).name: is missing",
        2,
    ),
    (
        "duplicate-key",
        """\
actors:
  - {id: gamma, name: first, name: second, kind: state}
""",
        "appears twice in this record",
        2,
    ),
    (
        "parent-cycle",
        """\
actors:
  - {id: gamma, name: Gamma, kind: state, parent: delta}
  - {id: delta, name: Delta, kind: state, parent: gamma}
""",
        "the parent chain loops",
        2,
    ),
    (
        "bad-id",
        """\
actors:
  - {id: "has space", name: Gamma, kind: state}
""",
        "is not a valid id",
        2,
    ),
    (
        "alias-bomb",
        """\
actors:
  - &a {id: gamma, name: Gamma, kind: state}
  - *a
""",
        "anchors and aliases (& and *) are not allowed",
        2,
    ),
    (
        "python-tag",
        """\
actors:
  - !!python/object/apply:os.system ['echo pwned']
""",
        "YAML tag",
        2,
    ),
    (
        "colon-in-value",
        """\
quotes:
  - id: q1
    text: He said: no deal
""",
        "a value containing ': ' must be put in quotes",
        3,
    ),
    (
        "sql-in-key",
        """\
quotes:
  - {id: q1, source: src, speaker: alpha, kind: direct, text: "Beta said no.", 'text"; DROP TABLE quotes; --': x}
""",
        "unknown field",
        2,
    ),
    (
        "no-text",
        """\
quotes: []
sources:
  - {id: s2, title: T, outlet: O, published: 2025-01-01}
""",
        "expected exactly one of `text`",
        None,
    ),
    (
        "missing-text-file",
        """\
sources:
  - {id: s2, title: T, outlet: O, published: 2025-01-01, text_file: nowhere.txt}
""",
        "cannot read",
        2,
    ),
    (
        "unknown-top-level",
        """\
speeches: []
""",
        "unknown top-level key",
        1,
    ),
    (
        "not-a-list",
        """\
quotes: {id: q1}
""",
        "expected a list of quotes",
        1,
    ),
    (
        "list-expected",
        GOOD_QUOTE.replace("issues: [peace]", "issues: peace"),
        "expected a list, e.g. [a, b]",
        2,
    ),
]


@pytest.mark.parametrize("name,extra,message,line", BAD, ids=[b[0] for b in BAD])
def test_bad_dossier_is_reported_and_nothing_written(tmp_path, loaded, name, extra, message, line):
    conn, before = loaded
    path = dossier(tmp_path, extra)
    with pytest.raises(DossierError) as err:
        load(conn, [path.parent])
    texts = [str(p) for p in err.value.problems]
    hits = [t for t in texts if message in t]
    assert hits, texts
    assert all(t.startswith(str(path)) for t in hits)
    if line is not None:
        assert any(t.startswith(f"{path}:{line}:") for t in hits), hits
    assert snapshot(conn) == before


def test_every_problem_is_reported_at_once(tmp_path):
    path = dossier(
        tmp_path,
        """\
quotes:
  - {id: q1, source: nowhere, speaker: alpha, kind: direct, text: "x"}
  - {id: q2, source: src, speaker: nobody, kind: chat, text: "Beta said no."}
positions:
  - {id: p1, actor: alpha, issue: peace, stance: 9, kind: demand, summary: s, evidence: [q1]}
""",
    )
    problems = [str(p) for p in check([path.parent]).problems]
    assert any("source 'nowhere'" in p for p in problems)
    assert any("actor 'nobody'" in p for p in problems)
    assert any("'chat' is not one of" in p for p in problems)
    assert any("9 is out of range" in p for p in problems)
    assert len(problems) == 4


def test_yaml_syntax_error_is_located(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("actors:\n  - {id: a, name: [unclosed\n", encoding="utf-8")
    problems = check([path]).problems
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:")
    assert "not valid YAML" in str(problems[0])


def test_hash_comment_trap_warns(tmp_path):
    path = dossier(
        tmp_path,
        """\
actors:
  - id: gamma
    name: Hamas #1 demand
    kind: state
""",
    )
    d = check([path.parent])
    assert not d.problems
    assert any("ends at ' #'" in str(w) and f"{path}:3:" in str(w) for w in d.warnings)


def test_zero_width_characters_are_removed_with_a_warning(tmp_path):
    path = dossier(tmp_path, 'actors:\n  - {id: gamma, name: "Gam\u200bma", kind: state}\n')
    d = check([path.parent])
    assert not d.problems
    gamma = [r for r in d.records["actors"] if r.id == "gamma"][0]
    assert gamma.values["name"] == "Gamma"
    assert any("zero-width" in str(w) for w in d.warnings)


def test_json_dossier_same_shape(tmp_path):
    data = {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text": "One two three."}
        ],
        "actors": [{"id": "a", "name": "A", "kind": "state"}],
        "issues": [{"id": "i", "title": "I", "question": "Q?"}],
        "quotes": [
            {"id": "q", "source": "s", "speaker": "a", "kind": "direct", "text": "two three", "issues": ["i"]}
        ],
        "positions": [
            {
                "id": "p",
                "actor": "a",
                "issue": "i",
                "stance": -1,
                "kind": "assessment",
                "summary": "S",
                "evidence": ["q"],
            }
        ],
    }
    path = tmp_path / "d.json"
    path.write_text("\ufeff" + json.dumps(data), encoding="utf-8")  # a BOM is accepted
    d = check([path])
    assert d.ok, [str(p) for p in d.problems]
    assert d.counts() == {"sources": 1, "actors": 1, "issues": 1, "quotes": 1, "positions": 1}


@pytest.mark.parametrize(
    "text,message",
    [
        ('{"actors": [{"id": "a", "name": "A", "kind": "state", "x": NaN}]}', "unknown field"),
        ('{"positions": [{"id": "p", "stance": NaN}]}', "got the number NaN"),
        ('{"positions": [{"id": "p", "stance": 1e999}]}', "got the number 1e999"),
        ('{"positions": [{"id": "p", "stance": ' + "9" * 40 + "}]}", "got the integer 9999"),
        ('{"actors": [{"id": "a", "name": "\\ud800", "kind": "state"}]}', "unpaired surrogate"),
        ('{"actors": [{"id": "a", "id": "b", "name": "A", "kind": "state"}]}', "appears twice"),
        ('{"actors": [' * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ("[1, 2", "not valid JSON"),
    ],
)
def test_json_traps_rejected(tmp_path, text, message):
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check([path]).problems]
    assert any(message in p for p in problems), problems


def test_ids_unique_across_files(tmp_path):
    a = dossier(tmp_path, SOURCE, name="a.yaml")
    problems = [str(p) for p in check([a.parent]).problems]
    assert any("duplicate source id 'src'" in p and str(a) in p for p in problems)


def test_folder_of_files_loads_together(tmp_path, fresh_db):
    folder = dossier(tmp_path, GOOD_QUOTE).parent
    d = load(fresh_db, [folder])
    assert d.counts()["quotes"] == 1
    assert queries.get_position(fresh_db, "p1").evidence == ("q1",)


def test_references_may_point_into_the_database(tmp_path, fresh_db):
    load(fresh_db, [dossier(tmp_path, "").parent / "0-base.yaml"])
    later = tmp_path / "later.yaml"
    later.write_text(GOOD_QUOTE, encoding="utf-8")
    load(fresh_db, [later])
    q = queries.get_quote(fresh_db, "q1")
    assert q.text == "Beta said no." and q.speaker == "alpha"


def test_reload_upserts_by_id(tmp_path, fresh_db):
    first = dossier(tmp_path, GOOD_QUOTE)
    load(fresh_db, [first.parent])
    first.write_text(  # corrected in place, and the folder loaded again
        textwrap.dedent(GOOD_QUOTE.replace("stance: 2", "stance: 1").replace("Wants peace", "Accepts peace")),
        encoding="utf-8",
    )
    load(fresh_db, [first.parent])
    p = queries.get_position(fresh_db, "p1")
    assert (p.stance, p.summary) == (1, "Accepts peace")
    assert fresh_db.execute("SELECT count(*) FROM positions").fetchone()[0] == 1
    assert queries.search(fresh_db, "accepts")[0].id == "p1"  # the search index followed
    assert queries.search(fresh_db, "wants") == []


def test_side_and_counts_follow_the_parent_chain(small):
    envoy = queries.get_actor(small, "north-envoy")
    assert (envoy.side, envoy.depth, envoy.quote_count, envoy.position_count) == ("north", 1, 1, 1)


def test_interrupted_write_leaves_database_as_it_was(tmp_path, loaded):
    conn, before = loaded
    path = dossier(tmp_path, GOOD_QUOTE)
    d = check([path.parent], conn)
    assert d.ok

    calls = []

    def interrupt(n):
        calls.append(n)
        if len(calls) == 3:
            raise KeyboardInterrupt

    from ceasefire_tui.db.dossier import write

    with pytest.raises(KeyboardInterrupt):
        write(conn, d, interrupt)
    assert snapshot(conn) == before
    assert not conn.in_transaction


def test_occurrences_one_pass_agrees_with_find():
    import random

    from ceasefire_tui.db.dossier.verbatim import ONE_PASS_QUOTES, occurrences

    rng = random.Random(3)
    for _ in range(30):
        source = "".join(rng.choice("ab c\n") for _ in range(3000))
        texts = {
            source[i : i + rng.randint(1, 12)]
            for i in (rng.randrange(len(source) - 12) for _ in range(ONE_PASS_QUOTES * 2))
        }
        texts |= {"zz-not-there", "ab" * 40}
        found = occurrences(source, texts)
        assert len(texts) > ONE_PASS_QUOTES
        for t in texts:
            brute = [i for i in range(len(source)) if source.startswith(t, i)]
            assert found[t] == brute, t


def test_bulk_load_rebuilds_the_search_index(tmp_path, monkeypatch):
    """A large load drops the FTS triggers, writes, then rebuilds: search finds old and new
    records, and the triggers are back for later loads."""
    from ceasefire_tui.db.dossier import writer as load_module

    monkeypatch.setattr(load_module, "BULK_QUOTES", 1)  # the small dossier counts as large
    conn = open_writer(tmp_path / "x.db")
    load(conn, [SMALL])
    assert [h.id for h in queries.search(conn, "buffer zone") if h.kind == "quote"]
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"quotes_ai", "quotes_ad", "quotes_au", "positions_ai"} <= triggers
    monkeypatch.setattr(load_module, "BULK_QUOTES", 10**9)  # a small load: triggers at work
    path = dossier(tmp_path, GOOD_QUOTE)
    load(conn, [path.parent])
    assert [h.id for h in queries.search(conn, "Beta said")] == ["q1"]
    assert queries.search(conn, "buffer zone")
    conn.close()


# --- a stored source given new text keeps its stored quotes grounded ---------------------


def _s1(conn) -> tuple[str, str]:
    return conn.execute("SELECT text, published FROM sources WHERE id = 's1'").fetchone()


def _source_again(tmp_path, text: str, published: str = "2025-01-10"):
    """The small dossier's sources file with source s1 given `text` and `published`."""
    path = tmp_path / "small" / "sources.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    s1 = next(s for s in data["sources"] if s["id"] == "s1")
    s1.update(text=text, published=published)
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


def _grounded(conn) -> list[tuple]:
    """Every quote whose stored offsets do not give its text, with what they give."""
    rows = conn.execute(
        "SELECT q.id, q.text, s.text, q.start, q.end FROM quotes q JOIN sources s ON s.id = q.source"
    ).fetchall()
    return [(qid, text, src[a:b]) for qid, text, src, a, b in rows if src[a:b] != text]


def test_new_source_text_that_drops_a_stored_quote_is_refused(tmp_path, loaded):
    conn, before = loaded
    text = _s1(conn)[0].replace("East opposed observers.", "East said little.")
    with pytest.raises(DossierError) as err:
        load(conn, [_source_again(tmp_path, text)])
    problems = [str(p) for p in err.value.problems]
    assert any("q-east-obs" in p and "no longer holds stored quote" in p for p in problems), problems
    assert snapshot(conn) == before


def test_new_source_text_moves_the_stored_quotes_with_it(tmp_path, loaded):
    conn, _ = loaded
    text = "Correction appended at the top.\n" + _s1(conn)[0]
    load(conn, [_source_again(tmp_path, text, published="2025-01-11")])
    assert _s1(conn) == (text, "2025-01-11")
    assert _grounded(conn) == []
    # the copy asked for by `occurrence` is still the one used
    q = queries.get_quote(conn, "q-north-cf")
    assert q.start == text.find("We demand a full ceasefire now.")
    # a quote without `said` is dated by its source: the new date, not the old one
    assert queries.get_quote(conn, "q-east-obs").date == "2025-01-11"
    assert queries.get_quote(conn, "q-north-cf").date == "2025-01-09"  # said


def test_new_source_text_making_a_stored_quote_ambiguous_is_refused(tmp_path, loaded):
    conn, before = loaded
    text = _s1(conn)[0] + "\nEast opposed observers.\n"
    with pytest.raises(DossierError) as err:
        load(conn, [_source_again(tmp_path, text)])
    assert any("q-east-obs" in str(p) and "occurs 2 times" in str(p) for p in err.value.problems)
    assert snapshot(conn) == before


def test_the_database_dump_always_loads_again(tmp_path, loaded):
    """What a dossier may do to a stored source, the database's own dump survives."""
    from ceasefire_tui.db.dump import records, to_json

    conn, _ = loaded
    load(conn, [_source_again(tmp_path, "Preface.\n" + _s1(conn)[0])])
    try:
        load(conn, [_source_again(tmp_path, _s1(conn)[0].replace("Trade first.", "Trade."))])
    except DossierError:
        pass
    dumped = tmp_path / "dump.json"
    dumped.write_text(to_json(records(conn)), "utf-8")
    fresh = open_writer(tmp_path / "fresh.sqlite")
    try:
        load(fresh, [dumped])
        assert _grounded(fresh) == []
    finally:
        fresh.close()


def test_a_load_that_would_unground_a_quote_is_rolled_back(tmp_path, loaded, monkeypatch):
    """The last guard: even if validation missed it, the write checks the changed sources'
    quotes against their text and writes nothing."""
    from ceasefire_tui.db.dossier import validate, write

    conn, before = loaded
    monkeypatch.setattr(validate, "place_stored_quotes", lambda d, existing: None)
    d = check([_source_again(tmp_path, "Nothing left.")], conn)
    assert d.ok
    with pytest.raises(DossierError) as err:
        write(conn, d)
    assert "would no longer occur verbatim in source 's1'" in str(err.value.problems[0])
    assert snapshot(conn) == before


@pytest.mark.parametrize(
    "body,expected,not_expected",
    [
        ("sources:\n\t- id: a\n", ["broken.yaml:2:", "line 2 has a tab", "not tabs"], []),
        ('sources:\n  - id: "a\x9bb"\n', ["broken.yaml:2:", "U+009B on line 2", "\\u009b"], ["tab"]),
        ("sources:\n  - id: a\x07b\n", ["broken.yaml:2:", "U+0007 on line 2"], ["tab"]),
        ("sources:\n  - id: @a\n", ["broken.yaml:2:", "'@' (U+0040), line 2 column 9"], ["tab"]),
    ],
)
def test_yaml_error_names_the_character_and_blames_tabs_only_for_a_tab(
    tmp_path, body, expected, not_expected
):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    problems = [str(p) for p in check([path]).problems]
    assert len(problems) == 1 and "\n" not in problems[0], problems
    assert all(e in problems[0] for e in expected), problems
    assert not any(n in problems[0] for n in not_expected), problems
    assert "\x9b" not in problems[0] and "\x07" not in problems[0]
