"""PostgreSQL store: the record for shared deployments (many writers, archives of millions).

The same public methods and the same semantics as :class:`onrecord.store.sqlite.SQLiteStore`:
the schema is created and migrated by the tool (a ``schema_version`` table), ``save`` is one
transaction per article (atomic) and keyed by the article id, its content hash and the
onrecord version (idempotent). What differs is how the server does the work:

- several processes may ingest at once: writers of one article queue on a transaction-scoped
  advisory lock keyed by the article id (a row lock cannot cover a row not inserted yet);
- full-text search reads a generated ``tsvector`` column (``simple`` configuration: lower-cased,
  no stemming, like SQLite's ``unicode61``) through a GIN index, queried with
  ``plainto_tsquery`` so that no user input can raise;
- the topic filter compares ``canonical_topic`` keys computed in Python when the row is
  written (``topic_key``, and ``topic_key_folded`` of the lower-cased name), so that any
  spelling of a topic finds it through an index;
- the date filters and the order read ``said_when``: the statement's date, else its article's,
  also written with the row;
- text that is compared or sorted is ``COLLATE "C"`` (byte order, as in SQLite), so that
  dates and ids sort the same on every server whatever its locale.

Every row records the onrecord version that wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import psycopg
from psycopg.rows import dict_row

from onrecord import __version__
from onrecord.models import AnalyzedArticle
from onrecord.store.records import Outcome, StoredArticle, content_hash, with_article
from onrecord.topics import canonical_topic

# Each entry moves the schema one version up; never edit a released entry, add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT,
        date TEXT COLLATE "C",
        date_source TEXT NOT NULL,
        date_precision TEXT NOT NULL,
        url TEXT,
        source TEXT,
        author TEXT,
        origin TEXT,
        metadata TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX articles_date ON articles (date, id);
    CREATE TABLE removed (
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL,
        onrecord_version TEXT NOT NULL
    );
    CREATE INDEX removed_article ON removed (article_id);
    CREATE TABLE quotes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        quote_id TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content TEXT NOT NULL,
        cue TEXT,
        speaker TEXT,
        speaker_type TEXT NOT NULL,
        mention TEXT,
        voice TEXT NOT NULL,
        said_on TEXT COLLATE "C",
        said_on_precision TEXT NOT NULL,
        said_when TEXT COLLATE "C",
        confidence DOUBLE PRECISION NOT NULL,
        record TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        words TSVECTOR GENERATED ALWAYS AS
            (to_tsvector('simple', content || ' ' || coalesce(speaker, ''))) STORED,
        UNIQUE (article_id, quote_id)
    );
    CREATE INDEX quotes_words ON quotes USING GIN (words);
    CREATE INDEX quotes_speaker ON quotes (speaker);
    CREATE INDEX quotes_when ON quotes (said_when NULLS FIRST, article_id, content_start);
    CREATE TABLE quote_topics (
        article_id TEXT COLLATE "C" NOT NULL,
        quote_id TEXT COLLATE "C" NOT NULL,
        topic TEXT NOT NULL,
        topic_key TEXT NOT NULL,
        topic_key_folded TEXT NOT NULL,
        stance TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        onrecord_version TEXT NOT NULL,
        FOREIGN KEY (article_id, quote_id)
            REFERENCES quotes (article_id, quote_id) ON DELETE CASCADE
    );
    CREATE INDEX quote_topics_quote ON quote_topics (article_id, quote_id);
    CREATE INDEX quote_topics_key ON quote_topics (topic_key);
    CREATE INDEX quote_topics_key_folded ON quote_topics (topic_key_folded);
    CREATE TABLE questions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        text TEXT NOT NULL,
        asker TEXT,
        addressee TEXT,
        outcome TEXT NOT NULL,
        record TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        UNIQUE (article_id, question_id)
    );
    CREATE TABLE skipped (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        skipped_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE speaker_overrides (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        name TEXT NOT NULL,
        other TEXT NOT NULL,
        made_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (kind, name, other)
    );
    -- The speaker filter is a substring match: trigrams index it where the extension is
    -- allowed (pg_trgm is a trusted extension); without it the filter still works, by scan.
    DO $$
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX quotes_speaker_trigrams ON quotes USING GIN (speaker gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'no trigram index on quotes.speaker: %', SQLERRM;
    END
    $$;
    """,
    """
    CREATE TABLE quote_topic_aliases (
        article_id TEXT COLLATE "C" NOT NULL,
        quote_id TEXT COLLATE "C" NOT NULL,
        topic TEXT NOT NULL,
        alias TEXT NOT NULL,
        alias_key TEXT NOT NULL,
        alias_key_folded TEXT NOT NULL,
        FOREIGN KEY (article_id, quote_id)
            REFERENCES quotes (article_id, quote_id) ON DELETE CASCADE
    );
    CREATE INDEX quote_topic_aliases_quote ON quote_topic_aliases (article_id, quote_id);
    CREATE INDEX quote_topic_aliases_key ON quote_topic_aliases (alias_key);
    CREATE INDEX quote_topic_aliases_key_folded ON quote_topic_aliases (alias_key_folded);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Advisory lock keys: the two-integer form, so they never meet anyone's one-bigint keys.
LOCK_NAMESPACE = 0x6F6E7265  # "onre"
LOCK_MIGRATION = 0


class PostgresStore:
    """The record in a PostgreSQL database, given by a ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.conn: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                url, autocommit=True, row_factory=dict_row
            )
        except psycopg.OperationalError as error:
            # An OSError, so that the CLI reports it like a missing SQLite directory.
            raise ConnectionError(f"cannot connect to PostgreSQL: {error}") from None
        self.migrate()

    @property
    def name(self) -> str:
        """The database, for messages (never the URL: it may hold a password)."""
        return f"PostgreSQL database {self.conn.info.dbname}"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------------

    def schema_version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT max(version) AS v FROM schema_version").fetchone()
        return int(row["v"] or 0) if row else 0

    def migrate(self) -> None:
        """Bring the schema up to date; processes opening one new database at once take
        turns, and each migration lands with its version row or not at all."""
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                              (LOCK_NAMESPACE, LOCK_MIGRATION))
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.name} has schema version {current}, newer than this onrecord "
                    f"({SCHEMA_VERSION}); upgrade onrecord"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                self.conn.execute(MIGRATIONS[version - 1].encode("utf-8"))
                self.conn.execute("INSERT INTO schema_version VALUES (%s)", (version,))

    # -- writing ---------------------------------------------------------------------------

    def save(self, analyzed: AnalyzedArticle) -> Outcome:
        """Store one analysed article atomically; the same article again changes nothing."""
        article = analyzed.article
        digest = content_hash(analyzed)
        # Re-ingesting an archive is mostly this: one look, no lock, no transaction.
        if self._stored_as(self.conn, article.id) == (digest, __version__):
            return "unchanged"
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                            (LOCK_NAMESPACE, article.id))
                stored_as = self._stored_as(cur, article.id)  # again: we may have waited
                if stored_as == (digest, __version__):
                    return "unchanged"
                if stored_as:  # its removed spans, quotes, topics and questions go with it
                    cur.execute("DELETE FROM articles WHERE id = %s", (article.id,))
                self._insert(cur, analyzed, digest)
        except psycopg.DataError as error:  # e.g. a NUL character: PostgreSQL text holds none
            raise ValueError(f"cannot store article {article.id!r}: {error}") from error
        return "replaced" if stored_as else "stored"

    @staticmethod
    def _stored_as(
        on: psycopg.Connection[Any] | psycopg.Cursor[Any], article_id: str
    ) -> tuple[str, str] | None:
        """The content hash and onrecord version of the stored article, if there is one."""
        row = on.execute("SELECT content_hash, onrecord_version FROM articles WHERE id = %s",
                         (article_id,)).fetchone()
        return (row["content_hash"], row["onrecord_version"]) if row else None

    def _insert(self, cur: psycopg.Cursor[Any], analyzed: AnalyzedArticle, digest: str) -> None:
        cur.execute(
            "INSERT INTO articles (id, title, date, date_source, date_precision, url, source,"
            " author, origin, metadata, text, content_hash, onrecord_version)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            article_values(analyzed, digest),
        )
        cur.executemany(
            'INSERT INTO removed (article_id, start, "end", reason, onrecord_version)'
            " VALUES (%s, %s, %s, %s, %s)",
            removed_values(analyzed),
        )
        cur.executemany(
            "INSERT INTO quotes (article_id, quote_id, kind, content_start, content_end,"
            " content, cue, speaker, speaker_type, mention, voice, said_on, said_on_precision,"
            " said_when, confidence, record, onrecord_version)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            quote_values(analyzed),
        )
        cur.executemany(
            "INSERT INTO quote_topics (article_id, quote_id, topic, topic_key,"
            " topic_key_folded, stance, confidence, onrecord_version)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            topic_values(analyzed),
        )
        cur.executemany(
            "INSERT INTO quote_topic_aliases (article_id, quote_id, topic, alias, alias_key,"
            " alias_key_folded) VALUES (%s, %s, %s, %s, %s, %s)",
            alias_values(analyzed),
        )
        cur.executemany(
            "INSERT INTO questions (article_id, question_id, text, asker, addressee, outcome,"
            " record, onrecord_version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            question_values(analyzed),
        )

    def record_skipped(self, origin: str, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO skipped (origin, reason, onrecord_version) VALUES (%s, %s, %s)",
            (origin, reason, __version__),
        )

    def reindex_topics(self) -> int:
        """Recompute the stored topic keys with this onrecord's ``canonical_topic``; the
        number of topic names and aliases whose keys changed. Run it after an upgrade that
        changed how topics are normalised (SQLite needs no such step: it normalises when it
        reads)."""
        with self.conn.transaction():
            return (self._reindex("quote_topics", "topic")
                    + self._reindex("quote_topic_aliases", "alias"))

    def _reindex(self, table: str, column: str) -> int:
        """Rekey one table's names (``column``, with ``column_key`` and ``column_key_folded``;
        ``topic_key`` for ``topic``): the number of names whose keys changed."""
        changed = 0
        key_column = f"{column}_key"
        names = self.conn.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()
        for row in names:
            key, folded = topic_keys(row[column])
            updated = self.conn.execute(
                f"UPDATE {table} SET {key_column} = %s, {key_column}_folded = %s"
                f" WHERE {column} = %s AND ({key_column} <> %s OR {key_column}_folded <> %s)",
                (key, folded, row[column], key, folded),
            )
            changed += bool(updated.rowcount)
        return changed

    # -- reading ---------------------------------------------------------------------------

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the record, even while others write."""
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def articles(self) -> list[StoredArticle]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.date, a.source, a.onrecord_version,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT count(*) FROM removed r WHERE r.article_id = a.id) AS removed"
            " FROM articles a ORDER BY a.date NULLS LAST, a.id"
        ).fetchall()
        return [StoredArticle(r["id"], r["title"], r["date"], r["source"], r["quotes"],
                              r["removed"], r["onrecord_version"]) for r in rows]

    def skipped(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT origin, reason FROM skipped ORDER BY id").fetchall()
        return [(r["origin"], r["reason"]) for r in rows]

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as an ``onrecord.article/1`` object."""
        with self._snapshot():
            # The columns of ``Article.to_json``, in its order.
            article = self.conn.execute(
                "SELECT id, title, date, date_source, date_precision, url, source, author,"
                " metadata, text FROM articles WHERE id = %s", (article_id,)
            ).fetchone()
            if article is None:
                return None
            removed = self.conn.execute(
                'SELECT start, "end", reason FROM removed WHERE article_id = %s'
                ' ORDER BY start, "end"', (article_id,)
            ).fetchall()
            quotes = self.conn.execute(
                "SELECT record FROM quotes WHERE article_id = %s ORDER BY content_start, id",
                (article_id,),
            ).fetchall()
            questions = self.conn.execute(
                "SELECT record FROM questions WHERE article_id = %s ORDER BY id", (article_id,)
            ).fetchall()
        return {
            "schema": "onrecord.article/1",
            "article": article | {"metadata": json.loads(article["metadata"])},
            "removed": removed,
            "quotes": [json.loads(r["record"]) for r in quotes],
            "questions": [json.loads(r["record"]) for r in questions],
        }

    def search_quotes(
        self,
        speaker: str | None = None,
        search: str | None = None,
        topic: str | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quotes with their article id, filtered; ``search`` is words that must all occur
        (in the quoted words or the speaker's name), any case."""
        clauses: list[str] = []
        params: list[Any] = []
        if search:
            clauses.append("q.words @@ plainto_tsquery('simple', %s)")
            params.append(plain_words(search))
        if speaker:  # a substring, any case, as SQLite's LIKE; no escape character to misuse
            clauses.append("q.speaker ILIKE %s ESCAPE ''")
            params.append(f"%{no_nul(speaker)}%")
        if topic:
            # "Nato", "NATO" and "the North Atlantic Treaty Organization" alike, and any other
            # name the article gives the topic; one set of quotes, so both keys' indexes serve.
            on_stance = " AND t.stance = %s" if stance else ""
            by_name = ("SELECT t.article_id, t.quote_id FROM quote_topics t"
                       " WHERE (t.topic_key = %s OR t.topic_key_folded = %s)" + on_stance)
            by_alias = ("SELECT al.article_id, al.quote_id FROM quote_topic_aliases al"
                        " JOIN quote_topics t ON t.article_id = al.article_id"
                        " AND t.quote_id = al.quote_id AND t.topic = al.topic"
                        " WHERE (al.alias_key = %s OR al.alias_key_folded = %s)" + on_stance)
            clauses.append(f"(q.article_id, q.quote_id) IN ({by_name} UNION {by_alias})")
            keys = [*topic_keys(no_nul(topic)), *([no_nul(stance)] if stance else [])]
            params += keys * 2
        elif stance:
            clauses.append("EXISTS (SELECT 1 FROM quote_topics t WHERE t.article_id = q.article_id"
                           " AND t.quote_id = q.quote_id AND t.stance = %s)")
            params.append(no_nul(stance))
        if since:
            clauses.append("q.said_when >= %s")
            params.append(no_nul(since))
        if until:  # "2021-03" takes in every day of March
            clauses.append("q.said_when <= %s")
            params.append(no_nul(until) + "\uffff")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.conn.execute(
            "SELECT q.article_id, q.record, a.title, a.date"
            " FROM quotes q JOIN articles a ON a.id = q.article_id" + where +
            " ORDER BY q.said_when NULLS FIRST, q.article_id, q.content_start"
            " LIMIT %s OFFSET %s",
            [*params, limit, offset],
        ).fetchall()
        return [with_article(r) for r in rows]

    # -- the record over time ------------------------------------------------------------------

    def quote_records(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """Every stored quote as (article id, article date, ``onrecord.article/1`` quote)."""
        rows = self.conn.execute(
            "SELECT q.article_id, a.date, q.record FROM quotes q"
            " JOIN articles a ON a.id = q.article_id ORDER BY q.article_id, q.content_start, q.id"
        ).fetchall()
        return [(r["article_id"], r["date"], json.loads(r["record"])) for r in rows]

    def speaker_names(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL"
            " GROUP BY speaker ORDER BY speaker"
        ).fetchall()
        return [(r["speaker"], r["n"]) for r in rows]

    def add_override(self, kind: Literal["merge", "split"], name: str, other: str) -> None:
        self.conn.execute(
            "INSERT INTO speaker_overrides (kind, name, other) VALUES (%s, %s, %s)"
            " ON CONFLICT (kind, name, other) DO NOTHING",
            (kind, name, other),
        )

    def overrides(self) -> list[tuple[str, str, str]]:
        rows = self.conn.execute(
            "SELECT kind, name, other FROM speaker_overrides ORDER BY id"
        ).fetchall()
        return [(r["kind"], r["name"], r["other"]) for r in rows]

    def question_rows(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT x.article_id, x.record, a.title, a.date FROM questions x"
            " JOIN articles a ON a.id = x.article_id"
            " ORDER BY a.date NULLS FIRST, x.article_id, x.id"
        ).fetchall()
        return [with_article(r) for r in rows]


# -- rows, as pure functions of the analysed article ---------------------------------------


def article_values(analyzed: AnalyzedArticle, digest: str) -> tuple[Any, ...]:
    a = analyzed.article
    return (a.id, a.title, a.date, a.date_source, a.date_precision, a.url, a.source, a.author,
            a.origin, json.dumps(a.metadata, ensure_ascii=False), a.text, digest, __version__)


def removed_values(analyzed: AnalyzedArticle) -> list[tuple[Any, ...]]:
    return [(analyzed.article.id, r.start, r.end, r.reason, __version__)
            for r in analyzed.removed]


def quote_values(analyzed: AnalyzedArticle) -> list[tuple[Any, ...]]:
    a = analyzed.article
    return [
        (a.id, q.id, q.kind, q.content.start, q.content.end, q.content.text,
         q.cue.text if q.cue else None, q.speaker.name, q.speaker.type,
         q.speaker.mention.text if q.speaker.mention else None, q.voice,
         q.said_on.date, q.said_on.precision,
         q.said_on.date if q.said_on.date is not None else a.date,  # said_when
         q.confidence, json.dumps(q.to_json(), ensure_ascii=False), __version__)
        for q in analyzed.quotes
    ]


def topic_values(analyzed: AnalyzedArticle) -> list[tuple[Any, ...]]:
    return [(analyzed.article.id, q.id, t.name, *topic_keys(t.name), t.stance, t.confidence,
             __version__)
            for q in analyzed.quotes for t in q.topics]


def alias_values(analyzed: AnalyzedArticle) -> list[tuple[Any, ...]]:
    return [(analyzed.article.id, q.id, t.name, alias, *topic_keys(alias))
            for q in analyzed.quotes for t in q.topics for alias in t.aliases]


def question_values(analyzed: AnalyzedArticle) -> list[tuple[Any, ...]]:
    return [(analyzed.article.id, x.id, x.text.text, x.asker, x.addressee, x.outcome,
             json.dumps(x.to_json(), ensure_ascii=False), __version__)
            for x in analyzed.questions]


def topic_keys(name: str) -> tuple[str, str]:
    """The keys under which a topic is found: its canonical form, and that of its lower-cased
    name (so a typed 'Libraries' finds 'libraries', whose plural only the lower case shows)."""
    return canonical_topic(name), canonical_topic(name.lower())


def plain_words(text: str) -> str:
    """Search words as plain text: characters that print nothing separate words."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def no_nul(text: str) -> str:
    """A filter value PostgreSQL accepts: its text holds no NUL, so one could match nothing."""
    return text.replace("\x00", " ")
