"""SQLite store: schema, idempotent and atomic ingest, skipped inputs, search."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onrecord import __version__
from onrecord.models import AnalyzedArticle, Article, Quote, Removed, Span, Speaker
from onrecord.store import SCHEMA_VERSION, SQLiteStore

TEXT = "Budget row\n\n“We will not cut libraries,” Ms Hale said.\n"


def analyzed(text: str = TEXT, article_id: str = "budget-row") -> AnalyzedArticle:
    start = text.index("We will")
    end = text.index(",”")
    quote = Quote(
        id="q1", kind="direct", content=Span.of(text, start, end),
        cue=Span.of(text, text.index("said"), text.index("said") + 4),
        speaker=Speaker("Jo Hale", "person", Span.of(text, text.index("Ms Hale"), text.index(" said"))),
        confidence=0.9,
    )
    return AnalyzedArticle(
        article=Article(id=article_id, text=text, title="Budget row", date="2021-03-04",
                        date_source="option", date_precision="day"),
        removed=(Removed(0, 10, "boilerplate"),), quotes=(quote,),
    )


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "removed", "quotes", "quote_topics", "questions")}
    finally:
        conn.close()


def test_new_file_gets_the_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with SQLiteStore(path) as store:  # reopening migrates nothing twice
        versions = store.conn.execute("SELECT version FROM schema_version").fetchall()
        assert [v[0] for v in versions] == list(range(1, SCHEMA_VERSION + 1))


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999)")
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        SQLiteStore(path)


def test_the_same_article_twice_leaves_one_copy(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteStore(path) as store:
        assert store.save(analyzed()) == "stored"
        assert store.save(analyzed()) == "unchanged"
    assert counts(path) == {"articles": 1, "removed": 1, "quotes": 1, "quote_topics": 0,
                            "questions": 0}


def test_a_changed_article_replaces_the_old_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteStore(path) as store:
        store.save(analyzed())
        changed = analyzed(TEXT + "\nShe added nothing.\n")
        assert store.save(changed) == "replaced"
        record = store.article_record("budget-row")
    assert record is not None and record["article"]["text"].endswith("She added nothing.\n")
    assert counts(path)["quotes"] == 1


def test_the_stored_record_follows_the_schema_and_names_the_version(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "r.db") as store:
        store.save(analyzed())
        record = store.article_record("budget-row")
        version = store.conn.execute("SELECT onrecord_version FROM articles").fetchone()[0]
    assert record == analyzed().to_json() | {"removed": [{"start": 0, "end": 10,
                                                          "reason": "boilerplate"}]}
    assert version == __version__


def test_an_exception_mid_article_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.db"
    store = SQLiteStore(path)
    original = store._insert

    def failing(cur: sqlite3.Cursor, item: AnalyzedArticle, digest: str) -> None:
        original(cur, item, digest)
        raise KeyboardInterrupt  # after every row of the article was written

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(KeyboardInterrupt):
        store.save(analyzed())
    store.close()
    assert counts(path) == {"articles": 0, "removed": 0, "quotes": 0, "quote_topics": 0,
                            "questions": 0}


def test_a_killed_process_mid_article_leaves_nothing(tmp_path: Path) -> None:
    """The process dies (no cleanup at all) after writing the article row but before commit."""
    path = tmp_path / "r.db"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_sqlite import analyzed
        from onrecord.store import SQLiteStore
        store = SQLiteStore({str(path)!r})
        original = store._insert
        def dying(cur, item, digest):
            original(cur, item, digest)
            os._exit(9)
        store._insert = dying
        store.save(analyzed())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    assert counts(path) == {"articles": 0, "removed": 0, "quotes": 0, "quote_topics": 0,
                            "questions": 0}


def test_skipped_inputs_are_kept_with_their_reason(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "r.db") as store:
        store.record_skipped("photo.png", "not text: looks like a PNG image")
        assert store.skipped() == [("photo.png", "not text: looks like a PNG image")]


@pytest.mark.parametrize(
    ("search", "found"),
    [("libraries", 1), ("LIBRARIES", 1), ("hospitals", 0), ('"unbalanced', 0), ("cut OR", 0),
     ("libraries\x00", 1)],
)
def test_full_text_search_on_statements(tmp_path: Path, search: str, found: int) -> None:
    with SQLiteStore(tmp_path / "r.db") as store:
        store.save(analyzed())
        assert len(store.search_quotes(search=search)) == found


@pytest.mark.parametrize(
    ("filters", "found"),
    [({"speaker": "Hale"}, 1), ({"speaker": "Nobody"}, 0), ({"since": "2021"}, 1),
     ({"until": "2020-12-31"}, 0), ({"until": "2021-03"}, 1)],
)
def test_statement_filters(tmp_path: Path, filters: dict[str, str], found: int) -> None:
    with SQLiteStore(tmp_path / "r.db") as store:
        store.save(analyzed())
        assert len(store.search_quotes(**filters)) == found  # type: ignore[arg-type]


@pytest.mark.parametrize("spelling", ["libraries", "Libraries", "the libraries"])
def test_topic_filter_matches_any_spelling_of_the_topic(tmp_path: Path, spelling: str) -> None:
    from dataclasses import replace

    from onrecord.models import TopicStance

    item = analyzed()
    quote = replace(item.quotes[0], topics=(TopicStance("libraries", "favor", 0.8),))
    with SQLiteStore(tmp_path / "r.db") as store:
        store.save(replace(item, quotes=(quote,)))
        assert len(store.search_quotes(topic=spelling)) == 1
        assert store.search_quotes(topic="hospitals") == []


@pytest.mark.parametrize(
    ("where", "shown"),
    [("postgresql://reader:s3cret@db.example:5432/record", "postgresql://reader:***@db.example:5432/record"),
     ("postgresql://db.example/record", "postgresql://db.example/record"),
     ("record.db", "record.db")],
)
def test_a_url_password_is_never_printed(where: str, shown: str) -> None:
    from onrecord.store import display_name

    assert display_name(where) == shown
