"""Article text is untrusted: it is escaped everywhere, queries are parameterised, no request
reaches the file system, errors show no stack trace, the record is only read, and the server
is local unless told otherwise."""

from __future__ import annotations

import hashlib
import inspect
import socket
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from onrecord.web import app as web_app
from onrecord.web import create_app
from web_record import HOSTILE_ID

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'
TRACE_SIGNS = ("Traceback", 'File "', ".py", "sqlite3.", "Error:")


class Elements(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


HOSTILE_PAGES = [
    f"/articles/{quote(HOSTILE_ID, safe='')}", "/articles", "/search?q=script",
    "/search?q=published", "/speakers/Wendell%20Ashby", "/speakers", "/questions", "/",
    f"/search?q={quote(SCRIPT)}", f"/changes?speaker={quote(ATTRIBUTE)}",
    f"/search?speaker={quote(ATTRIBUTE)}&topic={quote(SCRIPT)}",
]


# --- escaping ---------------------------------------------------------------------------------


def test_templates_autoescape() -> None:
    assert web_app.templates().autoescape is True


def test_the_store_keeps_the_hostile_text_as_it_was(client: TestClient) -> None:
    record = client.get(f"/api/articles/{quote(HOSTILE_ID, safe='')}").json()
    assert record["article"]["id"] == HOSTILE_ID
    assert SCRIPT in record["article"]["text"] and ATTRIBUTE in record["article"]["text"]
    assert SCRIPT in record["article"]["title"] and record["article"]["source"] == ATTRIBUTE
    assert any(SCRIPT in q["content"]["text"] for q in record["quotes"]), \
        "the pipeline should find the quote with markup in it"


def test_api_answers_are_json_never_html(client: TestClient) -> None:
    response = client.get(f"/api/quotes?q={quote(SCRIPT)}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_hostile_text_shows_as_text_on_every_page(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert SCRIPT not in html and ATTRIBUTE not in html and "<b>daylight" not in html
    found = elements(html)
    assert "script" not in found.tags and "b" not in found.tags
    assert not [name for name, _ in found.attributes if name.startswith("on")]
    assert not [v for n, v in found.attributes if n == "href" and v and v.startswith("javascript")]


def test_hostile_article_page_shows_the_markup_as_words(client: TestClient) -> None:
    html = client.get(f"/articles/{quote(HOSTILE_ID, safe='')}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34; onmouseover=&#34;x" in html
    assert "&lt;b&gt;daylight robbery&lt;/b&gt; &amp; everyone" in html
    assert 'data-quote="q1"' in html  # the hostile words sit inside a highlighted quote


def test_pages_forbid_scripts_and_framing(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


# --- queries ----------------------------------------------------------------------------------

HOSTILE_QUERIES = ["'; DROP TABLE quotes; --", '"unbalanced', "NEAR(", "a AND OR NOT", "*",
                   "speaker:x", "^start", "%", "_", "\\", "content MATCH 'x'", "()", "ü ß 名"]


@pytest.mark.parametrize("field", ["q", "speaker", "topic"])
@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_searches_return_normally(
    client: TestClient, record_db: Path, field: str, text: str
) -> None:
    before = client.get("/api/").json()["counts"]
    api = client.get("/api/quotes", params={field: text})
    page = client.get("/search", params={field: text})
    assert (api.status_code, page.status_code) == (200, 200)
    assert isinstance(api.json()["quotes"], list)
    assert client.get("/api/").json()["counts"] == before


@pytest.mark.parametrize("field", ["q", "speaker", "topic"])
@pytest.mark.parametrize("text", ["\x00", "nuclear\x00power", "\x1b[31m"])
def test_control_characters_are_an_invalid_request(client: TestClient, field: str, text: str
                                                   ) -> None:
    assert client.get("/api/quotes", params={field: text}).status_code == 422
    assert client.get("/search", params={field: text}).status_code == 422


@pytest.mark.parametrize("article_id", ["' OR '1'='1", "x'; DROP TABLE articles; --"])
def test_hostile_ids_find_nothing(client: TestClient, article_id: str) -> None:
    assert client.get(f"/api/articles/{quote(article_id, safe='')}").status_code == 404
    assert client.get("/api/articles").json()["articles"]


# --- the file system --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
     "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static//etc/passwd",
     "/articles/..%2F..%2F..%2Fetc%2Fpasswd", "/static/onrecord.css%00.py"],
)
def test_no_request_path_reaches_the_file_system(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


def test_the_stylesheet_is_served_from_the_package(client: TestClient) -> None:
    response = client.get("/static/onrecord.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")


def raw_get(base: str, target: str) -> str:
    """Send a request line exactly as written (HTTP clients tidy away '..')."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                     .encode("latin-1"))
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("latin-1")


@pytest.mark.parametrize("target", ["/static/../../etc/passwd", "/static/../app.py",
                                    "/static/../../../../../../etc/passwd"])
def test_dot_dot_in_the_raw_request_line_is_404(live_server: str, target: str) -> None:
    response = raw_get(live_server, target)
    assert response.startswith("HTTP/1.1 404") and "root:" not in response


# --- errors -----------------------------------------------------------------------------------


def no_trace(text: str) -> bool:
    return not any(sign in text for sign in TRACE_SIGNS)


@pytest.mark.parametrize("url", ["/boom", "/api/boom"])
def test_a_crash_shows_a_message_not_a_stack_trace(record_db: Path, url: str) -> None:
    app = create_app(record_db)

    @app.get("/boom")
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /home/someone/onrecord.db")

    with TestClient(app, raise_server_exceptions=False) as crashing:
        response = crashing.get(url)
    assert response.status_code == 500
    assert "secret internals" not in response.text and no_trace(response.text)
    assert "went wrong" in response.text


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b""])
@pytest.mark.parametrize("url", ["/", "/api/quotes", "/speakers/Anyone"])
def test_a_broken_record_file_is_503_without_a_trace(
    tmp_path: Path, content: bytes, url: str
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(content)
    with TestClient(create_app(broken), raise_server_exceptions=False) as c:
        response = c.get(url)
    assert response.status_code == 503
    assert no_trace(response.text) and str(tmp_path) not in response.text


@pytest.mark.parametrize(
    "url", ["/api/quotes?limit=lots", "/search?page=0", "/search?since=%ff%fe",
            "/api/questions?outcome=%3Cscript%3E", "/articles/%ff%fe%fd"],
)
def test_a_broken_request_gets_a_plain_answer(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert no_trace(response.text) and "<script>" not in response.text


# --- read-only, local -------------------------------------------------------------------------


def test_serving_never_changes_the_record(client: TestClient, record_db: Path) -> None:
    before = hashlib.sha256(record_db.read_bytes()).hexdigest()
    for url in ["/", "/search?q=nuclear", "/speakers", "/api/changes", "/api/questions"]:
        client.get(url)
    assert hashlib.sha256(record_db.read_bytes()).hexdigest() == before


def test_the_server_binds_localhost_by_default(
    monkeypatch: pytest.MonkeyPatch, record_db: Path
) -> None:
    assert inspect.signature(web_app.serve).parameters["host"].default == "127.0.0.1"
    seen: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: seen.update(options))
    web_app.serve(str(record_db))
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000


def test_serve_refuses_a_missing_record(tmp_path: Path) -> None:
    with pytest.raises(web_app.RecordUnavailable):
        web_app.serve(str(tmp_path / "missing.db"))


def test_the_connection_cannot_write(record_db: Path) -> None:
    with web_app.ReadOnlyStore(record_db) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM quotes")
