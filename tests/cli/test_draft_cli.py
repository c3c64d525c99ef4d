"""`ceasefire-tui draft` from the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ceasefire_tui.db.bundled import bundled_dossier
from ceasefire_tui.tui.cli import cli

ARTICLE = bundled_dossier().parent / "ceasefire-2025-03.txt"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CEASEFIRE_TUI_DB", raising=False)
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_draft_to_file_then_check_and_load(run, tmp_path):
    out = tmp_path / "drafts" / "seed.yaml"
    (tmp_path / "drafts" / "articles").mkdir(parents=True)
    article = tmp_path / "drafts" / "articles" / ARTICLE.name
    article.write_bytes(ARTICLE.read_bytes())
    result = run("draft", str(article), "--published", "2025-03-17", "--outlet", "Reuters", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "drafted 15 direct" in result.output
    text = out.read_text("utf-8")
    assert f'text_file: "articles/{ARTICLE.name}"' in text and "confidence: high  #" in text
    checked = run("check", str(out))
    assert checked.exit_code == 0, checked.output
    assert run("load", str(out)).exit_code == 0


def test_draft_to_stdout_is_yaml_with_the_text_inline(run):
    result = run("draft", str(ARTICLE), "--published", "2025-03-17")
    assert result.exit_code == 0
    # stdout is the YAML; warnings (the seed article is stored already: every passage is) go to stderr
    assert result.stdout.startswith("# Drafted by ceasefire-tui")
    assert '    text: "' in result.output and "text_file" not in result.output


def test_draft_json_file(run, tmp_path):
    out = tmp_path / "d.json"
    assert run("draft", str(ARTICLE), "--published", "2025-03-17", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert {"sources", "actors", "quotes"} <= set(data)
    assert all(q["source"] == data["sources"][0]["id"] for q in data["quotes"])


@pytest.mark.parametrize(
    "setup,args,message",
    [
        (None, ["missing.txt"], "cannot read"),
        ("empty", ["{p}"], "the file is empty"),
        ("latin1", ["{p}"], "not UTF-8"),
        ("ok", ["{p}", "--published", "2025-02-30"], "is not a date"),
        ("ok", ["{p}", "--published", "2025-03-17", "-o", "draft.txt"], "expected a .yaml, .yml or .json"),
        ("ok", ["{p}"], "--published is missing"),
    ],
)
def test_bad_input_is_one_line(run, tmp_path, setup, args, message):
    path = tmp_path / "a.txt"
    if setup == "empty":
        path.write_text("  \n")
    elif setup == "latin1":
        path.write_bytes("caf\xe9 said".encode("latin-1"))
    elif setup == "ok":
        path.write_text("He said “hello.”")
    result = run("draft", *[a.format(p=path) for a in args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_a_utf16_article_is_drafted_and_its_draft_checks(run, tmp_path):
    text = ARTICLE.read_text("utf-8")
    for n, enc in enumerate(("utf-16", "utf-16-le", "utf-16-be")):
        article = tmp_path / f"a{n}.txt"
        article.write_bytes(text.encode(enc))
        out = tmp_path / f"d{n}.yaml"
        result = run("draft", str(article), "--published", "2025-03-17", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "drafted 15 direct" in result.output, enc
        checked = run("check", str(out))
        assert checked.exit_code == 0, checked.output


def test_risky_characters_and_long_names_still_check(run, tmp_path):
    article = tmp_path / "a.txt"
    names = " ".join(["John", "Paul", "George", "Ringo"] * 500)
    article.write_text(f"“We stay\x85 here \x9b1m,” Trump said.\n\n{names} said “yes.”\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = run("draft", str(article), "--published", "2025-06-05", "-o", str(out))
    assert result.exit_code == 0, result.output
    # a subject is read from at most a few hundred characters before its verb: the name
    # proposed is within the loader's limit (longer ones are cut, with a warning)
    assert "new actor" in result.output
    assert "\x9b" not in result.output and "\x85" not in result.output
    checked = run("check", str(out))
    assert checked.exit_code == 0, checked.output


def test_an_article_over_the_source_limit_is_refused_in_one_line(run, tmp_path, monkeypatch):
    import ceasefire_tui.db.dossier as dossier

    monkeypatch.setattr(dossier, "MAX_SOURCE_CHARS", 1000)
    article = tmp_path / "big.txt"
    article.write_text("Trump said “yes.” " * 100, encoding="utf-8")
    result = run("draft", str(article))
    assert result.exit_code == 1
    assert "expected at most 1,000" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


NORTH = """\
actors:
  - id: north
    name: North
    kind: state
