"""PostgreSQL store: the SQLite store's behaviour on a real server, and what a shared server
adds (several writers at once, indexes that the filters can use).

Behaviour both stores promise is tested on both (``kind``); a test that only PostgreSQL
needs says so in its name.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from test_sqlite import analyzed

from onrecord import __version__
from onrecord.models import AnalyzedArticle, Question, SaidOn, Span, TopicStance
from onrecord.store import SQLiteStore
from onrecord.store.postgres import SCHEMA_VERSION, PostgresStore, topic_keys

HERE = Path(__file__).resolve().parent
TABLES = ("articles", "removed", "quotes", "quote_topics", "questions")
Store = SQLiteStore | PostgresStore


def open_kind(kind: str, where: str) -> Store:
    return SQLiteStore(where) if kind == "sqlite" else PostgresStore(where)


@pytest.fixture(params=["sqlite", "postgres"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def where(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a fresh, empty record of this kind lives: a file, or a database URL."""
    return str(tmp_path / "r.db") if kind == "sqlite" else str(request.getfixturevalue("pg_url"))


def counts(store: Store) -> dict[str, int]:
    found: dict[str, int] = {}
    for table in TABLES:
        row = store.conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()
        assert row is not None
        found[table] = row["n"]  # sqlite3.Row and dict rows alike
    return found


def full(article_id: str = "budget-row", date: str | None = "2021-03-04") -> AnalyzedArticle:
    """The budget row with a topic and stance, a statement dated before the article, and a
    question it did not answer."""
    item = analyzed(article_id=article_id)
    text = item.article.text
    quote = replace(item.quotes[0], topics=(TopicStance("libraries", "favor", 0.8),))
    earlier = replace(quote, id="q2", said_on=SaidOn("2014-05", "month"),
                      topics=(TopicStance("Libraries", "against", 0.7),))
    question = Question("x1", Span.of(text, 0, 10), "a reporter", "Jo Hale", "evaded")
    return replace(item, article=replace(item.article, date=date), quotes=(quote, earlier),
                   questions=(question,))


# -- schema ----------------------------------------------------------------------------------


