"""SQLite store: one file, no server. Schema created and migrated by the tool.

Writes are atomic per article (one transaction: the article and all its rows, or nothing)
and idempotent (an article is keyed by its id; the same content hash and onrecord version
leave it untouched).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Literal

from onrecord import __version__
from onrecord.models import AnalyzedArticle
from onrecord.store.records import Outcome, StoredArticle, content_hash, with_article

# Each entry moves the schema one version up; never edit a released entry, add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        date TEXT,
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
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX removed_article ON removed(article_id);
    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content TEXT NOT NULL,
        cue TEXT,
        speaker TEXT,
        speaker_type TEXT NOT NULL,
        mention TEXT,
        voice TEXT NOT NULL,
        said_on TEXT,
        said_on_precision TEXT NOT NULL,
        confidence REAL NOT NULL,
        record TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        UNIQUE (article_id, quote_id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE quote_topics (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX quote_topics_topic ON quote_topics(topic);
    CREATE TABLE questions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
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
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        onrecord_version TEXT NOT NULL,
        skipped_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, speaker, content='quotes', content_rowid='rowid', tokenize='unicode61'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.rowid, new.content, new.speaker);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker)
        VALUES ('delete', old.rowid, old.content, old.speaker);
    END;
    """,
    """
    CREATE TABLE speaker_overrides (
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        name TEXT NOT NULL,
        other TEXT NOT NULL,
        made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (kind, name, other)
    );
    CREATE INDEX quote_topics_quote ON quote_topics(article_id, quote_id);
    """,
    """
    CREATE TABLE quote_topic_aliases (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        alias TEXT NOT NULL
    );
    CREATE INDEX quote_topic_aliases_quote ON quote_topic_aliases(article_id, quote_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class SQLiteStore:
    """The record in one SQLite file (WAL mode)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            raise FileNotFoundError(f"directory {self.path.parent} does not exist")
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        add_functions(self.conn)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA busy_timeout = 5000")
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------------

    def schema_version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} has schema version {current}, newer than this onrecord "
                f"({SCHEMA_VERSION}); upgrade onrecord"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[version - 1]
            # executescript commits first; the version row is written by the same script.
            self.conn.executescript(
                f"BEGIN;\n{script}\nINSERT INTO schema_version VALUES ({version});\nCOMMIT;"
            )

    # -- writing ---------------------------------------------------------------------------

    def save(self, analyzed: AnalyzedArticle) -> Outcome:
        """Store one analysed article atomically; the same article again changes nothing."""
        article = analyzed.article
        digest = content_hash(analyzed)
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            row = cur.execute(
                "SELECT content_hash, onrecord_version FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if row and row["content_hash"] == digest and row["onrecord_version"] == __version__:
                cur.execute("ROLLBACK")
                return "unchanged"
            if row:
                cur.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
                cur.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            self._insert(cur, analyzed, digest)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return "replaced" if row else "stored"

    def _insert(self, cur: sqlite3.Cursor, analyzed: AnalyzedArticle, digest: str) -> None:
        a = analyzed.article
        cur.execute(
            "INSERT INTO articles (id, title, date, date_source, date_precision, url, source,"
            " author, origin, metadata, text, content_hash, onrecord_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.title, a.date, a.date_source, a.date_precision, a.url, a.source, a.author,
             a.origin, json.dumps(a.metadata, ensure_ascii=False), a.text, digest, __version__),
        )
        cur.executemany(
            'INSERT INTO removed (article_id, start, "end", reason) VALUES (?, ?, ?, ?)',
            [(a.id, r.start, r.end, r.reason) for r in analyzed.removed],
        )
        for q in analyzed.quotes:
            cur.execute(
                "INSERT INTO quotes (article_id, quote_id, kind, content_start, content_end,"
                " content, cue, speaker, speaker_type, mention, voice, said_on,"
                " said_on_precision, confidence, record, onrecord_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, q.id, q.kind, q.content.start, q.content.end, q.content.text,
                 q.cue.text if q.cue else None, q.speaker.name, q.speaker.type,
                 q.speaker.mention.text if q.speaker.mention else None, q.voice,
                 q.said_on.date, q.said_on.precision, q.confidence,
                 json.dumps(q.to_json(), ensure_ascii=False), __version__),
            )
            cur.executemany(
                "INSERT INTO quote_topics (article_id, quote_id, topic, stance, confidence)"
                " VALUES (?, ?, ?, ?, ?)",
                [(a.id, q.id, t.name, t.stance, t.confidence) for t in q.topics],
            )
            cur.executemany(
                "INSERT INTO quote_topic_aliases (article_id, quote_id, topic, alias)"
                " VALUES (?, ?, ?, ?)",
                [(a.id, q.id, t.name, alias) for t in q.topics for alias in t.aliases],
            )
        cur.executemany(
            "INSERT INTO questions (article_id, question_id, text, asker, addressee, outcome,"
            " record, onrecord_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, x.id, x.text.text, x.asker, x.addressee, x.outcome,
              json.dumps(x.to_json(), ensure_ascii=False), __version__)
             for x in analyzed.questions],
        )

    def record_skipped(self, origin: str, reason: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO skipped (origin, reason, onrecord_version) VALUES (?, ?, ?)",
                (origin, reason, __version__),
            )

    # -- reading ---------------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.date, a.source, a.onrecord_version,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT count(*) FROM removed r WHERE r.article_id = a.id) AS removed"
            " FROM articles a ORDER BY a.date IS NULL, a.date, a.id"
        ).fetchall()
        return [StoredArticle(r["id"], r["title"], r["date"], r["source"], r["quotes"],
                              r["removed"], r["onrecord_version"]) for r in rows]

    def skipped(self) -> list[tuple[str, str]]:
        return [(r["origin"], r["reason"])
                for r in self.conn.execute("SELECT origin, reason FROM skipped ORDER BY rowid")]

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as an ``onrecord.article/1`` object."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        removed = self.conn.execute(
            'SELECT start, "end", reason FROM removed WHERE article_id = ? ORDER BY start',
            (article_id,),
        ).fetchall()
        quotes = self.conn.execute(
            "SELECT record FROM quotes WHERE article_id = ? ORDER BY content_start", (article_id,)
        ).fetchall()
        questions = self.conn.execute(
            "SELECT record FROM questions WHERE article_id = ? ORDER BY rowid", (article_id,)
        ).fetchall()
        return {
            "schema": "onrecord.article/1",
            "article": {
                "id": row["id"], "title": row["title"], "date": row["date"],
                "date_source": row["date_source"], "date_precision": row["date_precision"],
                "url": row["url"], "source": row["source"], "author": row["author"],
                "metadata": json.loads(row["metadata"]), "text": row["text"],
            },
            "removed": [dict(r) for r in removed],
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
        """Quotes with their article id, filtered; ``search`` is an FTS5 query."""
        clauses: list[str] = []
        params: list[Any] = []
        sql = "SELECT q.article_id, q.record, a.title, a.date FROM quotes q JOIN articles a ON a.id = q.article_id"
        if search:
            sql += " JOIN quotes_fts f ON f.rowid = q.rowid"
            clauses.append("quotes_fts MATCH ?")
            params.append(fts_query(search))
        if speaker:
            clauses.append("q.speaker LIKE ?")
            params.append(f"%{speaker}%")
        if topic or stance:
            sub = "SELECT 1 FROM quote_topics t WHERE t.article_id = q.article_id AND t.quote_id = q.quote_id"
            if topic:  # "Nato", "NATO" and "the North Atlantic Treaty Organization" alike,
                # and any other name the article gives the topic
                sub += (" AND (canonical_topic(t.topic) = canonical_topic(?)"
                        " OR canonical_topic(lower(t.topic)) = canonical_topic(lower(?))"
                        " OR EXISTS (SELECT 1 FROM quote_topic_aliases al"
                        " WHERE al.article_id = t.article_id AND al.quote_id = t.quote_id"
                        " AND al.topic = t.topic AND (canonical_topic(al.alias) = canonical_topic(?)"
                        " OR canonical_topic(lower(al.alias)) = canonical_topic(lower(?)))))")
                params += [topic, topic, topic, topic]
            if stance:
                sub += " AND t.stance = ?"
                params.append(stance)
            clauses.append(f"EXISTS ({sub})")
        if since:
            clauses.append("coalesce(q.said_on, a.date) >= ?")
            params.append(since)
        if until:
            clauses.append("coalesce(q.said_on, a.date) <= ?")
            params.append(until + "\uffff")
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY coalesce(q.said_on, a.date), q.article_id, q.content_start LIMIT ? OFFSET ?"
        params += [limit, offset]
        rows = self.conn.execute(sql, params).fetchall()
        return [with_article(dict(r)) for r in rows]


    # -- the record over time ------------------------------------------------------------------

    def quote_records(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """Every stored quote as (article id, article date, ``onrecord.article/1`` quote)."""
        rows = self.conn.execute(
            "SELECT q.article_id, a.date, q.record FROM quotes q"
            " JOIN articles a ON a.id = q.article_id ORDER BY q.article_id, q.content_start"
        ).fetchall()
        return [(r[0], r[1], json.loads(r[2])) for r in rows]

    def speaker_names(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker"
        ).fetchall()
        return [(r["speaker"], r["n"]) for r in rows]

    def add_override(self, kind: Literal["merge", "split"], name: str, other: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO speaker_overrides (kind, name, other) VALUES (?, ?, ?)",
                (kind, name, other),
            )

    def overrides(self) -> list[tuple[str, str, str]]:
        return [(r["kind"], r["name"], r["other"]) for r in self.conn.execute(
            "SELECT kind, name, other FROM speaker_overrides ORDER BY rowid")]

    def question_rows(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT x.article_id, x.record, a.title, a.date FROM questions x"
            " JOIN articles a ON a.id = x.article_id ORDER BY a.date, x.article_id, x.rowid"
        ).fetchall()
        return [with_article(dict(r)) for r in rows]


def add_functions(conn: sqlite3.Connection) -> None:
    """Rows as mappings, and the SQL functions the queries use."""
    conn.row_factory = sqlite3.Row
    conn.create_function("canonical_topic", 1, _canonical_topic, deterministic=True)


def _canonical_topic(name: str | None) -> str | None:
    from onrecord.topics import canonical_topic

    return canonical_topic(name) if name is not None else None


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (no FTS syntax errors from user input)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    terms = [t.replace('"', '""') for t in printable.split() if t.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'

