"""Limits the machine can honour, checked before the work: a parent chain thousands deep,
a dossier larger than the memory left, an out-of-memory error: each a clear message."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import MAX_PARENT_DEPTH, DossierError, check, load
from ceasefire_tui.tui.cli import cli
from tests.support.dossiers import snapshot


def chain(n: int, prefix: str = "a", top: str | None = None) -> list[dict]:
    out = []
    for i in range(n):
        parent = f"{prefix}{i - 1}" if i else top
        actor = {"id": f"{prefix}{i}", "name": f"{prefix.upper()}{i}", "kind": "person"}
        if parent:
            actor["parent"] = parent
        out.append(actor)
    out[0]["kind"] = "state" if top is None else "person"
    return out


def test_a_chain_20000_deep_is_refused_once_at_the_level_it_crosses(tmp_path):
    """Before, walking each actor's chain cost the chain's length (248 s to load 20,000)."""
    path = tmp_path / "chain.json"
    path.write_text(json.dumps({"actors": chain(20_000)}), "utf-8")
    d = check([path])
    problems = [str(p) for p in d.problems]
    assert len(problems) == 1, problems[:3]
    assert f"(a{MAX_PARENT_DEPTH + 1}).parent" in problems[0]
    assert f"sits {MAX_PARENT_DEPTH + 1} levels below its side" in problems[0]


def test_a_chain_at_the_limit_loads_and_one_more_level_from_a_later_file_is_refused(tmp_path):
    conn = open_writer(tmp_path / "db.sqlite")
    try:
        first = tmp_path / "first.json"
        first.write_text(json.dumps({"actors": chain(MAX_PARENT_DEPTH + 1)}), "utf-8")
        load(conn, [first])
        before = snapshot(conn)
        more = tmp_path / "more.json"
        more.write_text(json.dumps({"actors": chain(1, prefix="b", top=f"a{MAX_PARENT_DEPTH}")}), "utf-8")
        with pytest.raises(DossierError) as err:
            load(conn, [more])
        assert "(b0).parent" in str(err.value.problems[0])
        assert snapshot(conn) == before
    finally:
        conn.close()


def test_a_loop_through_thousands_of_actors_is_reported_at_each(tmp_path):
    actors = chain(3000)
    actors[0]["parent"] = "a2999"
    path = tmp_path / "loop.json"
    path.write_text(json.dumps({"actors": actors}), "utf-8")
    d = check([path])
    assert len(d.problems) == 3000
    assert all("the parent chain loops" in p.message for p in d.problems)


def _limited(megabytes: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    return limit


def test_a_dossier_larger_than_the_memory_left_is_refused_before_it_is_read(tmp_path):
    """Under a 600 MB address-space limit, 60 MB of YAML (parsed a file at a time, about
    12 bytes of memory a byte) would need more: the check says so in one line, before
    reading it, instead of dying of a MemoryError."""
    path = tmp_path / "big.yaml"
    with open(path, "w", encoding="utf-8") as out:
        out.write("actors:\n")
        for i in range(600_000):
            out.write(
                f"  - id: a{i}\n    name: Actor number {i}\n    kind: person\n"
                "    role: Deputy minister of many things\n"
            )
    assert path.stat().st_size > 60e6
    result = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(tmp_path / "x.db"), "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited(600),
    )
    assert result.returncode == 1, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert any("checking it needs about" in ln and "split" in ln for ln in lines), lines


@pytest.mark.slow
def test_a_json_dossier_is_checked_a_record_at_a_time_in_memory_smaller_than_it(tmp_path):
    """The same 600 MB limit, and 180 MB of JSON in one file: 800,000 quotes, each found
    verbatim in its source. JSON is read a record at a time and the records kept in a
    scratch database, so the check passes where holding the file's records (about 1.6 KB
    a quote) or the file (180 MB of bytes, as much again of text, then its records) would not."""
    text = "We will insist on unyielding security guarantees in any agreement."
    quotes = ",\n".join(
        json.dumps(
            {
                "id": f"q{i}",
                "source": "s",
                "speaker": "a",
                "kind": "direct",
                "text": text,
                "venue": f"a briefing, number {i} of many, held in the capital's press centre",
            }
        )
        for i in range(800_000)
    )
    head = {
        "sources": [{"id": "s", "title": "T", "outlet": "O", "published": "2025-03-17", "text": text}],
        "actors": [{"id": "a", "name": "A", "kind": "state"}],
    }
    path = tmp_path / "big.json"
    path.write_text(json.dumps(head)[:-1] + ', "quotes": [\n' + quotes + "\n]}", "utf-8")
    assert path.stat().st_size > 170e6
    result = subprocess.run(
        [sys.executable, "-m", "ceasefire_tui.tui", "--db", str(tmp_path / "x.db"), "check", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limited(600),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "800000 quotes" in result.stdout + result.stderr, (result.stdout, result.stderr[-2000:])


@pytest.mark.parametrize("command", ["check", "load"])
def test_running_out_of_memory_is_one_line(tmp_path, monkeypatch, command):
    from ceasefire_tui.db import dossier as loader

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(loader, "check", exhausted)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "d.json").write_text("{}", "utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), command, str(tmp_path / "d.json")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        next(ln for ln in result.output.splitlines() if ln.startswith("error: ran out of memory"))
    ]
