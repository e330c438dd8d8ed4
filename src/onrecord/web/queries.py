"""Read-only access to the record for the web server.

The server never writes: it opens the SQLite file with ``mode=ro`` (so not even a migration
can run) and a new connection per request, because sqlite3 connections cannot cross the
threads a web server uses. Every query here is parameterised.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from onrecord.store import POSTGRES_SCHEMES
from onrecord.store.sqlite import SCHEMA_VERSION, SQLiteStore, add_functions


class RecordUnavailable(RuntimeError):
    """The record file is missing, unreadable or from a newer onrecord."""


class ReadOnlyStore(SQLiteStore):
    """The store's reading methods over a read-only connection (no migration, no WAL switch)."""

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - replaces the writer's opening
        self.path = Path(path)
        if not self.path.is_file():
            raise RecordUnavailable(f"no record at {self.path.name}")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
            add_functions(self.conn)
            self.conn.execute("PRAGMA busy_timeout = 5000")
            version = self.stored_schema_version()
        except sqlite3.DatabaseError as error:
            raise RecordUnavailable(f"{self.path.name} is not an onrecord store") from error
        if version == 0 or version > SCHEMA_VERSION:
            self.conn.close()
            raise RecordUnavailable(
                f"{self.path.name} has schema version {version}; this onrecord reads "
                f"1 to {SCHEMA_VERSION}"
            )

    def stored_schema_version(self) -> int:
        """The schema version without creating the version table (the writer's method does)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        raise RecordUnavailable("the web server opens the record read-only")

    def counts(self) -> Counts:
        return read_counts(self.conn)


# The same in both stores' SQL; no user input reaches it.
COUNTS_SQL = (
    "SELECT (SELECT count(*) FROM articles) AS articles,"
    " (SELECT count(*) FROM quotes) AS statements,"
    " (SELECT count(*) FROM questions) AS questions,"
    " (SELECT count(*) FROM questions WHERE outcome IN ('evaded', 'declined')) AS dodged"
)


def read_counts(conn: Any) -> Counts:
    row = conn.execute(COUNTS_SQL).fetchone()
    return Counts(row["articles"], row["statements"], row["questions"], row["dodged"])


def open_reader(where: str | Path) -> ReadOnlyStore | Any:
    """The record, read-only: a SQLite file, or a ``postgresql://`` URL."""
    if str(where).startswith(POSTGRES_SCHEMES):
        return open_postgres_reader(str(where))
    return ReadOnlyStore(where)


def _postgres_reader_class() -> type:
    """The PostgreSQL reader, defined only when psycopg is installed."""
    import psycopg
    from psycopg.rows import dict_row

    from onrecord.store.postgres import SCHEMA_VERSION as PG_SCHEMA_VERSION
    from onrecord.store.postgres import PostgresStore

    class Reader(PostgresStore):
        """The PostgreSQL store's reading methods in read-only transactions (no migration)."""

        def __init__(self, url: str) -> None:  # noqa: D107 - replaces the writer's opening
            self.url = url
            try:
                self.conn = psycopg.connect(
                    url, autocommit=True, row_factory=dict_row,
                    options="-c default_transaction_read_only=on",
                )
            except psycopg.OperationalError:
                raise RecordUnavailable("cannot connect to the PostgreSQL record") from None
            exists = self.conn.execute("SELECT to_regclass('schema_version') AS t").fetchone()
            version = 0
            if exists and exists["t"]:
                row = self.conn.execute("SELECT max(version) AS v FROM schema_version").fetchone()
                version = int(row["v"] or 0) if row else 0
            if version == 0 or version > PG_SCHEMA_VERSION:
                self.conn.close()
                raise RecordUnavailable(
                    f"the PostgreSQL record has schema version {version}; this onrecord reads "
                    f"1 to {PG_SCHEMA_VERSION}"
                )

        def migrate(self) -> None:
            raise RecordUnavailable("the web server opens the record read-only")

        def counts(self) -> Counts:
            return read_counts(self.conn)

    return Reader


def open_postgres_reader(url: str) -> Any:
    """A read-only PostgreSQL store (its class needs psycopg, imported here on first use)."""
    try:
        reader = _postgres_reader_class()
    except ImportError:
        raise RecordUnavailable("PostgreSQL needs psycopg: pip install 'onrecord[postgres]'") from None
    return reader(url)


@dataclass(frozen=True)
class Counts:
    articles: int
    statements: int
    questions: int
    dodged: int
