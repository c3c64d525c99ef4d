"""Every output format is safe with someone else's database: ids and text holding terminal
escapes, bidi controls, NUL, paths and spreadsheet formulas. Each command runs in a real
subprocess; nothing raw reaches stdout or stderr, CSV cells never start a formula, Markdown
never makes a link, image or HTML out of data, and a dump loads back to the exact text."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support.hostile import BIDI, plant_hostile_ids, write_hostile_dossier

#: Bytes that must never reach a terminal: C0 but \t and \n, DEL, C1 (as UTF-8), bidi.
RAW = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|" + b"|".join(re.escape(ch.encode()) for ch in BIDI)
)


def run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", *args], capture_output=True, timeout=120, **kw
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-ids")
    write_hostile_dossier(folder)
    path = folder / "h.db"
    out = run("--db", str(path), "load", str(folder / "hostile.json"))
    assert out.returncode == 0, out.stderr
    mapping = plant_hostile_ids(path)
    return path, mapping


COMMANDS = [
    ["actors"],
    ["actors", "--format", "json"],
    ["search", "sic"],
    ["search", "sic", "--format", "json"],
    ["compare", "hostile side", "hostile other"],
    ["compare", "hostile side", "hostile other", "--format", "md"],
    ["compare", "hostile side", "hostile other", "--format", "csv"],
    ["compare", "hostile side", "hostile other", "--format", "json"],
    ["dump", "--format", "json"],
    ["dump", "--format", "yaml"],
    ["compare", "hostile side", "nobody\x1b]2;x\x07"],  # an error quoting the argument
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_no_raw_control_reaches_the_terminal(hostile_db, args):
    path, _ = hostile_db
    out = run("--db", str(path), *args)
    assert b"Traceback" not in out.stderr
    if "nobody" in args[-1]:
        assert out.returncode == 1 and out.stdout == b""
        assert out.stderr.count(b"\n") == 1
    else:
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip()
    for stream in (out.stdout, out.stderr):
        bad = RAW.search(stream)
        assert bad is None, f"{bad.group()!r} in {args}"


def test_ids_are_shown_cleaned(hostile_db):
    """The planted ids are in the output, as visible symbols, not raw and not dropped."""
    path, _ = hostile_db
    text = run("--db", str(path), "actors").stdout.decode()
    assert "side␛]2;pwned␇" in text


def test_json_outputs_escape_and_keep_the_ids(hostile_db):
    path, mapping = hostile_db
    actors = json.loads(run("--db", str(path), "actors", "--format", "json").stdout)
    assert mapping["side"] in {a["id"] for a in actors}  # exact, escapes decoded
    comparison = json.loads(
        run("--db", str(path), "compare", "hostile side", "hostile other", "--format", "json").stdout
    )
    assert mapping["i0"] in {i["id"] for i in comparison["issues"]}


def test_csv_never_starts_a_formula(hostile_db):
    path, mapping = hostile_db
    out = run("--db", str(path), "compare", "hostile side", "hostile other", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.stdout.decode())))
    assert len(rows) > 2
    cells = [cell for row in rows for cell in row]
    formulas = [
        c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+", c)
    ]
    assert not formulas
    issues = {row[0] for row in rows[1:]}
    assert any(i.startswith("'=HYPERLINK(") for i in issues)
    stances = [row[5] for row in rows[1:]]
    assert "-2" in stances or "-1" in stances  # numbers stay numbers, negative ones too


def _tokens(md: str):
    parser = MarkdownIt("commonmark").enable("table")
    try:
        from mdit_py_plugins.footnote import footnote_plugin

        parser.use(footnote_plugin)
    except ImportError:  # pragma: no cover
        pass
    for token in parser.parse(md):
        yield token
        yield from token.children or ()


def test_markdown_makes_no_link_image_or_html_from_data(hostile_db):
    path, _ = hostile_db
    out = run("--db", str(path), "compare", "hostile side", "hostile other", "--format", "md")
    md = out.stdout.decode()
    kinds = [t.type for t in _tokens(md)]
    assert "table_open" in kinds and "footnote_ref" in kinds  # the brief's own structure
    assert not {"image", "html_inline", "html_block"} & set(kinds)
    links = {t.attrs["href"] for t in _tokens(md) if t.type == "link_open"}
    assert links == {"https://example.org/ok"}  # the one http(s) source url
    shown = "".join(t.content for t in _tokens(md) if t.type == "text")
    assert "<script>alert(1)</script>" in shown and "javascript:alert(1)" in shown
    rows = [ln for ln in md.splitlines() if ln.startswith("| ")]
    widths = {len(re.split(r"(?<!\\)\|", ln)) for ln in rows}
    assert len(widths) == 1, "a data | split a table row"


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "![x](http://evil.example/p.png)",
        "<img src=x onerror=y>",
        "<script>alert(1)</script>",
        "<javascript:alert(1)>",
        "<http://evil.example>",
        "*bold* _em_ `code` # h [^1] | pipe \\| \\",
        "&lt;b&gt; &amp;",
        "<!-- c -->",
        "x\n<div>",
    ],
)
def test_md_text_is_literal(text):
    from ceasefire_tui.db.brief import md_text

    tokens = list(_tokens(md_text(text)))
    assert [t.type for t in tokens if t.children is None or t.type == "inline"][:0] == []
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}
    shown = "".join(t.content for t in tokens if t.type == "text")
    assert shown == " ".join(text.splitlines())


@pytest.mark.parametrize(
    "url,link",
    [
        ("https://example.org/a?b=1&c=(2)", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("https://example.org/a b", False),
        ("https://x.example/<script>", False),
        ("[link=https://evil.example]x[/]", False),
    ],
)
def test_md_url_links_only_http(url, link):
    from ceasefire_tui.db.brief import md_url

    tokens = list(_tokens(md_url(url)))
    links = [t.attrs["href"] for t in tokens if t.type == "link_open"]
    assert links == ([url] if link else [])


def test_dump_round_trips_exactly(hostile_db, tmp_path):
    """dump (JSON and YAML, escapes and all) -> load -> dump gives the same records."""
    path, mapping = hostile_db
    restore = {new: old for old, new in mapping.items()}

    def back(value):
        """The loader refuses the planted ids: reload the records with their own ids."""
        if isinstance(value, str):
            return restore.get(value, value)
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    original = run("--db", str(path), "dump", "--format", "json").stdout
    records = json.loads(original)
    texts = [q["text"] for q in records["quotes"]]
    assert any("\x9b" in t for t in texts) and any("\u202e" in t for t in texts)
    for fmt in ("json", "yaml"):
        dumped = run("--db", str(path), "dump", "--format", fmt).stdout
        data = (
            json.loads(dumped)
            if fmt == "json"
            else {k: v for doc in [yaml.safe_load(dumped)] for k, v in doc.items()}
        )
        assert data == records
        dossier = tmp_path / f"again-{fmt}.json"
        dossier.write_text(json.dumps(back(data)), "utf-8")
        again = tmp_path / f"again-{fmt}.db"
        out = run("--db", str(again), "load", str(dossier))
        assert out.returncode == 0, out.stderr
        redump = json.loads(run("--db", str(again), "dump", "--format", "json").stdout)
        assert redump == back(records)


def test_yaml_dump_escapes_as_yaml_reads(tmp_path):
    """A YAML dump of a clean database (loader ids) with hostile text: the file loads back
    through the loader and dumps to the same bytes."""
    write_hostile_dossier(tmp_path)
    db = tmp_path / "a.db"
    assert run("--db", str(db), "load", str(tmp_path / "hostile.json")).returncode == 0
    first = run("--db", str(db), "dump", "--format", "yaml").stdout
    assert RAW.search(first) is None
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "dump.yaml").write_bytes(first)
    db2 = tmp_path / "b.db"
    out = run("--db", str(db2), "load", str(tmp_path / "d" / "dump.yaml"))
    assert out.returncode == 0, out.stderr
    assert run("--db", str(db2), "dump", "--format", "yaml").stdout == first


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["dump", "--format", "json"], ["actors"]])
def test_full_disk_on_stdout_is_one_line(hostile_db, args):
    path, _ = hostile_db
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(path), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    assert out.stderr.decode().count("\n") == 1 and "No space left" in out.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        ["actors", "extra\x1b]2;t\x07\u202e\x9b"],
        ["nosuch\u202e\x1b[2J"],
        ["compare", "--format", "x\x1b]2;t\x07", "a", "b"],
    ],
)
def test_usage_errors_are_cleaned(hostile_db, args):
    """click's own messages quote what was typed: they go through the cleaner too."""
    path, _ = hostile_db
    out = run("--db", str(path), *args)
    assert out.returncode == 2 and out.stdout == b""
    assert b"Error:" in out.stderr and b"Traceback" not in out.stderr
    bad = RAW.search(out.stderr)
    assert bad is None, f"{bad.group()!r} in {out.stderr!r}"


def test_help_and_version_still_exit_zero():
    for args in (["--help"], ["--version"], ["compare", "--help"]):
        out = run(*args)
        assert out.returncode == 0 and out.stdout and not out.stderr


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t0123456789aZ\n") + ["é", "—"]),
        max_size=40,
    )
)
def test_md_text_is_literal_whatever_the_punctuation(text):
    """Any mix of ASCII punctuation, digits and spaces reads back as itself, as a paragraph
    of text only (no list, rule, heading, code, link, emphasis or HTML), wherever a brief puts
    it: alone on a line and inside a table cell."""
    from ceasefire_tui.db.brief import md_text

    folded = " ".join(text.split())
    if not folded:
        return
    tokens = list(_tokens(md_text(text)))
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}, (
        text,
        md_text(text),
    )
    shown = "".join(t.content for t in tokens if t.type == "text")
    assert shown == folded, (text, md_text(text), shown)
    table = f"| a |\n|---|\n| {md_text(text)} |\n"
    cells = [t for t in _tokens(table) if t.type == "td_open"]
    assert len(cells) == 1, (text, table)