"""


def _article(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return str(path)


def test_two_articles_of_one_name_and_day_get_two_sources(run, tmp_path):
    """Two pages both saved as index.txt on one day: the second draft's source (and so its
    quotes) takes a free id, and both load side by side."""
    one = _article(tmp_path / "a" / "index.txt", 'Talks resumed.\n\n"We want a truce now," said Jan Novak.\n')
    two = _article(tmp_path / "b" / "index.txt", 'Talks stalled.\n\n"There is no truce," said Jan Novak.\n')
    assert run("draft", one, "--published", "2025-03-03", "-o", str(tmp_path / "a.yaml")).exit_code == 0
    assert run("load", str(tmp_path / "a.yaml")).exit_code == 0
    result = run("draft", two, "--published", "2025-03-03", "-o", str(tmp_path / "b.yaml"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "b.yaml").read_text("utf-8")
    assert 'id: "index-2025-03-03-2"' in text and 'source: "index-2025-03-03-2"' in text
    loaded = run("load", str(tmp_path / "b.yaml"))
    assert loaded.exit_code == 0, loaded.output
    assert "sources: 1 added, 0 changed, 0 removed" in loaded.output


def test_the_same_article_drafted_again_keeps_its_id_and_says_it_is_stored(run, tmp_path):
    one = _article(tmp_path / "a" / "index.txt", 'Talks resumed.\n\n"We want a truce now," said Jan Novak.\n')
    assert run("draft", one, "--published", "2025-03-03", "-o", str(tmp_path / "a.yaml")).exit_code == 0
    assert run("load", str(tmp_path / "a.yaml")).exit_code == 0
    again = run("draft", one, "--published", "2025-03-03", "-o", str(tmp_path / "a2.yaml"))
    assert again.exit_code == 0
    assert "already stored as source 'index-2025-03-03'" in again.output
    assert 'id: "index-2025-03-03"' in (tmp_path / "a2.yaml").read_text("utf-8")


def test_a_stored_anonymous_source_is_referred_to_not_proposed_again(run, tmp_path):
    """An earlier draft's anonymous source, loaded and then given its side by the analyst:
    the next draft refers to it rather than defining it again differently (a refused load)."""
    (tmp_path / "north.yaml").write_text(NORTH, "utf-8")
    assert run("load", str(tmp_path / "north.yaml")).exit_code == 0
    first = _article(
        tmp_path / "a" / "anon.txt",
        'Talks resumed.\n\n"We will not give in," a senior North official said.\n',
    )
    assert run("draft", first, "--published", "2025-03-04", "-o", str(tmp_path / "c.yaml")).exit_code == 0
    draft = tmp_path / "c.yaml"
    edited = draft.read_text("utf-8").replace(
        'role: "anonymous source"', 'role: "anonymous source"\n    parent: north'
    )
    assert "parent: north" in edited
    draft.write_text(edited, "utf-8")
    assert run("load", str(draft)).exit_code == 0
    second = _article(
        tmp_path / "b" / "anon.txt", 'Talks ended.\n\n"We will not sign," a senior North official said.\n'
    )
    result = run("draft", second, "--published", "2025-03-05", "-o", str(tmp_path / "d.yaml"))
    assert result.exit_code == 0 and "0 new actor(s)" in result.output
    assert 'speaker: "anonymous-north-official"' in (tmp_path / "d.yaml").read_text("utf-8")
    loaded = run("load", str(tmp_path / "d.yaml"))
    assert loaded.exit_code == 0, loaded.output
