"""A shared dossier reads nothing outside its own folder: no `..`, no absolute path, no
symbolic link out, no device, FIFO or endless file, and nothing too large.

Real files, real symbolic links, real FIFOs and device nodes; a fuzz test builds random
paths inside and outside the folder and watches every file the check opens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire_tui.db.connect import open_writer
from ceasefire_tui.db.dossier import MAX_SOURCE_CHARS, DossierError, check, load
from ceasefire_tui.db.dump import records

CANARY = "CANARY-a8f3e1 private key material"
ARTICLE = "Alpha said peace now."


def dossier(text_file: str, quote: str = "peace now") -> dict:
    return {
        "sources": [
            {"id": "s", "title": "T", "outlet": "O", "published": "2025-01-01", "text_file": text_file}
        ],
        "actors": [{"id": "alpha", "name": "Alpha", "kind": "state"}],
        "quotes": [{"id": "q", "source": "s", "speaker": "alpha", "kind": "direct", "text": quote}],
    }


@pytest.fixture
def place(tmp_path):
    """A dossier folder holding an article, beside a folder of secrets it must not read."""
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_ed25519").write_text(CANARY, "utf-8")
    root = tmp_path / "shared-dossier"
    (root / "sub").mkdir(parents=True)
    (root / "article.txt").write_text(ARTICLE, "utf-8")
    return root, outside


def write(root: Path, data: dict, name: str = "d.json") -> Path:
    path = root / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def messages(d) -> list[str]:
    return [str(p) for p in d.problems]


def assert_refused(d, *words: str) -> None:
    texts = messages(d)
    assert any(all(w in t for w in words) for t in texts), texts
    assert CANARY not in json.dumps([[r.values for rs in d.records.values() for r in rs], dict(d.texts)])
    assert not any(CANARY in t for t in texts)


@pytest.mark.parametrize(
    "name",
    [
        "../home/id_ed25519",
        "sub/../../home/id_ed25519",
        "../../../../../../etc/passwd",
        "../../../../../../proc/self/environ",
        "../../../../../../dev/zero",
        "../../../../../../dev/urandom",
    ],
)
def test_a_path_out_of_the_folder_is_refused(place, name):
    root, _ = place
    d = check([write(root, dossier(name))])
    assert_refused(d, "text_file", "leads outside the dossier's folder")


def test_an_absolute_path_is_refused(place):
    root, outside = place
    d = check([write(root, dossier(str(outside / "id_ed25519")))])
    assert_refused(d, "absolute path")


@pytest.mark.parametrize("target", ["file", "folder"])
def test_a_symlink_out_of_the_folder_is_refused(place, target):
    root, outside = place
    if target == "file":
        (root / "notes.txt").symlink_to(outside / "id_ed25519")
        name = "notes.txt"
    else:
        (root / "linked").symlink_to(outside)
        name = "linked/id_ed25519"
    d = check([write(root, dossier(name))])
    assert_refused(d, "symbolic link", "leads outside")


def test_a_symlink_to_dev_zero_is_refused(place):
    root, _ = place
    (root / "article2.txt").symlink_to("/dev/zero")
    d = check([write(root, dossier("article2.txt"))])
    assert_refused(d, "symbolic link")


def test_a_symlink_inside_the_folder_is_followed(place):
    root, _ = place
    (root / "sub" / "same.txt").symlink_to(root / "article.txt")
    d = check([write(root, dossier("sub/same.txt"))])
    assert d.ok, messages(d)
    assert d.texts["s"] == ARTICLE


def test_a_file_in_a_subfolder_may_name_one_anywhere_in_the_dossier(place):
    root, _ = place
    write(root / "sub", dossier("../article.txt"))
    d = check([root])
    assert d.ok, messages(d)
    # the same file named alone: its own folder (sub/) is the dossier's folder
    d = check([root / "sub" / "d.json"])
    assert_refused(d, "leads outside")


def test_a_device_node_inside_the_folder_is_not_read(place):
    root, _ = place
    try:
        os.mknod(root / "zero.txt", 0o600 | 0o020000, os.makedev(1, 5))  # char device /dev/zero
    except PermissionError:
        pytest.skip("making a device node needs root")
    d = check([write(root, dossier("zero.txt"))])
    assert_refused(d, "not a regular file")


def test_a_fifo_is_not_opened(place):
    """A FIFO blocks whoever opens it for reading until a writer comes: the check must
    neither open it nor hang. Run in a subprocess, so that a regression fails, not hangs."""
    root, _ = place
    os.mkfifo(root / "pipe.txt")
    write(root, dossier("pipe.txt"))
    os.mkfifo(root / "pipe.yaml")  # a FIFO among the dossier files is skipped
    code = (
        "import sys; from ceasefire_tui.db.dossier import check; "
        f"d = check([{str(root)!r}]); print('\\n'.join(map(str, d.problems)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "pipe.txt" in result.stdout and "not a regular file" in result.stdout


def test_a_file_too_large_is_refused_before_it_is_read(place):
    root, _ = place
    with open(root / "huge.txt", "wb") as fh:  # sparse: takes no disk
        fh.truncate(MAX_SOURCE_CHARS * 4 + 1)
    d = check([write(root, dossier("huge.txt"))])
    assert_refused(d, "huge.txt", "MB")


def test_a_dossier_file_linked_from_outside_is_not_read(place):
    root, outside = place
    (outside / "evil.yaml").write_text(f"sources: [{{id: '{CANARY}'}}]", "utf-8")
    (root / "evil.yaml").symlink_to(outside / "evil.yaml")
    write(root, dossier("article.txt"))
    d = check([root])
    assert_refused(d, "evil.yaml", "not read", "leads outside")
    assert [r.id for r in d.records["sources"]] == ["s"]


def test_nothing_refused_reaches_the_database_or_dump(place, tmp_path):
    root, _ = place
    conn = open_writer(tmp_path / "db.sqlite")
    try:
        with pytest.raises(DossierError) as refused:
            load(conn, [write(root, dossier("../home/id_ed25519", quote="CANARY"))])
        assert "outside" in str(refused.value.problems[0])
        assert CANARY not in json.dumps(records(conn))
    finally:
        conn.close()


# --- fuzz: random paths, and every file the check opens watched --------------------------

_opened: list[str] = []
_watching = threading.local()


def _audit(event: str, args: tuple) -> None:
    if event == "open" and getattr(_watching, "on", False) and isinstance(args[0], (str, bytes)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)

PARTS = [
    "..",
    ".",
    "sub",
    "article.txt",
    "in-link",
    "out-link",
    "out-file",
    "pipe.txt",
    "home",
    "id_ed25519",
    "",
    "zero",
    "sub/..",
    "...",
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("world")
    outside = base / "home"
    outside.mkdir()
    (outside / "id_ed25519").write_text(CANARY, "utf-8")
    (outside / "article.txt").write_text(CANARY, "utf-8")
    root = base / "dossier"
    (root / "sub").mkdir(parents=True)
    (root / "article.txt").write_text(ARTICLE, "utf-8")
    (root / "sub" / "article.txt").write_text(ARTICLE, "utf-8")
    (root / "in-link").symlink_to(root / "sub")
    (root / "out-link").symlink_to(outside)
    (root / "out-file").symlink_to(outside / "id_ed25519")
    (root / "zero").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe.txt")
    return base, root, outside


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.sampled_from(PARTS), min_size=1, max_size=6),
    lead=st.sampled_from(["", "/", "sub/"]),
    where=st.sampled_from(["root", "sub"]),
)
def test_fuzz_nothing_outside_the_folder_is_ever_opened(world, parts, lead, where):
    base, root, outside = world
    name = lead + "/".join(parts)
    folder = root if where == "root" else root / "sub"
    path = folder / "fuzz.json"
    path.write_text(json.dumps(dossier(name)), "utf-8")
    _opened.clear()
    _watching.on = True
    try:
        d = check([root])
    finally:
        _watching.on = False
    real_root = os.path.realpath(root)
    for opened in _opened:
        real = os.path.realpath(opened)
        if real.startswith(os.path.realpath(base)):
            assert os.path.commonpath([real_root, real]) == real_root, (name, opened)
    dumped = json.dumps([[r.values for rs in d.records.values() for r in rs], dict(d.texts)])
    assert CANARY not in dumped and not any(CANARY in t for t in messages(d))
    assert set(d.texts.values()) <= {ARTICLE}
    path.unlink()
