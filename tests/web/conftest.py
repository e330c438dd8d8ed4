"""A record built by the real pipeline, shared by the web tests.

The store holds the bundled examples and a hostile article (id, title, source, url and quoted
words carrying HTML and script), both through the real pipeline, and a pair of fictional
records in which one politician turns from against to for an incinerator, so the pages always
have a position change to show (see ``web_record``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from onrecord.ingest import Skipped, read_inputs
from onrecord.pipeline import analyze_stream
from onrecord.store.sqlite import SQLiteStore
from onrecord.web import create_app
from web_record import DATA, REPO, ashgrove_pair


@pytest.fixture(scope="session")
def record_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite file, built once per session (about 20 s of spaCy)."""
    path = tmp_path_factory.mktemp("record") / "record.db"
    inputs = [str(REPO / "examples"), str(DATA)]
    with SQLiteStore(path) as store:
        for item in analyze_stream(read_inputs(inputs)):
            assert not isinstance(item, Skipped), f"could not analyse {item.origin}: {item.reason}"
            store.save(item)
        for analyzed in ashgrove_pair():
            store.save(analyzed)
    return path


@pytest.fixture(scope="session")
def client(record_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(record_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(record_db: Path) -> Iterator[str]:
    """The app under uvicorn on a free localhost port, in a background thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(record_db), host="127.0.0.1", port=port,
                            log_level="warning", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
