"""A record built by the real pipeline, shared by the web tests.

The store holds the bundled examples, a pair of fictional articles in which one politician
turns from against to for an incinerator (an unambiguous position change, so the pages have
one to show whatever the examples yield), and a hostile article whose id, title, source, url
and quoted words carry HTML and script.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.ingest import Skipped, read_inputs
from onrecord.pipeline import analyze_stream
from onrecord.store.sqlite import SQLiteStore
from onrecord.web import create_app

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
HOSTILE_ID = "port-ellin-<script>"
CHANGED_SPEAKER = "Marjorie Fenwick"


@pytest.fixture(scope="session")
def record_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite file, built once per session (about 20 s of spaCy)."""
    path = tmp_path_factory.mktemp("record") / "record.db"
    inputs = [str(REPO / "examples"), str(DATA)]
    with SQLiteStore(path) as store:
        for item in analyze_stream(read_inputs(inputs)):
            assert not isinstance(item, Skipped), f"could not analyse {item.origin}: {item.reason}"
            store.save(item)
    return path


@pytest.fixture(scope="session")
def client(record_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(record_db)) as test_client:
        yield test_client
