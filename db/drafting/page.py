"""An article from a saved web page or an address: its text, title, outlet, date and
address, extracted by trafilatura (the field's standard extractor: boilerplate, menus and
comments left out); pages fetched with a timeout and a size limit."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

#: Largest page fetched or read, in bytes (news pages are well under 2 MB).
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: Seconds to wait for an address to answer (each read, too).
FETCH_TIMEOUT = 20.0
USER_AGENT = "ceasefire-tui-draft/0.1 (+a reviewer's draft of one article)"


class PageError(Exception):
    """A page that cannot be fetched or holds no article; the message says why, one line."""


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    outlet: str | None
    #: YYYY-MM-DD, as the page gives it (metadata, or the date in its address).
    published: str | None
    url: str | None


def is_address(arg: str) -> bool:
    return re.match(r"^https?://", arg, re.I) is not None


def looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:512]


def fetch(url: str, timeout: float = FETCH_TIMEOUT, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The page at `url` (http or https only), at most `limit` bytes."""
    if not is_address(url):
        raise PageError(f"{url}: expected an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked above)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise PageError(f"{url}: the page is {int(length):,} bytes; expected at most {limit:,}")
            body: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise PageError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise PageError(f"{url}: no answer within {timeout:g} s") from None
        raise PageError(
            f"{url}: cannot fetch it ({reason}); offline? Save the page and draft the file instead"
        ) from None
    except TimeoutError:
        raise PageError(f"{url}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise PageError(f"{url}: cannot fetch it ({exc.strerror or exc})") from None
    if len(body) > limit:
        raise PageError(f"{url}: the page is more than {limit:,} bytes; expected at most {limit:,}")
    return body


def extract(html: bytes | str, url: str | None = None) -> Page:
    """The article in a page: its text (paragraphs one a line), title, outlet, date and
    address."""
    import trafilatura  # a heavy import: only when a page is drafted

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise PageError("no article text found in the page")
    published = data.get("date")
    if not (isinstance(published, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)):
        published = None
    outlet = data.get("sitename") or data.get("hostname") or None
    return Page(
        text=text,
        title=data.get("title") or None,
        outlet=outlet,
        published=published,
        url=data.get("url") or url,
    )
