"""The command line over a PostgreSQL record: the same commands, a postgresql:// URL."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_read_the_record_from_postgresql(pg_url: str) -> None:
    code, _, err = run("ingest", str(EXAMPLES), "--db", pg_url)
    assert code == 0, err
    code, _, err = run("ingest", str(EXAMPLES), "--db", pg_url)
    assert code == 0 and "unchanged" in err
    code, out, _ = run("articles", "--db", pg_url, "--format", "json")
    assert len(json.loads(out)["articles"]) == 9
    code, out, _ = run("changes", "--db", pg_url, "--format", "json")
    assert code == 0 and "changes" in json.loads(out)


def test_an_unreachable_server_is_a_clear_message() -> None:
    code, _, err = run("articles", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 1 and "cannot open the record" in err


def test_the_web_app_serves_a_postgresql_record_read_only(pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    code, _, err = run("ingest", str(EXAMPLES), "--db", pg_url)
    assert code == 0, err
    client = TestClient(create_app(pg_url))
    home = client.get("/api/")
    assert home.status_code == 200
    articles = client.get("/api/articles").json()
    assert len(articles["articles"]) == 9
    assert client.get("/speakers").status_code == 200
    assert client.get("/api/quotes", params={"q": "'; DROP TABLE quotes; --"}).status_code == 200
    assert len(client.get("/api/articles").json()["articles"]) == 9
