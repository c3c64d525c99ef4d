"""`draft page.html` and `draft https://…`: the article's text, title, outlet, date and
address from a saved page (trafilatura), fetched from a server on 127.0.0.1 only (no test
reaches outside), with a timeout, a size limit and a one-line error offline."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ceasefire_tui.db.drafting import page as pages
from ceasefire_tui.tui.cli import cli

PAGE = Path(__file__).resolve().parents[1] / "data" / "draft" / "pages" / "doha-talks.html"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CEASEFIRE_TUI_DB", raising=False)
    return lambda *args: CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), *args])


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        body = PAGE.read_bytes()
        if self.path.startswith("/huge"):
            body = body + b" " * (pages.MAX_PAGE_BYTES + 10)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path != "/huge-unsized":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _drafted(result):
    assert result.exit_code == 0, result.output
    start = result.output.index("# Drafted")
    end = result.output.rindex("drafted ")
    return yaml.safe_load(result.output[start:end])


def test_a_saved_page_gives_text_title_outlet_date_and_address(run):
    data = _drafted(run("draft", str(PAGE)))
    (src,) = data["sources"]
    assert src["title"] == "Truce talks resume in Doha"
    assert src["outlet"] == "Example Wire"
    assert src["published"] == "2025-01-15"
    assert src["url"] == "https://example.org/world/doha-truce-talks"
    assert "Home" not in src["text"] and "All rights reserved" not in src["text"]
    assert "Markets rally" not in src["text"]
    quotes = {q["text"]: q for q in data["quotes"] if q["kind"] == "direct"}
    assert quotes["We are closer than ever to an agreement,"]["said"] == "2025-01-14"
    assert set(quotes) >= {"not yet done", "positively"}


def test_options_win_over_the_page(run):
    data = _drafted(run("draft", str(PAGE), "--outlet", "Reuters", "--published", "2025-01-16"))
    assert data["sources"][0]["outlet"] == "Reuters" and data["sources"][0]["published"] == "2025-01-16"


def test_a_page_draft_checks(run, tmp_path):
    out = tmp_path / "d.yaml"
    assert run("draft", str(PAGE), "-o", str(out)).exit_code == 0
    checked = run("check", str(out))
    assert checked.exit_code == 0, checked.output


def test_an_address_is_fetched(run, server):
    data = _drafted(run("draft", f"{server}/world/doha-truce-talks.html"))
    assert data["sources"][0]["id"] == "doha-truce-talks-2025-01-15"
    assert data["sources"][0]["title"] == "Truce talks resume in Doha"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "the server answered 404"),
        ("/huge", "expected at most"),
        ("/huge-unsized", "expected at most"),
    ],
)
def test_fetch_errors_are_one_line(run, server, path, message):
    result = run("draft", f"{server}{path}")
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_slow_server_times_out(server):
    with pytest.raises(pages.PageError, match="no answer within 0.5 s"):
        pages.fetch(f"{server}/slow", timeout=0.5)


def test_offline_is_a_clear_error(run):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("draft", f"http://127.0.0.1:{port}/article")
    assert result.exit_code == 1
    assert "cannot fetch it" in result.output and "offline?" in result.output
    assert "Traceback" not in result.output


def test_a_page_with_no_date_asks_for_one(run, tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><article><p>"
        + "“We want peace,” Trump said in a long speech about many things. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    result = run("draft", str(page))
    assert result.exit_code == 1 and "the page gives no date" in result.output
