"""The server's read-only view of the record: it opens only onrecord stores it understands."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord.store.sqlite import SCHEMA_VERSION, SQLiteStore
from onrecord.web.queries import ReadOnlyStore, RecordUnavailable


def make(path: Path, kind: str) -> Path:
    if kind == "garbage":
        path.write_bytes(b"not sqlite" * 50)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "other sqlite":
        sqlite3.connect(path).execute("CREATE TABLE notes (x TEXT)").connection.close()
    elif kind == "newer":
        SQLiteStore(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    return path


@pytest.mark.parametrize("kind", ["missing", "garbage", "empty", "other sqlite", "newer"])
def test_refuses_what_it_cannot_read(tmp_path: Path, kind: str) -> None:
    path = make(tmp_path / "record.db", kind)
    with pytest.raises(RecordUnavailable) as raised:
        ReadOnlyStore(path)
    assert str(tmp_path) not in str(raised.value)  # messages name the file, not where it lives


def test_reads_a_fresh_store_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "record.db"
    SQLiteStore(path).close()
    before = path.read_bytes()
    with ReadOnlyStore(path) as store:
        counts = store.counts()
        assert (counts.articles, counts.statements, counts.questions, counts.dodged) == (0, 0, 0, 0)
        assert store.articles() == [] and store.search_quotes(search="anything") == []
        with pytest.raises(RecordUnavailable):
            store.migrate()
    assert path.read_bytes() == before


def test_counts_dodged_questions_apart(record_db: Path) -> None:
    with ReadOnlyStore(record_db) as store:
        counts = store.counts()
        rows = store.question_rows()
    assert counts.questions == len(rows)
    assert counts.dodged == sum(r["outcome"] != "answered" for r in rows) > 0