def test_postgres_new_database_gets_the_schema_once(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with PostgresStore(pg_url) as store:  # reopening migrates nothing twice
        rows = store.conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
    assert [r["version"] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_postgres_processes_opening_a_new_database_at_once_migrate_it_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            PostgresStore(pg_url).close()
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with PostgresStore(pg_url) as store:
        assert store.conn.execute("SELECT count(*) AS n FROM schema_version").fetchone() == {
            "n": SCHEMA_VERSION}


def test_postgres_a_newer_schema_is_refused(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        store.conn.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(RuntimeError, match="newer"):
        PostgresStore(pg_url)


@pytest.mark.parametrize("url", ["postgresql://nobody@/nothing?host=/nonexistent-dir",
                                 "postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2"])
def test_postgres_an_unreachable_server_is_an_os_error(url: str) -> None:
    """The CLI turns OSError into a user message, as for a missing SQLite directory."""
    with pytest.raises(OSError, match="cannot connect to PostgreSQL"):
        PostgresStore(url)


# -- writing ---------------------------------------------------------------------------------


def test_the_same_article_twice_leaves_one_copy(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        assert store.save(full()) == "stored"
        assert store.save(full()) == "unchanged"
        assert counts(store) == {"articles": 1, "removed": 1, "quotes": 2, "quote_topics": 2,
                                 "questions": 1}


def test_a_changed_article_replaces_the_old_rows(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        store.save(full())
        changed = analyzed(analyzed().article.text + "\nShe added nothing.\n")
        assert store.save(changed) == "replaced"
        record = store.article_record("budget-row")
        assert record is not None and record["article"]["text"].endswith("She added nothing.\n")
        assert counts(store) == {"articles": 1, "removed": 1, "quotes": 1, "quote_topics": 0,
                                 "questions": 0}


def test_the_stored_record_is_the_analysed_article(kind: str, where: str) -> None:
    item = full()
    item = replace(item, article=replace(item.article, metadata={"section": "Politics",
                                                                 "tags": ["budget", "café"]}))
    with open_kind(kind, where) as store:
        store.save(item)
        assert store.article_record("budget-row") == item.to_json()
        assert store.article_record("no-such-article") is None


def test_postgres_every_row_names_the_onrecord_version(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        store.save(full())
        store.record_skipped("photo.png", "not text")
        for table in (*TABLES, "skipped"):
            rows = store.conn.execute(f"SELECT DISTINCT onrecord_version FROM {table}").fetchall()
            assert rows == [{"onrecord_version": __version__}], table


def test_an_exception_mid_article_leaves_nothing(kind: str, where: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_kind(kind, where)
    original = store._insert

    def failing(cur: Any, item: AnalyzedArticle, digest: str) -> None:
        original(cur, item, digest)
        raise KeyboardInterrupt  # after every row of the article was written

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(KeyboardInterrupt):
        store.save(full())
    monkeypatch.undo()
    assert store.save(full(article_id="next")) == "stored"  # the store is still usable
    store.close()
    with open_kind(kind, where) as again:
        assert [a.id for a in again.articles()] == ["next"]


def test_a_killed_process_mid_article_leaves_nothing(kind: str, where: str) -> None:
    """The process dies (no cleanup at all) after writing every row but before commit."""
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(HERE)!r})
        from test_postgres import full, open_kind
        store = open_kind({kind!r}, {where!r})
        original = store._insert
        def dying(cur, item, digest):
            original(cur, item, digest)
            os._exit(9)
        store._insert = dying
        store.save(full())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    with open_kind(kind, where) as store:
        assert counts(store) == dict.fromkeys(TABLES, 0)
        assert store.save(full()) == "stored"  # no lock was left behind


def test_postgres_an_article_postgres_cannot_hold_is_refused_whole(pg_url: str) -> None:
    """PostgreSQL text holds no NUL character: a clear ValueError, nothing half-written."""
    item = analyzed("Budget row\x00\n\n“We will not cut libraries,” Ms Hale said.\n")
    with PostgresStore(pg_url) as store:
        with pytest.raises(ValueError, match="budget-row"):
            store.save(item)
        assert counts(store) == dict.fromkeys(TABLES, 0)
        assert store.save(full()) == "stored"


def test_skipped_inputs_are_kept_with_their_reason_in_order(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        store.record_skipped("photo.png", "not text: looks like a PNG image")
        store.record_skipped("empty.txt", "empty")
        assert store.skipped() == [("photo.png", "not text: looks like a PNG image"),
                                   ("empty.txt", "empty")]


def ingest_in_a_process(kind: str, where: str, ids: list[int], go: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(f"""
        import json, sys
        from collections import Counter
        from pathlib import Path
        sys.path.insert(0, {str(HERE)!r})
        from test_postgres import full, open_kind
        store = open_kind({kind!r}, {where!r})
        print("ready", flush=True)
        while not Path({str(go)!r}).exists():  # both start writing at the same moment
            pass
        print(json.dumps(Counter(store.save(full(f"a{{i}}")) for i in {ids!r})))
    """)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_processes_ingesting_overlapping_articles_store_one_copy_each(
    kind: str, where: str, tmp_path: Path
) -> None:
    open_kind(kind, where).close()  # the schema exists before the race starts
    go = tmp_path / "go"
    # Both begin with the shared twenty, in the same order: they collide article by article.
    first = ingest_in_a_process(kind, where, [*range(20, 40), *range(0, 20)], go)
    second = ingest_in_a_process(kind, where, [*range(20, 40), *range(40, 60)], go)
    for process in (first, second):
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    go.touch()
    outcomes: Counter[str] = Counter()
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outcomes.update(json.loads(out))
    assert outcomes == {"stored": 60, "unchanged": 20}
    with open_kind(kind, where) as store:
        assert counts(store) == {"articles": 60, "removed": 60, "quotes": 120,
                                 "quote_topics": 120, "questions": 60}


# -- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("search", "found"),
    [("libraries", 2), ("LIBRARIES", 2), ("cut libraries", 2), ("Hale", 2), ("hospitals", 0),
     ("libraries hospitals", 0), ('"unbalanced', 0), ("cut OR", 0), ("NOT libraries", 2),
     ("libraries\x00", 2), ("'; DROP TABLE quotes; --", 0), ("lib*", 0), ("(", 0),
     ("\\", 0)],
)
def test_full_text_search_takes_words_and_never_syntax(kind: str, where: str, search: str,
                                                       found: int) -> None:
    with open_kind(kind, where) as store:
        store.save(full())
        assert len(store.search_quotes(search=search)) == found
        assert counts(store)["quotes"] == 2  # hostile input did nothing to the record


@pytest.mark.parametrize(
    ("filters", "ids"),
    [({}, ["q2", "q1"]),
     ({"speaker": "Hale"}, ["q2", "q1"]), ({"speaker": "jo hale"}, ["q2", "q1"]),
     ({"speaker": "Nobody"}, []), ({"speaker": "Hale\\"}, []), ({"speaker": "100%"}, []),
     ({"since": "2021"}, ["q1"]), ({"since": "2021-03-05"}, []),
     ({"until": "2020-12-31"}, ["q2"]), ({"until": "2021-03"}, ["q2", "q1"]),
     ({"until": "2014"}, ["q2"]), ({"since": "2014-05", "until": "2014-05"}, ["q2"]),
     ({"stance": "favor"}, ["q1"]), ({"stance": "against"}, ["q2"]),
     ({"topic": "libraries", "stance": "against"}, ["q2"]), ({"stance": "nonsense"}, []),
     ({"limit": 1}, ["q2"]), ({"limit": 1, "offset": 1}, ["q1"]), ({"offset": 2}, [])],
)
def test_statement_filters_and_order(kind: str, where: str, filters: dict[str, Any],
                                     ids: list[str]) -> None:
    """Statements in the order they were made: their own date, else their article's."""
    with open_kind(kind, where) as store:
        store.save(full())
        rows = store.search_quotes(**filters)
        assert [r["id"] for r in rows] == ids
        assert all(r["article_id"] == "budget-row" and r["article_title"] == "Budget row"
                   and r["article_date"] == "2021-03-04" for r in rows)


def test_undated_statements_come_first_and_undated_articles_last(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        for article_id, date in [("late", "2022-01-01"), ("undated", None), ("early", "2020")]:
            item = full(article_id, date)
            store.save(replace(item, quotes=item.quotes[:1]))
        assert [r["article_id"] for r in store.search_quotes()] == ["undated", "early", "late"]
        assert [a.id for a in store.articles()] == ["early", "late", "undated"]
        assert [r["article_id"] for r in store.question_rows()] == ["undated", "early", "late"]


@pytest.mark.parametrize(
    ("spelling", "found"),
    [("libraries", 2), ("Libraries", 2), ("the libraries", 2), ("LIBRARIES", 2),
     ("library", 2), ("hospitals", 0), ("library funding", 0), ("", 2)],
)
def test_topic_filter_matches_any_spelling_of_the_topic(kind: str, where: str, spelling: str,
                                                         found: int) -> None:
    with open_kind(kind, where) as store:
        store.save(full())
        assert len(store.search_quotes(topic=spelling)) == found


@pytest.mark.parametrize(
    ("filters", "found"),
    [({"topic": "reading rooms"}, 1), ({"topic": "Reading Room"}, 1),
     ({"topic": "reading rooms", "stance": "favor"}, 1),
     ({"topic": "reading rooms", "stance": "against"}, 0), ({"topic": "swimming pools"}, 0)],
)
def test_topic_filter_finds_a_topic_by_the_other_names_its_article_gives_it(
    kind: str, where: str, filters: dict[str, str], found: int
) -> None:
    item = full()
    named = replace(item.quotes[0], topics=(
        TopicStance("libraries", "favor", 0.8, aliases=("reading rooms", "branch libraries")),))
    with open_kind(kind, where) as store:
        store.save(replace(item, quotes=(named, item.quotes[1])))
        assert len(store.search_quotes(**filters)) == found  # type: ignore[arg-type]


def test_articles_list_counts_their_rows(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        store.save(full())
        [listed] = store.articles()
        assert (listed.id, listed.title, listed.date, listed.quotes, listed.removed,
                listed.onrecord_version) == ("budget-row", "Budget row", "2021-03-04", 2, 1,
                                             __version__)


def test_the_record_over_time(kind: str, where: str) -> None:
    """What ``compare.load_record`` and the question pages read."""
    with open_kind(kind, where) as store:
        store.save(full())
        store.save(full("other", "2022-01-01"))
        assert [(a, d, q["id"]) for a, d, q in store.quote_records()] == [
            ("budget-row", "2021-03-04", "q1"), ("budget-row", "2021-03-04", "q2"),
            ("other", "2022-01-01", "q1"), ("other", "2022-01-01", "q2")]
        assert sorted(store.speaker_names()) == [("Jo Hale", 4)]
        rows = store.question_rows()
        assert [(r["article_id"], r["id"], r["outcome"]) for r in rows] == [
            ("budget-row", "x1", "evaded"), ("other", "x1", "evaded")]
        assert rows[0]["article_title"] == "Budget row"


def test_speaker_overrides_are_kept_once_in_order(kind: str, where: str) -> None:
    with open_kind(kind, where) as store:
        store.add_override("merge", "J. Hale", "Jo Hale")
        store.add_override("split", "Jo Hale", "Joanna Hale")
        store.add_override("merge", "J. Hale", "Jo Hale")
        assert store.overrides() == [("merge", "J. Hale", "Jo Hale"),
                                     ("split", "Jo Hale", "Joanna Hale")]


@pytest.mark.parametrize("bad", ["rename", ""])
def test_postgres_an_unknown_override_kind_is_refused(pg_url: str, bad: str) -> None:
    with PostgresStore(pg_url) as store, pytest.raises(psycopg.errors.CheckViolation):
        store.add_override(bad, "a", "b")  # type: ignore[arg-type]


def test_both_stores_read_back_alike(pg_url: str, tmp_path: Path) -> None:
    """The same ingest, read through every method the CLI, the web pages and ``compare`` use."""
    from onrecord.compare import load_record

    items = [full("budget-row"), full("undated", None), full("later", "2023-11-30"),
             analyzed(article_id="plain")]
    read: list[list[Any]] = []
    for store in (SQLiteStore(tmp_path / "r.db"), PostgresStore(pg_url)):
        with store:
            outcomes = [store.save(item) for item in [*items, items[0]]]
            store.record_skipped("photo.png", "not text")
            store.add_override("merge", "J. Hale", "Jo Hale")
            read.append([
                outcomes, store.articles(), store.skipped(), store.search_quotes(),
                store.search_quotes(search="libraries", topic="Libraries", since="2015"),
                sorted(store.speaker_names()), store.quote_records(), store.question_rows(),
                store.overrides(), [store.article_record(item.article.id) for item in items],
                load_record(store),
            ])
    lite, pg = read
    assert lite[0] == ["stored"] * 4 + ["unchanged"]
    assert [(r["article_id"], r["id"]) for r in lite[4]] == [("budget-row", "q1"), ("later", "q1")]
    for number, (a, b) in enumerate(zip(lite, pg, strict=True)):
        assert a == b, number


# -- PostgreSQL at scale: the filters can use an index ------------------------------------------


@pytest.mark.parametrize(
    ("filters", "index"),
    [({"search": "libraries"}, "quotes_words"), ({"topic": "libraries"}, "quote_topics_key"),
     ({"since": "2021"}, "quotes_when"), ({"speaker": "Hale"}, "quotes_speaker_trigrams")],
)
def test_postgres_filters_can_use_their_index(pg_url: str, filters: dict[str, Any], index: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with PostgresStore(pg_url) as store:
        present = store.conn.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", (index,))
        if index.endswith("trigrams") and present.fetchone() is None:
            pytest.skip("pg_trgm is not available on this server: the speaker filter scans")
        store.save(full())
        explained: list[str] = []

        def explain(sql: Any, params: Any = None, **kwargs: Any) -> Any:
            with store.conn.transaction():
                original("SET LOCAL enable_seqscan = off")
                plan = original(b"EXPLAIN " + (sql.encode() if isinstance(sql, str) else sql),
                                params).fetchall()
            explained.extend(row["QUERY PLAN"] for row in plan)
            return original(sql, params, **kwargs)

        original = store.conn.execute
        monkeypatch.setattr(store.conn, "execute", explain)
        store.search_quotes(**filters)
        assert any(index in line for line in explained), "\n".join(explained)


def test_postgres_topic_keys_follow_canonical_topic_after_an_upgrade(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        store.save(full())
        store.conn.execute("UPDATE quote_topics SET topic_key = 'stale', topic_key_folded = 'x'")
        assert store.search_quotes(topic="libraries") == []
        assert store.reindex_topics() == 2  # 'libraries' and 'Libraries'
        assert len(store.search_quotes(topic="libraries")) == 2
        assert store.reindex_topics() == 0


def test_postgres_alias_keys_follow_canonical_topic_after_an_upgrade(pg_url: str) -> None:
    item = full()
    named = replace(item.quotes[0], topics=(
        TopicStance("libraries", "favor", 0.8, aliases=("reading rooms",)),))
    with PostgresStore(pg_url) as store:
        store.save(replace(item, quotes=(named,)))
        store.conn.execute("UPDATE quote_topic_aliases SET alias_key = 'stale', alias_key_folded = 'x'")
        assert store.search_quotes(topic="reading rooms") == []
        assert store.reindex_topics() == 1
        assert len(store.search_quotes(topic="reading rooms")) == 1


@pytest.mark.parametrize(
    ("name", "keys"),
    [("libraries", ("library", "library")), ("Libraries", ("libraries", "library")),
     ("the Libraries", ("libraries", "library"))],
)
def test_topic_keys_are_the_canonical_topic_as_written_and_lower_cased(
    name: str, keys: tuple[str, str]
) -> None:
    assert topic_keys(name) == keys
